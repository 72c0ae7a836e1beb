"""pyproject.toml's package list and package data: what the wheel carries (tests/test_wheel.py
builds and installs it)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml
from setuptools import find_packages

from layout.bundled import BUNDLED_MANIFEST, bundled_fonts_dir, starter_dir

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]


def test_every_package_folder_is_listed():
    # The list is written out (layout.bundled_fonts has no folder under layout/): a new
    # subpackage left off it would be missing from the wheel.
    found = set(find_packages(str(REPO), include=["layout*"])) - {"layout.starter"}
    assert set(SETUPTOOLS["packages"]) == found | {"layout.bundled_fonts"}


def test_the_bundled_fonts_package_is_the_repository_fonts_folder():
    assert SETUPTOOLS["package-dir"] == {"layout.bundled_fonts": "fonts"}
    # From a checkout the bundled manifest is the repository's.
    assert bundled_fonts_dir() == REPO / "fonts"
    assert BUNDLED_MANIFEST == REPO / "fonts" / "manifest.yaml"


def test_package_data_covers_every_shipped_face_and_its_licence():
    patterns = SETUPTOOLS["package-data"]["layout.bundled_fonts"]
    fonts = REPO / "fonts"
    shipped = {p.relative_to(fonts).as_posix() for pat in patterns for p in fonts.glob(pat)}
    manifest = yaml.safe_load(BUNDLED_MANIFEST.read_text(encoding="utf-8"))
    for face in manifest["faces"].values():
        if face.get("optional"):
            # A system font (fonts-hanazono): not shipped, an absolute path, its licence is.
            assert Path(face["file"]).is_absolute()
        else:
            assert face["file"] in shipped
        assert face["licence"] in shipped
    assert manifest["coverage"] in shipped


def test_package_data_covers_the_starter_project():
    patterns = SETUPTOOLS["package-data"]["layout"]
    package = REPO / "layout"
    shipped = {p for pat in patterns for p in package.glob(pat) if p.is_file()}
    files = {p for p in starter_dir().rglob("*") if p.is_file()}
    assert files and files <= shipped

"""The wheel as users install it: built from this checkout, installed without extras into a
fresh virtual environment (no system site packages, so the package and every dependency come
from the wheel and the package index, never from this checkout), then used from an empty
folder: --version, init, build, proof --json --png, -o - and -o x.png.

Slow (a wheel built, a venv made, the dependencies installed: about a minute with pip's cache
warm, more on a fresh machine) but in the default run: it is the only test of what a
``pip install banmian`` user gets. The dependencies are pinned to the versions of the
environment running the tests, so the test checks this package, not the index's newest
releases.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from layout.text.linebreak import BREAKER, Breaker
from layout.text.loops import LOOPS, Loops

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(args: list[str | Path], cwd: Path, **kw) -> subprocess.CompletedProcess:
    hidden = {"PYTHONPATH", "PYTHONHOME", "BANMIAN_CACHE"}
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    # The user's cache folder (platformdirs) outside the folder the commands run in.
    env["XDG_CACHE_HOME"] = str(cwd.parent / "xdg-cache")
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, timeout=900, **kw
    )


def _constraints(path: Path) -> Path:
    """The versions installed here of everything the wheel may pull in."""
    lines = sorted(
        f"{d.metadata['Name']}=={d.version}"
        for d in importlib.metadata.distributions()
        if d.metadata["Name"] and d.metadata["Name"].lower() != "banmian"
    )
    path.write_text("\n".join(dict.fromkeys(lines)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv with the wheel of this checkout installed."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, REPO], cwd=root
    )
    assert built.returncode == 0, built.stderr.decode()
    (wheel,) = dist.glob("banmian-*.whl")
    env = root / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env)
    bindir = env / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    done = _run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "-c", _constraints(root / "constraints.txt"), wheel],
        cwd=root,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    # The package is the wheel's, inside the venv, with the fonts as package data.
    where = _run(
        [python, "-c", "import layout, layout.bundled as b; print(layout.__file__); "
         "print(b.BUNDLED_MANIFEST)"],
        cwd=root, text=True,
    )  # fmt: skip
    module, manifest = where.stdout.split()
    assert Path(module).is_relative_to(env) and Path(manifest).is_relative_to(env), where.stdout
    assert Path(manifest).parent.name == "bundled_fonts"
    return bindir


@pytest.fixture(scope="module")
def project(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder where ``banmian init proj`` was run."""
    folder = tmp_path_factory.mktemp("user")
    done = _run([installed / "banmian", "init", "proj"], cwd=folder, text=True)
    assert done.returncode == 0, done.stderr
    return folder


def test_version(installed: Path, tmp_path: Path) -> None:
    done = _run([installed / "banmian", "--version"], cwd=tmp_path, text=True)
    assert done.returncode == 0
    assert re.fullmatch(r"banmian \d+\.\d+\.\d+\S*\n", done.stdout), done.stdout


@pytest.mark.parametrize(
    ("module", "name", "here"),
    [("layout.text.linebreak", "BREAKER", BREAKER), ("layout.text.loops", "LOOPS", LOOPS)],
    ids=["breaker", "text-loops"],
)
def test_the_wheel_has_the_c_extensions_where_this_checkout_has_them(
    installed: Path, tmp_path: Path, module: str, name: str, here: Breaker | Loops
) -> None:
    # Built by the same compiler as this checkout's (pip install -e .): compiled here, so
    # compiled in the wheel (without a compiler both run the Python code).
    which = f"from {module} import {name}; print({name}.value)"
    done = _run([installed / "python", "-c", which], cwd=tmp_path, text=True)
    assert done.returncode == 0, done.stderr
    compiled = type(here).COMPILED
    if here is compiled:
        assert done.stdout.strip() == compiled.value
    else:
        assert done.stdout.strip() in {kind.value for kind in type(here)}


def test_init_build_and_proof(installed: Path, project: Path) -> None:
    banmian = installed / "banmian"
    spec = Path("proj") / "edition.yaml"
    done = _run([banmian, "build", spec, "--strict"], cwd=project, text=True)
    assert done.returncode == 0, done.stderr
    assert (project / "proj" / "edition.pdf").read_bytes().startswith(b"%PDF")
    assert (project / "proj" / "edition-p01.pdf").is_file()
    proof = _run([banmian, "proof", spec, "--json", "--png", "50"], cwd=project, text=True)
    assert proof.returncode == 0, proof.stderr
    report = json.loads(proof.stdout)
    assert [page["ok"] for page in report["pages"]] == [True]
    for name in ("edition-proof.pdf", "edition-proof-1.png", "edition-overview.png"):
        assert (project / "proj" / name).is_file(), name
    # Nothing but the project in the folder the commands ran in: no cache, no output folder.
    assert sorted(p.name for p in project.iterdir()) == ["proj"]


def test_pdf_to_standard_output(installed: Path, project: Path) -> None:
    spec = Path("proj") / "front.yaml"
    done = _run([installed / "banmian", "build", spec, "-o", "-"], cwd=project)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.startswith(b"%PDF-")
    assert not (project / "-").exists()


def test_png_by_extension(installed: Path, project: Path) -> None:
    spec = Path("proj") / "front.yaml"
    done = _run([installed / "banmian", "build", spec, "-o", "page.png"], cwd=project)
    assert done.returncode == 0, done.stderr.decode()
    assert (project / "page.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

"""Module import structure: a build loads only what the page needs (issue 16).

Structural, not timing: a fresh interpreter builds the sample front page (horizontal, a
photo, no advertisement, no artwork file) and the modules it imported are read from
``sys.modules``, the font faces it opened from its font library. What only vertical pages,
advertisements, SVG or PDF artwork, photo conversion (its press JPEG already cached), the
word segmenter (the heads' cuts stored by the first build), PyYAML (the documents kept by
it) or the proof need must not be among them, nor a face that no text of the page needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRONT = REPO / "page_specs" / "front.yaml"
NO_IMAGE = REPO / "page_specs" / "unseen-narrow.yaml"  # no photo, no logotype, no 农历 date

_RUN = """
import sys
from layout.cli import main
from layout.fonts import library
status = main(sys.argv[1:-1])
modules = sorted(sys.modules)  # before this script's own json
fonts = library()  # the library the build used, kept in the process
opened = sorted(face for face in fonts.face_infos if fonts.face(face).opened)
import json
with open(sys.argv[-1], "w") as f:
    json.dump({"status": status, "modules": modules, "opened": opened}, f)
"""

# Modules a horizontal page with a cached photo, no advert and no artwork never needs.
NOT_NEEDED = (
    "layout.text.vertical",  # vertical lines (竖排)
    "layout.proof",  # the proof, watch, preflight
    "layout.compose.advert",  # advertisements
    "layout.artwork.advert",
    "layout.artwork.svg",  # SVG / PDF logotypes
    "layout.artwork.pdf",
    "layout.spec.reference",  # the spec reference (docs/spec-reference.md)
    "layout.compose.edition",  # a page built with the pages its stories come from (page 2)
    "platformdirs",  # the user's cache folder: these builds name theirs (BANMIAN_CACHE)
    "layout.spec.jsonschema",  # the JSON Schemas (docs/schema/)
    "layout.render.pdfxcheck",  # the PDF/X preflight (the writer needs no second pass)
    "pikepdf",
    "pypdfium2",
    "lxml",
    "svglib",
    "reportlab",  # the PDF is written by layout.render's own document layer (svglib's
    # shapes, which load ReportLab, only for an SVG logotype)
    "numpy",  # photo conversion: the press JPEG is cached
    "PIL.ImageCms",
    "difflib",  # suggestions for a mistyped key
    "rjieba",  # the headlines' word breaks: cut by the first build, stored
    "lunar_python",  # the masthead's 农历 date: computed by the first build, stored
    "PIL.TiffImagePlugin",  # the page's photos are JPEG (imagefiles loads a format's reader)
    "fontTools",  # TrueType faces are read through layout.fonts.tables; fontTools converts
    # Pillow's readers of other formats (Image.open loads them all; imagefiles.open_image
    # reads a photo's header with its own format's reader)
    "PIL.BmpImagePlugin",
    "PIL.GifImagePlugin",
    "PIL.PpmImagePlugin",
    "PIL.PngImagePlugin",
    "logging",  # the fonts' notes go to the console (layout.notes): logged only in a library
    "yaml",  # the spec, the edition, the records and the font manifest: parsed by the first
    # build, kept in the cache (layout.yamlsource), read back without PyYAML
    # The build path's records are NamedTuples or layout.records.Frozen: dataclasses, and the
    # inspect (ast, dis, tokenize) it imports, are loaded by the proof, fit and init only.
    "dataclasses",
    "inspect",
    "traceback",  # a page that crashed is reported with its traceback: none did
    "json",  # the stored cuts (layout.text.phrases) and advert records are not JSON
    "encodings.mac_roman",  # the faces' PostScript names are read from their Windows records
    # The other commands' modules (layout.cli.commands imports a command's when it runs)
    "layout.cli.check",
    "layout.cli.proof",
    "layout.cli.watch",
    "layout.cli.fit",
    "layout.cli.schema",
    "layout.cli.fonts",
    "layout.cli.init",
)

# What a page that places no image file and prints no 农历 date never needs besides: Pillow
# at all (the PDF writer decodes no picture of a page that has none).
NO_IMAGE_NOT_NEEDED = (
    "PIL",
    "layout.render.images",
    "lunar_python",
)


def _loaded(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)]


def _modules(out: Path, cache: Path, tmp: Path, spec: Path = FRONT) -> dict:
    record = tmp / "modules.json"
    env = {
        **os.environ,
        "BANMIAN_CACHE": str(cache),
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p),
    }
    subprocess.run(
        [sys.executable, "-c", _RUN, "build", str(spec), "-o", str(out), str(record)],
        check=True,
        capture_output=True,
        cwd=tmp,
        env=env,
        timeout=300,
    )
    result = json.loads(record.read_text())
    assert result["status"] == 0
    return result


def test_a_horizontal_page_imports_only_what_it_needs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "front.pdf"
    first = _modules(out, cache, tmp_path)  # converts the photo into the cache
    # The conversion and the segmenter ran in the first process: the check below means it.
    assert "PIL.ImageCms" in first["modules"] and "rjieba" in first["modules"]
    assert "yaml" in first["modules"]  # the documents were parsed there, and kept
    assert "numpy" not in first["modules"]  # an RGB photo is converted by Pillow alone
    # ... and every face was verified there, in full (a new cache has no record of any).
    assert "hei-heavy" in first["opened"]
    second = _modules(out, cache, tmp_path)
    modules = second["modules"]
    # The faces verified before are opened only when a chain needs them: no text of the
    # front page is set in hei-heavy (黑体 Black), nor needs a last-resort face.
    assert "hei-heavy" not in second["opened"] and "song" in second["opened"]
    assert not {"hana-a", "hana-b"} & set(second["opened"])
    assert out.stat().st_size > 0
    loaded = [
        name for name in modules if any(name == m or name.startswith(m + ".") for m in NOT_NEEDED)
    ]
    assert loaded == []
    # What the page does need is there (the check would pass vacuously otherwise).
    for needed in ("layout.render.pdf", "layout.compose.photo", "layout.render.document"):
        assert needed in modules


def test_a_page_without_images_loads_no_image_reader(tmp_path: Path) -> None:
    out = tmp_path / "page.pdf"
    _modules(out, tmp_path / "cache", tmp_path, NO_IMAGE)  # the heads' cuts stored (rjieba)
    modules = _modules(out, tmp_path / "cache", tmp_path, NO_IMAGE)["modules"]
    assert out.stat().st_size > 0
    assert _loaded(modules, NOT_NEEDED + NO_IMAGE_NOT_NEEDED) == []
    # The page was laid out and written (the check would pass vacuously otherwise).
    assert {"layout.imagefiles", "layout.render.pdf", "layout.compose.facts"} <= set(modules)


def test_an_edition_in_one_process_loads_no_worker_machinery(tmp_path: Path) -> None:
    """The worker machinery of ``build -j N`` (the pickling of forked workers' pages,
    multiprocessing and concurrent.futures' process pool where it cannot fork) is imported
    only when there are workers; the edition's PDFs are written without ReportLab, as a
    page's are."""
    edition = REPO / "page_specs" / "edition.yaml"
    out = tmp_path / "edition.pdf"
    modules = _modules(out, tmp_path / "cache", tmp_path, edition)["modules"]
    assert (tmp_path / "edition-p04.pdf").stat().st_size > 0
    workers = ("pickle", "multiprocessing", "concurrent.futures.process", "reportlab")
    assert _loaded(modules, workers) == []
    assert "layout.edition" in modules  # the edition was built here (not vacuous)
    # Built again, its advert's page kept (the first build read it with pikepdf, whose
    # reader's records are dataclasses): no dataclasses, no traceback of a page that crashed.
    assert "dataclasses" in modules  # (what the check below means)
    again = _modules(out, tmp_path / "cache", tmp_path, edition)["modules"]
    assert _loaded(again, ("dataclasses", "inspect", "traceback", "json", "pikepdf")) == []
    assert {"layout.edition", "layout.text.vertical", "layout.compose.advert"} <= set(again)


def test_a_cached_photo_loads_no_pillow(tmp_path: Path) -> None:
    """A build whose photo's press version is cached reads the JPEG's header with
    ``layout.jpeg``: Pillow (and the ``subprocess`` its JPEG reader imports) is not loaded."""
    cache = tmp_path / "cache"
    out = tmp_path / "front.pdf"
    first = _modules(out, cache, tmp_path)["modules"]  # converts the photo into the cache
    assert "PIL.JpegImagePlugin" in first  # the conversion needs Pillow: the check means it
    modules = _modules(out, cache, tmp_path)["modules"]
    assert out.stat().st_size > 0
    assert _loaded(modules, ("PIL", "subprocess")) == []
    # The photo was placed and embedded (the check would pass vacuously otherwise).
    assert {"layout.jpeg", "layout.render.images", "layout.compose.photo"} <= set(modules)

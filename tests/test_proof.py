"""Proofs and preflight: overset and underset counted and marked at their boxes, a missing
character reported and labelled, the JSON report, PNG previews and the watch loop."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image

from layout.build import fonts_for
from layout.cli import main
from layout.compose.body import flow
from layout.compose.flow.draw import locate
from layout.compose.page import article_pieces
from layout.compose.setter import Setter
from layout.geometry import Rect
from layout.proof import format_report, make_proof, watch
from layout.report import AtLine, MissingGlyph, Problem, ProblemKind, Severity
from layout.spec import load_spec
from layout.spec.extends import load_extended
from layout.units import MM

ROOT = Path(__file__).resolve().parents[1]
FRONT = ROOT / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = ROOT / "tests" / "fixtures" / "front-standalone.yaml"
SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
RARE = "\U0003106c"  # CJK Ext. G: in no face of the manifest (fixtures/proof/articles/rare.yaml)


def write_spec(path: Path, source: Path, edit=None) -> Path:
    """``source`` with its articles and fonts made absolute, edited by ``edit(doc)``."""
    # The spec with the parts it shares written out, each path from where it is written.
    merged = load_extended(source, []).doc
    doc = copy.deepcopy(merged.value)
    doc.pop("extends", None)
    articles = doc["articles"]
    if isinstance(articles, list):
        doc["articles"] = [
            str((merged.pos(f"articles[{i}]").file.parent / a).resolve())
            for i, a in enumerate(articles)
        ]
    else:
        doc["articles"] = str((merged.pos("articles").file.parent / articles).resolve())
    doc["fonts"] = str((merged.pos("fonts").file.parent / doc["fonts"]).resolve())
    if edit is not None:
        edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def box_entry(doc: dict, box_id: str) -> dict:
    return next(b for b in doc["boxes"] if b["id"] == box_id)


def shrink_labour(doc: dict) -> None:
    box_entry(doc, "labour")["at"]["lines"] = 15  # 19 on the sample page
    # Balanced, the story is set as written (no paragraph pulled in to fill the foot), so its
    # count can be checked against its paragraphs set alone in one tall column.
    box_entry(doc, "labour")["fill"] = "balance"


def grow_labour(doc: dict) -> None:
    # Take the immigration box out and let the labour story have its place too.
    doc["boxes"] = [b for b in doc["boxes"] if b["id"] != "immigration"]
    box_entry(doc, "labour")["at"].update(line=63, lines=42)
    box_entry(doc, "labour")["fill"] = "balance"  # set as written, as in shrink_labour


def needed(spec_path: Path, box_id: str) -> tuple[list[str], int, float]:
    """Set the box's story into one very tall column of the box's measure: the text of
    every line it needs, the box's capacity (columns × rows) and characters per line."""
    spec = load_spec(spec_path)
    setter = Setter(fonts_for(spec), spec.styles)
    box = spec.box(box_id)
    pitch = spec.grid.line_pitch
    article = spec.articles[box.article]
    width = (box.rect.width - (box.columns - 1) * spec.grid.gutter) / box.columns
    tall = flow(
        article_pieces(spec, box, article, setter),
        [Rect(0, 0, width, 10_000 * pitch)],
        pitch,
        setter,
    )
    assert tall.overset_lines == 0
    assert tall.used_lines == len(tall.lines)  # every piece is one grid line a line
    rows = round((box.rect.height - box.headline.lines * pitch) / pitch)
    cpl = width / spec.styles[spec.grid.body_style].size
    return [line.text for line in tall.lines], box.columns * rows, cpl


def find_text(pdf_path: Path, text: str) -> list[dict]:
    """The box of the first character of every occurrence of ``text`` on the first page, as
    ``x0``, ``top`` and ``bottom`` from the media box's top-left (pdfium's text search: the
    text as extracted from the PDF, through its ToUnicode maps)."""
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        page = doc[0]
        height = page.get_height()
        textpage = page.get_textpage()
        search = textpage.search(text, match_case=True)
        found = []
        while (hit := search.get_next()) is not None:
            left, bottom, _right, top = textpage.get_charbox(hit[0])
            found.append({"x0": left, "top": height - top, "bottom": height - bottom})
        search.close()
        textpage.close()
        page.close()
    finally:
        doc.close()
    return found


def inside(char: dict, rect: Rect, bleed: float) -> bool:
    """Whether a found character (top from the media box's top) lies in ``rect``
    (page coordinates: y down from the trim box's top-left)."""
    x, top, bottom = char["x0"] - bleed, char["top"] - bleed, char["bottom"] - bleed
    return rect.x <= x <= rect.right and rect.y <= top and bottom <= rect.bottom


@pytest.fixture(scope="module")
def overset(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("overset")
    spec = write_spec(tmp / "overset.yaml", FRONT_TEXT, shrink_labour)
    return spec, make_proof(spec, tmp / "overset-proof.pdf")


@pytest.fixture(scope="module")
def underset(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("underset")
    spec = write_spec(tmp / "underset.yaml", FRONT_TEXT, grow_labour)
    return spec, make_proof(spec, tmp / "underset-proof.pdf")


def test_overset_counted_with_the_real_line_breaking(overset):
    spec_path, report = overset
    lines, capacity, _ = needed(spec_path, "labour")
    assert len(lines) > capacity
    over_lines = len(lines) - capacity
    over_chars = sum(len(t) for t in lines[capacity:])
    fit = next(b for b in report.boxes if b.id == "labour")
    assert (fit.capacity_lines, fit.used_lines) == (capacity, capacity)
    assert (fit.overset_lines, fit.overset_chars) == (over_lines, over_chars)
    assert fit.status == "overset"
    assert fit.advice.startswith(f"cut {over_chars} characters ({over_lines} lines")
    problem = next(p for p in report.problems if p.kind is ProblemKind.OVERSET)
    assert (problem.box, problem.article) == ("labour", "labour")
    assert any("overset" in s for s in report.spoilers)
    others = [b for b in report.boxes if b.id != "labour"]
    assert all(b.status != "overset" for b in others)


def test_overset_marker_at_its_box(overset):
    _, report = overset
    labour = next(b for b in report.page.boxes if b.id == "labour")
    fit = next(b for b in report.boxes if b.id == "labour")
    label = f"超版 cut {fit.overset_chars} chars / {fit.overset_lines} lines"
    marks = find_text(report.proof, label)
    assert len(marks) == 1
    assert inside(marks[0], labour.rect, report.page.bleed)
    # the page itself is in the proof, under the overlay
    assert find_text(report.proof, "发扬劳模精神")


def test_underset_counted_and_its_empty_slots_marked(underset):
    spec_path, report = underset
    lines, capacity, cpl = needed(spec_path, "labour")
    empty = capacity - len(lines)
    assert empty > 2
    fit = next(b for b in report.boxes if b.id == "labour")
    assert (fit.capacity_lines, fit.used_lines, fit.overset_lines) == (capacity, len(lines), 0)
    assert fit.empty_lines == empty
    assert fit.empty_chars == int(empty * cpl)
    assert fit.status == "underset"
    assert fit.advice == f"room for {empty} more lines (about {int(empty * cpl)} characters)"
    problem = next(p for p in report.problems if p.kind is ProblemKind.UNDERSET)
    assert problem.box == "labour"

    labour = next(b for b in report.page.boxes if b.id == "labour")
    last = labour.lines[-1].rect
    marks = [
        m
        for m in find_text(report.proof, f"欠版 room for {empty} lines")
        if inside(m, labour.rect, report.page.bleed)
    ]
    assert len(marks) == 1
    # the label opens the empty slots: after the last line of the last used column
    assert marks[0]["top"] - report.page.bleed >= last.y + last.height - 0.5
    assert not [p for p in report.problems if p.kind is ProblemKind.OVERSET]


CULTURE = ROOT / "page_specs" / "culture.yaml"


def grow_industry(doc: dict) -> None:
    # Two grid lines more for the story under the 竖题 (five columns, the headline takes one):
    # its four body columns get eight empty slots, two under each (two empty lines at the
    # box's foot: underset); the photo below gives the lines up.
    box_entry(doc, "industry")["at"]["lines"] = 24
    box_entry(doc, "industry")["fill"] = "balance"  # set as written: no line drawn out
    box_entry(doc, "photo")["at"].update(line=57, lines=14)


def test_underset_counts_the_body_columns_beside_a_vertical_headline(tmp_path):
    # A box of 4 body columns loses 4 slots a grid line: 8 empty slots, two under each column,
    # are two empty lines at its foot (underset; one line, 4 slots, is allowed). The build once
    # counted the box's 5 grid columns while the preflight counted 4: the table said
    # underset, the build said nothing.
    spec = write_spec(tmp_path / "culture.yaml", CULTURE, grow_industry)
    report = make_proof(spec, tmp_path / "culture-proof.pdf")
    fit = next(b for b in report.boxes if b.id == "industry")
    assert (fit.columns, fit.empty_lines) == (4, 8)
    assert fit.status == "underset"
    (problem,) = [p for p in report.problems if p.kind is ProblemKind.UNDERSET]
    assert problem.box == "industry" and problem.details.lines == 8
    assert problem.message == f"room for 8 more lines (about {fit.empty_chars} characters)"


def test_missing_character_json_png_and_strict(tmp_path, capsys):
    out = tmp_path / "small-proof.pdf"
    code = main(["proof", str(SMALL), "-o", str(out), "--json", "--png", "50", "--strict"])
    captured = capsys.readouterr()
    assert code == 1  # a missing character spoils print
    report = json.loads(captured.out)
    assert report["outputs"][0] == str(out)

    missing = report["missing_characters"]
    assert [(m["char"], m["code_point"], m["count"]) for m in missing] == [(RARE, "U+3106C", 1)]
    (place,) = missing[0]["places"]
    assert (place["box"], place["article"], place["paragraph"]) == ("rare", "rare", 2)
    assert place["where"] is not None  # the line it is on
    assert [s["kind"] for s in report["spoilers"]] == ["missing-glyph"]
    assert report["spoils_print"] is True

    (box,) = report["boxes"]
    assert box["id"] == "rare" and box["article"] == "rare" and box["columns"] == 4
    spec = load_spec(SMALL)
    rows = round((spec.box("rare").rect.height - 4 * spec.grid.line_pitch) / spec.grid.line_pitch)
    assert box["capacity"]["lines"] == 4 * rows
    assert box["used"]["lines"] + box["underset"]["lines"] == box["capacity"]["lines"]
    assert box["overset"] == {"lines": 0, "chars": 0}
    assert box["status"] == "underset"
    assert box["advice"].startswith(f"room for {box['underset']['lines']} more lines")

    assert report["fonts"] and all(f["embedded"] and f["subset"] for f in report["fonts"])
    assert report["page"]["trim"] == {"x": 0.0, "y": 0.0, "w": 200.0, "h": 150.0}
    assert report["page"]["bleed"] == 3.0
    assert report["images"] == []

    # the proof labels the character with its code point, on the character's line
    marked = next(p["where"] for p in report["problems"] if p["kind"] == "missing-glyph")
    problem_where = Rect(*(marked[k] * MM for k in "xywh"))  # mm to a tenth, in pt
    bleed = spec.page.bleed
    (label,) = find_text(out, "U+3106C")
    assert inside(label, spec.box("rare").rect, bleed)
    assert abs(label["bottom"] - bleed - problem_where.y) < problem_where.height

    # the PNG preview: the whole media box at 50 dpi
    (png,) = report["outputs"][1:]
    assert Path(png) == tmp_path / "small-proof-1.png"
    media = (spec.page.trim_width + 2 * bleed, spec.page.trim_height + 2 * bleed)
    with Image.open(png) as im:
        size = im.size
    assert all(abs(px - pt * 50 / 72) <= 1 for px, pt in zip(size, media, strict=True))


def test_report_on_the_terminal(tmp_path, capsys):
    out = tmp_path / "proof.pdf"
    assert main(["proof", str(SMALL), "-o", str(out)]) == 0  # not strict
    text = capsys.readouterr().out
    assert "\x1b[" not in text  # no colour: not a terminal
    assert "U+3106C" in text and "paragraph 2" in text
    assert "room for" in text and "embedded, subset" in text
    assert out.exists()


def test_bad_input_exits_2(tmp_path, capsys):
    bad = write_spec(tmp_path / "bad.yaml", SMALL, lambda d: d["grid"].update(lines=99))
    assert main(["proof", str(bad), "-o", str(tmp_path / "p.pdf")]) == 2
    assert "grid.lines" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()


def test_line_problems_get_their_line_rect():
    rects = [Rect(0, 0, 100, 14), Rect(0, 14, 100, 14), None]

    class L:
        def __init__(self, start, end):
            self.start, self.end = start, end

    lines = [L(0, 10), L(10, 20), L(20, 25)]
    at = {"box": "b", "article": "a", "paragraph": 1}
    orphan = Problem(kind=ProblemKind.ORPHAN, message="line 2: 孤字", details=AtLine(line=2), **at)
    glyph = MissingGlyph(char="x", code_point="U+0078", index=3)
    missing = Problem(kind=ProblemKind.MISSING_GLYPH, message="x", details=glyph, **at)
    # a rule broken on a line that did not fit (overset): no rect to mark
    lost = Problem(kind=ProblemKind.LOOSE_LINE, message="line 3", details=AtLine(line=3), **at)
    located = locate([orphan, missing, lost], lines, rects)
    assert [p.where for p in located] == [rects[1], rects[0], None]


def test_watch_rebuilds_when_the_spec_changes(tmp_path, scripted):
    spec = write_spec(tmp_path / "small.yaml", SMALL)
    out = tmp_path / "small-proof.pdf"
    stream = io.StringIO()

    def touch():
        with spec.open("a", encoding="utf-8") as fh:
            fh.write("# touched\n")
        return [spec]

    source = scripted(touch)
    assert watch(spec, out, stream=stream, source=source) == 0
    log = stream.getvalue().splitlines()
    assert len(log) == 2 and all(" rebuilt " in line for line in log)
    assert log[0].split()[1] == "start:"
    assert log[1].split()[1] == "small.yaml:"  # what changed
    assert " s; " in log[1]  # the time taken
    # After the first build every input is watched: the spec, its records, the fonts.
    assert spec in source.watched[0] and source.watched[0] > {spec}
    assert any(f.suffix == ".ttf" for f in source.watched[0])
    assert out.exists()


def test_watch_names_the_problems_by_kind_and_box(tmp_path, scripted):
    spec = write_spec(tmp_path / "small.yaml", SMALL)
    stream = io.StringIO()
    assert watch(spec, tmp_path / "p.pdf", stream=stream, source=scripted()) == 0
    (line,) = stream.getvalue().splitlines()
    report = make_proof(spec, tmp_path / "again.pdf")
    assert report.problems  # the small page has some: each is named
    for problem in report.problems:
        assert f"{problem.kind.value} box {problem.box}" in line, line
    assert f"{len(report.problems)} problem" in line


def test_watch_survives_bad_input(tmp_path, scripted):
    spec = write_spec(tmp_path / "small.yaml", SMALL, lambda d: d["grid"].update(lines=999))
    out = tmp_path / "small-proof.pdf"
    stream = io.StringIO()

    def fix():
        write_spec(spec, SMALL)
        return [spec]

    assert watch(spec, out, stream=stream, source=scripted(fix)) == 0
    log = stream.getvalue()
    assert "1 error, waiting for a change" in log and "grid.lines" in log
    assert log.splitlines()[-1].split()[2] == "rebuilt"
    assert out.exists()


def test_watch_survives_an_output_it_cannot_write(tmp_path, scripted):
    spec = write_spec(tmp_path / "small.yaml", SMALL)
    notes = tmp_path / "notes.txt"
    notes.write_text("a file, not a folder", encoding="utf-8")
    stream = io.StringIO()
    assert watch(spec, notes / "proof.pdf", stream=stream, source=scripted()) == 0
    (line,) = stream.getvalue().splitlines()
    assert "cannot write" in line and "(ENOTDIR)" in line and "waiting for a change" in line


def test_watch_open_opens_the_proof_once(tmp_path, scripted):
    spec = write_spec(tmp_path / "small.yaml", SMALL)
    out = tmp_path / "small-proof.pdf"
    opened = []

    def opener(path):
        opened.append(path)
        return "--open: no xdg-open on this system; open it yourself"

    stream = io.StringIO()
    source = scripted(lambda: [spec])
    assert watch(spec, out, stream=stream, source=source, opener=opener) == 0
    assert opened == [out]  # after the first rebuild only: the viewer reloads by itself
    assert "--open: no xdg-open" in stream.getvalue()


# -- the fonts of the printed page, read back with pikepdf (a core dependency) ---------------


def pdfminer_fonts(data: bytes) -> list[tuple[str, str, str, bool, bool]]:
    """The fonts of a PDF as pdfminer (of the test extra) reads them: the reference for
    ``pdf_fonts``, which reads them with pikepdf."""
    pdfminer = pytest.importorskip("pdfminer")
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    assert pdfminer

    def name(value) -> str:
        value = resolve1(value)
        return "" if value is None else str(getattr(value, "name", value))

    found = {}
    for page in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))):
        for key, ref in (resolve1(resolve1(page.resources).get("Font")) or {}).items():
            font = resolve1(ref)
            subtype, base = name(font.get("Subtype")), name(font.get("BaseFont"))
            descriptor = resolve1(font.get("FontDescriptor")) or {}
            if subtype == "Type0":
                cid = resolve1(resolve1(font.get("DescendantFonts"))[0])
                descriptor = resolve1(cid.get("FontDescriptor")) or {}
                subtype = f"Type0/{name(cid.get('Subtype'))}"
            embedded = any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
            subset = len(base) > 7 and base[6] == "+" and base[:6].isupper()
            found.setdefault(f"{base}:{subtype}", (str(key), base, subtype, embedded, subset))
    return list(found.values())


def test_pdf_fonts_reads_the_printed_page_as_pdfminer_does():
    spec = load_spec(SMALL)
    fonts = fonts_for(spec)
    from layout.build import build
    from layout.proof import pdf_fonts
    from layout.render.pdf import pdf_bytes

    data = pdf_bytes([build(SMALL, None).page], fonts)
    checked = pdf_fonts(data)
    assert len(checked) >= 3  # song, a headline face, kai for the byline …
    assert all(f.subtype == "Type0/CIDFontType2" and f.embedded and f.subset for f in checked)
    assert [(f.name, f.base_font, f.subtype, f.embedded, f.subset) for f in checked] == (
        pdfminer_fonts(data)
    )


def test_pdf_fonts_sees_a_font_that_is_not_embedded(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from layout.proof import pdf_fonts

    path = tmp_path / "helvetica.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 72, "standard 14")
    canvas.save()
    (font,) = [f for f in pdf_fonts(path) if f.base_font == "Helvetica"]
    assert (font.subtype, font.embedded, font.subset) == ("Type1", False, False)


# -- a plain pip install: proof and watch import nothing of the extras ----------------------


def extra_only_modules() -> set[str]:
    """Top-level modules that only the optional extras of pyproject.toml bring (their
    distributions and what those require), not the core dependencies."""
    import importlib.metadata as metadata
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    def closure(requirements) -> set[str]:
        seen: set[str] = set()
        todo = list(requirements)
        while todo:
            requirement = todo.pop()
            if "extra ==" in requirement.replace('"', "").replace("'", ""):
                continue  # an optional extra of that distribution
            dist = norm(re.match(r"[A-Za-z0-9._-]+", requirement)[0])
            if dist in seen:
                continue
            seen.add(dist)
            with contextlib.suppress(metadata.PackageNotFoundError):  # not installed
                todo += metadata.requires(dist) or []
        return seen

    core = closure(project["dependencies"])
    extras = closure([r for reqs in project["optional-dependencies"].values() for r in reqs])
    only = extras - core
    return {
        module
        for module, dists in metadata.packages_distributions().items()
        if dists and all(norm(d) in only for d in dists)
    }


PLAIN_INSTALL = """
import importlib.abc, sys
blocked = set(sys.argv[1].split(","))

class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r} (an extra)", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
try:
    import pdfminer  # noqa: F401
except ModuleNotFoundError:
    pass
else:
    raise SystemExit("the blocker does not block")
from layout.cli import main
from layout.proof import watch
spec, out = sys.argv[2], sys.argv[3]
code = main(["proof", spec, "-o", out, "--png", "20"])
class Once:
    def wait(self, files):
        return None

code = code or watch(spec, out, png_dpi=20, source=Once())
leaked = sorted(m for m in sys.modules if m.partition(".")[0] in blocked)
raise SystemExit(code or (f"imported {leaked}" if leaked else 0))
"""


def test_proof_and_watch_need_only_the_core_dependencies(tmp_path):
    blocked = extra_only_modules()
    assert {"pytest", "hypothesis", "pdfplumber"} <= blocked
    if "pdfminer" not in blocked:
        pytest.skip("pdfminer is not installed: nothing to block")
    assert "pypdfium2" not in blocked  # PNG previews are core
    spec = write_spec(tmp_path / "small.yaml", SMALL)
    out = tmp_path / "proof.pdf"
    done = subprocess.run(
        [sys.executable, "-c", PLAIN_INSTALL, ",".join(sorted(blocked)), str(spec), str(out)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "rebuilt" in done.stdout and out.is_file()
    assert (tmp_path / "proof-1.png").is_file()


# -- photos judged by the spec's press limits, the same in the build and the preflight -------

PHOTO_BOX = """\
  - id: pic
    kind: photo
    image: {image}
    at: {{column: 6, span: 3, line: 1, lines: 34}}
    fit: fit
"""


def photo_page(tmp_path: Path, press: str) -> Path:
    """The front page's settings with one photo box holding a picture of about 220 ppi as
    printed (1128 px over the box's 369 pt), and the ``press:`` section given."""
    image = tmp_path / "soft.png"
    Image.new("RGB", (1128, 1400), (90, 120, 150)).save(image)
    text = (
        FRONT_TEXT.read_text(encoding="utf-8")
        .replace("articles: ../../articles", f"articles: {ROOT / 'articles'}")
        .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {ROOT / 'fonts' / 'manifest.yaml'}")
    )
    spec = tmp_path / "photo.yaml"
    head = text[: text.index("\nboxes:")]
    spec.write_text(f"{head}\n{press}\nboxes:\n{PHOTO_BOX.format(image=image)}", encoding="utf-8")
    return spec


def low_resolution(report) -> list[Problem]:
    return [p for p in report.problems if p.kind is ProblemKind.LOW_RESOLUTION]


def test_a_photo_above_the_default_limit_is_ok(tmp_path):
    report = make_proof(photo_page(tmp_path, ""), tmp_path / "proof.pdf")
    (image,) = report.images
    assert 200 < image.ppi < 250
    assert image.ok and image.below is None and image.to_json()["min_ppi"] == 200
    assert low_resolution(report) == []


def test_preflight_judges_a_photo_by_the_spec_press_min_ppi(tmp_path, capsys):
    # The preflight once compared with a constant 200 ppi: with min_ppi 250 the build warned
    # about this 220 ppi photo and the preflight said it was ok.
    spec = photo_page(tmp_path, "press: {min_ppi: 250}")
    out = tmp_path / "proof.pdf"
    report = make_proof(spec, out)
    (problem,) = low_resolution(report)
    assert problem.severity is Severity.WARNING and "(below 250)" in problem.message
    (image,) = report.images
    assert 200 < image.ppi < 250
    assert image.ppi == problem.details.ppi
    assert image.to_json()["min_ppi"] == 250 and image.to_json()["ok"] is False
    assert (image.ok, image.below) == (False, 250.0)
    assert not report.spoilers  # a warning
    # the terminal report and the proof's marker say the spec's limit
    (line,) = [ln for ln in format_report(report).splitlines() if ln.startswith("  pic: soft")]
    assert line.endswith(f"{image.ppi:g} ppi (below 250)")
    assert len(find_text(out, f"低分辨率 {image.ppi} ppi < 250")) == 1
    # and so does proof --json
    assert main(["proof", str(spec), "-o", str(out), "--json"]) == 0
    (checked,) = json.loads(capsys.readouterr().out)["images"]
    assert (checked["ok"], checked["min_ppi"]) == (False, 250)


def test_preflight_judges_a_photo_by_the_spec_press_strict_ppi(tmp_path, capsys):
    spec = photo_page(tmp_path, "press: {min_ppi: 300, strict_ppi: 250}")
    out = tmp_path / "proof.pdf"
    report = make_proof(spec, out)
    (problem,) = low_resolution(report)
    assert problem.severity is Severity.ERROR and "(below 250)" in problem.message
    (image,) = report.images
    assert image.to_json()["min_ppi"] == 300 and image.to_json()["ok"] is False
    assert (image.ok, image.below) == (False, 250.0)
    assert [s for s in report.spoilers if "low-resolution" in s] == [str(problem)]
    (line,) = [ln for ln in format_report(report).splitlines() if ln.startswith("  pic: soft")]
    assert line.endswith("(below 250)")
    assert len(find_text(out, f"低分辨率 {image.ppi} ppi < 250")) == 1
    assert main(["proof", str(spec), "-o", str(out), "--strict"]) == 1
    capsys.readouterr()


def test_the_proof_reads_the_page_fonts_from_the_proof_it_wrote(tmp_path):
    """make_proof checks the fonts in the proof PDF it wrote (no second PDF of the page): the
    same fonts as a PDF of the page alone would have, embedded and subset alike; the
    overlay's label face only if the page uses it."""
    from layout.build import build
    from layout.proof import pdf_fonts
    from layout.render.pdf import pdf_bytes

    report = make_proof(SMALL, tmp_path / "small-proof.pdf")
    alone = pdf_fonts(pdf_bytes([build(SMALL, None).page], fonts_for(load_spec(SMALL))))

    def key(fonts):  # the subset tags differ: the proof draws the labels' glyphs too
        return sorted(
            (f.base_font.partition("+")[2], f.subtype, f.embedded, f.subset) for f in fonts
        )

    assert report.fonts and key(report.fonts) == key(alone)
    assert "page pdf" not in report.timings  # no PDF of the page was made for the check

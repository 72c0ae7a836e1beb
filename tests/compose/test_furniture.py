"""The front-page furniture as laid out (``layout.compose.furniture`` and ``logotype``): the
sample masthead's logotype in spot red with its pinyin spread under it, the facts beside it,
the ear's lines, the rules under both; every fact once a page, the page header only where
asked (or in its box); type shrunk to fit, SVG and picture logotypes placed in proportion,
a picture's resolution judged, a logotype file gone since loading reported; an ear too short
for its lines reported as overset. In a narrow or shallow masthead: a logotype shrunk below
half its size is reported, its subtitle is set smaller to its width (never out of the box),
or reported when the box has no room for it; an ear on the masthead's foot keeps its lines
clear of the rules. The page header is one line: a page name wider than it is cut there and
reported, and a page-header box less deep than the header's type prints none of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from layout.build import build
from layout.compose.setter import Setter
from layout.fonts import library
from layout.geometry import Rect
from layout.page import EM_BOX_DESCENT, ArtworkOp, ImageOp, Paint, RectOp, RuleOp, TextRun
from layout.report import ProblemKind, Severity, Shrunk
from layout.spec import load_spec

REPO = Path(__file__).resolve().parents[2]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
BASE = (
    FRONT_TEXT.read_text(encoding="utf-8")
    .replace("articles: ../../articles", f"articles: {REPO / 'articles'}")
    .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {REPO / 'fonts' / 'manifest.yaml'}")
)
RED = "spot(PANTONE 485 C, 0, 95, 100, 0)"
MASTHEAD = "  - {id: masthead, kind: masthead, at: {column: 1, span: 5, line: 1, lines: 10}"
EAR = "  - {id: ear, kind: ear, at: {column: 6, span: 3, line: 1, lines: 10}"


def page_with(tmp_path: Path, boxes: str, edit: tuple[str, str] | None = None) -> Path:
    """The sample front page's head (edition, grid, styles) with only ``boxes``."""
    head = BASE[: BASE.index("\nboxes:")]
    if edit is not None:
        assert head.count(edit[0]) == 1, edit[0]
        head = head.replace(*edit)
    path = tmp_path / "page.yaml"
    path.write_text(f"{head}\nboxes:\n{boxes}", encoding="utf-8")
    return path


def runs_in(ops, rect: Rect) -> list[TextRun]:  # noqa: ANN001
    return [
        op
        for op in ops
        if isinstance(op, TextRun)
        and rect.x <= op.x <= rect.right
        and rect.y <= op.y <= rect.bottom
    ]


def logotype_right(title: list[TextRun]) -> float:
    """Where the title's ideographs end (one em each: the title has no letter spacing)."""
    last = title[-1]
    return last.x + len(last.text) * last.size + (len(last.text) - 1) * last.char_space


def text_of(runs: list[TextRun]) -> str:
    return "".join(r.text for r in runs).replace(" ", "")


# --------------------------------------------------------------------------- the sample page


def test_the_sample_logotype_is_type_in_spot_red(front_build) -> None:
    spec, page = front_build.spec, front_build.page
    box = spec.box("masthead").rect
    title = [r for r in runs_in(page.ops, box) if r.face == "song-heavy"]
    assert text_of(title) == "今日平湖"
    assert {r.color.spot for r in title} == {"PANTONE 485 C"}
    assert {(r.color.c, r.color.m, r.color.y, r.color.k) for r in title} == {(0, 0.95, 1.0, 0)}
    assert {r.size for r in title} == {spec.styles["masthead"].size}  # it fits: not shrunk
    assert title[0].x == pytest.approx(box.x)  # top left


def test_the_pinyin_is_spread_under_the_logotype_in_its_ink(front_build) -> None:
    spec, page = front_build.spec, front_build.page
    box = spec.box("masthead").rect
    title = [r for r in runs_in(page.ops, box) if r.face == "song-heavy"]
    pinyin = [r for r in runs_in(page.ops, box) if r.face == "hei" and r.text.isascii()]
    assert text_of(pinyin) == "JINRIPINGHU"
    assert all(r.color == title[0].color for r in pinyin)
    assert min(r.y for r in pinyin) > max(r.y for r in title)  # under it
    size = spec.styles["pinyin"].size
    spacing = {round(r.char_space, 6) for r in pinyin}
    assert len(spacing) == 1 and 0 < spacing.pop() <= size  # even, at most an em
    logo_right = logotype_right(title)
    assert box.x <= pinyin[0].x and pinyin[-1].x < logo_right


def test_the_facts_stand_beside_the_logotype_and_in_the_ear(front_build) -> None:
    spec, page = front_build.spec, front_build.page
    box = spec.box("masthead").rect
    runs = runs_in(page.ops, box)
    title = [r for r in runs if r.face == "song-heavy"]
    facts = [r for r in runs if r.face == "hei-regular"]
    assert text_of(facts) == "中共平湖市委机关报国内统一连续出版物号：CN33-0000责任编辑沈佳"
    assert min(r.x for r in facts) > logotype_right(title)  # beside, not over it
    ear = spec.box("ear").rect
    ear_runs = runs_in(page.ops, ear)
    assert text_of(ear_runs) == "2025年4月30日星期三农历乙巳年四月初三第7188期今日8版"
    date_line = [r for r in ear_runs if r.y == ear_runs[0].y]
    assert text_of(date_line) == "2025年4月30日星期三"
    assert {r.size for r in date_line} == {spec.styles["ear-date"].size}  # its own style
    rest = ear_runs[len(date_line) :]
    assert {r.size for r in rest} == {spec.styles["ear"].size}  # 农历 in the box's style
    # centred down the ear: as much room above the first line as below the last
    above = ear_runs[0].y - ear_runs[0].size - ear.y
    below = ear.bottom - ear_runs[-1].y
    assert abs(above - below) < spec.styles["ear"].leading


def test_the_rules_run_under_the_masthead_and_the_ear(front_build) -> None:
    spec, page = front_build.spec, front_build.page
    heavy = [op for op in page.ops if isinstance(op, RuleOp) and op.width == 2.0]
    area = spec.page.type_area
    (rule,) = [op for op in heavy if op.y1 < spec.box("masthead").rect.bottom + 1]
    assert rule.x1 == pytest.approx(area.x) and rule.x2 == pytest.approx(area.right)


def test_nothing_is_printed_twice_and_page_1_has_no_header(front_build) -> None:
    spec, page = front_build.spec, front_build.page
    text = text_of([op for op in page.ops if isinstance(op, TextRun)])
    for fact in ("2025年4月30日", "星期三", "第7188期", "责任编辑沈佳", "中共平湖市委机关报"):
        assert text.count(fact) == 1, fact
    assert "第1版" not in text
    margin = Rect(0.0, 0.0, spec.page.trim_width, spec.page.type_area.y)
    assert runs_in(page.ops, margin) == []


# --------------------------------------------------------------------------- other pages


def test_page_2_header_leaves_out_what_the_masthead_prints(tmp_path: Path) -> None:
    spec = page_with(tmp_path, MASTHEAD + ", facts: [date]}\n", ("number: 1", "number: 2"))
    page = build(spec, None).page
    area = page.type_area
    assert area is not None
    header = text_of(runs_in(page.ops, Rect(0.0, 0.0, page.trim.width, area.y)))
    assert header == "第2版要闻责任编辑沈佳"  # the date is the masthead's
    everything = text_of([op for op in page.ops if isinstance(op, TextRun)])
    assert everything.count("2025年4月30日") == 1


def test_a_page_header_box_holds_the_header(tmp_path: Path) -> None:
    boxes = (
        MASTHEAD + ", facts: [publisher]}\n"
        "  - {id: top, kind: page-header, at: {column: 1, span: 8, line: 11, lines: 2}}\n"
    )
    result = build(page_with(tmp_path, boxes), None)
    page = result.page
    box = result.spec.box("top").rect
    assert text_of(runs_in(page.ops, box)) == "2025年4月30日星期三第1版要闻责任编辑沈佳"
    area = page.type_area
    assert area is not None
    assert runs_in(page.ops, Rect(0.0, 0.0, page.trim.width, area.y)) == []


def test_a_type_logotype_shrinks_to_a_narrow_box(tmp_path: Path) -> None:
    """Two columns: the logotype set at 28.9 pt of its 100 pt, under half: a warning."""
    narrow = "  - {id: masthead, kind: masthead, at: {column: 1, span: 2, line: 1, lines: 10}}\n"
    result = build(page_with(tmp_path, narrow), None)
    box = result.spec.box("masthead").rect
    title = [r for r in runs_in(result.page.ops, box) if r.face == "song-heavy"]
    size = title[0].size
    assert size < result.spec.styles["masthead"].size / 2
    assert logotype_right(title) <= box.right + 0.01  # within the box
    (shrunk,) = [p for p in result.problems if p.box == "masthead"]
    assert shrunk.kind is ProblemKind.SHRUNK and shrunk.severity is Severity.WARNING
    assert shrunk.details == Shrunk(size=size, style_size=100.0)
    assert f"{size:.1f}pt" in shrunk.message


def test_a_logotype_shrunk_less_than_half_is_not_reported(tmp_path: Path) -> None:
    masthead = "  - {id: masthead, kind: masthead, at: {column: 1, span: 4, line: 1, lines: 10}}\n"
    result = build(page_with(tmp_path, masthead), None)
    box = result.spec.box("masthead").rect
    title = [r for r in runs_in(result.page.ops, box) if r.face == "song-heavy"]
    assert 50.0 <= title[0].size < 100.0
    assert not [p for p in result.problems if p.box == "masthead"]


def extents(result, runs: list[TextRun], style_name: str) -> list[Rect]:  # noqa: ANN001
    """The em boxes of ``runs`` as the real fonts set them in ``style_name``."""
    setter = Setter(library(result.spec.fonts_manifest), result.spec.styles)
    found = []
    for r in runs:
        style = result.spec.styles[style_name]._replace(size=r.size)
        width = setter.width(r.text, style) + r.char_space * (len(r.text) - 1)
        top = r.y - (1 - EM_BOX_DESCENT) * r.size
        found.append(Rect(r.x, top, width, r.size))
    return found


def test_a_subtitle_wider_than_its_logotype_is_set_smaller_inside_the_box(
    tmp_path: Path,
) -> None:
    """One column beside the facts: the pinyin, wider than the shrunk logotype, is set
    smaller to its width, not centred out of the box."""
    narrow = "  - {id: masthead, kind: masthead, at: {column: 1, span: 1, line: 1, lines: 6}}\n"
    result = build(page_with(tmp_path, narrow), None)
    box = result.spec.box("masthead").rect
    runs = [op for op in result.page.ops if isinstance(op, TextRun)]
    title = [r for r in runs if r.face == "song-heavy"]
    pinyin = [r for r in runs if r.text.isascii() and r.text.isupper()]
    assert text_of(pinyin) == "JINRIPINGHU"
    logotype = result.spec.box("masthead").furniture.logotype
    style = logotype.subtitle_style
    assert max(r.size for r in pinyin) < result.spec.styles[style].size  # set smaller
    for ext in extents(result, pinyin, style):
        assert box.x - 0.01 <= ext.x and ext.right <= logotype_right(title) + 0.01
        assert box.y <= ext.y and ext.bottom <= box.bottom
    shrunk = [p.message for p in result.problems if p.kind is ProblemKind.SHRUNK]
    assert [m.split()[0] for m in shrunk] == ["logotype"]  # the pinyin kept over half its size


def test_a_masthead_too_shallow_for_its_subtitle_reports_it(tmp_path: Path) -> None:
    """One line deep: the rules leave no room for the pinyin's line; it is reported, not
    drawn over the box's top; the logotype takes the room, shrunk and reported."""
    shallow = "  - {id: masthead, kind: masthead, at: {column: 1, span: 5, line: 1, lines: 1}}\n"
    result = build(page_with(tmp_path, shallow), None)
    box = result.spec.box("masthead").rect
    runs = [op for op in result.page.ops if isinstance(op, TextRun)]
    assert not [r for r in runs if r.text.isascii() and r.text.isupper()]
    (title,) = [r for r in runs if r.face == "song-heavy"]
    assert box.y <= title.y - (1 - EM_BOX_DESCENT) * title.size and title.y <= box.bottom
    kinds = [(p.kind, p.message) for p in result.problems if p.box == "masthead"]
    assert (ProblemKind.OVERSET, "the subtitle not drawn: the masthead box leaves it no room") in (
        kinds
    )
    assert ProblemKind.SHRUNK in [k for k, _ in kinds]


def test_an_ear_on_the_masthead_foot_keeps_clear_of_its_rules(tmp_path: Path) -> None:
    """The masthead one column and the ear beside it, both three lines deep: the rules run
    under both, and the ear's lines stand above them; the one with no room there is overset."""
    boxes = (
        "  - {id: masthead, kind: masthead, at: {column: 1, span: 1, line: 1, lines: 3}, "
        "facts: [publisher]}\n"
        "  - {id: ear, kind: ear, at: {column: 2, span: 4, line: 1, lines: 3}, "
        "style: header, facts: [date, issue, editor]}\n"
    )
    result = build(page_with(tmp_path, boxes), None)
    ear = result.spec.box("ear").rect
    rules = [op for op in result.page.ops if isinstance(op, RuleOp) and op.y1 > ear.y]
    heavy = min(op.y1 - op.width / 2 for op in rules if op.x2 >= ear.right - 0.01)
    ear_runs = runs_in(result.page.ops, ear)
    assert ear_runs
    assert max(r.y + EM_BOX_DESCENT * r.size for r in ear_runs) < heavy  # no text on a rule
    (overset,) = [p for p in result.problems if p.box == "ear"]
    assert overset.kind is ProblemKind.OVERSET and overset.details.lines >= 1
    assert overset.message.endswith("above the masthead's rules")
    n = overset.details.lines
    said = f"{n} line of the box" if n == 1 else f"{n} lines of the box"
    assert overset.message.startswith(f"{said} (its facts and lines) do not fit")


def test_an_ear_not_on_the_masthead_foot_uses_its_whole_box(tmp_path: Path) -> None:
    """An ear shorter than the masthead stands above its rules' line: all its depth is its."""
    boxes = (
        MASTHEAD + ", facts: []}\n"
        "  - {id: ear, kind: ear, at: {column: 6, span: 3, line: 1, lines: 1}, "
        "style: header, facts: [], text: [今日8版]}\n"
    )
    result = build(page_with(tmp_path, boxes), None)
    assert text_of(runs_in(result.page.ops, result.spec.box("ear").rect)) == "今日8版"
    assert not [p for p in result.problems if p.box == "ear"]


def test_an_svg_logotype_is_artwork_in_the_ink(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
        '<rect width="400" height="100" fill="#c00"/><circle cx="50" cy="50" r="30" '
        'fill="#fff"/></svg>',
        encoding="utf-8",
    )
    boxes = MASTHEAD + f", logotype: {{image: logo.svg, color: '{RED}'}}}}\n"
    result = build(page_with(tmp_path, boxes), None)
    (art,) = [op for op in result.page.ops if isinstance(op, ArtworkOp)]
    assert art.ink.spot == "PANTONE 485 C"
    assert art.rect.width / art.rect.height == pytest.approx(4.0)
    assert inside(art.rect, result.spec.box("masthead").rect)
    assert [s.fill for s in art.shapes] == [Paint.INK, Paint.PAPER]


def inside(inner: Rect, outer: Rect) -> bool:
    return (
        inner.x >= outer.x - 0.01
        and inner.y >= outer.y - 0.01
        and inner.right <= outer.right + 0.01
        and inner.bottom <= outer.bottom + 0.01
    )


def test_a_picture_logotype_is_placed_and_its_resolution_judged(tmp_path: Path) -> None:
    Image.new("RGBA", (400, 100), (200, 0, 0, 255)).save(tmp_path / "logo.png")
    boxes = MASTHEAD + ", logotype: {image: logo.png}}\n"
    result = build(page_with(tmp_path, boxes), None)
    (image,) = [op for op in result.page.ops if isinstance(op, ImageOp)]
    assert image.pixels == (400, 100)
    assert image.rect.width / image.rect.height == pytest.approx(4.0)
    assert image.ppi == pytest.approx(400 / (image.rect.width / 72))
    (low,) = [p for p in result.problems if p.kind is ProblemKind.LOW_RESOLUTION]
    assert low.box == "masthead" and low.severity is Severity.ERROR  # far below 150 ppi


def test_a_logotype_file_gone_since_loading_is_reported(tmp_path: Path) -> None:
    from layout.compose.page import compose_page
    from layout.fonts import library

    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10">'
        '<rect width="40" height="10"/></svg>',
        encoding="utf-8",
    )
    spec = load_spec(page_with(tmp_path, MASTHEAD + ", logotype: {image: logo.svg}}\n"))
    (tmp_path / "logo.svg").unlink()  # as under watch, between loading and setting
    page = compose_page(spec, library(spec.fonts_manifest))
    (missing,) = [p for p in page.problems if p.kind is ProblemKind.MISSING_IMAGE]
    assert missing.box == "masthead" and "logo.svg" in missing.message
    assert any(isinstance(op, RectOp) for op in page.ops)  # the crossed box in its place


def test_an_ear_too_short_for_its_lines_is_overset(tmp_path: Path) -> None:
    short = "  - {id: ear, kind: ear, at: {column: 6, span: 3, line: 1, lines: 2}"
    boxes = MASTHEAD + ", facts: []}\n" + short + ", text: [今日8版, 天气 晴]}\n"
    result = build(page_with(tmp_path, boxes), None)
    (overset,) = [p for p in result.problems if p.kind is ProblemKind.OVERSET]
    assert overset.box == "ear" and overset.details.lines >= 1
    assert overset.severity is Severity.ERROR


def test_a_masthead_shallower_than_its_rules_draws_no_logotype_and_reports_it() -> None:
    """6 pt: the rules take the box; no logotype of a negative size, each part reported."""
    from layout.compose.furniture import masthead

    spec = load_spec(FRONT)
    setter = Setter(library(spec.fonts_manifest), spec.styles)
    box = spec.box("masthead")._replace(rect=Rect(20.0, 20.0, 600.0, 6.0))
    result = masthead(spec._replace(boxes=(box,)), box, setter)
    assert not [op for op in result.ops if isinstance(op, TextRun)]
    messages = {p.message: p.details for p in result.problems if p.kind is ProblemKind.OVERSET}
    none = "not drawn: the masthead box leaves it no room"
    assert messages[f"the logotype {none}"].chars == len(spec.edition.title)
    assert messages[f"the subtitle {none}"].chars == len(spec.edition.subtitle)


def test_header_parts_never_meet() -> None:
    """Date (start), 第N版 and name (centre), editor (end) on a 100 pt line, 1 em = 5 pt."""
    from layout.compose.furniture import _header_layout
    from layout.text.options import Align

    aligns = [Align.START, Align.CENTER, Align.END]
    # All fit as aligned: the centre stays centred.
    assert _header_layout([20, 30, 20], aligns, 100, 5) == (None, frozenset())
    # A long date would meet the centred part: the centre moves between them, an em apart
    # from each (left 45, right 75: the 28 pt centre at 46).
    assert _header_layout([40, 28, 20], aligns, 100, 5) == (46.0, frozenset())
    # No room even so: the editor is left out (and reported), then the date.
    moved, out = _header_layout([30, 50, 30], aligns, 100, 5)
    assert out == frozenset({2}) and moved == 35 + (100 - 35 - 50) / 2
    assert _header_layout([60, 50, 30], aligns, 100, 5)[1] == frozenset({0, 2})
    # No date printed (a masthead prints it): the centre and the editor only; centred at
    # 30–70 it would come within an em of the editor (70–100): moved to the free 0–65.
    assert _header_layout([40, 30], [Align.CENTER, Align.END], 100, 5) == (12.5, frozenset())
    assert _header_layout([40, 20], [Align.CENTER, Align.END], 100, 5) == (None, frozenset())


def test_a_header_with_a_long_name_and_editor_prints_nothing_over_anything(tmp_path) -> None:
    import yaml as _yaml

    from layout.build import build as _build

    small = Path(__file__).resolve().parents[1] / "fixtures" / "proof" / "small.yaml"
    doc = _yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    doc["articles"] = [str((small.parent / a).resolve()) for a in doc["articles"]]
    doc["edition"]["editor"] = "责任编辑 欧阳修远 美术编辑 司马相如 校对 诸葛孔明 审读 李四"
    doc["page"]["name"] = "这是一个非常非常长的版面名称用于测试眉头排版"
    spec = tmp_path / "page.yaml"
    spec.write_text(_yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = _build(spec, tmp_path / "page.pdf", pdfx=False)
    (left_out,) = [p for p in result.problems if "the page header has no room" in p.message]
    assert "欧阳修远" in left_out.message and left_out.severity.value == "error"
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(tmp_path / "page.pdf") as pdf:
        page = pdf.pages[0]
        top = min(c["top"] for c in page.chars)
        line = sorted((c for c in page.chars if c["top"] < top + 3), key=lambda c: c["x0"])
    assert "版" in "".join(c["text"] for c in line) and "欧" not in "".join(c["text"] for c in line)
    # Nothing overprinted (a half-width mark's box may lap its neighbour's by a hair).
    assert all(a["x1"] <= b["x0"] + 0.5 for a, b in zip(line, line[1:], strict=False))


def test_a_header_with_no_room_above_the_type_area_is_reported(tmp_path) -> None:
    """A top margin of 3 mm: the header would stand in the bleed, cut off at the trim."""
    import yaml as _yaml

    from layout.build import build as _build

    small = Path(__file__).resolve().parents[1] / "fixtures" / "proof" / "small.yaml"
    doc = _yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    doc["articles"] = [str((small.parent / a).resolve()) for a in doc["articles"]]
    spec = tmp_path / "page.yaml"
    for top, reported in (("3mm", True), ("12mm", False)):
        doc["page"]["margins"]["top"] = top
        spec.write_text(_yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
        found = [p for p in _build(spec, None).problems if "runs past the trim" in p.message]
        assert bool(found) is reported, top
        if found:
            assert found[0].kind is ProblemKind.OVERSET and found[0].box == "page-header"
            assert "the top margin is 3.0 mm" in found[0].message


# --------------------------------------------------------------------------- one header line


def header_problems(result) -> list:  # noqa: ANN001
    return [p for p in result.problems if p.box in ("page-header", "top")]


def test_a_page_name_wider_than_the_header_line_is_cut_and_reported(tmp_path: Path) -> None:
    """Page 2 with a name wider than the type area: the header is one line, above its rule;
    the end of the name is reported as overset, with its text, and printed nowhere (not
    under the rule, against the type area's first lines)."""
    name = "城乡建设与发展特别报道专刊" * 12
    spec = page_with(tmp_path, MASTHEAD + ", facts: []}\n", ("number: 1", "number: 2"))
    text = spec.read_text(encoding="utf-8").replace("name: 要闻", f"name: {name}")
    spec.write_text(text, encoding="utf-8")
    result = build(spec, None)
    area = result.page.type_area
    assert area is not None
    header = runs_in(result.page.ops, Rect(0.0, 0.0, result.page.trim.width, area.y))
    assert len({r.y for r in header}) == 1  # one line
    (rule,) = [op for op in result.page.ops if isinstance(op, RuleOp) and op.y1 < area.y]
    assert all(r.y + EM_BOX_DESCENT * r.size < rule.y1 for r in header)  # above its rule
    printed = text_of(header)
    (cut,) = [p for p in header_problems(result) if "of the page name" in p.message]
    assert cut.kind is ProblemKind.OVERSET and cut.severity is Severity.ERROR
    left = f"第2版{name}"[len(printed) :]
    assert left and f"'{left}'" in cut.message.replace(" ", "")
    assert cut.details.chars == len(left)
    under = runs_in(result.page.ops, Rect(area.x, area.y, area.width, 30.0))
    assert "城" not in text_of(under)  # no second line against the type area's top


def test_a_page_name_wider_than_its_page_header_box_stays_in_the_box(tmp_path: Path) -> None:
    """A page-header box one column wide and one line deep: the name's first line in it,
    the rest reported, nothing printed over the box below."""
    boxes = (
        MASTHEAD + ", facts: [date, editor]}\n"
        "  - {id: top, kind: page-header, at: {column: 6, span: 1, line: 1, lines: 1}}\n"
    )
    spec = page_with(tmp_path, boxes)
    text = spec.read_text(encoding="utf-8").replace("name: 要闻", "name: 城乡建设与发展特别报道")
    spec.write_text(text, encoding="utf-8")
    result = build(spec, None)
    box = result.spec.box("top").rect
    runs = [op for op in result.page.ops if isinstance(op, TextRun) and "版" in op.text]
    (line,) = {r.y for r in runs}
    assert box.y < line - (1 - EM_BOX_DESCENT) * runs[0].size and line < box.bottom
    below = Rect(box.x, box.bottom, box.width, 100.0)
    assert runs_in(result.page.ops, below) == []
    (cut,) = [p for p in header_problems(result) if "of the page name" in p.message]
    assert cut.box == "top" and cut.details.lines == 1 and cut.details.chars > 0


def test_a_page_header_box_shallower_than_its_type_prints_none_of_it(tmp_path: Path) -> None:
    """A header style of 24 pt in a box one 14 pt line deep: reported with the box, and
    nothing drawn over the boxes below (or through its own rule)."""
    boxes = (
        MASTHEAD + ", facts: [publisher]}\n"
        "  - {id: top, kind: page-header, at: {column: 1, span: 8, line: 11, lines: 1}}\n"
    )
    header = "header:      {font: hei-regular, size: 小五, leading: 14pt, latin_gap: 0}"
    big = "header:      {font: hei-regular, size: 24pt, leading: 28pt, latin_gap: 0}"
    for style, printed in ((header, True), (big, False)):
        result = build(page_with(tmp_path, boxes, (header, style)), None)
        box = result.spec.box("top").rect
        runs = [op for op in result.page.ops if isinstance(op, TextRun) and "第1版" in op.text]
        assert bool(runs) is printed
        found = [p for p in header_problems(result) if "is not printed" in p.message]
        assert bool(found) is not printed
        if found:
            (shallow,) = found
            assert shallow.kind is ProblemKind.OVERSET and shallow.box == "top"
            assert shallow.details.points_over == pytest.approx(24.5 - box.height, abs=0.01)
            assert f"the box is {box.height * 25.4 / 72:.1f} mm deep" in shallow.message
            assert "deepen the box or set the header style smaller" in shallow.message
        else:
            top = runs[0].y - (1 - EM_BOX_DESCENT) * runs[0].size
            assert box.y <= top and runs[0].y + EM_BOX_DESCENT * runs[0].size <= box.bottom

"""Wrap (串文): a box over a story's columns, the body running around it on the baseline grid.

Checked on the flow (every placed line's rect and every TextRun's em box clear of the
obstacle, lines on the grid, no character lost, skipped and shortened slots), in both
writing modes, over random obstacles (Hypothesis), and on the sample front page, whose lead
story runs around its key-figures box (the display list and the PDF's characters read back
with pdfplumber).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose.body import Fill, Flow, FlowPiece, flow
from layout.compose.frame import Frame
from layout.compose.page import _rules_between, compose_page
from layout.compose.setter import RunInText, Setter, Where
from layout.compose.wrap import MIN_LINE_EMS, Span, slot_spans
from layout.fonts import library
from layout.geometry import EPSILON, Rect, WritingMode
from layout.page import EM_BOX_DESCENT, RuleOp, TextRun
from layout.render.pdf import pdf_bytes
from layout.spec import load_spec
from layout.text.options import Align

ROOT = Path(__file__).resolve().parents[2]
FRONT = ROOT / "tests" / "fixtures" / "front-standalone.yaml"
PITCH = 14.0
SIZE = 9.0  # 小五, the body of the sample spec
COLUMN = 117.0  # 13 characters
GUTTER = 9.0
PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "60")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)
TEXT = (
    "春潮涌动，活力勃发。平湖现代产业体系不断完善，重点产业立柱架梁，创新因子持续激荡，"
    "勾勒出规上工业高质量发展的昂扬曲线。昨天，记者从市经信局获悉，今年一季度，平湖规上"
    "工业增加值同比增长，增速列嘉兴第二。"
)


@pytest.fixture(scope="module")
def setter() -> Setter:
    spec = load_spec(FRONT)
    return Setter(library(spec.fonts_manifest), spec.styles)


def pieces(setter: Setter, *texts: str) -> list[FlowPiece]:
    body = setter.style("body")
    return [
        FlowPiece(t, body, Where("b", "a", k + 1), adjustable=True) for k, t in enumerate(texts)
    ]


def columns(n: int, rows: int) -> list[Rect]:
    return [Rect(i * (COLUMN + GUTTER), 0.0, COLUMN, rows * PITCH) for i in range(n)]


def vertical_bands(n: int, rows: int) -> list[Rect]:
    """``n`` bands of a 竖排 box stacked top to bottom, each ``rows`` lines wide."""
    return [Rect(0.0, i * (COLUMN + GUTTER), rows * PITCH, COLUMN) for i in range(n)]


def glyph_boxes(result: Flow, mode: WritingMode = WritingMode.HORIZONTAL_TB) -> list[Rect]:
    """The em box of every glyph run of the flow."""
    return [run_box(op, mode) for op in result.ops if isinstance(op, TextRun)]


# Marks whose ink lies in the first half of their em (along the line): set in half an em at
# a line's end (clreq §3.1.5), their em box reaches past the line, their ink does not.
HALF_INK = "，。、；：？！）」』》〉"


def run_box(op: TextRun, mode: WritingMode = WritingMode.HORIZONTAL_TB) -> Rect:
    """The em box of a run along its line (the last mark's inked half only): a horizontal
    run from its baseline up ``1 − EM_BOX_DESCENT`` em and down ``EM_BOX_DESCENT``; a turned
    one down the page from its origin; an upright glyph of a vertical line its em below its
    top (``layout.compose.frame``)."""
    chars = max(len(op.text), 1)
    length = chars * op.size * op.scale + (chars - 1) * op.char_space
    if op.text and op.text[-1] in HALF_INK:
        length -= op.size * op.scale / 2
    top = op.y - (1 - EM_BOX_DESCENT) * op.size
    if op.turn == 90:
        return Rect(op.x - EM_BOX_DESCENT * op.size, op.y, op.size, length)
    if mode is WritingMode.VERTICAL_RL:
        return Rect(op.x, top, op.size * op.scale, length)
    return Rect(op.x, top, length, op.size)


def placed_text(result: Flow) -> str:
    return "".join(line.text for line in result.lines)


def assert_clear(
    result: Flow, obstacle: Rect, mode: WritingMode = WritingMode.HORIZONTAL_TB
) -> None:
    """No glyph of the flow, and no line's text band (the em of the body centred in its
    slot), inside ``obstacle``."""
    inset = (PITCH - SIZE) / 2
    for line in result.lines:
        r = line.rect
        if mode is WritingMode.VERTICAL_RL:
            band = Rect(r.x + inset, r.y, r.width - 2 * inset, r.height)
        else:
            band = Rect(r.x, r.y + inset, r.width, r.height - 2 * inset)
        assert not band.intersects(obstacle), (line.text, line.rect, obstacle)
    for box in glyph_boxes(result, mode):
        assert not box.intersects(obstacle), (box, obstacle)


# --------------------------------------------------------------------------- the geometry


def test_slot_spans_skip_full_width_and_shorten_part_width() -> None:
    frame = Frame(Rect(0.0, 0.0, COLUMN, 10 * PITCH))
    across = Rect(-5.0, 2 * PITCH, COLUMN + 10.0, 2 * PITCH)  # slots 2, 3: the whole width
    right = Rect(60.0, 6 * PITCH, 80.0, PITCH)  # slot 6: the right half
    spans = slot_spans(frame, [across, right], PITCH, 10, SIZE, MIN_LINE_EMS * SIZE)
    assert spans[2] is None and spans[3] is None
    assert spans[6] == Span(0.0, 60.0)
    assert all(spans[k] == Span(0.0, COLUMN) for k in (0, 1, 4, 5, 7, 8, 9))


def test_slot_spans_take_the_longer_side_and_skip_a_sliver() -> None:
    frame = Frame(Rect(0.0, 0.0, COLUMN, 4 * PITCH))
    middle = Rect(30.0, 0.0, 20.0, PITCH)  # 30 pt left of it, 67 pt right
    sliver = Rect(3 * SIZE, PITCH, COLUMN, PITCH)  # 3 characters left: under the minimum
    spans = slot_spans(frame, [middle, sliver], PITCH, 4, SIZE, MIN_LINE_EMS * SIZE)
    assert spans[0] == Span(50.0, COLUMN - 50.0)
    assert spans[1] is None


def test_a_stand_off_only_beside_the_em_band_keeps_the_line() -> None:
    """The box's top edge 1 pt into the slot above: the slot's text (9 pt centred in 14 pt)
    stays clear of it, so the line is whole."""
    frame = Frame(Rect(0.0, 0.0, COLUMN, 4 * PITCH))
    spans = slot_spans(frame, [Rect(0.0, 2 * PITCH - 1.0, COLUMN, PITCH)], PITCH, 4, SIZE, 36.0)
    assert spans[1] == Span(0.0, COLUMN)
    assert spans[2] is None


# --------------------------------------------------------------------------- the flow


def test_full_width_wrap_skips_the_slots_under_the_box(setter: Setter) -> None:
    obstacle = Rect(-GUTTER, 3 * PITCH, COLUMN + 2 * GUTTER, 3 * PITCH)  # column 1, slots 3–5
    result = flow(pieces(setter, TEXT), columns(2, 10), PITCH, setter, obstacles=[obstacle])
    assert result.overset_lines == 0
    first = [line.slot for line in result.lines if line.column == 0]
    assert first == [0, 1, 2, 6, 7, 8, 9]  # above the box, then below it, in reading order
    assert result.capacity_lines == 20 - 3
    assert placed_text(result) == TEXT
    assert_clear(result, obstacle)


def test_part_width_wrap_shortens_the_lines_beside_the_box(setter: Setter) -> None:
    obstacle = Rect(7 * SIZE, 2 * PITCH, COLUMN, 4 * PITCH)  # 7 characters left, slots 2–5
    result = flow(pieces(setter, TEXT), columns(2, 10), PITCH, setter, obstacles=[obstacle])
    beside = [line for line in result.lines if line.column == 0 and 2 <= line.slot <= 5]
    assert [line.slot for line in beside] == [2, 3, 4, 5]  # on the same grid lines
    for line in beside:
        assert line.rect == Rect(0.0, line.slot * PITCH, 7 * SIZE, PITCH)
        assert len(line.text) <= 7
    whole = [line for line in result.lines if not 2 <= line.slot <= 5 or line.column]
    assert all(line.rect.width == COLUMN for line in whole)
    assert placed_text(result) == TEXT
    assert result.capacity_lines == 20  # shortened lines are lines, of their length
    # the box reaches 54 pt into column 2 as well: its lines there start after it
    assert result.capacity_measure == pytest.approx(12 * COLUMN + 8 * 7 * SIZE)
    assert_clear(result, obstacle)


def test_text_beside_a_box_on_the_left_starts_after_it(setter: Setter) -> None:
    obstacle = Rect(-GUTTER, 0.0, 5 * SIZE + GUTTER, 3 * PITCH)
    result = flow(pieces(setter, TEXT), columns(2, 10), PITCH, setter, obstacles=[obstacle])
    for line in result.lines[:3]:
        assert line.rect.x == pytest.approx(5 * SIZE)
        assert line.rect.width == pytest.approx(COLUMN - 5 * SIZE)
    assert placed_text(result) == TEXT
    assert_clear(result, obstacle)


def test_lines_stay_on_the_grid_and_paragraphs_go_on_whole(setter: Setter) -> None:
    obstacle = Rect(6 * SIZE, 1 * PITCH, COLUMN, 3 * PITCH)
    texts = (TEXT, TEXT[::-1], TEXT[5:])
    result = flow(pieces(setter, *texts), columns(3, 8), PITCH, setter, obstacles=[obstacle])
    baselines = {round(Frame(c).baseline(k * PITCH, PITCH, SIZE), 6) for c in columns(3, 8)
                 for k in range(8)}  # fmt: skip
    for line in result.lines:
        assert round(line.baseline, 6) in baselines
    assert placed_text(result) + "" == "".join(texts)[: len(placed_text(result))]
    assert len(placed_text(result)) + result.overset_chars == len("".join(texts))


def test_an_overset_wrapped_flow_counts_what_is_over(setter: Setter) -> None:
    obstacle = Rect(-GUTTER, 2 * PITCH, COLUMN + 2 * GUTTER, 5 * PITCH)
    text = TEXT * 3
    result = flow(pieces(setter, text), columns(1, 10), PITCH, setter, obstacles=[obstacle])
    assert result.overset_lines > 0 and not result.empty_slots
    assert placed_text(result) + text[len(placed_text(result)) :] == text
    assert len(placed_text(result)) + result.overset_chars == len(text)
    assert result.capacity_lines == 10 - 5


def test_empty_slots_leave_out_the_slots_under_the_box(setter: Setter) -> None:
    obstacle = Rect(-GUTTER, 6 * PITCH, COLUMN + 2 * GUTTER, 2 * PITCH)
    result = flow(pieces(setter, TEXT[:20]), columns(1, 10), PITCH, setter, obstacles=[obstacle])
    assert result.empty_lines == 10 - 2 - len(result.lines)
    assert not any(slot.intersects(obstacle) for slot in result.empty_slots)


def test_a_byline_keeps_its_width_beside_a_box(setter: Setter) -> None:
    byline = FlowPiece("■记　者　林旭东", setter.style("byline"), Where("b", "a"), beside=False)
    obstacle = Rect(8 * SIZE, 0.0, COLUMN, 2 * PITCH)
    result = flow(
        [byline, *pieces(setter, TEXT)], columns(2, 10), PITCH, setter, obstacles=[obstacle]
    )
    first = result.lines[0]
    assert first.text.startswith("■") and first.slot == 2 and first.rect.width == COLUMN
    assert result.lines[1].slot == 3  # the body beside the box would come before: it follows
    assert_clear(result, obstacle)


def test_the_same_wrap_twice_is_the_same_flow(setter: Setter) -> None:
    obstacle = Rect(5 * SIZE, 2 * PITCH, 100.0, 4 * PITCH)
    one = flow(pieces(setter, TEXT, TEXT), columns(2, 9), PITCH, setter, obstacles=[obstacle])
    two = flow(pieces(setter, TEXT, TEXT), columns(2, 9), PITCH, setter, obstacles=[obstacle])
    assert one == two


def test_a_vertical_column_wraps_as_a_horizontal_one(setter: Setter) -> None:
    """竖排: the obstacle over the top band's right lines, its lower half: those lines are
    shortened (they run down from the band's top), the lines left of it whole."""
    bands = vertical_bands(2, 10)
    obstacle = Rect(8 * PITCH, 60.0, 2 * PITCH, 80.0)  # slots 0–1 of band 1 (from the right)
    result = flow(
        pieces(setter, TEXT),
        bands,
        PITCH,
        setter,
        WritingMode.VERTICAL_RL,
        obstacles=[obstacle],
    )
    assert placed_text(result) == TEXT
    short = [line for line in result.lines if line.column == 0 and line.slot < 2]
    assert [line.slot for line in short] == [0, 1]
    for line in short:
        assert line.rect.y == 0.0 and line.rect.height == pytest.approx(60.0)
    assert_clear(result, obstacle, WritingMode.VERTICAL_RL)


RECTS = st.tuples(
    st.floats(-20.0, 3 * (COLUMN + GUTTER)),
    st.floats(-20.0, 9 * PITCH),
    st.floats(5.0, 2 * COLUMN),
    st.floats(5.0, 6 * PITCH),
)


@PROPERTY
@given(
    rects=st.lists(RECTS, min_size=1, max_size=2),
    mode=st.sampled_from(list(WritingMode)),
    fill=st.sampled_from([None, Fill.FOOT, Fill.BALANCE]),
    cuts=st.lists(st.integers(1, len(TEXT) * 2), min_size=1, max_size=3),
)
def test_random_obstacles_hold_no_glyph_and_lose_no_character(
    setter: Setter,
    rects: list[tuple[float, float, float, float]],
    mode: WritingMode,
    fill: Fill | None,
    cuts: list[int],
) -> None:
    texts = [(TEXT * 2)[:cut] for cut in cuts]
    if mode is WritingMode.VERTICAL_RL:
        cols = vertical_bands(3, 10)
        obstacles = [Rect(y, x, h, w) for x, y, w, h in rects]  # turned with the page
    else:
        cols = columns(3, 10)
        obstacles = [Rect(x, y, w, h) for x, y, w, h in rects]
    result = flow(pieces(setter, *texts), cols, PITCH, setter, mode, fill, obstacles)
    for obstacle in obstacles:
        assert_clear(result, obstacle, mode)
    whole = "".join(texts)
    placed = placed_text(result)
    assert whole.startswith(placed)  # in reading order, nothing repeated
    assert len(placed) + result.overset_chars == len(whole)  # nothing lost
    slots = {(line.column, line.slot) for line in result.lines}
    assert len(slots) == len(result.lines)  # one line a slot
    assert len(result.lines) <= result.capacity_lines


# --------------------------------------------------------------------------- the front page


@pytest.fixture(scope="module")
def front():
    spec = load_spec(FRONT)
    fonts = library(spec.fonts_manifest)
    return spec, fonts, compose_page(spec, fonts)


def test_the_lead_runs_around_the_key_figures(front) -> None:
    spec, _, page = front
    figures = spec.box("figures")
    assert figures.wrap is not None
    grown = Rect(
        figures.rect.x - figures.wrap + EPSILON,
        figures.rect.y - figures.wrap + EPSILON,
        figures.rect.width + 2 * figures.wrap - 2 * EPSILON,
        figures.rect.height + 2 * figures.wrap - 2 * EPSILON,
    )
    lead = next(b for b in page.boxes if b.id == "lead")
    assert figures.rect.intersects(lead.rect)
    assert not any(line.rect.intersects(grown) for line in lead.lines)
    short = [line for line in lead.lines if line.rect.width < lead.columns[0].width - 1e-6]
    assert short, "the lead has lines shortened beside the figures box"
    assert all(line.rect.right <= grown.x or line.rect.x >= grown.right for line in short)
    assert all(
        round(line.baseline, 4) in {round(b, 4) for b in page.grid_lines} for line in lead.lines
    )
    assert lead.overset_lines == 0


def test_a_wrapped_box_adds_no_rule_between_stories(front) -> None:
    """The box stands inside the story: the hairlines are the story's, around it, the same
    as with the box left out."""
    spec, _, page = front
    rules = _rules_between(spec)
    without = spec._replace(boxes=tuple(b for b in spec.boxes if b.id != "figures"))
    assert rules and rules == _rules_between(without)
    drawn = [op for op in page.ops if isinstance(op, RuleOp)]
    assert all(rule in drawn for rule in rules)


def over_two_stories(front, first: Rect, second: Rect, wrapped: Rect):
    """The front page's spec with only two stories (the lead's box at ``first`` and at
    ``second``) and its photo at ``wrapped``, wrapped into them with a stand-off of 1 字."""
    spec = front[0]
    lead, photo = spec.box("lead"), spec.box("photo")
    boxes = (
        lead._replace(rect=first),
        lead._replace(id="second", rect=second),
        photo._replace(rect=wrapped, wrap=SIZE),
    )
    return spec._replace(boxes=boxes)


def test_the_rule_between_two_stories_side_by_side_breaks_around_a_box_over_both(
    front,
) -> None:
    """The photo over the gutter between the stories: the vertical hairline in the gutter
    stops a stand-off short of the photo, above and below it, never through it."""
    photo = Rect(100.0, 200.0, 150.0, 120.0)
    spec = over_two_stories(
        front, Rect(0.0, 0.0, 171.0, 500.0), Rect(180.0, 0.0, 171.0, 500.0), photo
    )
    x = 171.0 + GUTTER / 2
    assert _rules_between(spec) == [
        RuleOp(x, 0.0, x, photo.y - SIZE, 0.4),
        RuleOp(x, photo.bottom + SIZE, x, 500.0, 0.4),
    ]


def test_the_rule_between_two_stories_one_above_the_other_breaks_around_a_box_over_both(
    front,
) -> None:
    """The photo over the edge between the stories, at their right: the horizontal rule
    stops a stand-off short of it, none left beyond it (it reaches the stories' right)."""
    photo = Rect(200.0, 250.0, 151.0, 100.0)
    spec = over_two_stories(
        front, Rect(0.0, 0.0, 351.0, 300.0), Rect(0.0, 300.0, 351.0, 200.0), photo
    )
    assert _rules_between(spec) == [RuleOp(0.0, 300.0, photo.x - SIZE, 300.0, 0.4)]


def test_a_rule_along_a_wrapped_boxs_edge_is_drawn_whole(front) -> None:
    """A box at the foot of a story stands on the rule under it: the rule is not broken."""
    photo = Rect(0.0, 200.0, 150.0, 100.0)
    spec = over_two_stories(
        front, Rect(0.0, 0.0, 351.0, 300.0), Rect(0.0, 300.0, 351.0, 200.0), photo
    )
    assert _rules_between(spec) == [RuleOp(0.0, 300.0, 351.0, 300.0, 0.4)]


def test_no_rule_is_drawn_through_a_wrapped_photo_in_the_pdf(front) -> None:
    """The page drawn and read back (pdfplumber): the gutter's rule in two pieces, neither
    over the photo nor within its stand-off."""
    _, fonts, _ = front
    area = front[0].page.type_area
    photo = Rect(area.x + 100.0, area.y + 200.0, 150.0, 120.0)
    spec = over_two_stories(
        front,
        Rect(area.x, area.y, 171.0, 500.0),
        Rect(area.x + 180.0, area.y, 171.0, 500.0),
        photo,
    )
    page = compose_page(spec, fonts)
    bleed = spec.page.bleed  # pdfplumber measures from the MediaBox: the trim plus bleed
    with pdfplumber.open(io.BytesIO(pdf_bytes([page], fonts))) as pdf:
        lines = pdf.pages[0].lines
    x = area.x + 171.0 + GUTTER / 2
    gutter = sorted(
        (line["top"] - bleed, line["bottom"] - bleed)
        for line in lines
        if abs(line["x0"] - bleed - x) < 0.01 and abs(line["x1"] - bleed - x) < 0.01
    )
    assert gutter == [
        pytest.approx((area.y, photo.y - SIZE), abs=0.01),  # the PDF's numbers: 3 places
        pytest.approx((photo.bottom + SIZE, area.y + 500.0), abs=0.01),
    ]


def test_no_character_of_the_lead_in_the_figures_box_of_the_pdf(front) -> None:
    """The PDF read back: every character inside the figures box and its stand-off is one
    the figures box sets itself (its own runs), none of the lead's."""
    spec, fonts, page = front
    figures = spec.box("figures")
    grown = Rect(
        figures.rect.x - figures.wrap,
        figures.rect.y - figures.wrap,
        figures.rect.width + 2 * figures.wrap,
        figures.rect.height + 2 * figures.wrap,
    )
    own = sum(
        len(op.text.replace(" ", ""))
        for op in page.ops
        if isinstance(op, TextRun) and figures.rect.contains(Rect(op.x, op.y, 0.0, 0.0))
    )
    bleed = spec.page.bleed  # pdfplumber measures from the MediaBox: the trim plus bleed
    with pdfplumber.open(io.BytesIO(pdf_bytes([page], fonts))) as pdf:
        inside = [
            c
            for c in pdf.pages[0].chars
            if c["text"].strip()
            # by its centre (an opening bracket's em hangs half out of its line)
            and grown.x + 0.5 < (c["x0"] + c["x1"]) / 2 - bleed < grown.right - 0.5
            and grown.y + 0.5 < (c["top"] + c["bottom"]) / 2 - bleed < grown.bottom - 0.5
        ]
    assert own > 50  # the figures box's own labels and figures
    assert len(inside) == own


def test_a_photo_box_wraps_too(tmp_path: Path) -> None:
    """The photo news set over the 入境 story's body (a story that ends in its box): the
    story runs around the picture and its caption, and keeps every character (set, or
    counted over)."""
    text = FRONT.read_text(encoding="utf-8")
    text = text.replace("articles: ../../articles", f"articles: {ROOT / 'articles'}")
    text = text.replace(
        "fonts: ../../fonts/manifest.yaml", f"fonts: {ROOT / 'fonts/manifest.yaml'}"
    )
    photo = "at: {column: 6, span: 3, line: 11, lines: 34}"
    assert text.count(photo) == 1
    pages = []
    for at in (photo, "at: {column: 6, span: 3, line: 72, lines: 8}\n    wrap: {standoff: 1字}"):
        path = tmp_path / "front.yaml"
        path.write_text(text.replace(photo, at), encoding="utf-8")
        spec = load_spec(path)
        pages.append((spec, compose_page(spec, library(spec.fonts_manifest))))
    (_, plain), (spec, page) = pages
    box = spec.box("photo")
    grown = Rect(box.rect.x - 9.0, box.rect.y - 9.0, box.rect.width + 18.0, box.rect.height + 18.0)
    story = next(b for b in page.boxes if b.id == "immigration")
    before = next(b for b in plain.boxes if b.id == "immigration")
    inset = (PITCH - SIZE) / 2
    for line in story.lines:
        band = Rect(line.rect.x, line.rect.y + inset, line.rect.width, line.rect.height - 2 * inset)
        assert not band.intersects(grown), (line.text, line.rect)
    assert story.capacity_lines < before.capacity_lines
    assert story.used_chars + story.overset_chars == before.used_chars + before.overset_chars
    assert story.overset_lines > 0  # the story no longer fits: reported, not dropped
    assert any(p.kind.value == "overset" and p.box == "immigration" for p in page.problems)


# --------------------------------------------------------------------------- a 竖排 page


def vertical_page(tmp_path: Path, wrapped: str | None):
    """The sample vertical page, with a figures box of the key figures at ``wrapped`` (a
    placement) wrapped into its energy story's bands, or none."""
    text = (ROOT / "page_specs" / "vertical.yaml").read_text(encoding="utf-8")
    assert text.count("extends: edition.yaml") == 1
    text = text.replace("extends: edition.yaml", f"extends: {ROOT / 'page_specs' / 'edition.yaml'}")
    if wrapped is not None:
        text += (
            "  - {id: figures, kind: figures, figures: key-figures, "
            f"at: {wrapped}, wrap: {{standoff: 1字}}}}\n"
        )
    path = tmp_path / f"vertical-{wrapped is not None}.yaml"
    path.write_text(text, encoding="utf-8")
    spec = load_spec(path)
    return spec, compose_page(spec, library(spec.fonts_manifest))


@pytest.mark.parametrize(
    "at",
    [
        "{column: 1, span: 1, line: 24, lines: 6}",  # band 1 across: its lines skipped
        "{x: 20字, y: 0, width: 84pt, height: 12字}",  # part of band 1's lines: shortened
    ],
)
def test_a_vertical_story_runs_around_a_box_and_loses_no_character(tmp_path: Path, at) -> None:
    _, plain = vertical_page(tmp_path, None)
    spec, page = vertical_page(tmp_path, at)
    figures = spec.box("figures")
    grown = Rect(
        figures.rect.x - figures.wrap,
        figures.rect.y - figures.wrap,
        figures.rect.width + 2 * figures.wrap,
        figures.rect.height + 2 * figures.wrap,
    )
    energy = next(b for b in page.boxes if b.id == "energy")
    before = next(b for b in plain.boxes if b.id == "energy")
    assert energy.lines != before.lines  # the story did run around the box
    body = spec.styles[spec.grid.body_style].size
    inset = (spec.grid.line_pitch - body) / 2  # the text band of a vertical line's slot
    for line in energy.lines:
        band = Rect(line.rect.x + inset, line.rect.y, line.rect.width - 2 * inset, line.rect.height)
        assert not band.intersects(grown), (line.text, line.rect)
    # every character is set or counted over, as without the box
    assert energy.used_chars + energy.overset_chars == before.used_chars + before.overset_chars
    assert energy.capacity_lines < before.capacity_lines or any(
        line.rect.height < energy.columns[0].height - 1e-6 for line in energy.lines
    )


def test_the_wrapped_front_page_is_the_same_pdf_twice(front) -> None:
    spec, fonts, page = front
    again = compose_page(spec, fonts)
    assert again == page
    assert pdf_bytes([again], fonts) == pdf_bytes([page], fonts)


def test_a_dateline_and_an_intertitle_run_around_a_box(setter: Setter) -> None:
    """本报讯 opens the first paragraph beside the box (its lines set at the shorter
    measure), an intertitle centred on the measure left; nothing lost, nothing inside."""
    body = setter.style("body")
    dateline = RunInText("本报讯", setter.style("intertitle"), 1.0)
    flowed = [
        FlowPiece(TEXT, body, Where("b", "a", 1), adjustable=True, run_in=dateline),
        FlowPiece(
            "开局看韧性", setter.style("intertitle"), Where("b", "a", 2), Align.CENTER, 0.0, 1
        ),
        FlowPiece(TEXT[::-1], body, Where("b", "a", 3), adjustable=True),
    ]
    obstacle = Rect(6 * SIZE, 0.0, COLUMN, 14 * PITCH)  # beside every line of column 1
    result = flow(flowed, columns(2, 14), PITCH, setter, obstacles=[obstacle])
    assert_clear(result, obstacle)
    placed = placed_text(result)
    whole = TEXT + "开局看韧性" + TEXT[::-1]
    assert placed.startswith("本报讯") and whole.startswith(placed[3:])
    assert len(placed) - 3 + result.overset_chars == len(whole)
    head = next(line for line in result.lines if line.text == "开局看韧性")
    # beside the box in column 2 too (it reaches 45 pt into it): on the 72 pt left of it
    assert head.column == 1 and head.rect == Rect(171.0, head.rect.y, 72.0, PITCH)

"""A box's frame (``frame: true``): the white its content keeps inside the rule
(``layout.compose.boxframe``), and a framed story and photo side by side on the sample front
page's grid, drawn and read back with pdfplumber: no glyph nor picture edge within half an em
of a frame, the lines on the page's baseline grid, the story's columns whole characters, no
hairline beside a frame."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from layout.build import build
from layout.compose.boxframe import NO_FRAME, FrameWhite, frame_white, whole_characters
from layout.geometry import Rect, WritingMode
from layout.page import ImageOp, RectOp, RuleOp, TextRun

ROOT = Path(__file__).resolve().parents[2]
FRONT = ROOT / "tests" / "fixtures" / "front-standalone.yaml"
SIZE = 9.0  # 小五, the body of the sample spec
PITCH = 14.0
TOL = 0.01


# --------------------------------------------------------------------------- the white


def test_an_unframed_box_keeps_no_white() -> None:
    assert frame_white(False, PITCH, SIZE) is NO_FRAME
    assert NO_FRAME.inside(Rect(1.0, 2.0, 30.0, 40.0), WritingMode.HORIZONTAL_TB) == Rect(
        1.0, 2.0, 30.0, 40.0
    )


def test_the_white_is_half_an_em_along_the_lines_and_whole_lines_across() -> None:
    """Half an em of 9 pt is more than the 2.5 pt a 14 pt line keeps round its em: one whole
    line at the first and last line; on a 20 pt pitch the line's own 5.5 pt is enough."""
    assert frame_white(True, PITCH, SIZE) == FrameWhite(4.5, PITCH)
    assert frame_white(True, 20.0, SIZE) == FrameWhite(4.5, 0.0)
    white = FrameWhite(4.5, PITCH)
    box = Rect(0.0, 0.0, 100.0, 200.0)
    assert white.inside(box, WritingMode.HORIZONTAL_TB) == Rect(4.5, 14.0, 91.0, 172.0)
    assert white.inside(box, WritingMode.VERTICAL_RL) == Rect(14.0, 4.5, 72.0, 191.0)


@pytest.mark.parametrize("mode", list(WritingMode))
@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_columns_are_narrowed_to_whole_characters_equally_at_both_ends(
    mode: WritingMode, count: int
) -> None:
    length = count * 13 * SIZE + (count - 1) * SIZE - SIZE  # basic columns, half an em off
    body = Rect(4.5, 0.0, length, 300.0)
    if mode is WritingMode.VERTICAL_RL:
        body = Rect(0.0, 4.5, 300.0, length)
    narrowed = whole_characters(body, count, SIZE, SIZE, mode)
    along = (
        (narrowed.x, narrowed.width)
        if mode is WritingMode.HORIZONTAL_TB
        else (narrowed.y, narrowed.height)
    )
    start, end = along[0] - 4.5, length - along[0] + 4.5 - along[1]
    assert start == pytest.approx(end)  # centred
    measure = (along[1] - (count - 1) * SIZE) / count
    assert measure / SIZE == pytest.approx(round(measure / SIZE))
    assert 0.0 <= length - along[1] < count * SIZE


# --------------------------------------------------------------------------- on a page

BOXES = """\
boxes:
  - id: story
    kind: article
    article: jinshan
    at: {column: 1, span: 4, line: 1, lines: 40}
    headline: {lines: 6}
    frame: true
  - id: photo
    kind: photo
    article: cherries
    at: {column: 5, span: 4, line: 1, lines: 40}
    frame: true
  - id: below
    kind: article
    article: energy
    at: {column: 1, span: 8, line: 41, lines: 30}
    headline: {lines: 5}
"""


@pytest.fixture(scope="module")
def framed(tmp_path_factory):
    """The front page's grid with a framed story and a framed photo side by side, an
    unframed story under both; built, and its PDF read back."""
    text = FRONT.read_text(encoding="utf-8")
    text = text.replace("articles: ../../articles", f"articles: {ROOT / 'articles'}")
    text = text.replace(
        "fonts: ../../fonts/manifest.yaml", f"fonts: {ROOT / 'fonts/manifest.yaml'}"
    )
    folder = tmp_path_factory.mktemp("framed")
    spec = folder / "page.yaml"
    spec.write_text(text[: text.index("\nboxes:") + 1] + BOXES, encoding="utf-8")
    result = build(spec, folder / "page.pdf", pdfx=False)
    bleed = result.spec.page.bleed  # pdfplumber measures from the MediaBox: trim + bleed
    with pdfplumber.open(folder / "page.pdf") as pdf:
        chars = [
            Rect(c["x0"] - bleed, c["top"] - bleed, c["x1"] - c["x0"], c["bottom"] - c["top"])
            for c in pdf.pages[0].chars
            if c["text"].strip()
        ]
    return result, chars


def box_rect(result, box_id: str) -> Rect:
    return next(b.rect for b in result.page.boxes if b.id == box_id)


def inset(rect: Rect, by: float) -> Rect:
    return Rect(rect.x + by, rect.y + by, rect.width - 2 * by, rect.height - 2 * by)


def centre_in(char: Rect, rect: Rect) -> bool:
    cx, cy = char.x + char.width / 2, char.y + char.height / 2
    return rect.x < cx < rect.right and rect.y < cy < rect.bottom


@pytest.mark.parametrize("box_id", ["story", "photo"])
def test_no_glyph_of_a_framed_box_within_half_an_em_of_its_frame(framed, box_id) -> None:
    """The PDF's characters read back: those in the box keep half an em off the rule (an
    opening mark's em may hang half out of its line: its centre is what is inside)."""
    result, chars = framed
    rect = box_rect(result, box_id)
    mine = [c for c in chars if centre_in(c, rect)]
    assert len(mine) > 40
    clear = inset(rect, SIZE / 2 - TOL)
    for char in mine:
        cx = char.x + char.width / 2
        assert clear.x <= cx - SIZE / 2 + TOL and cx + SIZE / 2 - TOL <= clear.right, char
        assert clear.y <= char.y and char.bottom <= clear.bottom, char


def test_a_framed_storys_lines_are_on_the_grid_and_whole_characters_long(framed) -> None:
    result, _ = framed
    story = next(b for b in result.page.boxes if b.id == "story")
    grid = {round(y, 4) for y in result.page.grid_lines}
    assert story.lines and all(round(line.baseline, 4) in grid for line in story.lines)
    assert story.chars_per_line == pytest.approx(round(story.chars_per_line))
    assert story.chars_per_line < 13  # narrower than a basic column: the frame's white
    # whole lines off the frame: none in the box's first or last grid line
    assert min(line.rect.y for line in story.lines) >= story.rect.y + PITCH - TOL
    assert max(line.rect.bottom for line in story.lines) <= story.rect.bottom - PITCH + TOL


def test_a_framed_photos_picture_and_caption_keep_inside_the_frame(framed) -> None:
    result, _ = framed
    rect = box_rect(result, "photo")
    (image,) = [op for op in result.page.ops if isinstance(op, ImageOp)]
    clip = image.clip
    assert clip.x == pytest.approx(rect.x + SIZE / 2)
    assert clip.y == pytest.approx(rect.y + SIZE / 2)
    assert clip.right == pytest.approx(rect.right - SIZE / 2)
    runs = [
        op
        for op in result.page.ops
        if isinstance(op, TextRun) and rect.contains(Rect(op.x, op.y, 0.0, 0.0))
    ]
    assert runs and all(op.y > clip.bottom for op in runs)  # the caption under the picture
    # the caption's lines on the page's grid, the last a whole line off the frame
    grid = [y for y in result.page.grid_lines if rect.y < y < rect.bottom]
    assert {round(op.y, 4) for op in runs} <= {round(y, 4) for y in grid}
    assert max(op.y for op in runs) == pytest.approx(grid[-2])


def test_no_hairline_is_drawn_beside_a_framed_box(framed) -> None:
    """The frames part the boxes from each other and from the story under them: no rule
    between them, only the two frames."""
    result, _ = framed
    assert not [op for op in result.page.ops if isinstance(op, RuleOp)]
    frames = [op.rect for op in result.page.ops if isinstance(op, RectOp) and op.stroke]
    assert frames == [box_rect(result, "story"), box_rect(result, "photo")]


def test_a_framed_storys_head_keeps_clear_of_a_box_wrapped_just_under_its_area(
    tmp_path: Path,
) -> None:
    """The frame moves the headline area down a line, into a photo the spec lets stand
    right under the area: the head is set in what is left above the photo (the lines that
    do not fit reported), none of it under the picture."""
    text = FRONT.read_text(encoding="utf-8")
    text = text.replace("articles: ../../articles", f"articles: {ROOT / 'articles'}")
    text = text.replace(
        "fonts: ../../fonts/manifest.yaml", f"fonts: {ROOT / 'fonts/manifest.yaml'}"
    )
    boxes = """\
boxes:
  - id: story
    kind: article
    article: jinshan
    at: {column: 1, span: 4, line: 1, lines: 40}
    headline: {lines: 4}
    frame: true
  - id: photo
    kind: photo
    article: cherries
    at: {column: 1, span: 2, line: 5, lines: 16}
    wrap: {standoff: 0字}
"""
    spec = tmp_path / "page.yaml"
    spec.write_text(text[: text.index("\nboxes:") + 1] + boxes, encoding="utf-8")
    result = build(spec, None)
    picture = box_rect(result, "photo")
    story = box_rect(result, "story")
    record = result.spec.articles["jinshan"]
    words = "".join((record.kicker or "", *record.headline, record.subhead or ""))
    head = [
        op
        for op in result.page.ops
        if isinstance(op, TextRun)
        and op.size > SIZE + TOL
        and story.contains(Rect(op.x, op.y, 0.0, 0.0))
        and op.text.strip() in words  # the head's runs, not the photo's title or caption
    ]
    assert len(head) >= 2
    # each head run's em box (its baseline 0.88 em below its top) above the picture
    assert all(op.y + 0.12 * op.size <= picture.y + TOL for op in head)
    problems = [p for p in result.problems if p.box == "story" and "headline block" in p.message]
    assert [p.message.split(": ")[-1] for p in problems] == [
        "its last line is not printed, no room left before box 'photo', wrapped into the story"
    ]

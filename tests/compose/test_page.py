"""The sample front page (``page_specs/front.yaml``) as laid out: every box where the spec put
it, nothing overset, no prohibited line starts or ends, lines on the baseline grid, the key
figures drawn as vector bars and the photo cropped into its box.

Uses the session fixture ``front_build`` (tests/conftest.py): the page is laid out once.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pikepdf
import pytest
import yaml
from PIL import Image

from layout.articles import Article, FiguresRecord
from layout.build import build
from layout.fonts import library
from layout.geometry import Rect
from layout.page import BoxLayout, ImageOp, PlacedLine, RectOp, TextRun
from layout.report import ProblemKind, Severity
from layout.spec import BoxKind
from layout.text.chars import NO_LINE_END, NO_LINE_START, classify
from layout.text.options import Prohibition

TOL = 0.01
ROOT = Path(__file__).resolve().parents[2]


def close(a: float, b: float, tol: float = TOL) -> bool:
    return abs(a - b) <= tol


def same_rect(a: Rect, b: Rect, tol: float = TOL) -> bool:
    return all(close(p, q, tol) for p, q in zip(_t(a), _t(b), strict=True))


def _t(r: Rect) -> tuple[float, float, float, float]:
    return (r.x, r.y, r.width, r.height)


def inside(inner: Rect, outer: Rect, tol: float = TOL) -> bool:
    return (
        inner.x >= outer.x - tol
        and inner.y >= outer.y - tol
        and inner.right <= outer.right + tol
        and inner.bottom <= outer.bottom + tol
    )


def article_boxes(result) -> list[BoxLayout]:
    return [b for b in result.page.boxes if b.kind == BoxKind.ARTICLE.value]


def layout_of(result, box_id: str) -> BoxLayout:
    return next(b for b in result.page.boxes if b.id == box_id)


def runs_in(result, rect: Rect) -> list[TextRun]:
    """Text runs whose origin lies in ``rect``, in display-list (reading) order."""
    return [
        op
        for op in result.page.ops
        if isinstance(op, TextRun)
        and rect.x - TOL <= op.x <= rect.right + TOL
        and rect.y - TOL <= op.y <= rect.bottom + TOL
    ]


def body_lines(result, box: BoxLayout) -> list[PlacedLine]:
    """The lines of ``box`` set in the body size (not the byline or intertitles, which are
    set larger and sit on the grid rows with their own baseline offset)."""
    body = result.spec.styles[result.spec.grid.body_style].size
    runs: dict[float, list[TextRun]] = defaultdict(list)
    for op in result.page.ops:
        if isinstance(op, TextRun):
            runs[round(op.y, 2)].append(op)
    out = []
    for line in box.lines:
        mine = [
            r
            for r in runs[round(line.baseline, 2)]
            # an opening mark at a line start may hang half an em into the gutter
            if line.rect.x - r.size / 2 - TOL <= r.x <= line.rect.right + TOL
        ]
        assert mine, f"{box.id}: no text run on the baseline of {line}"
        if all(close(r.size, body) for r in mine):
            out.append(line)
    return out


# --------------------------------------------------------------------------- boxes


def test_every_spec_box_is_laid_out_with_its_rect(front_build):
    spec, page = front_build.spec, front_build.page
    assert [b.id for b in page.boxes] == [b.id for b in spec.boxes]
    for box in spec.boxes:
        laid = layout_of(front_build, box.id)
        assert laid.kind == box.kind.value
        assert same_rect(laid.rect, box.rect), box.id
        assert inside(laid.rect, spec.page.type_area), box.id
    assert page.type_area is not None and same_rect(page.type_area, spec.page.type_area)
    assert close(page.trim.width, spec.page.trim_width)
    assert close(page.trim.height, spec.page.trim_height)
    assert close(page.bleed, spec.page.bleed)


def test_sample_page_geometry_is_the_broadsheet_of_the_spec(front_build):
    mm = 72 / 25.4
    spec = front_build.spec
    assert close(spec.page.trim_width, 390 * mm)
    assert close(spec.page.trim_height, 545 * mm)
    assert close(spec.page.bleed, 3 * mm)
    grid = spec.grid
    # 8 columns of 13 字 of 小五 (9 pt) with a 1 字 gutter: 111 字 = 999 pt; 104 lines of 14 pt
    assert close(grid.type_area.width, 999.0)
    assert close(grid.type_area.height, 104 * 14.0)
    lead = spec.box("lead").rect
    assert same_rect(lead, grid.rect(1, 5, 11, 34))


def test_article_boxes_have_their_columns(front_build):
    spec = front_build.spec
    pitch = spec.grid.line_pitch
    boxes = article_boxes(front_build)
    assert {b.id for b in boxes} == {
        "lead",
        "shuangyong",
        "jinshan",
        "immigration",
        "energy",
        "labour",
    }
    for laid in boxes:
        box = spec.box(laid.id)
        assert laid.article == box.article
        assert len(laid.columns) == box.columns
        # the spec's columns, below the headline block
        head = box.headline.lines * pitch if box.headline else 0.0
        for column, expected in zip(laid.columns, box.column_rects(spec.grid.gutter), strict=True):
            assert close(column.x, expected.x) and close(column.width, expected.width), laid.id
            assert close(column.y, box.rect.y + head), laid.id
            assert close(column.bottom, box.rect.bottom), laid.id
        # span 4 without 破栏: the basic columns, each 13 字 of the body size wide
        assert all(close(c.width, spec.grid.column_width) for c in laid.columns), laid.id
        assert laid.lines, laid.id
        assert all(0 <= line.column < len(laid.columns) for line in laid.lines)


def test_no_box_overset_or_underset(front_build):
    # No box is a grid line taller than its text needs: a box of k columns grows or shrinks
    # by k slots a line, so fewer than k slots may stay empty at its foot (the lead's 86
    # lines in 5 columns leave 4).
    for laid in article_boxes(front_build):
        assert laid.overset_lines == 0, laid
        assert laid.overset_chars == 0, laid
        columns = len(laid.columns)
        assert laid.empty_lines < max(columns, 3), f"{laid.id}: {laid.empty_lines} empty lines"
        assert 0 < laid.used_lines <= laid.capacity_lines, laid.id
        assert laid.capacity_lines - laid.used_lines == laid.empty_lines, laid.id


def test_no_error_problems(front_build):
    errors = [p for p in front_build.problems if p.severity is Severity.ERROR]
    assert errors == [], [str(p) for p in errors]
    assert front_build.errors == ()


def test_every_article_record_used_is_on_the_page(front_build):
    spec = front_build.spec
    placed = {b.article for b in front_build.page.boxes if b.article}
    used = {b.article or b.figures for b in spec.boxes if (b.article or b.figures)}
    assert placed == used
    assert isinstance(spec.articles["key-figures"], FiguresRecord)
    assert all(isinstance(spec.articles[a], Article) for a in used - {"key-figures"})


# --------------------------------------------------------------------------- 避头尾


def test_no_prohibited_break_or_orphan_problem(front_build):
    kinds = {p.kind for p in front_build.problems}
    assert ProblemKind.PROHIBITED_BREAK not in kinds
    assert ProblemKind.ORPHAN not in kinds
    assert ProblemKind.OVERFULL_LINE not in kinds


def test_no_line_starts_or_ends_with_a_prohibited_character(front_build):
    no_start = NO_LINE_START[Prohibition.BASIC]
    no_end = NO_LINE_END[Prohibition.BASIC]
    bad = []
    for laid in front_build.page.boxes:
        paragraph_start = True
        for line in laid.lines:
            text = line.text.strip()
            if text:
                if not paragraph_start and classify(text[0]) in no_start:
                    bad.append(f"{laid.id}: starts with {text[0]!r}: {line.text!r}")
                if classify(text[-1]) in no_end:
                    bad.append(f"{laid.id}: ends with {text[-1]!r}: {line.text!r}")
            paragraph_start = line.last
    assert bad == []


def test_a_paragraph_ends_on_its_last_line_only(front_build):
    """``last`` marks the last line of each paragraph: no one-character last line (孤字)."""
    for laid in article_boxes(front_build):
        assert laid.lines[-1].last, laid.id
        for line in laid.lines:
            if line.last:
                assert len(line.text.strip()) >= 2, f"{laid.id}: orphan {line.text!r}"


# --------------------------------------------------------------------------- baseline grid


def test_lines_sit_in_grid_rows(front_build):
    pitch = front_build.spec.grid.line_pitch
    for laid in article_boxes(front_build):
        rows = int(laid.columns[0].height / pitch + 1e-6)
        for line in laid.lines:
            assert isinstance(line.slot, int), line
            assert 0 <= line.slot < rows, (laid.id, line)
            column = laid.columns[line.column]
            assert close(line.rect.y, column.y + line.slot * pitch), (laid.id, line)
            assert close(line.rect.height, pitch), (laid.id, line)
            assert inside(line.rect, column), (laid.id, line)


def test_body_baselines_align_across_columns(front_build):
    pitch = front_build.spec.grid.line_pitch
    checked = 0
    for laid in article_boxes(front_build):
        by_slot: dict[int, dict[int, float]] = defaultdict(dict)
        for line in body_lines(front_build, laid):
            by_slot[line.slot][line.column] = line.baseline
        for slot, columns in by_slot.items():
            for c in columns:
                if c + 1 in columns:
                    assert close(columns[c], columns[c + 1]), (laid.id, slot, c)
                    checked += 1
        # and down a column, consecutive rows are one pitch apart
        lines = body_lines(front_build, laid)
        for a, b in zip(lines, lines[1:], strict=False):
            if a.column == b.column:
                assert close(b.baseline - a.baseline, (b.slot - a.slot) * pitch), (laid.id, a, b)
    assert checked > 100


def test_body_baselines_share_one_page_grid(front_build):
    """Every body line of every story is on the same baseline grid: any two baselines differ
    by a whole number of line pitches, across boxes too."""
    pitch = front_build.spec.grid.line_pitch
    baselines = [
        line.baseline
        for laid in article_boxes(front_build)
        for line in body_lines(front_build, laid)
    ]
    assert len(baselines) > 300
    first = baselines[0]
    off = []
    for y in baselines:
        steps = (y - first) / pitch
        if abs(steps - round(steps)) * pitch > TOL:
            off.append(y)
    assert off == []


def test_the_page_records_its_baseline_grid(front_build):
    """``Page.grid_lines`` (drawn by the proof) is the grid the body lines are set on: every
    body baseline is one of them, and they run a pitch apart over the type area."""
    page, spec = front_build.page, front_build.spec
    pitch = spec.grid.line_pitch
    grid = page.grid_lines
    area = spec.page.type_area
    assert len(grid) == int(area.height / pitch + 1e-6)
    assert all(close(b - a, pitch) for a, b in zip(grid, grid[1:], strict=False))
    assert area.y < grid[0] and grid[-1] < area.bottom
    for laid in article_boxes(front_build):
        for line in body_lines(front_build, laid):
            assert any(close(line.baseline, y) for y in grid), (laid.id, line)


def test_boxes_record_their_empty_slots_and_characters_per_line(front_build):
    spec = front_build.spec
    pitch = spec.grid.line_pitch
    body = spec.styles[spec.grid.body_style].size
    for laid in article_boxes(front_build):
        assert close(laid.chars_per_line, laid.columns[0].width / body), laid.id
        nominal = int(laid.capacity_lines * laid.chars_per_line)
        if laid.room_chars is None:
            assert laid.capacity_chars == nominal
            assert laid.empty_chars == int(laid.empty_lines * laid.chars_per_line)
        else:  # the lead, the key figures wrapped into it: its short lines count short
            assert laid.id == "lead"
            assert laid.capacity_chars < nominal
            assert laid.empty_chars <= int(laid.empty_lines * laid.chars_per_line)
        # the empty slots follow the last line, one grid line each, in the last columns
        last = laid.lines[-1]
        for slot in laid.empty_slots:
            column = next(i for i, c in enumerate(laid.columns) if inside(slot, c))
            assert close(slot.height, pitch) and close(slot.width, laid.columns[column].width)
            assert (column, slot.y) > (last.column, last.rect.y), (laid.id, slot)
        assert laid.used_lines + laid.empty_lines <= laid.capacity_lines


def test_an_image_records_its_pixels_and_printed_resolution(front_build):
    (image,) = [op for op in front_build.page.ops if isinstance(op, ImageOp)]
    with Image.open(image.path) as im:
        assert image.pixels == im.size
    # pixels over the printed inches, the same both ways (the image is scaled, not stretched)
    assert image.ppi == pytest.approx(image.pixels[0] / (image.rect.width / 72), rel=1e-9)
    assert image.ppi == pytest.approx(image.pixels[1] / (image.rect.height / 72), rel=1e-6)


# --------------------------------------------------------------------------- masthead, figures


def test_masthead_ear_and_no_header(front_build):
    spec = front_build.spec
    masthead = spec.box("masthead").rect
    text = "".join(r.text for r in runs_in(front_build, masthead)).replace(" ", "")
    assert spec.edition.title in text
    assert "中共平湖市委机关报" in text and "国内统一连续出版物号：CN33-0000" in text
    ear = "".join(r.text for r in runs_in(front_build, spec.box("ear").rect)).replace(" ", "")
    assert ear == "2025年4月30日星期三农历乙巳年四月初三第7188期今日8版"
    # page 1 has no page header (眉头): nothing is set in the top margin
    top = Rect(0.0, 0.0, spec.page.trim_width, spec.page.type_area.y)
    assert runs_in(front_build, top) == []


def test_key_figures_are_shaded_bars_and_labels(front_build):
    spec = front_build.spec
    rect = spec.box("figures").rect
    record = spec.articles["key-figures"]
    assert isinstance(record, FiguresRecord)
    rects = [op for op in front_build.page.ops if isinstance(op, RectOp) and inside(op.rect, rect)]
    shaded = [op for op in rects if same_rect(op.rect, rect) and op.fill is not None]
    assert shaded, "the figures box is not shaded"
    with_values = [item for item in record.items if item.value is not None]
    bars = [op for op in rects if op is not shaded[0]]
    # a bar for each item with a value and none for 生命健康产业, which has none (no stub)
    assert len(bars) == len(with_values) < len(record.items)
    assert all(op.fill is not None for op in bars)
    text = "".join(r.text for r in runs_in(front_build, rect)).replace(" ", "")
    for item in record.items:
        assert item.label in text, item.label
    assert record.title.replace(" ", "") in text


def test_photo_is_cropped_into_its_box(front_build):
    spec = front_build.spec
    box = spec.box("photo")
    pitch = spec.grid.line_pitch
    images = [
        op for op in front_build.page.ops if isinstance(op, ImageOp) and inside(op.clip, box.rect)
    ]
    assert len(images) == 1
    image = images[0]
    clip = image.clip
    article = spec.articles["cherries"]
    assert isinstance(article, Article)
    assert image.path == str(article.photos[0].file)
    # the picture area: full width of the box, from its top, ending half a line above a grid
    # row (the caption block below it sits on the grid)
    assert close(clip.x, box.rect.x) and close(clip.y, box.rect.y)
    assert close(clip.width, box.rect.width)
    rows = (clip.height + pitch / 2) / pitch
    assert close(rows, round(rows)), clip
    assert clip.height > box.rect.height / 2
    # fill: the image covers the picture area, cut on one axis only, centred, unstretched
    r = image.rect
    assert inside(clip, r)
    assert close(r.width, clip.width) or close(r.height, clip.height)
    assert close(r.x + r.width / 2, clip.x + clip.width / 2)
    assert close(r.y + r.height / 2, clip.y + clip.height / 2)
    with Image.open(article.photos[0].file) as im:
        w, h = im.size
    assert r.width / r.height == pytest.approx(w / h, rel=1e-6)
    # the caption and credit are set below the picture, inside the box
    under = Rect(box.rect.x, clip.bottom, box.rect.width, box.rect.bottom - clip.bottom)
    caption = "".join(t.text for t in runs_in(front_build, under)).replace(" ", "")
    photo = article.photos[0]
    assert photo.caption is not None and photo.caption[:10] in caption
    assert "■摄影\u3000王\u3000强\u3000陈明远" in caption  # 王强 padded to three


def test_bylines_and_intertitles_share_the_body_baselines(front_build):
    """A one-line byline (五号 kai) or intertitle sits on the grid's body baseline, so every
    line of a story — not only the body text — lines up with its neighbours."""
    pitch = front_build.spec.grid.line_pitch
    body = [
        line.baseline
        for laid in article_boxes(front_build)
        for line in body_lines(front_build, laid)
    ]
    every = [line for laid in article_boxes(front_build) for line in laid.lines]
    assert len(every) > len(body)  # there are bylines and intertitles too
    first = body[0]
    for line in every:
        steps = (line.baseline - first) / pitch
        assert abs(steps - round(steps)) * pitch <= TOL, line


# --------------------------------------------------------------------------- full boxes


def small_page(tmp_path: Path, boxes: list[dict]) -> Path:
    """The small proof page's spec with ``boxes``, the labour story its record."""
    small = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
    doc = yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    doc["articles"] = [str(ROOT / "articles" / "labour.yaml")]
    doc["boxes"] = boxes
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def test_the_body_runs_up_beside_a_narrow_headline(tmp_path):
    # A four-column story whose headline spans two basic columns: the columns right of it
    # start at the box's top, the others under the headline, and the box is full.
    story = {
        "id": "story",
        "kind": "article",
        "article": "labour",
        "at": {"column": 1, "span": 4, "line": 1, "lines": 16},
        "headline": {"lines": 6, "span": 2},
    }
    result = build(small_page(tmp_path, [story]), None)
    box = layout_of(result, "story")
    head_bottom = box.rect.y + 6 * result.spec.grid.line_pitch
    tops = {c: min(ln.rect.y for ln in box.lines if ln.column == c) for c in range(4)}
    assert close(tops[2], box.rect.y) and close(tops[3], box.rect.y)
    assert tops[0] >= head_bottom - TOL and tops[1] >= head_bottom - TOL
    assert box.empty_lines == 0  # full: drawn out or pulled in to the foot
    assert not [p for p in result.problems if p.kind in (ProblemKind.OVERSET, ProblemKind.UNDERSET)]


def test_a_shaded_box_listed_after_a_story_is_drawn_under_its_text(tmp_path):
    """The shade is the ground the story is printed on, whatever the boxes' order: in the
    page's content stream its fill (``re f*``) comes before any text is shown."""
    story = {
        "id": "story",
        "kind": "article",
        "article": "labour",
        "at": {"column": 1, "span": 4, "line": 1, "lines": 24},
        "headline": {"lines": 4},
    }
    at = {"column": 2, "span": 2, "line": 8, "lines": 10}
    shade = {"id": "tint", "kind": "shaded", "shade": 0.3, "at": at}
    result = build(small_page(tmp_path, [story, shade]), tmp_path / "page.pdf", pdfx=False)
    tint = layout_of(result, "tint").rect
    assert runs_in(result, tint), "the story's text runs over the shaded box"
    fills = [op for op in result.page.ops if isinstance(op, RectOp) and op.fill is not None]
    assert [op.rect for op in fills] == [tint]
    with pikepdf.open(tmp_path / "page.pdf") as pdf:
        operators = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
    shown = [k for k, op in enumerate(operators) if op in ("Tj", "TJ", "'", '"')]
    filled = [k for k, op in enumerate(operators) if op in ("f", "f*", "F")]
    assert shown and filled == [filled[0]]  # the one fill on the page: the shade
    assert filled[0] < shown[0]
    assert operators[filled[0] - 1] == "re"


# --------------------------------------------------------------------------- bylines, datelines


def _cells(result, rect: Rect, face: str) -> dict[str, list[tuple[float, float]]]:
    """(x, baseline) of each character drawn in ``face`` in ``rect``, by character: the
    byline's glyphs are full width, one em each (plus the run's character spacing)."""
    at: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for run in runs_in(result, rect):
        if run.face != face:
            continue
        for k, ch in enumerate(run.text):
            at[ch].append((run.x + k * (run.size + run.char_space), run.y))
    return at


def test_bylines_stack_their_roles_labels_of_one_width(front_build):
    """The seed page's practice: ``■记　者 管学悦`` / ``　通讯员 陈　杰``: the labels start at
    one x after the hanging ■ and are one width (者 under 员), the names start at one x, a
    name that does not fit goes on under the first name, and 陈杰 is padded to three."""
    spec = front_build.spec
    size = spec.styles["byline"].size
    for box_id, rows in (
        ("shuangyong", [("记", "通"), ("者", "员"), ("管", "徐", "陈")]),
        ("immigration", [("记", "通"), ("者", "员"), ("张", "刘", "徐", "王")]),
        ("lead", [("记", "通"), ("者", "员"), ("林", "张")]),  # in the headline block
    ):
        at = _cells(front_build, spec.box(box_id).rect, "kai")
        for chars in rows:
            xs = [at[ch][0][0] for ch in chars]
            assert max(xs) - min(xs) < TOL, (box_id, chars, xs)
            ys = [at[ch][0][1] for ch in chars]
            assert ys == sorted(ys) and len(set(ys)) == len(ys), (box_id, chars)  # lines
        mark = at["■"][0][0]
        assert close(at["记"][0][0], mark + size)  # the mark hangs before the first label
        assert close(at[rows[2][0]][0][0], mark + 5 * size)  # ■ 记　者 and an em
    shuangyong = _cells(front_build, spec.box("shuangyong").rect, "kai")
    chen, jie = shuangyong["陈"][0], shuangyong["杰"][0]
    assert close(jie[0] - chen[0], 2 * size) and close(jie[1], chen[1])  # 陈　杰


def test_datelines_are_set_in_hei_a_fixed_em_before_the_text(front_build):
    """本报讯 in 黑, then one em of the body size, the same on every story, whatever the
    justification of its line."""
    spec = front_build.spec
    em = spec.styles["body"].size
    gaps = []
    for box in spec.boxes:
        article = spec.articles.get(box.article or "")
        if box.kind is not BoxKind.ARTICLE or not article.dateline:
            continue
        runs = runs_in(front_build, box.rect)
        k = next(i for i, r in enumerate(runs) if r.text == article.dateline)
        dateline, after = runs[k], runs[k + 1]
        assert dateline.face == "hei" and after.face == "song", box.id
        assert close(after.y, dateline.y)
        end = dateline.x + len(dateline.text) * em + (len(dateline.text) - 1) * dateline.char_space
        gaps.append(after.x - end)
    assert len(gaps) == 5
    assert gaps == pytest.approx([em] * len(gaps), abs=TOL)


# --------------------------------------------------------------------------- 竖题


def test_a_vertical_head_longer_than_its_strip_less_an_em_keeps_the_rows_white(tmp_path):
    # A URL as the 主题 of a 竖题 down a box of 8 rows (112 pt): 105.6 pt at 10 pt, the
    # smallest of its range, longer than the strip less an em at each end (92 pt). It is
    # sized again on the strip less half a body leading at the top and foot (2.5 pt: 14 pt
    # rows, 9 pt body), where it fits whole: set, not reported overset.
    small = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
    doc = yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    story = tmp_path / "story.yaml"
    story.write_text(
        "id: story\nheadline: www.pinghu.gov.cn\nbody: [平台正式上线运行。]\n", "utf-8"
    )
    doc["articles"] = [str(story)]
    doc["styles"]["headline"] = {"font": "song-heavy", "size": "10pt..22pt", "leading": "1.25em"}
    doc["boxes"] = [
        {
            "id": "story",
            "kind": "article",
            "article": "story",
            "at": {"column": 1, "span": 4, "line": 1, "lines": 8},
            "headline": {"lines": 3, "position": "right"},
        }
    ]
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(spec, None, dry_run=True)
    box = layout_of(result, "story")
    (head,) = box.headline
    assert head.size == 10.0 and head.texts == ("www.pinghu.gov.cn",)
    assert not [
        p for p in result.problems if p.kind in (ProblemKind.OVERSET, ProblemKind.OVERFULL_LINE)
    ]
    white = (result.spec.grid.line_pitch - result.spec.styles["body"].size) / 2
    assert close(white, 2.5)
    turned = [op for op in result.page.ops if isinstance(op, TextRun) and op.turn == 90]
    assert turned and close(min(r.y for r in turned), box.rect.y + white)


def _horizontal_box_on_a_vertical_page(
    tmp_path: Path,
    headline: str,
    body: str,
    headline_style: dict | None = None,
    columns: int | None = None,
):  # noqa: ANN202
    """The small proof page made 竖排 (150 × 200 mm, bands of 12 characters) with one 横排
    article box of ``headline`` and ``body`` across 8 of its vertical lines and down its two
    bands (``columns`` its own when given), built."""
    small = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
    doc = yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    story = tmp_path / "story.yaml"
    story.write_text(f"id: story\nheadline: {headline}\nbody: [{body}]\n", "utf-8")
    doc["articles"] = [str(story)]
    doc["page"].update(trim={"width": "150mm", "height": "200mm"}, writing_mode="vertical-rl")
    doc["grid"]["column_width"] = "12字"
    if headline_style is not None:
        doc["styles"]["headline"] = headline_style
    doc["boxes"] = [
        {
            "id": "story",
            "kind": "article",
            "article": "story",
            "writing_mode": "horizontal-tb",
            "at": {"column": 1, "span": 2, "line": 1, "lines": 8},
            "headline": {"lines": 3},
            **({} if columns is None else {"columns": columns}),
        }
    ]
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build(spec, None, dry_run=True)


def test_a_horizontal_head_on_a_vertical_page_keeps_the_white_of_the_lines_beside_it(tmp_path):
    # A 横排 box on a 竖排 page meets the boxes beside it on a vertical line's edge, no gutter
    # between (a rule there). Its URL 主题 across 8 lines (112 pt), 105.6 pt at 10 pt, the
    # smallest of its range, is longer than the box less an em at each end (92 pt); sized
    # again, it keeps half a body leading at its left and right (2.5 pt: 14 pt lines, 9 pt
    # body), as the page's own lines do there: 10 pt on 107 pt, never 10.5 pt on the whole
    # 112 pt, touching the rule.
    headline = {"font": "song-heavy", "size": "10pt..22pt", "leading": "1.25em"}
    result = _horizontal_box_on_a_vertical_page(
        tmp_path, "www.pinghu.gov.cn", "平台正式上线运行。", headline
    )
    box = layout_of(result, "story")
    (head,) = box.headline
    assert head.size == 10.0 and head.texts == ("www.pinghu.gov.cn",)
    assert not [
        p for p in result.problems if p.kind in (ProblemKind.OVERSET, ProblemKind.OVERFULL_LINE)
    ]
    white = (result.spec.grid.line_pitch - result.spec.styles["body"].size) / 2
    assert close(white, 2.5)
    fonts = library()
    runs = [op for op in runs_in(result, box.rect) if close(op.size, head.size)]
    assert "".join(r.text for r in runs) == "www.pinghu.gov.cn"
    ends = [
        (r.x, r.x + sum(fonts.face(r.face).advance(c) for c in r.text) * r.size * r.scale)
        for r in runs
    ]
    assert min(x for x, _ in ends) >= box.rect.x + white - TOL
    assert max(x for _, x in ends) <= box.rect.right - white + TOL


def test_a_horizontal_box_on_a_vertical_page_keeps_its_body_clear_of_the_boxes_beside(tmp_path):
    # The box's lines run across the page's vertical lines, where the box beside meets it
    # with no gutter: its body keeps half a body leading at its left and right (2.5 pt: 14 pt
    # lines, 9 pt body), as its head does, never set from the box's very edge.
    result = _horizontal_box_on_a_vertical_page(tmp_path, "平台上线", "平台正式上线运行，" * 20)
    box = layout_of(result, "story")
    white = (result.spec.grid.line_pitch - result.spec.styles["body"].size) / 2
    assert close(white, 2.5) and box.columns and box.lines
    assert close(min(c.x for c in box.columns), box.rect.x + white)
    assert close(max(c.right for c in box.columns), box.rect.right - white)
    assert all(box.rect.x + white - TOL <= line.rect.x for line in box.lines)
    assert all(line.rect.right <= box.rect.right - white + TOL for line in box.lines)


def test_a_horizontal_box_down_two_bands_of_a_vertical_page_is_one_column(tmp_path):
    # Its span counts the page's bands, stacked top to bottom: its lines run across its
    # whole width (one column, not two side by side of half the width, the right one left
    # empty); ``columns`` given divides it still.
    body = "平台正式上线运行，" * 20
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    result = _horizontal_box_on_a_vertical_page(tmp_path / "one", "平台上线", body)
    (spec_box,) = result.spec.boxes
    assert spec_box.grid_at[1] == 2 and spec_box.columns == 1
    box = layout_of(result, "story")
    white = (result.spec.grid.line_pitch - result.spec.styles["body"].size) / 2
    (column,) = box.columns
    assert close(column.width, box.rect.width - 2 * white)
    assert all(close(line.rect.width, column.width) for line in box.lines if not line.last)
    two = _horizontal_box_on_a_vertical_page(tmp_path / "two", "平台上线", body, columns=2)
    assert len(layout_of(two, "story").columns) == 2


def _small_page(tmp_path: Path, boxes: list[dict]) -> Path:
    """The proof fixture's small page with a story of 引题, 主题 and 副题, and ``boxes``."""
    small = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
    doc = yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    story = tmp_path / "story.yaml"
    story.write_text(
        "id: story\nkicker: 外籍船员办事进一扇门\nheadline: 移民事务服务站揭牌\n"
        "subhead: 一站式服务\nbody: [平台正式上线运行。]\n",
        "utf-8",
    )
    doc["articles"] = [str(story)]
    doc["boxes"] = boxes
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def test_the_first_box_of_a_story_without_a_headline_area_says_its_head_is_not_printed(
    tmp_path,
):
    # A box without `headline:` has no room for the head: the 引题, 主题 and 副题 are not
    # set, and a warning at the box names them (not a default area: the lines are the
    # designer's). The box a thread goes on in is not its first: it says nothing.
    at = {"column": 1, "span": 4, "line": 1, "lines": 6}
    spec = _small_page(
        tmp_path,
        [
            {"id": "story", "kind": "article", "article": "story", "at": at},
            {"id": "more", "kind": "article", "at": {**at, "line": 7}},
        ],
    )
    doc = yaml.safe_load(spec.read_text(encoding="utf-8"))
    doc["boxes"][0]["continues"] = {"box": "more"}
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(spec, None, dry_run=True)
    (found,) = [p for p in result.problems if p.kind is ProblemKind.UNPRINTED_HEADLINE]
    assert (found.box, found.article, found.level) == ("story", "story", None)
    assert found.message == (
        "the story's headline (引题 '外籍船员办事进一扇门', 主题 '移民事务服务站揭牌', "
        "副题 '一站式服务') is not printed: the box has no headline area; give it "
        "`headline: {lines: N}`"
    )
    assert found.details.to_json() == {
        "kicker": "外籍船员办事进一扇门",
        "headline": "移民事务服务站揭牌",
        "subhead": "一站式服务",
    }
    assert found.where == layout_of(result, "story").rect
    assert layout_of(result, "story").headline == ()
    texts = "".join(op.text for op in result.page.ops if isinstance(op, TextRun))
    assert "揭牌" not in texts and "平台" in texts


def test_a_box_with_a_headline_area_prints_the_head_and_says_nothing(tmp_path):
    at = {"column": 1, "span": 4, "line": 1, "lines": 12}
    box = {"id": "story", "kind": "article", "article": "story", "at": at}
    spec = _small_page(tmp_path, [{**box, "headline": {"lines": 6}}])
    result = build(spec, None, dry_run=True)
    assert not [p for p in result.problems if p.kind is ProblemKind.UNPRINTED_HEADLINE]
    assert [h.texts for h in layout_of(result, "story").headline][1] == ("移民事务服务站揭牌",)


@pytest.mark.parametrize("align", ["start", "center", "end"])
def test_an_intertitle_is_aligned_as_its_style_says(tmp_path, align):
    # 小标题: flush at the column's start, centred or at its end, as the designer's style says.
    at = {"column": 1, "span": 1, "line": 1, "lines": 20}
    spec = _small_page(tmp_path, [{"id": "story", "kind": "article", "article": "story", "at": at}])
    doc = yaml.safe_load(spec.read_text(encoding="utf-8"))
    doc["styles"]["intertitle"]["align"] = align
    doc["boxes"][0]["headline"] = {"lines": 8}
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    story = tmp_path / "story.yaml"
    story.write_text(
        story.read_text("utf-8").replace(
            "body: [平台正式上线运行。]",
            "body: [平台正式上线运行。, {intertitle: 服务站}, 船员办事。]",
        ),
        "utf-8",
    )
    result = build(spec, None, dry_run=True)
    box = layout_of(result, "story")
    (head,) = [line for line in box.lines if line.text == "服务站"]
    (column,) = box.columns
    runs = runs_in(result, head.rect)
    size = result.spec.styles["intertitle"].size
    ink_left = min(run.x for run in runs)
    left, right = ink_left - column.x, column.right - (ink_left + 3 * size)  # 3 汉字, 1 em each
    flush, other = {"start": (left, right), "center": (left - right, left), "end": (right, left)}[
        align
    ]
    assert close(flush, 0.0) and other > 10.0, (left, right)  # (a column of 13 字 at 小五)


def test_the_body_s_columns_stand_in_the_room_beside_a_strip_of_columns(tmp_path):
    # A 竖题 strip one basic column wide (117 pt) down the right of a box of 4: the body
    # keeps the other 3 columns (117 pt each), or, with `columns: 4`, their room (369 pt)
    # re-divided (破栏) into 4 of 85.5 pt, 9 pt gutters apart, the last a gutter left of
    # the strip; never the box's 4 less the strip's 1 (3 columns of 117 pt again).
    at = {"column": 1, "span": 4, "line": 1, "lines": 12}
    box = {"id": "story", "kind": "article", "article": "story", "at": at}
    strip = {"position": "right", "span": 1}
    for given, width in ((None, 117.0), (4, 85.5), (2, 180.0)):
        columns = {} if given is None else {"columns": given}
        spec = _small_page(tmp_path, [{**box, **columns, "headline": strip}])
        result = build(spec, None, dry_run=True)
        laid = layout_of(result, "story")
        head = result.spec.box("story").headline_rect(result.spec.grid)
        assert len(laid.columns) == (given or 3)
        assert all(close(c.width, width) for c in laid.columns), laid.columns
        assert close(laid.columns[0].x, laid.rect.x)
        assert close(max(c.right for c in laid.columns), head.x - result.spec.grid.gutter)
        assert all(line.rect.right <= head.x + TOL for line in laid.lines)


def test_a_head_too_wide_for_its_strip_of_lines_leaves_the_body_a_line_s_width(tmp_path):
    # A strip of 5 line pitches (70 pt) down a box one column wide (117 pt), its head at
    # 60 pt: far wider than the box. The strip grows for it only as far as leaves the
    # body's column 2 characters (18 pt, a gutter from the strip); the head's lines past
    # that are not printed, and said so. (It took the whole box: a body set at −9 pt, its
    # glyphs mirrored.)
    at = {"column": 1, "span": 1, "line": 1, "lines": 12}
    box = {"id": "story", "kind": "article", "article": "story", "at": at}
    spec = _small_page(tmp_path, [{**box, "headline": {"lines": 5, "position": "right"}}])
    doc = yaml.safe_load(spec.read_text(encoding="utf-8"))
    doc["styles"]["headline"] = {"font": "song-heavy", "size": "60pt..61pt", "leading": "1.25em"}
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(spec, None, dry_run=True)
    laid = layout_of(result, "story")
    (column,) = laid.columns
    assert close(column.x, laid.rect.x) and close(column.width, 18.0)
    assert close(laid.chars_per_line, 2.0)
    over = [p for p in result.problems if p.kind is ProblemKind.OVERSET and p.box == "story"]
    assert any("not printed" in p.message for p in over)
    assert all(op.scale > 0 for op in runs_in(result, laid.rect))


def _leaded_twice(tmp_path: Path, sentences: int) -> Path:
    """The small page with one story of ``sentences`` sentences in a box of 2 columns and
    15 grid lines, 5 of them its head's, its body style leaded 28 pt on the 14 pt grid (a
    line on every second grid line)."""
    at = {"column": 1, "span": 2, "line": 1, "lines": 15}
    box = {"id": "story", "kind": "article", "article": "story", "at": at, "body_style": "big"}
    spec = _small_page(tmp_path, [{**box, "headline": {"lines": 5}}])
    doc = yaml.safe_load(spec.read_text(encoding="utf-8"))
    doc["styles"]["big"] = {**doc["styles"]["body"], "size": "五号", "leading": "28pt"}
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    story = tmp_path / "story.yaml"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("平台正式上线运行。", "平台正式上线运行。" * sentences), "utf-8")
    return spec


def test_a_body_leaded_twice_the_grid_counts_its_own_lines(tmp_path):
    # 10 grid lines under the head, 5 lines of the body a column: room for 10 lines in
    # all. The story takes 3 of them: 7 are empty, about 7 × 11.1 characters of 五号
    # (10.5 pt) on a 117 pt column, not 14 grid lines (about 156 characters).
    result = build(_leaded_twice(tmp_path, 3), None, dry_run=True)
    box = layout_of(result, "story")
    ys = sorted({round(line.rect.y, 2) for line in box.lines})
    assert all(close(b - a, 28.0) for a, b in zip(ys, ys[1:], strict=False))
    assert (box.capacity_lines, box.used_lines, box.empty_lines) == (10, 3, 7)
    assert box.capacity_chars == int(10 * box.chars_per_line)
    assert all(close(slot.height, 28.0) for slot in box.empty_slots)
    (under,) = [p for p in result.problems if p.kind is ProblemKind.UNDERSET]
    chars = int(7 * box.chars_per_line)
    assert under.message == f"room for 7 more lines (about {chars} characters)"
    assert under.details.lines == 7

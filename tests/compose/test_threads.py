"""Threads: a story poured through boxes on one page and across pages loses and repeats no
character, whatever the boxes' sizes; the cut paragraph goes on from the character where the
last line ended (no new indent); an intertitle never ends a box whose story goes on (背题);
jump lines are generated only where the story turns the page, with the right page numbers.

Pages are set with the repository's fonts on small specs (``threads_project``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.build import fonts_for
from layout.compose.edition import compose_pages
from layout.compose.page import compose_page, jump_head
from layout.errors import SpecErrors
from layout.fonts import FontLibrary
from layout.page import BoxLayout, Page
from layout.report import ProblemKind
from layout.spec import load_spec

sys.path.insert(0, str(Path(__file__).parent))
from threads_project import ROOT, Box, squash, write_page, write_story  # noqa: E402

# Derandomised for CI; BANMIAN_EXAMPLES=5000 searches deeper.
PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "40")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)


def _pool() -> list[str]:
    """Paragraphs of the sample edition (intertitles marked ``## ``), and one of Western
    words, a URL and digits."""
    found = []
    for name in ("shuangyong", "jinshan", "labour"):
        body = yaml.safe_load((ROOT / "articles" / f"{name}.yaml").read_text("utf-8"))["body"]
        found += ["## " + p["intertitle"] if isinstance(p, dict) else p for p in body]
    found.append(
        "记者登录https://www.pinghu.gov.cn/news查询，Zusammenarbeit项目2025年投入1.6亿元，"
        "覆盖率达到87%。"
    )
    return found


POOL = _pool()
JUMP_OUT, JUMP_IN = "（下转第{page}版）", "（上接第{page}版）"


@pytest.fixture(scope="module")
def fonts() -> FontLibrary:
    return fonts_for(load_spec(ROOT / "page_specs" / "front.yaml"))


def thread_text(pages: tuple[Page, ...], order: list[tuple[int, str]]) -> str:
    """The text of the boxes ``order`` (page, box id), in that order, jump lines left out."""
    by_key = {(p.number, b.id): b for p in pages for b in p.boxes}
    jumps = {w.replace("{page}", str(p.number)) for w in (JUMP_OUT, JUMP_IN) for p in pages}
    return "".join(
        squash(line.text) for key in order for line in by_key[key].lines if line.text not in jumps
    )


def expected(paragraphs: list[str]) -> str:
    return "本报讯" + "".join(squash(p.removeprefix("## ")) for p in paragraphs)


def box(page: Page, box_id: str) -> BoxLayout:
    return next(b for b in page.boxes if b.id == box_id)


BODY = [k for k, p in enumerate(POOL) if not p.startswith("## ")]


@PROPERTY
@given(
    first=st.sampled_from(BODY),
    picks=st.lists(st.integers(0, len(POOL) - 1), max_size=5),
    a=st.tuples(st.integers(1, 4), st.integers(1, 16)),
    b=st.tuples(st.integers(1, 4), st.integers(1, 16)),
    c=st.tuples(st.integers(1, 4), st.integers(1, 10)),
    heads=st.booleans(),
)
def test_a_thread_loses_and_repeats_no_character(
    tmp_path_factory: pytest.TempPathFactory,
    fonts: FontLibrary,
    first: int,
    picks: list[int],
    a: tuple[int, int],
    b: tuple[int, int],
    c: tuple[int, int],
    heads: bool,
) -> None:
    """Page 1: box a continues in box b; b continues on page 2 in box c, and c in box d, big
    enough for any story. Every character of the story comes out once, in order. (Sizes
    are body lines; with ``heads``, a has a 6-line headline and b and c 3-line 转版 heads.)"""
    folder = tmp_path_factory.mktemp("thread")
    paragraphs = [POOL[k] for k in [first, *picks]]
    write_story(folder, "story", paragraphs)
    head, jump_head = (6, 3) if heads else (0, 0)
    a_lines, b_lines, c_lines = a[1] + head, b[1] + jump_head, c[1] + jump_head
    p1 = write_page(
        folder,
        "p1",
        1,
        [
            Box("a", 1, a[0], 1, a_lines, "story", "b", head=head),
            Box("b", 1, b[0], a_lines + 1, b_lines, None, "2/c", head=jump_head),
        ],
        lines=a_lines + b_lines,
    )
    p2 = write_page(
        folder,
        "p2",
        2,
        [
            Box("c", 1, c[0], 1, c_lines, None, "d", head=jump_head),
            Box("d", 1, 4, c_lines + 1, 50 - c_lines),
        ],
        lines=50,
    )
    pages = compose_pages([load_spec(p1), load_spec(p2)], fonts)
    order = [(1, "a"), (1, "b"), (2, "c"), (2, "d")]
    assert thread_text(pages, order) == expected(paragraphs)
    problems = [p for page in pages for p in page.problems]
    assert not [p for p in problems if p.kind is ProblemKind.OVERSET]
    reached = [key for key in order if box(pages[key[0] - 1], key[1]).lines]
    # the story fills the boxes it reaches in thread order, and no box after it is filled
    assert reached == order[: len(reached)]
    empty = {(p.box, p.kind) for p in problems if p.kind is ProblemKind.EMPTY_CONTINUATION}
    assert empty == {(k[1], ProblemKind.EMPTY_CONTINUATION) for k in order[len(reached) :]}
    for page in pages:
        for laid in page.boxes:
            for line in laid.lines:  # every line on the baseline grid
                assert min(abs(line.baseline - g) for g in page.grid_lines) < 0.01
    b_lines = box(pages[0], "b").lines
    if (2, "c") in reached:  # the story turned the page: both jump lines, right numbers
        assert b_lines[-1].text == "（下转第2版）"
        assert b_lines[-1].column == len(box(pages[0], "b").columns) - 1
        assert box(pages[1], "c").lines[0].text == "（上接第1版）"
    else:
        assert all("下转" not in ln.text for ln in b_lines)
    # a thread within a page prints no jump line
    assert all("下转" not in ln.text for ln in box(pages[0], "a").lines)
    assert all("上接" not in ln.text for ln in box(pages[0], "b").lines)


@pytest.fixture
def threaded(tmp_path: Path) -> tuple[Path, Path]:
    """The 双拥 story from a box of 2 columns × 10 lines (a 4-line head) on page 1 to a box
    on page 2."""
    body = yaml.safe_load((ROOT / "articles" / "shuangyong.yaml").read_text("utf-8"))["body"]
    write_story(
        tmp_path, "story", ["## " + p["intertitle"] if isinstance(p, dict) else p for p in body]
    )
    p1 = write_page(tmp_path, "p1", 1, [Box("a", 1, 2, 1, 14, "story", "2/c", head=4)])
    p2 = write_page(tmp_path, "p2", 2, [Box("c", 1, 4, 1, 40, None, head=3)])
    return p1, p2


def test_the_cut_paragraph_goes_on_from_its_character_with_no_indent(
    threaded: tuple[Path, Path], fonts: FontLibrary
) -> None:
    page1, page2 = compose_pages([load_spec(p) for p in threaded], fonts)
    source, target = box(page1, "a"), box(page2, "c")
    *text, jump = source.lines
    assert jump.text == "（下转第2版）" and jump.rect.bottom == pytest.approx(source.rect.bottom)
    resumed = target.lines[1]  # after （上接第1版）
    assert target.lines[0].text == "（上接第1版）"
    if not text[-1].last:  # a paragraph cut at the box's end: its rest starts flush
        assert resumed.rect.x == pytest.approx(target.columns[0].x)
        first = target.lines[1]
        assert abs(first.rect.x - target.columns[0].x) < 0.01
    assert source.overset_lines == 0 and source.empty_lines <= 2
    assert page1.problems == ()


def test_the_continuation_head_is_the_jump_head(
    threaded: tuple[Path, Path], fonts: FontLibrary
) -> None:
    _, page2 = compose_pages([load_spec(p) for p in threaded], fonts)
    (part,) = box(page2, "c").headline
    assert part.texts == ("双拥花开",) and part.style == "jump_head"
    # its problems are placed at its own line in the record, not the 主题's
    article = load_spec(threaded[0]).articles["story"]
    assert jump_head(article).headline_pos == article.jump_head_pos is not None


def test_pages_renumbered_their_jump_lines_follow(tmp_path: Path, fonts: FontLibrary) -> None:
    body = [p for p in POOL[:6] if not p.startswith("## ")]
    write_story(tmp_path, "story", body)
    p1 = write_page(tmp_path, "p1", 3, [Box("a", 1, 2, 1, 12, "story", "7/c", head=3)])
    p2 = write_page(tmp_path, "p2", 7, [Box("c", 1, 4, 1, 48, None, head=3)])
    pages = compose_pages([load_spec(p1), load_spec(p2)], fonts)
    assert box(pages[0], "a").lines[-1].text == "（下转第7版）"
    assert box(pages[1], "c").lines[0].text == "（上接第3版）"
    assert [p.number for p in pages] == [3, 7]


def test_the_wording_is_the_specs(tmp_path: Path, fonts: FontLibrary) -> None:
    write_story(tmp_path, "story", [p for p in POOL[:6] if not p.startswith("## ")])
    jumps = "jumps: {out: '（转第{page}版）', in: '（接{page}版）'}\n"
    p1 = write_page(tmp_path, "p1", 1, [Box("a", 1, 2, 1, 12, "story", "2/c")], jumps=jumps)
    p2 = write_page(tmp_path, "p2", 2, [Box("c", 1, 4, 1, 48)], jumps=jumps)
    pages = compose_pages([load_spec(p1), load_spec(p2)], fonts)
    assert box(pages[0], "a").lines[-1].text == "（转第2版）"
    assert box(pages[1], "c").lines[0].text == "（接1版）"


def test_a_thread_s_last_box_that_cannot_hold_the_rest_is_overset(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    write_story(tmp_path, "story", [p for p in POOL[:6] if not p.startswith("## ")])
    p1 = write_page(tmp_path, "p1", 1, [Box("a", 1, 2, 1, 8, "story", "b"), Box("b", 3, 2, 1, 8)])
    (page,) = compose_pages([load_spec(p1)], fonts)
    assert box(page, "a").overset_lines == 0
    (over,) = [p for p in page.problems if p.kind is ProblemKind.OVERSET]
    assert (over.box, over.article) == ("b", "story")
    total = len(expected([p for p in POOL[:6] if not p.startswith("## ")]))
    placed = len(thread_text((page,), [(1, "a"), (1, "b")]))
    assert box(page, "b").overset_chars > 0 and placed < total


def test_a_continuation_box_with_no_room_for_its_copy_counts_and_quotes_the_copy_cut(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    # The box on page 2 has no room even for its 接 line: what is cut is the story's text,
    # from the paragraph where page 1 stopped, not the jump line the box opens with.
    paragraphs = [p for p in POOL[:6] if not p.startswith("## ")]
    write_story(tmp_path, "story", paragraphs)
    p1 = write_page(tmp_path, "p1", 1, [Box("a", 1, 2, 1, 8, "story", "2/c")])
    p2 = write_page(tmp_path, "p2", 2, [Box("c", 1, 1, 1, 2, head=1)])  # its 转版 head: 2
    pages = compose_pages([load_spec(p1), load_spec(p2)], fonts)
    overs = [p for p in pages[1].problems if p.kind is ProblemKind.OVERSET]
    (over,) = [p for p in overs if p.message.startswith("cut ")]  # (and the head's)
    rest = len(expected(paragraphs)) - len(thread_text(pages, [(1, "a")]))
    assert over.details.chars == box(pages[1], "c").overset_chars == rest
    cut = over.details.cut_from
    assert cut.paragraph is not None and cut.source is not None
    assert "接" not in cut.text


def test_a_continuation_never_reached_is_reported(tmp_path: Path, fonts: FontLibrary) -> None:
    write_story(tmp_path, "story", ["春潮涌动，活力勃发。"])
    p1 = write_page(tmp_path, "p1", 1, [Box("a", 1, 4, 1, 20, "story", "2/c")])
    p2 = write_page(tmp_path, "p2", 2, [Box("c", 1, 4, 1, 20)])
    page1, page2 = compose_pages([load_spec(p1), load_spec(p2)], fonts)
    assert all("下转" not in line.text for line in box(page1, "a").lines)
    (problem,) = page2.problems
    assert problem.kind is ProblemKind.EMPTY_CONTINUATION
    assert (problem.box, problem.article) == ("c", "story")
    assert problem.details.page == 1 and problem.details.box == "a"
    assert "never reached" in problem.message and "page 1" in problem.message


def test_a_continuation_page_built_alone_reports_its_empty_box(
    threaded: tuple[Path, Path], fonts: FontLibrary
) -> None:
    page = compose_page(load_spec(threaded[1]), fonts)
    (problem,) = page.problems
    assert problem.kind is ProblemKind.EMPTY_CONTINUATION and problem.box == "c"
    assert "not in this build" in problem.message


def test_a_problem_of_the_cut_paragraph_is_reported_once(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    """A character no font has, beyond the cut, is reported by the box that sets it; one that
    cleaning took out is reported once, where the paragraph was cleaned (its first box)."""
    text = "春潮涌动，活力勃发。" * 12
    write_story(tmp_path, "story", [text[:20] + "\u200d" + text[20:] + "\ue000" + text])
    p1 = write_page(tmp_path, "p1", 1, [Box("a", 1, 1, 1, 4, "story", "b"), Box("b", 2, 3, 1, 30)])
    (page,) = compose_pages([load_spec(p1)], fonts)
    missing = [p for p in page.problems if p.kind is ProblemKind.MISSING_GLYPH]
    removed = [p for p in page.problems if p.kind is ProblemKind.REMOVED_CHARACTER]
    assert [(p.box, p.paragraph) for p in missing] == [("b", 1)]
    assert [(p.box, p.paragraph) for p in removed] == [("a", 1)]
    assert thread_text((page,), [(1, "a"), (1, "b")]) == "本报讯" + squash(
        text[:20] + text[20:] + "\ue000" + text
    )


def test_a_byline_longer_than_its_box_goes_on_line_by_line(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    write_story(tmp_path, "story", ["春潮涌动，活力勃发。" * 8])
    record = tmp_path / "articles" / "story.yaml"
    record.write_text(
        record.read_text("utf-8").replace(
            "dateline:",
            "byline: {reporters: [林旭东], correspondents: [张心悦, 王江超]}\ndateline:",
        ),
        "utf-8",
    )
    p1 = write_page(tmp_path, "p1", 1, [Box("a", 1, 1, 1, 1, "story", "b"), Box("b", 2, 3, 1, 30)])
    (page,) = compose_pages([load_spec(p1)], fonts)
    a, b = box(page, "a"), box(page, "b")
    assert len(a.lines) == 1 and "林旭东" in squash(a.lines[0].text)
    assert "张心悦" in squash(b.lines[0].text)  # the byline's second line, not its first again
    assert sum("林旭东" in squash(ln.text) for ln in (*a.lines, *b.lines)) == 1
    assert not [p for p in page.problems if p.kind is ProblemKind.OVERSET]


def test_a_vertical_thread_loses_nothing_and_prints_no_jump_within_the_page(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    """竖排: the energy story of the vertical page goes on in the box beside it (bands top
    to bottom, lines right to left), its body whole across the two boxes."""
    text = (ROOT / "page_specs" / "vertical.yaml").read_text("utf-8")
    assert text.count("extends: edition.yaml") == 1
    text = text.replace("extends: edition.yaml", f"extends: {ROOT / 'page_specs' / 'edition.yaml'}")
    text = text.replace(
        "    article: energy\n    at: {column: 1, span: 2, line: 14, lines: 23}\n",
        "    article: energy\n    at: {column: 1, span: 2, line: 14, lines: 15}\n"
        "    continues: {box: immigration}\n",
    )
    text = text.replace("    article: immigration\n", "")
    text = text.replace(  # the box a thread goes on in repeats no story
        "    headline: {lines: 5}\n    repeat: true                 "
        "# the story of page 1 again, set 竖排\n",
        "    headline: {lines: 5}\n",
    )
    path = tmp_path / "vertical.yaml"
    path.write_text(text, "utf-8")
    spec = load_spec(path)
    page = compose_page(spec, fonts)
    story = spec.articles["energy"]
    expected = squash(story.dateline or "") + "".join(squash(p.text) for p in story.paragraphs)
    got = "".join(
        squash(line.text) for key in ("energy", "immigration") for line in box(page, key).lines
    )
    assert got[got.find(expected[:8]) :] == expected  # after the byline, the story whole
    assert box(page, "energy").overset_lines == 0 and box(page, "immigration").lines
    assert not any(mark in got for mark in ("下转", "上接"))


def test_a_box_listed_before_the_box_it_continues_is_composed_after_it(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    write_story(tmp_path, "story", [p for p in POOL[:4] if not p.startswith("## ")])
    p1 = write_page(tmp_path, "p1", 1, [Box("b", 3, 2, 1, 30), Box("a", 1, 2, 1, 6, "story", "b")])
    (page,) = compose_pages([load_spec(p1)], fonts)
    assert [laid.id for laid in page.boxes] == ["b", "a"]  # the spec's order kept
    text = thread_text((page,), [(1, "a"), (1, "b")])
    assert text == expected([p for p in POOL[:4] if not p.startswith("## ")])
    assert box(page, "b").lines and box(page, "a").overset_lines == 0


@pytest.mark.parametrize(
    ("wording", "shown"),
    [("（下转第版）", "'（下转第版）'"), ("（下转{page}{page}版）", "'（下转{page}{page}版）'"),
     ("（下转{n}版）", "'（下转{n}版）'")],
)  # fmt: skip
def test_a_jump_wording_needs_its_page_once(tmp_path: Path, wording: str, shown: str) -> None:
    write_story(tmp_path, "story", ["春潮涌动。"])
    jumps = f"jumps:\n  out: '{wording}'\n"
    path = write_page(tmp_path, "p1", 1, [Box("a", 1, 2, 1, 6, "story")], jumps=jumps)
    with pytest.raises(SpecErrors) as info:
        load_spec(path)
    (error,) = info.value.errors
    assert error.key_path == "jumps.out" and error.pos is not None
    assert (error.pos.line, error.pos.column) == (32, 8)
    assert "{page} once" in error.message and shown in error.message


def _edition(folder: Path, pages: list[tuple[int, str]]) -> Path:
    """An edition file listing the pages (each made to extend it)."""
    path = folder / "edition.yaml"
    for _, name in pages:
        page = folder / f"{name}.yaml"
        page.write_text("extends: edition.yaml\n" + page.read_text("utf-8"), "utf-8")
    listed = "".join(f"  - {{number: {n}, name: 要闻, spec: {s}.yaml}}\n" for n, s in pages)
    path.write_text(
        f"edition:\n  title: 今日平湖\n  date: 2025-04-30\npages:\n{listed}", encoding="utf-8"
    )
    return path


def test_a_jump_to_a_page_the_edition_lacks_is_bad_input_before_any_page_is_set(
    tmp_path: Path,
) -> None:
    """Not a crash of the page that meets it (was: an internal error, exit 70): the edition's
    threads are checked when it is loaded, in every mode."""
    from layout.cli import main
    from layout.edition import build_edition

    write_story(tmp_path, "story", ["春潮涌动，活力勃发。" * 80])
    write_story(tmp_path, "other", ["春潮涌动。"])
    write_page(tmp_path, "p1", 1, [Box("a", 1, 4, 1, 20, "story", "5/c")])
    write_page(tmp_path, "p2", 2, [Box("b", 1, 4, 1, 20, "other")])
    edition = _edition(tmp_path, [(1, "p1"), (2, "p2")])
    with pytest.raises(SpecErrors) as raised:
        build_edition(edition, None, dry_run=True)
    (error,) = raised.value.errors
    assert error.key_path == "boxes[0].continues.page" and "no page 5" in error.message
    for command in (["check"], ["build", "-j", "2"], ["proof"]):
        assert main([command[0], str(edition), *command[1:]]) == 2


def test_a_page_in_no_edition_sending_its_story_on_says_what_is_set_nowhere(
    tmp_path: Path,
) -> None:
    """（下转5版） from a page no edition lists: the page is right, but the rest of the story
    is set in no page built with it: a warning with its characters (was: no word at all)."""
    from layout.build import build

    paragraphs = ["春潮涌动，活力勃发。" * 40, "平湖今年经济稳中有进。" * 40]
    write_story(tmp_path, "story", paragraphs)
    lone = write_page(tmp_path, "p1", 1, [Box("a", 1, 2, 1, 10, "story", "5/c")])
    result = build(lone, None)
    (problem,) = [p for p in result.problems if p.kind is ProblemKind.CONTINUED_NOWHERE]
    assert (problem.box, problem.article) == ("a", "story")
    assert problem.severity.value == "warning" and not result.errors
    assert f"its last {problem.details.chars} characters" in problem.message
    assert "box 'c' of page 5" in problem.message
    # In an edition that lists it, the next page sets the rest: no such warning.
    write_page(tmp_path, "p5", 5, [Box("c", 1, 4, 1, 40)])
    edition = _edition(tmp_path, [(1, "p1"), (5, "p5")])
    assert not [p for p in build(lone, None).problems if p.kind is ProblemKind.CONTINUED_NOWHERE]
    from layout.edition import build_edition

    pages = build_edition(edition, None, dry_run=True).pages
    # The characters counted are those the edition's page 5 then sets: its lines less the
    # 上接 line it opens with.
    (rest,) = [b for b in pages[1].boxes if b.id == "c"]
    texts = [line.text for line in rest.lines]
    assert texts[0] == "（上接第1版）"
    assert sum(len(t) for t in texts[1:]) == problem.details.chars

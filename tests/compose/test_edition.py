"""compose_pages: the pages of an edition in an order where every page a story comes from is
composed first; ``only`` the pages asked for (their sources composed, not returned); the
threads across pages checked, each fault an error at its ``continues`` or box; and the
sample's two pages, written as one PDF, read back story by story across the jump."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from layout.articles import ParagraphKind, load_articles
from layout.build import fonts_for
from layout.compose.edition import compose_pages
from layout.errors import SpecError, SpecErrors
from layout.fonts import FontLibrary
from layout.render.pdf import write_pdf
from layout.spec import load_spec
from layout.spec.model import PageSpec

sys.path.insert(0, str(Path(__file__).parent))
from threads_project import ROOT, Box, squash, write_page, write_story  # noqa: E402

STORY = ["春潮涌动，活力勃发。" * 30, "作为工业增长的主引擎，全市规上工业增加值同比增长。" * 20]


@pytest.fixture(scope="module")
def fonts() -> FontLibrary:
    return fonts_for(load_spec(ROOT / "page_specs" / "front.yaml"))


def pages_of(folder: Path, *pages: tuple[int, list[Box]]) -> list[PageSpec]:
    write_story(folder, "story", STORY)
    write_story(folder, "other", STORY[:1])
    return [
        load_spec(write_page(folder, f"p{k}", number, boxes))
        for k, (number, boxes) in enumerate(pages, start=1)
    ]


def thread_errors(specs: list[PageSpec], fonts: FontLibrary) -> list[SpecError]:
    with pytest.raises(SpecErrors) as info:
        compose_pages(specs, fonts)
    return info.value.errors


def at(error: SpecError) -> tuple[str, int, str]:
    assert error.pos is not None
    return error.pos.file.name, error.pos.line, error.key_path


def test_stories_come_in_from_pages_composed_before(tmp_path: Path, fonts: FontLibrary) -> None:
    # Page 1 holds the story's end; page 2 its start: page 2 is composed first, page 1 is
    # returned first.
    specs = pages_of(
        tmp_path,
        (1, [Box("end", 1, 4, 1, 40)]),
        (2, [Box("start", 1, 2, 1, 10, "story", "1/end")]),
    )
    first, second = compose_pages(specs, fonts)
    assert (first.number, second.number) == (1, 2)
    assert second.boxes[0].lines[-1].text == "（下转第1版）"
    assert first.boxes[0].lines[0].text == "（上接第2版）"


def test_only_composes_the_sources_and_returns_the_pages_asked(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    specs = pages_of(
        tmp_path,
        (1, [Box("start", 1, 2, 1, 10, "story", "2/end")]),
        (2, [Box("end", 1, 4, 1, 40)]),
        (3, [Box("alone", 1, 4, 1, 10, "other")]),
    )
    (page,) = compose_pages(specs, fonts, only={2})
    assert page.number == 2 and page.boxes[0].lines[0].text == "（上接第1版）"
    whole = compose_pages(specs, fonts)
    assert page == whole[1]  # the same page, composed alone or with the edition
    assert [p.number for p in compose_pages(specs, fonts, only={3, 1})] == [1, 3]


def test_each_page_is_handed_on_as_soon_as_it_is_composed(
    tmp_path: Path, fonts: FontLibrary
) -> None:
    """``on_page`` gets each page returned, in the order composed (a story's first page
    before the page it continues on), never a page composed only as a source."""
    specs = pages_of(
        tmp_path,
        (1, [Box("end", 1, 4, 1, 40)]),
        (2, [Box("start", 1, 2, 1, 10, "story", "1/end")]),
        (3, [Box("alone", 1, 4, 1, 10, "other")]),
    )
    handed: list = []
    pages = compose_pages(specs, fonts, on_page=handed.append)
    assert [p.number for p in handed] == [2, 1, 3]
    assert sorted(handed, key=lambda p: p.number) == list(pages)
    handed.clear()
    (page,) = compose_pages(specs, fonts, only={1}, on_page=handed.append)
    assert handed == [page]  # page 2 was composed for its story, not handed on


def test_a_jump_to_a_page_that_does_not_exist(tmp_path: Path, fonts: FontLibrary) -> None:
    specs = pages_of(tmp_path, (1, [Box("start", 1, 2, 1, 10, "story", "5/end")]))
    (error,) = thread_errors(specs, fonts)
    assert at(error) == ("p1.yaml", 32, "boxes[0].continues.page")
    line = (tmp_path / "p1.yaml").read_text("utf-8").splitlines()[31]
    assert error.pos.column == line.index("page: 5") + len("page: ") + 1  # at the number
    assert error.message == "no page 5 in the edition (pages: 1)"
    assert str(error).startswith(f"{error.pos}: boxes[0].continues.page: no page 5")


def test_a_jump_to_a_box_that_does_not_exist(tmp_path: Path, fonts: FontLibrary) -> None:
    specs = pages_of(
        tmp_path,
        (1, [Box("start", 1, 2, 1, 10, "story", "2/ned")]),
        (2, [Box("end", 1, 4, 1, 40)]),
    )
    errors = thread_errors(specs, fonts)
    assert [(at(e), e.message) for e in errors] == [
        (("p1.yaml", 32, "boxes[0].continues.box"),
         "no article box 'ned' on page 2 (article boxes: end)"),
        (("p2.yaml", 32, "boxes[0]"),
         "missing required key 'article': no box of the edition continues into box 'end'"),
    ]  # fmt: skip
    line = (tmp_path / "p1.yaml").read_text("utf-8").splitlines()[31]
    assert errors[0].pos.column == line.index("box: ned") + len("box: ") + 1  # at the id


def test_a_jump_into_a_box_with_an_article_of_its_own(tmp_path: Path, fonts: FontLibrary) -> None:
    specs = pages_of(
        tmp_path,
        (1, [Box("start", 1, 2, 1, 10, "story", "2/end")]),
        (2, [Box("end", 1, 4, 1, 40, "other")]),
    )
    (error,) = thread_errors(specs, fonts)
    assert at(error) == ("p1.yaml", 32, "boxes[0].continues.box")
    assert "has an article of its own ('other')" in error.message


def test_two_boxes_continuing_into_one(tmp_path: Path, fonts: FontLibrary) -> None:
    specs = pages_of(
        tmp_path,
        (
            1,
            [Box("start", 1, 2, 1, 10, "story", "2/end"), Box("s2", 3, 2, 1, 10, "other", "2/end")],
        ),
        (2, [Box("end", 1, 4, 1, 40)]),
    )
    (error,) = thread_errors(specs, fonts)
    assert at(error) == ("p1.yaml", 33, "boxes[1].continues.box")
    assert error.message == (
        "box 'end' of page 2 is continued into by box 'start' of page 1 already "
        "(a box holds one thread)"
    )


def test_a_thread_that_loops_across_pages(tmp_path: Path, fonts: FontLibrary) -> None:
    specs = pages_of(
        tmp_path,
        (1, [Box("start", 1, 2, 1, 10, "story"), Box("back", 3, 2, 1, 10, None, "2/mid")]),
        (2, [Box("mid", 1, 4, 1, 20, None, "1/back")]),
    )
    (error,) = thread_errors(specs, fonts)
    assert at(error) == ("p1.yaml", 33, "boxes[1].continues")
    assert error.message == "the thread loops: page 1 box back → page 2 box mid → page 1 box back"


def test_pages_taking_stories_from_each_other(tmp_path: Path, fonts: FontLibrary) -> None:
    specs = pages_of(
        tmp_path,
        (1, [Box("start", 1, 2, 1, 10, "story", "2/end"), Box("back", 3, 2, 1, 20)]),
        (2, [Box("end", 1, 2, 1, 20), Box("other", 3, 2, 1, 10, "other", "1/back")]),
    )
    (error,) = thread_errors(specs, fonts)
    assert error.message.startswith("the pages take stories from each other (")
    assert error.key_path.endswith(".continues")


def test_the_sample_story_reads_whole_across_its_jump(tmp_path: Path, fonts: FontLibrary) -> None:
    """``pdftotext -raw`` of the front page and page 2 as one PDF: the 双拥 story whole and in
    reading order, its 下转 line after the front page's part and its 上接 line before the
    rest, each printed once."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    specs = [load_spec(ROOT / "page_specs" / name) for name in ("front.yaml", "page2.yaml")]
    pages = compose_pages(specs, fonts)
    out = tmp_path / "edition.pdf"
    write_pdf(list(pages), out, fonts, None)
    text = squash(
        subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(out), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    story = load_articles(specs[0].article_files)["shuangyong"]
    pos = text.find(squash("".join(story.headline)))
    assert pos >= 0
    parts = [squash(p.text) for p in story.paragraphs]
    body = "".join(parts)
    jump_out, jump_in = "（下转2版）", "（上接1版）"
    out_at, in_at = text.find(jump_out), text.find(jump_in)
    assert text.count(jump_out) == 1 and text.count(jump_in) == 1
    assert pos < out_at < in_at
    front = text[pos:out_at]
    # page 2: its 转版 head, then （上接1版）, then the rest of the story
    rest = text[in_at + len(jump_in) :][: len(body)]
    start = front.find(squash(story.paragraphs[0].text)[:10])
    joined = front[start:] + rest
    assert joined.startswith(squash(story.dateline or "") + parts[0][:10]) or joined.startswith(
        parts[0][:10]
    )
    reading = joined.removeprefix(squash(story.dateline or ""))
    # (page 2's other stories follow the story's end)
    assert reading[: len(body)] == body, "the story is not whole and in order across its jump"
    assert [p.kind for p in story.paragraphs].count(ParagraphKind.INTERTITLE) == 1

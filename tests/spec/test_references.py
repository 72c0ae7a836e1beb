"""layout.spec.references: what of the records read a build prints nowhere — here a story
only a photo box shows (its text set in no article box), told at its id, in the edition and
on a page built alone, and not hidden by ``-q``."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from layout.build import build
from layout.cli import main
from layout.spec import load_spec
from layout.spec.edition import load_edition
from layout.spec.model import UnprintedKind

# The sample front page's photo box shows the photo news 'cherries' (a 主题 and a photo):
# given a kicker and a body, it is a story no article box sets.
_STORY = "id: cherries\nkicker: 新仓镇\nheadline: 樱桃红满枝\nbody:\n- 第一段。\n- 第二段。\n"


def _cherries(sample_edition: Path, text: str) -> Path:
    record = sample_edition.parent.parent / "articles" / "cherries.yaml"
    photos = record.read_text(encoding="utf-8").split("photos:", 1)[1]
    record.write_text(text + "photos:" + photos, encoding="utf-8")
    return record


def test_photo_news_loses_nothing_and_is_not_told(sample_edition: Path) -> None:
    edition = load_edition(sample_edition)
    assert not [u for s in edition.specs for u in s.unprinted if u.record == "cherries"]


def test_a_story_only_a_photo_box_shows_is_told_in_the_edition(sample_edition: Path) -> None:
    record = _cherries(sample_edition, _STORY)
    edition = load_edition(sample_edition)
    told = {
        s.page.number: [u for u in s.unprinted if u.record == "cherries"] for s in edition.specs
    }
    (story,) = told.pop(1)
    assert not any(told.values())
    assert story.kind is UnprintedKind.STORY_TEXT and story.box == "photo"
    assert str(story) == (
        f"{record}:1:5: id: article 'cherries' is set by no article box of the edition, only its "
        "photo shown by photo box 'photo' of page 1: its 引题 (kicker) and 2 paragraphs are "
        "not printed"
    )
    # Not also "placed by no box": the photo box places its photo.
    assert not [u for s in edition.specs for u in s.unprinted if u.kind is UnprintedKind.RECORD]


def test_a_page_built_alone_tells_it_as_the_edition_does(sample_edition: Path) -> None:
    _cherries(sample_edition, _STORY)
    front = sample_edition.parent / "front.yaml"
    result = build(front, None, dry_run=True)
    (story,) = result.spec.unprinted
    assert "of the edition" in str(story) and story.box == "photo"
    # The photo's title is the 主题; the body is in no line of the page.
    assert result.pdf is not None
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        text = pdf.pages[0].extract_text().replace("\n", "")
    assert "樱桃红满枝" in text and "第一段" not in text


def test_a_story_another_page_sets_is_not_told_on_the_page_built_alone(
    sample_edition: Path,
) -> None:
    """A photo on one page of a story another page sets (a 导读 photo on the front): the
    page alone is looked at in its edition, which sets the story."""
    _cherries(sample_edition, _STORY)
    culture = sample_edition.parent / "culture.yaml"  # page 3 sets the story under a 竖题
    text = culture.read_text(encoding="utf-8").replace("article: jinshan", "article: cherries")
    culture.write_text(text.replace("    repeat: true", "", 1), encoding="utf-8")
    front = sample_edition.parent / "front.yaml"
    spec = load_spec(front)
    assert [u.record for u in spec.unprinted] == ["cherries"]  # the page alone: its own view
    assert build(front, None, dry_run=True).spec.unprinted == ()
    assert not [u for s in load_edition(sample_edition).specs for u in s.unprinted]


def test_a_page_of_its_own_tells_it_under_q_too(
    capsys: pytest.CaptureFixture[str], sample_edition: Path
) -> None:
    _cherries(sample_edition, _STORY)
    alone = sample_edition.parent / "alone.yaml"
    text = (sample_edition.parent / "front.yaml").read_text(encoding="utf-8")
    alone.write_text(text, encoding="utf-8")  # extends the edition file, in no list of it
    code = main(["-q", "check", str(alone)])
    err = capsys.readouterr().err
    assert code == 0
    assert "warning: " in err and "article 'cherries' is set by no article box of the page" in err

"""The spec's ``wrap`` (串文): a photo or figures box over an article box's body is accepted
with it, and a wrap that makes no sense is an error at its place."""

from __future__ import annotations

import pytest

from layout.spec import load_spec

from .test_spec import SPEC, edit, errors, one_error, project, where, write

__all__ = ["project"]  # the fixture, shared with test_spec

STORY_AT = (
    "{id: story, kind: article, article: story, at: {column: 1, span: 5, line: 1, lines: 20}}"
)
FACTS_AT = (
    "{id: facts, kind: figures, figures: facts, at: {column: 6, span: 3, line: 1, lines: 10}}"
)


def over_story(facts: str, story: str = STORY_AT) -> str:
    """The sample spec with the figures box ``facts`` (its flow mapping's inside) and the
    story box as given."""
    text = edit(STORY_AT, story)
    return edit(FACTS_AT, "{id: facts, kind: figures, figures: facts, " + facts + "}", text)


def test_a_wrapped_box_over_a_story_is_accepted(project) -> None:
    text = over_story("at: {column: 4, span: 2, line: 12, lines: 6}, wrap: {standoff: 1字}")
    spec = load_spec(write(project, text))
    assert spec.box("facts").wrap == pytest.approx(9.0)  # 1 字 of the 9 pt body
    assert spec.box("pic").wrap is None


def test_the_stand_off_defaults_to_one_character_and_takes_mm(project) -> None:
    text = over_story("at: {column: 4, span: 2, line: 12, lines: 6}, wrap: {}")
    assert load_spec(write(project, text)).box("facts").wrap == pytest.approx(9.0)
    text = over_story("at: {column: 4, span: 2, line: 12, lines: 6}, wrap: {standoff: 2mm}")
    assert load_spec(write(project, text)).box("facts").wrap == pytest.approx(2 * 72 / 25.4)


def test_a_box_over_a_story_without_wrap_is_an_error_with_the_hint(project) -> None:
    text = over_story("at: {column: 4, span: 2, line: 12, lines: 6}")
    error = one_error(project, text)
    assert error.key_path == "boxes[1].at"
    assert error.message == (
        "box 'facts' overlaps box 'story' (defined at line 30) by 85.7mm across and 29.6mm "
        "down; give the photo or figures box 'wrap' to run the story around it"
    )


def test_a_negative_stand_off_is_an_error(project) -> None:
    text = over_story("at: {column: 4, span: 2, line: 12, lines: 6}, wrap: {standoff: -1字}")
    error = one_error(project, text)
    assert error.key_path == "boxes[1].wrap.standoff"
    assert (error.pos.line, error.pos.column) == where(text, "-1字")
    assert "stand-off ≥ 0" in error.message


def test_a_wrap_over_the_headline_is_an_error(project) -> None:
    story = STORY_AT.replace("lines: 20}}", "lines: 20}, headline: {lines: 4}}")
    text = over_story("at: {column: 2, span: 2, line: 3, lines: 6}, wrap: {}", story)
    error = one_error(project, text)
    assert error.key_path == "boxes[1].wrap"
    assert error.message.startswith(
        "box 'facts' with its stand-off covers the headline area of box 'story'"
    )


def test_a_stand_off_reaching_the_headline_is_an_error_too(project) -> None:
    """The box starts on the line under the headline area: its stand-off reaches into it."""
    story = STORY_AT.replace("lines: 20}}", "lines: 20}, headline: {lines: 4}}")
    text = over_story("at: {column: 2, span: 2, line: 5, lines: 6}, wrap: {}", story)
    assert "covers the headline area" in one_error(project, text).message
    text = over_story("at: {column: 2, span: 2, line: 5, lines: 6}, wrap: {standoff: 0}", story)
    assert load_spec(write(project, text)).box("facts").wrap == 0.0


def test_a_wrap_over_the_whole_body_is_an_error(project) -> None:
    text = over_story("at: {column: 1, span: 5, line: 1, lines: 20}, wrap: {standoff: 0}")
    error = one_error(project, text)
    assert error.key_path == "boxes[1].wrap"
    assert error.message == (
        "box 'facts' with its stand-off covers the whole body of box 'story': no line of the "
        "story would be left"
    )


def test_a_wrapped_box_still_may_not_cover_another_box(project) -> None:
    """``wrap`` runs a story around the box; over a photo it is the overlap it always was."""
    text = over_story("at: {column: 6, span: 3, line: 8, lines: 6}, wrap: {}")
    found = errors(project, text)
    assert [e.message for e in found] == [
        "box 'pic' overlaps box 'facts' (defined at line 31) by 130.2mm across and 14.8mm down",
    ]


def test_wrap_is_a_key_of_photo_and_figures_boxes_only(project) -> None:
    text = edit("lines: 20}}", "lines: 20}, wrap: {}}", SPEC)
    error = one_error(project, text)
    assert error.key_path == "boxes[0].wrap"


def test_a_wrap_over_a_vertical_headline_strip_is_an_error(project) -> None:
    """竖排: the headline stands in a strip down the box's right; a box over it is refused, a
    box left of it wraps."""
    story = STORY_AT.replace(
        "lines: 20}}", "lines: 20}, writing_mode: vertical-rl, headline: {lines: 3}}"
    )
    right = "at: {x: 62字, y: 5字, width: 6字, height: 4字}, wrap: {standoff: 0}"  # strip: 64⅓–69字
    error = one_error(project, over_story(right, story))
    assert error.key_path == "boxes[1].wrap"
    assert "covers the headline area of box 'story'" in error.message
    left = "at: {x: 5字, y: 5字, width: 8字, height: 4字}, wrap: {standoff: 0}"
    assert load_spec(write(project, over_story(left, story))).box("facts").wrap == 0.0


def test_a_wrap_over_no_story_is_an_error(project) -> None:
    """A ``wrap`` that runs nothing around the box is refused, not accepted and ignored."""
    text = edit(FACTS_AT, FACTS_AT.replace("}}", "}, wrap: {}}"), SPEC)
    error = one_error(project, text)
    assert error.key_path == "boxes[1].wrap"
    assert error.message.startswith("box 'facts' stands over no article box")


PIC_AT = "{id: pic, kind: photo, article: story, at: {column: 6, span: 3, line: 11, lines: 10}}"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("", None), (", title: headline", "headline"), (", title: 樱桃熟了", "樱桃熟了")],
)
def test_a_photo_wrapped_into_its_own_story_has_no_title_by_default(
    project, title, expected
) -> None:
    """The story's headline is printed over its box a few lines away: a default title of
    the same headline would print it twice; a title written is kept."""
    pic = "{id: pic, kind: photo, article: story, at: {column: 3, span: 2, line: 12, lines: 6}"
    text = edit(PIC_AT, pic + f", wrap: {{}}{title}}}")
    assert load_spec(write(project, text)).box("pic").title == expected


def test_a_photo_wrapped_into_another_story_keeps_the_headline_title(project) -> None:
    (project / "articles" / "other.yaml").write_text(
        "id: other\nheadline: 另一篇\nbody: [正文。]\n", encoding="utf-8"
    )
    text = edit(STORY_AT, STORY_AT.replace("article: story", "article: other"))
    pic = "{id: pic, kind: photo, article: story, at: {column: 3, span: 2, line: 12, lines: 6}"
    text = edit(PIC_AT, pic + ", wrap: {}}", text)
    assert load_spec(write(project, text)).box("pic").title == "headline"

"""The preflight reports the numbers the compose stage recorded on the page (a synthetic one
here): characters per line, empty slots, an image's pixels and resolution, and the build's
own verdicts (underset, below a press limit). It has no formula of its own for them."""

from __future__ import annotations

from layout.errors import display_path
from layout.geometry import Rect
from layout.page import BoxLayout, ImageOp
from layout.proof.jsonreport import page_report
from layout.proof.preflight import Preflight, box_fits, image_checks
from layout.report import (
    ImageFile,
    LowResolution,
    Overset,
    Problem,
    ProblemKind,
    Severity,
    Underset,
)


def underset(page_box: BoxLayout) -> Problem:
    return Problem(
        kind=ProblemKind.UNDERSET,
        message="room for 3 more lines (about 37 characters)",
        details=Underset(lines=3),
        box="rare",
        article="rare",
        where=page_box.rect,
    )


def test_box_fit_is_the_recorded_numbers(small_spec, make_page) -> None:
    page = make_page()
    (fit,) = box_fits(small_spec, page)
    assert (fit.id, fit.article, fit.flows, fit.columns) == ("rare", "rare", True, 2)
    assert fit.chars_per_line == 12.5
    assert (fit.capacity_lines, fit.capacity_chars) == (20, 250)
    assert (fit.used_lines, fit.used_chars) == (17, 170)
    assert (fit.empty_lines, fit.empty_chars) == (3, 37)
    # 3 empty slots, but the build did not report the box underset: neither does the table,
    # nor does its advice word the slots as room to fill
    assert fit.status == "ok"
    assert fit.advice == "fits"
    assert fit.to_json()["underset"] == {"lines": 3, "chars": 37}


def test_box_fit_is_underset_when_the_build_says_so(small_spec, make_page) -> None:
    page = make_page()
    (fit,) = box_fits(small_spec, make_page(problems=(underset(page.boxes[0]),)))
    assert fit.status == "underset"
    assert fit.advice == "room for 3 more lines (about 37 characters)"


def test_an_overset_box(small_spec, make_page) -> None:
    page = make_page()
    over = page.boxes[0]._replace(empty_slots=(), used_lines=20, overset_lines=2, overset_chars=23)
    (fit,) = box_fits(small_spec, page._replace(boxes=(over,)))
    assert fit.status == "overset"
    assert fit.advice == "cut 23 characters (2 lines over)"


def test_an_image_check_is_what_the_image_op_recorded(small_spec, make_page) -> None:
    page = make_page()
    (op,) = page.ops
    assert isinstance(op, ImageOp)
    (check,) = image_checks(small_spec, page)
    assert (check.box, check.article) == ("rare", "rare")  # the box its picture is in
    assert check.pixels == (1000, 900)  # the file does not exist: nothing was read
    assert check.ppi == 180.0
    assert check.printed_mm == (35.3, 28.2)
    # the build reported no low resolution for it: ok
    assert check.ok and check.below is None
    assert check.to_json()["min_ppi"] == small_spec.press.min_ppi


def test_a_wrapped_photo_is_checked_at_its_photo_box_not_the_story_around_it(
    small_spec, make_page
) -> None:
    # A photo box with wrap lies in the story's box: its picture is the photo box's.
    page = make_page()
    (op,) = page.ops
    assert isinstance(op, ImageOp)
    story = page.boxes[0]
    photo = BoxLayout(id="pic", kind="photo", rect=op.clip, article="rare")
    for boxes in ((story, photo), (photo, story)):
        (check,) = image_checks(small_spec, page._replace(boxes=boxes))
        assert (check.box, check.article) == ("pic", "rare")


def test_an_image_below_a_press_limit(small_spec, make_page) -> None:
    (op,) = make_page().ops
    low = Problem(
        kind=ProblemKind.LOW_RESOLUTION,
        message="prints at 180 ppi (below 200)",
        details=LowResolution(ppi=180.0, path=op.path, limit=200.0),
        box="rare",
        where=op.clip,
    )
    elsewhere = Problem(  # the same file in another picture: not this image's problem
        kind=ProblemKind.LOW_RESOLUTION,
        message="prints at 120 ppi (below 150)",
        details=LowResolution(ppi=120.0, path=op.path, limit=150.0),
        box="rare",
        where=Rect(0.0, 0.0, 10.0, 10.0),
        level=Severity.ERROR,
    )
    (check,) = image_checks(small_spec, make_page(problems=(low, elsewhere)))
    assert (check.ok, check.below) == (False, 200.0)


def test_a_missing_image_is_checked_from_its_problem(small_spec, make_page) -> None:
    missing = Problem(
        kind=ProblemKind.MISSING_IMAGE,
        message="image file not found: gone.jpg",
        details=ImageFile(path="gone.jpg"),
        box="rare",
        article="rare",
        where=Rect(0.0, 0.0, 72.0, 36.0),
    )
    _, check = image_checks(small_spec, make_page(problems=(missing,)))
    assert (check.path, check.box, check.pixels, check.ppi, check.ok) == (
        "gone.jpg",
        "rare",
        None,
        None,
        False,
    )
    assert check.printed_mm == (25.4, 12.7)


def test_problems_in_json(small_spec, make_page) -> None:
    page = make_page()
    over = Problem(
        kind=ProblemKind.OVERSET,
        message="cut 23 characters (2 lines over)",
        details=Overset(lines=2, chars=23),
        box="rare",
        article="rare",
        where=Rect(72.0, 36.0, 144.0, 72.0),
    )
    report = Preflight(
        spec=small_spec,
        page=page,
        boxes=box_fits(small_spec, page),
        fonts=(),
        images=(),
        problems=(over,),
    )
    (found,) = page_report(report, command="proof", outputs=[])["problems"]
    record = small_spec.articles["rare"]
    assert found == {
        "kind": "overset",
        "severity": "error",
        "message": "cut 23 characters (2 lines over)",
        "box": "rare",
        "article": "rare",
        "paragraph": None,
        # the story as a whole: its record, at its id
        "file": display_path(record.path),
        "line": record.source_pos.line,
        "column": record.source_pos.column,
        "where": {"x": 25.4, "y": 12.7, "w": 50.8, "h": 25.4},
        "details": {"lines": 2, "chars": 23},
    }
    assert report.spoilers == [str(over)]

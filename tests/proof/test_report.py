"""The preflight on the terminal: the box table with display widths for CJK, the fonts, the
images with the press limit they fall below, and the verdict."""

from __future__ import annotations

from layout.proof.pdffonts import FontCheck
from layout.proof.preflight import Preflight, box_fits, image_checks
from layout.proof.report import _width, format_report
from layout.report import LowResolution, MissingGlyph, Problem, ProblemKind


def test_cjk_takes_two_cells() -> None:
    assert _width("box") == 3
    assert _width("要闻") == 4
    assert _width("ｱ") == 1  # half-width katakana


def test_the_report_says_what_the_preflight_found(small_spec, make_page) -> None:
    page = make_page()
    (op,) = page.ops
    low = Problem(
        kind=ProblemKind.LOW_RESOLUTION,
        message="no-such-photo.jpg prints at 180 ppi (below 200)",
        details=LowResolution(ppi=180.0, path=op.path, limit=200.0),
        box="rare",
        where=op.clip,
    )
    page = make_page(problems=(low,))
    font = FontCheck(
        name="F1", base_font="ABCDEF+Song", subtype="Type0/CIDFontType2", embedded=True, subset=True
    )
    report = Preflight(
        spec=small_spec,
        page=page,
        boxes=box_fits(small_spec, page),
        fonts=(font,),
        images=image_checks(small_spec, page),
        problems=page.problems,
    )
    text = format_report(report)
    assert "\x1b[" not in text
    (row,) = [line for line in text.splitlines() if line.startswith("rare ")]
    assert row.split()[:7] == ["rare", "rare", "article", "2", "17/20", "170/250", "-"]
    # 3 empty slots the build did not report underset: counted, not advised as room
    assert row.split()[7:] == ["3L", "~37c", "fits"]
    assert "ABCDEF+Song" in text and "embedded, subset" in text
    assert "  rare: no-such-photo.jpg 1000×900 px at 35.3 × 28.2 mm: 180 ppi (below 200)" in text
    assert "problems:\n  warning: low-resolution: box rare: " in text
    assert text.endswith("ready for print")  # a warning spoils nothing
    coloured = format_report(report, colour=True)
    assert "\x1b[32mready for print\x1b[0m" in coloured


def test_a_character_missing_twice_in_a_paragraph_is_one_place_counted(
    small_spec, make_page
) -> None:
    def missing(paragraph: int, index: int) -> Problem:
        return Problem(
            kind=ProblemKind.MISSING_GLYPH,
            message="no font of role 'song' has '𰻞' (U+30EDE)",
            details=MissingGlyph(char="𰻞", code_point="U+30EDE", index=index),
            box="lead",
            article="clinic",
            paragraph=paragraph,
        )

    page = make_page(problems=(missing(1, 3), missing(1, 9), missing(2, 0)))
    report = Preflight(
        spec=small_spec,
        page=page,
        boxes=box_fits(small_spec, page),
        fonts=(),
        images=image_checks(small_spec, page),
        problems=page.problems,
    )
    (line,) = [line for line in format_report(report).splitlines() if "U+30EDE" in line]
    assert line == (
        "  U+30EDE 𰻞 (3 places): box lead, article clinic, paragraph 1 (×2); "
        "box lead, article clinic, paragraph 2"
    )

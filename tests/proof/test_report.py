"""The preflight on the terminal: the box table with display widths for CJK, the fonts, the
images with the press limit they fall below, and the verdict."""

from __future__ import annotations

from layout.proof.pdffonts import FontCheck
from layout.proof.preflight import Preflight, box_fits, image_checks
from layout.proof.report import _width, format_report
from layout.report import LowResolution, Problem, ProblemKind


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

"""Right-to-left text in the copy: runs of Arabic, Hebrew and the other right-to-left scripts
found in order, with their script; digits and Chinese text are none."""

from __future__ import annotations

from layout.text.rtl import RtlRun, rtl_runs


def test_runs_of_arabic_and_hebrew_with_their_spaces_and_scripts() -> None:
    # the probe's paste: 误贴阿拉伯文مرحبا بالعالم和希伯来文שלום עולם，还有数字١٢٣。
    text = "误贴阿拉伯文مرحبا بالعالم和希伯来文שלום עולם，还有数字١٢٣。"
    assert rtl_runs(text) == [
        RtlRun(6, "مرحبا بالعالم", "Arabic"),
        RtlRun(24, "שלום עולם", "Hebrew"),
    ]
    run = rtl_runs(text)[1]
    assert text[run.index : run.end] == run.text


def test_a_run_starts_and_ends_at_a_letter_and_takes_its_marks() -> None:
    # Hebrew with its points (combining marks, bidi NSM) and a trailing Arabic comma (CS)
    (run,) = rtl_runs("他说 שָׁלוֹם ، 就走了")
    assert run == RtlRun(3, "שָׁלוֹם", "Hebrew")
    # presentation forms are Arabic too
    assert [r.script for r in rtl_runs("标志ﻻ")] == ["Arabic"]


def test_digits_and_chinese_and_latin_copy_have_no_run() -> None:
    assert rtl_runs("数字١٢٣和۴۵۶") == []  # Arabic-Indic digits run left to right anyway
    assert rtl_runs("平常的稿子，GDP 增长 5%") == []

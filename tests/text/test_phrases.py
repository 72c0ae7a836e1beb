"""Where a headline may break: the segmenter's word starts, never inside a Western word or a
number, and the segmenter loaded only for a headline that needs breaking."""

from __future__ import annotations

from pathlib import Path

from layout.text.metrics import SyntheticMetrics
from layout.text.options import Align
from layout.text.paragraph import set_paragraph
from layout.text.phrases import StoredSegmenter, segmenter, word_starts
from layout.text.prepare import ParagraphStyle

EM = 10.0


def _cut(*tokens: str):
    """A segmenter that gives ``tokens`` whatever it is asked."""
    return lambda text: tokens


def test_word_starts_are_where_the_segmenter_words_start() -> None:
    assert word_starts("双拥花开满城芬芳", _cut("双拥", "花开", "满城", "芬芳")) == {2, 4, 6}
    assert word_starts("资源整合 服务前移", _cut("资源整合", " ", "服务", "前移")) == {4, 5, 7}


def test_no_start_inside_a_run_of_letters_digits_and_signs() -> None:
    # jieba parts 78∶71 into three words; a break there would split a score.
    text = "港区队78∶71夺冠"
    assert word_starts(text, _cut("港区", "队", "78", "∶", "71", "夺冠")) == {2, 3, 8}
    assert word_starts("5G基站", _cut("5", "G", "基站")) == {2}
    assert word_starts("增长9.4%", _cut("增长", "9", ".", "4", "%")) == {2}


def test_jieba_keeps_numbers_and_latin_words_whole() -> None:
    text = "5G基站突破1200个 AI大模型走进车间"
    starts = word_starts(text)
    for inside in (1, 7, 8, 9, 13):  # 5|G, 1|2|0|0, A|I
        assert inside not in starts
    assert {2, 4, 6, 10, 11, 12, 14} <= starts  # 5G|基站|突破|1200|个| |AI|大


def test_no_line_of_a_head_starts_with_a_particle() -> None:
    # jieba cuts 研发|的|AI; 的 leans on 研发: 本地企业研发的 / AI质检系统, never / 的AI.
    text = "本地企业研发的AI质检系统"
    starts = word_starts(text, _cut("本地", "企业", "研发", "的", "AI", "质检", "系统"))
    assert 6 not in starts and 7 in starts
    assert word_starts("城市变了", _cut("城市", "变", "了")) == {2}
    assert word_starts("我们的城市", _cut("我们", "的", "城市")) == {3}


def test_a_segmenter_that_loses_characters_is_refused() -> None:
    try:
        word_starts("双拥花开", _cut("双拥", "开"))
    except ValueError as exc:
        assert "lost characters" in str(exc)
    else:
        raise AssertionError("a lossy segmenter was accepted")


def _set(text: str, ems: float, *, headline: bool) -> None:
    style = ParagraphStyle(size=EM, indent=0.0, headline=headline)
    set_paragraph(text, style, ems * EM, SyntheticMetrics(), align=Align.CENTER)


def test_the_segmenter_is_asked_only_by_a_head_that_needs_breaking() -> None:
    def calls() -> int:
        info = segmenter.cache_info()
        return info.hits + info.misses

    before = calls()
    _set("党建引领浙沪毗邻乡村组团发展现场会暨平湖金山第八次联席会议召开" * 3, 13, headline=False)
    _set("工业经济攀新向高马力足", 20, headline=True)  # fits on one line
    assert calls() == before
    _set("工业经济攀新向高马力足", 8, headline=True)
    assert calls() == before + 1


def test_stored_cuts_are_the_segmenters_own_and_need_no_segmenter(tmp_path: Path) -> None:
    loads: list[int] = []

    def load():
        loads.append(1)
        return lambda text: [text[k : k + 2] for k in range(0, len(text), 2)]

    first = StoredSegmenter(tmp_path / "segments", load, "v1")
    assert list(first("双拥花开满城芬芳")) == ["双拥", "花开", "满城", "芬芳"]
    assert loads == [1]
    again = StoredSegmenter(tmp_path / "segments", load, "v1")  # another process, as it were
    assert list(again("双拥花开满城芬芳")) == ["双拥", "花开", "满城", "芬芳"]
    assert loads == [1]  # read from the store: the segmenter was never loaded
    assert word_starts("双拥花开满城芬芳", again) == {2, 4, 6}
    other = StoredSegmenter(tmp_path / "segments", load, "v2")  # another segmenter version
    other("双拥花开满城芬芳")
    assert loads == [1, 1]


def test_a_damaged_stored_cut_is_cut_again(tmp_path: Path) -> None:
    def process() -> StoredSegmenter:
        return StoredSegmenter(tmp_path, lambda: lambda text: [text[:2], text[2:]], "v1")

    process()("平湖金山")
    (stored,) = tmp_path.glob("*.cut")
    assert stored.read_bytes() == b"2 2"  # the tokens' lengths
    for damage in ("not lengths", "2 1", "1 1 1 1 1", "-1 5", '["平湖", "金山"]', ""):
        stored.write_text(damage, encoding="utf-8")
        assert list(process()("平湖金山")) == ["平湖", "金山"]
        assert stored.read_bytes() == b"2 2"  # cut again, and kept again
    stored.write_text("1 3", encoding="utf-8")  # lengths that make the text: trusted
    assert list(process()("平湖金山")) == ["平", "湖金山"]


def test_a_process_reads_a_stored_cut_once(tmp_path: Path) -> None:
    """A head is cut for every size and measure tried: the store's file is read the first
    time, then the process's own copy answers (the same tokens); another folder is another
    store."""
    store = StoredSegmenter(tmp_path / "a", lambda: lambda text: [text[:2], text[2:]], "v1")
    first = store("平湖金山")
    (stored,) = (tmp_path / "a").glob("*.cut")
    stored.unlink()
    assert store("平湖金山") == first and not stored.exists()
    folders = iter([tmp_path / "a", tmp_path / "b"])
    moving = StoredSegmenter(lambda: next(folders), lambda: lambda text: list(text), "v1")
    moving("平湖")
    moving("平湖")
    assert len(list((tmp_path / "b").glob("*.cut"))) == 1


def test_a_store_that_cannot_be_written_still_cuts(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")  # a file where the folder should be
    store = StoredSegmenter(blocked / "segments", lambda: lambda text: list(text), "v1")
    assert list(store("平湖")) == ["平", "湖"]

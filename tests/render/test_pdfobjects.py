"""The bytes of PDF objects (``layout.render.pdfobjects``): numbers, names, strings, arrays,
dictionaries and streams as the writer formats them (ReportLab's format, which the PDFs of
the sample edition pin byte for byte)."""

from __future__ import annotations

import random
import zlib

import pytest

from layout.render.background import Worker
from layout.render.document import Document
from layout.render.pdfobjects import (
    NamedRef,
    Raw,
    Stream,
    Text,
    fp_str,
    name,
    object_bytes,
    serialize,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (0.5, ".5"),
        (-0.5, "-0.5"),
        (1.0, "1"),
        (10, "10"),
        (1e-7, "0"),  # at most 1e-7: zero
        (-2e-7, "-0"),  # (rounds to a bare sign, as ReportLab wrote it)
        (0.12345678, ".123457"),  # 6 decimals up to 1
        (1.1234567, "1.123457"),
        (100.00005, "100.0001"),  # 6 - (digits before the point - 1) decimals
        (1000.0005, "1000"),  # log10(1000) is 3: 3 decimals
        (1234567.89, "1234568"),  # none from 10⁶
        (61.759842, "61.75984"),
        (1122.52, "1122.52"),
    ],
)
def test_numbers(value: float, text: str) -> None:
    assert fp_str(value) == text


def test_numbers_of_a_sequence_and_too_large_ones() -> None:
    assert fp_str(1, 0.25, -3) == "1 .25 -3"
    assert fp_str([1.5, 2]) == "1.5 2" and fp_str(()) == ""
    with pytest.raises(ValueError, match="too large"):
        fp_str(1e21)


def test_numbers_match_reportlabs_accelerator_where_it_is_installed() -> None:
    """The reference the rules above were read from (ReportLab's C ``fp_str``), on random
    values over every magnitude the writer meets, when the module is at hand."""
    accel = pytest.importorskip("_rl_accel")
    rnd = random.Random(16)
    values = [rnd.choice((1, -1)) * 10 ** rnd.uniform(-9, 19) for _ in range(20_000)]
    values += [round(v, rnd.randint(0, 8)) for v in values] + [k / 1000 for k in range(-5000, 5000)]
    assert [fp_str(v) for v in values] == [accel.fp_str(v) for v in values]


def test_names() -> None:
    assert name("Type") == "/Type"
    assert name("PANTONE 485 C") == "/PANTONE#20485#20C"
    assert name("a(b)#%/") == "/a#28b#29#23#25/"
    assert name("版") == "/#7248"  # a code point in hex, as ReportLab's PDFName


def test_text_strings_escape_parens_backslashes_and_bytes_outside_ascii() -> None:
    doc = Document()
    assert serialize(Text("banmian (ReportLab)"), doc) == rb"(banmian \(ReportLab\))"
    assert serialize(Text("a\\b"), doc) == rb"(a\\b)"
    assert serialize(Text("tab\there"), doc) == rb"(tab\011here)"
    # In PDFDocEncoding where it can be: é is 0xE9, an em dash 0x84, the euro sign 0xA0.
    assert serialize(Text("é—€"), doc) == rb"(\351\204\240)"
    # Else UTF-16BE after its byte order mark, every byte escaped as it needs.
    assert serialize(Text("版(面)"), doc) == rb"(\376\377rH\000\(\227b\000\))"


def test_raw_bytes_and_tokens() -> None:
    doc = Document()
    assert serialize(Raw(b"[ 1 2 ]"), doc) == b"[ 1 2 ]"
    assert serialize("/Identity-H", doc) == b"/Identity-H"


def test_arrays_break_a_line_after_every_ten_elements() -> None:
    doc = Document()
    assert serialize([], doc) == b"[  ]"
    assert serialize((0, 0, 595.5, 842), doc) == b"[ 0 0 595.5 842 ]"
    eleven = serialize(list(range(11)), doc)
    assert eleven == b"[ 0 1 2 3 4 5 6 7 8 9 \n  10 ]"


def test_dictionaries_sort_their_keys_and_break_after_every_six() -> None:
    doc = Document()
    assert serialize({}, doc) == b"<<\n\n>>"
    assert serialize({"b": 1, "a": "/X"}, doc) == b"<<\n/a /X /b 1\n>>"
    seven = serialize({k: 0 for k in "gfedcba"}, doc)
    assert seven == b"<<\n/a 0 /b 0 /c 0 /d 0 /e 0 /f 0 \n  /g 0\n>>"


def test_a_stream_is_deflated_and_referenced_from_inside_another_object() -> None:
    doc = Document()
    stream = Stream({"N": 4}, b"data " * 20, compress=True)
    holder = {"Profile": stream}
    doc.ref(holder)
    assert serialize(holder, doc) == b"<<\n/Profile 2 0 R\n>>"  # numbered when first met
    body = object_bytes(stream, doc)
    packed = zlib.compress(b"data " * 20)
    head = b"<<\n/Filter [ /FlateDecode ] /Length %d /N 4\n>>\nstream\n" % len(packed)
    assert body == head + packed + b"endstream\n"
    # A filter named already: the content is written as it is.
    given = Stream({"Filter": ("/FlateDecode",)}, packed)
    assert object_bytes(given, doc).endswith(b"\nstream\n" + packed + b"endstream\n")


@pytest.mark.parametrize("filtered", [False, True], ids=["to deflate", "deflated before"])
def test_a_stream_deflated_on_a_worker_is_the_stream_deflated_when_written(
    filtered: bool,
) -> None:
    """``deflate_on`` a worker: the same object bytes as deflating when written; a stream
    that is not to be deflated, or deflated before, is left as it is; without a worker
    nothing changes."""
    data = bytes(range(256)) * 40
    entries = {"Filter": ("/FlateDecode",)} if filtered else {"N": 4}
    content = zlib.compress(data) if filtered else data

    def stream() -> Stream:
        return Stream(dict(entries), content, compress=True)

    doc = Document()
    expected = object_bytes(stream(), doc)
    ahead = stream()
    ahead.deflate_on(None)
    assert ahead.content is content and ahead.compress
    with Worker() as worker:
        ahead.deflate_on(worker)
        plain = Stream(dict(entries), content)
        plain.deflate_on(worker)
        assert plain.content is content
    assert object_bytes(ahead, doc) == expected
    assert (ahead.content is content) is filtered


def test_a_named_reference_is_resolved_when_written() -> None:
    doc = Document()
    ref = NamedRef("FormXob.ad")
    doc.ref({"first": 1})
    doc.register("FormXob.ad", {"Type": "/XObject"})
    assert serialize(ref, doc) == b"2 0 R"


def test_what_is_no_pdf_object_is_refused() -> None:
    with pytest.raises(TypeError, match="not a PDF object"):
        serialize({1, 2}, Document())

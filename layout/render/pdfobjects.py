"""PDF objects (PDF 1.7 §7.3) and their bytes, as the press PDF writes them.

Contract: :func:`serialize` turns a value into the bytes of a direct object, in ReportLab's
format byte for byte (the PDFs banmian wrote with ReportLab's document layer are reproduced
exactly; tests/render/test_pdfobjects.py pins each rule):

- ``int`` and ``float``: :func:`fp_str` (at most 6 decimals, fewer for large values, trailing
  zeros and a leading ``0`` before the point dropped: ``.5``; 1e-7 and below is ``0``);
- ``str``: written as it is (a token the caller formed: ``/Font``, ``true``, ``0 0 1 1``),
  ``bytes`` likewise;
- :func:`name` a PDF name (``#xx`` for what a name may not hold), :class:`Text` a text
  string (PDFDocEncoding when it can, else UTF-16BE with its byte order mark; ``\\``, ``(``,
  ``)`` and bytes outside printable ASCII escaped in octal);
- ``list`` / ``tuple``: an array, ``[ a b c ]``, a line break after every 10 elements;
- ``dict``: a dictionary, its keys (plain strings, written as names) sorted, a line break
  after every 6 entries;
- :class:`Stream`: a stream; inside another object it is written as a reference to it,
  registered in the document then (a stream is always an indirect object, §7.3.8);
- :class:`Ref` (and :class:`NamedRef`, resolved by the document when written): ``n 0 R``;
- :class:`Raw`: bytes formatted before (a part that is the same in every document).

The document (:mod:`layout.render.document`) numbers the objects and writes the file.
"""

from __future__ import annotations

import zlib
from math import log10
from typing import Any, Protocol

from .background import Deferred, Worker


class Registry(Protocol):
    """What serializing needs of a document: streams numbered, names resolved."""

    def ref(self, obj: Any) -> Ref: ...
    def number(self, name: str) -> int: ...


def _fp_one(value: float) -> str:
    size = abs(value)
    if size <= 1e-7:
        return "0"
    if size > 1e20:
        raise ValueError(f"number too large for a PDF: {value!r}")
    places = 6 if size <= 1 else min(max(0, 6 - int(log10(size))), 6)
    text = f"{value:.{places}f}"
    if places:
        text = text.rstrip("0")
        if text[-1] == ".":
            text = text[:-1]
    if text[0] == "0" and len(text) > 1:
        text = text[1:]
    return text


def fp_str(*values: float) -> str:
    """``values`` (or one sequence of them) as PDF numbers, space-separated: ReportLab's
    ``fp_str`` (its C accelerator) exactly (checked on millions of values)."""
    if len(values) == 1 and isinstance(values[0], list | tuple):
        values = values[0]
    return " ".join(map(_fp_one, values))


def name(data: str) -> str:
    """The PDF name of ``data``, ``/`` and all: a character outside ``!``…``~`` or one of
    ``%()<>{}[]#`` as ``#`` and its code point in hex (ReportLab's ``PDFName``)."""
    if _PLAIN_NAME.issuperset(data):
        return "/" + data
    return "/" + "".join(c if c in _PLAIN_NAME else "#" + format(ord(c), "x") for c in data)


_PLAIN_NAME = frozenset(chr(c) for c in range(0x21, 0x7F)) - set("%()<>{}[]#")

# PDFDocEncoding (PDF 1.7 Annex D) as ReportLab's codec has it: these bytes decode to other
# characters than their own code point (24–31 and 127–160 mostly), or to none.
_PDFDOC_OTHER = {
    0x131: 0x9A, 0x141: 0x95, 0x142: 0x9B, 0x152: 0x96, 0x153: 0x9C, 0x160: 0x97,
    0x161: 0x9D, 0x178: 0x98, 0x17D: 0x99, 0x17E: 0x9E, 0x192: 0x86, 0x2C6: 0x1A,
    0x2C7: 0x19, 0x2D8: 0x18, 0x2D9: 0x1B, 0x2DA: 0x1E, 0x2DB: 0x1D, 0x2DC: 0x1F,
    0x2DD: 0x1C, 0x2013: 0x85, 0x2014: 0x84, 0x2018: 0x8F, 0x2019: 0x90, 0x201A: 0x91,
    0x201C: 0x8D, 0x201D: 0x8E, 0x201E: 0x8C, 0x2020: 0x81, 0x2021: 0x82, 0x2022: 0x80,
    0x2026: 0x83, 0x2030: 0x8B, 0x2039: 0x88, 0x203A: 0x89, 0x2044: 0x87, 0x20AC: 0xA0,
    0x2122: 0x92, 0x2212: 0x8A, 0xFB01: 0x93, 0xFB02: 0x94,
}  # fmt: skip
_PDFDOC_SELF = set(range(24, 32)) | set(range(128, 159)) | {160}
_PDFDOC = {c: c for c in range(256) if c not in _PDFDOC_SELF} | _PDFDOC_OTHER
# A byte in a literal string: printable ASCII as itself, \ ( ) escaped, the rest in octal.
_ESCAPED = tuple(
    "\\" + chr(b) if chr(b) in "\\()" else chr(b) if 32 <= b < 127 else f"\\{b:03o}"
    for b in range(256)
)
BOM_UTF16_BE = b"\xfe\xff"


def _text_bytes(text: str) -> bytes:
    """``text`` in PDFDocEncoding if every character has a code there, else UTF-16BE with
    its byte order mark (§7.9.2.2)."""
    try:
        return bytes([_PDFDOC[ord(c)] for c in text])
    except KeyError:
        return BOM_UTF16_BE + text.encode("utf-16-be")


def literal(data: bytes) -> bytes:
    """``data`` as a PDF literal string, ``(`` … ``)``, escaped (ReportLab's ``escapePDF``)."""
    return ("(" + "".join([_ESCAPED[b] for b in data]) + ")").encode("ascii")


class Text:
    """A text string (Info entries, output condition names): see :func:`_text_bytes`."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Raw:
    """A direct object already formatted."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


class Ref:
    """A reference to object ``number``."""

    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        self.number = number


class NamedRef:
    """A reference to the object the document registers under ``key``, by the time it is
    written (a form a page draws before the form is defined)."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


class Stream:
    """A stream: its dictionary (``Length`` is set when written) and content. ``compress``:
    deflated when written (zlib's default level) and ``/Filter [ /FlateDecode ]`` put in its
    dictionary, unless the dictionary names a filter already (content deflated before). The
    content may be a :class:`~layout.render.background.Deferred` (deflated on the PDF
    writer's second thread): its result is waited for when the stream is written."""

    __slots__ = ("compress", "content", "dictionary")

    def __init__(
        self, dictionary: dict[str, Any], content: bytes | Deferred, compress: bool = False
    ) -> None:
        self.dictionary = dictionary
        self.content = content
        self.compress = compress

    def deflate_on(self, worker: Worker | None) -> None:
        """Deflate the content on ``worker``'s thread now rather than when written (the same
        bytes: the ``/Filter`` it would get put in the dictionary; nothing when there is no
        worker or nothing to deflate)."""
        if worker is None or not self.compress or "Filter" in self.dictionary:
            return
        self.content = worker.submit(deflated, self.content)
        self.dictionary = {**self.dictionary, "Filter": FLATE}
        self.compress = False


FLATE = ("/FlateDecode",)  # a stream's /Filter array


def deflated(data: bytes) -> bytes:
    """``data`` deflated as ReportLab's Flate filter does (zlib's default level)."""
    return zlib.compress(data)


def stream_parts(stream: Stream, doc: Registry) -> tuple[bytes, bytes, bytes]:
    """The bytes of ``stream`` as an indirect object's content, in three pieces (its
    dictionary, its content, its end: the content, an image's megabytes, not copied)."""
    content = stream.content
    if isinstance(content, Deferred):
        content = content.result()
    entries = dict(stream.dictionary)
    if stream.compress and "Filter" not in entries:
        content = deflated(content)
        entries["Filter"] = FLATE
    entries["Length"] = len(content)
    return _dict_bytes(entries, doc) + b"\nstream\n", content, b"endstream\n"


def _dict_bytes(entries: dict[str, Any], doc: Registry) -> bytes:
    parts = [
        name(key).encode("ascii") + b" " + serialize(entries[key], doc) for key in sorted(entries)
    ]
    for i in reversed(range(6, len(parts), 6)):
        parts.insert(i, b"\n ")
    return b"<<\n" + b" ".join(parts) + b"\n>>"


def trailer_dict_bytes(entries: dict[str, Any], doc: Registry) -> bytes:
    """A dictionary one entry a line (the trailer's)."""
    parts = [
        name(key).encode("ascii") + b" " + serialize(entries[key], doc) for key in sorted(entries)
    ]
    return b"<<\n" + b"\n".join(parts) + b"\n>>"


def _array_bytes(items: list | tuple, doc: Registry) -> bytes:
    parts = [serialize(item, doc) for item in items]
    for i in reversed(range(10, len(parts), 10)):
        parts.insert(i, b"\n ")
    return b"[ " + b" ".join(parts) + b" ]"


def serialize(value: Any, doc: Registry) -> bytes:
    """The bytes of ``value`` as a direct object (a :class:`Stream` as a reference)."""
    kind = type(value)
    if kind is str:
        return value.encode("ascii")
    if kind is int:
        return b"%d" % value
    if kind is float:
        return _fp_one(value).encode("ascii")
    if kind is dict:
        return _dict_bytes(value, doc)
    if kind is list or kind is tuple:
        return _array_bytes(value, doc)
    if kind is Ref:
        return b"%d 0 R" % value.number
    if kind is NamedRef:
        return b"%d 0 R" % doc.number(value.key)
    if kind is Text:
        return literal(_text_bytes(value.text))
    if kind is Raw or kind is bytes:
        return value.data if kind is Raw else value
    if kind is Stream:
        return serialize(doc.ref(value), doc)
    raise TypeError(f"not a PDF object: {value!r}")


def object_parts(value: Any, doc: Registry) -> tuple[bytes, ...]:
    """The content of an indirect object (a stream with its data), in pieces that end with
    a line break for a stream (joined, they are the content)."""
    if type(value) is Stream:
        return stream_parts(value, doc)
    if hasattr(value, "pdf_bytes"):
        return (value.pdf_bytes(doc),)
    return (serialize(value, doc),)


def object_bytes(value: Any, doc: Registry) -> bytes:
    """The content of an indirect object, whole."""
    return b"".join(object_parts(value, doc))

"""A PDF document: objects numbered as they are registered, the file written in one pass.

Contract: :meth:`Document.ref` gives an object its number on first sight (by identity) —
while drawing (images, colour spaces, the output intent), when the document is finished
(fonts, then the catalog and the Info dictionary) or while an object before it is written (a
stream inside another object, the page tree and a page's content stream when the first page
is written): the order ReportLab's ``PDFDocument`` numbered them in, so the files are the
ones it wrote (but for the header's comment, the trailer's and the Producer, which named
ReportLab). :meth:`Document.write` gives the file: the header (PDF 1.4 and a comment of bytes
above 127, so that a transfer in text mode shows), every object in number order, the
cross-reference table with each object's offset, and the trailer with the Info and Root
references and the document ID — the MD5 of everything before ``trailer`` when an
``id_digest`` is given (the press PDF: the same bytes for the same input, two different
pages never the same ID), else a digest of the date and the Info title, author, subject and
keywords (as ReportLab's invariant mode made it). :meth:`Document.body` and
:meth:`Document.ended` are the two halves of :meth:`Document.write`, for a writer that has the
digest made elsewhere meanwhile (on ``Document.worker``, ``layout.render.background``: the
thread the document's streams may be deflated on too). The dates are 2000-01-01 00:00 UTC, or the
time ``SOURCE_DATE_EPOCH`` names (reproducible builds' convention).

Objects are the values of :mod:`layout.render.pdfobjects`, or anything with a
``pdf_bytes(doc)`` method (written when its turn comes: a page, the page tree).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from typing import Any

from ..records import NamedTuple
from .background import Worker
from .pdfobjects import Raw, Ref, Text, name, object_parts, serialize, trailer_dict_bytes

PDF_VERSION = (1, 4)  # PDF/X-1a:2003 is based on PDF 1.4 (ISO 15930-4 §4)
# The header's second line: bytes above 127 (PDF 1.7 §7.5.2) and the writer's name.
HEADER_COMMENT = b"%\223\214\213\236 banmian\n"
DEFAULT_TIME = 946684800.0  # 2000-01-01T00:00:00Z


def source_time() -> float | int:
    """The documents' time: ``SOURCE_DATE_EPOCH`` when set, else :data:`DEFAULT_TIME`."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(given) if given else DEFAULT_TIME


def pdf_date(when: float) -> Text:
    """A PDF date string (§7.9.4) in UTC."""
    t = time.gmtime(when)
    return Text(
        f"D:{t.tm_year:04d}{t.tm_mon:02d}{t.tm_mday:02d}"
        f"{t.tm_hour:02d}{t.tm_min:02d}{t.tm_sec:02d}+00'00'"
    )


class Info:
    """The document Info dictionary (§14.3.3); ``extra`` entries (the PDF/X keys) beside."""

    def __init__(self) -> None:
        self.title = "untitled"
        self.author = "anonymous"
        self.subject = "unspecified"
        self.keywords = ""
        self.creator = "anonymous"
        self.producer = "banmian"
        self.extra: dict[str, Any] = {}
        self.when: float | int = source_time()

    def pdf_bytes(self, doc: Document) -> bytes:
        date = pdf_date(self.when)
        entries = {
            "Title": Text(self.title),
            "Author": Text(self.author),
            "CreationDate": date,
            "ModDate": date,
            "Producer": Text(self.producer),
            "Creator": Text(self.creator),
            "Subject": Text(self.subject),
            "Keywords": Text(self.keywords),
            "Trapped": name("False"),
            **self.extra,
        }
        return serialize(entries, doc)

    def invariant_id(self) -> bytes:
        """The ID of a document that is not a press PDF: a digest of the time and the title,
        author, subject and keywords (ReportLab's in its invariant mode)."""
        digest = hashlib.md5(b"a reportlab document", usedforsecurity=False)
        digest.update(ascii(self.when).encode())
        for part in (self.title, self.author, self.subject, self.keywords):
            digest.update(part.encode("utf-8"))
        return digest.hexdigest().encode("ascii")


class Body(NamedTuple):
    """A file but its trailer (:meth:`Document.body`): what the trailer needs besides the
    document ID."""

    data: bytes  # the header, every object and the cross-reference table
    size: int  # the trailer's /Size: the objects and the free entry 0
    xref: int  # where the cross-reference table starts (``startxref``)
    root: Ref
    info: Ref


class Document:
    """The objects of one PDF file and the file (see the module)."""

    def __init__(self) -> None:
        self._objects: list[Any] = []
        self._numbers: dict[int, int] = {}  # id(object) → its number
        self._keys: dict[str, int] = {}  # key → number (images, colour spaces, forms)
        self._key_of: dict[int, str] = {}
        self.fonts: list[Any] = []  # the fonts drawn (layout.render.cidfont), by first use
        self.info = Info()
        self.root: Any = None  # the catalog: registered by write()
        # Where the streams' deflating and the ID's digest may run (None: in place).
        self.worker: Worker | None = None

    def ref(self, obj: Any) -> Ref:
        """The reference to ``obj``, given the next number on first sight."""
        number = self._numbers.get(id(obj))
        if number is None:
            self._objects.append(obj)
            number = self._numbers[id(obj)] = len(self._objects)
        return Ref(number)

    def register(self, key: str, obj: Any) -> Ref:
        """``obj`` registered (:meth:`ref`) under ``key``, unless ``key`` has an object."""
        number = self._keys.get(key)
        if number is None:
            number = self._keys[key] = self.ref(obj).number
            self._key_of[number] = key
        return Ref(number)

    def registered_since(self, count: int) -> list[tuple[str, Any]]:
        """(key, object) of the objects registered under a key after the first ``count``."""
        return [
            (self._key_of[n], self._objects[n - 1])
            for n in range(count + 1, len(self._objects) + 1)
            if n in self._key_of
        ]

    def add_font(self, font: Any) -> str:
        """A font's resource name here (``F1``, ``F2`` … by first use), the font listed."""
        self.fonts.append(font)
        return f"F{len(self.fonts)}"

    def has(self, key: str) -> bool:
        return key in self._keys

    def number(self, key: str) -> int:
        return self._keys[key]

    @property
    def count(self) -> int:
        """Objects registered so far."""
        return len(self._objects)

    def write(self, id_digest: Callable[[bytes, int], str] | None = None) -> bytes:
        """The file (see the module): the catalog and Info registered, every object written."""
        body = self.body()
        if id_digest is None:
            digest = self.info.invariant_id()
        else:
            digest = id_digest(body.data, len(body.data)).encode("ascii")
        return self.ended(body, digest)

    def body(self) -> Body:
        """The file up to its trailer: the catalog and Info registered, every object written
        (a stream's deferred content waited for), and the cross-reference table."""
        root, info = self.ref(self.root), self.ref(self.info)
        major, minor = PDF_VERSION
        header = b"%%PDF-%d.%d\n" % (major, minor) + HEADER_COMMENT
        out = [header]  # the pieces, joined once (an image's megabytes copied no more)
        offset = len(header)
        offsets: list[int] = []
        objects = self._objects
        k = 0
        while k < len(objects):  # writing an object may register more (streams in it)
            body = object_parts(objects[k], self)
            k += 1
            head = b"%d 0 obj\n" % k
            tail = b"endobj\n" if body[-1].endswith(b"\n") else b"\nendobj\n"
            offsets.append(offset)
            out.append(head)
            out += body
            out.append(tail)
            offset += len(head) + sum(map(len, body)) + len(tail)
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (k + 1)]
        xref += [b"%010d 00000 n \n" % at for at in offsets]
        out.append(b"".join(xref))
        return Body(b"".join(out), k + 1, offset, root, info)

    def ended(self, body: Body, digest: bytes) -> bytes:
        """The file: ``body`` and the trailer, the document ID ``digest`` (hex digits)."""
        ids = b"[<" + digest + b"><" + digest + b">]"
        entries = {"Size": body.size, "Root": body.root, "Info": body.info, "ID": Raw(ids)}
        trailer = b"trailer\n" + trailer_dict_bytes(entries, self)
        return body.data + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % body.xref

"""A PDF advertisement's page as a record in the user cache: read once with pikepdf, then
placed by every later build without it.

A new advertisement is read and checked with pikepdf (:mod:`layout.artwork.advertpdf`), which
costs a build ≈ 170 M instructions of importing it alone (issue 16). What the build needs of
the ad afterwards does not change while its bytes do not: what the compose stage's check
found, and the page as the form XObject the PDF writer puts in. Both are kept here.

Contract:

- :class:`AdvertPage` is the record: the 0-based page, its size and box
  (:class:`layout.artwork.advert.AdvertFile`'s), the findings of the press check as (rule,
  message) pairs, the inks it measured (:attr:`AdvertPage.inks`: so any ink limit can be
  applied to a kept record), and :attr:`AdvertPage.objects`, the form XObject and every
  object it reaches as :class:`ForeignObject` s, object 0 the form.
- :func:`page_key` names a record: the SHA-256 of the ad file's bytes and the page (the form's
  name in the PDF is made from the same digest, ``layout.render.advert``).
- :func:`kept_page` returns the record of a key: read from ``advert-pages/<key>-<version>``
  in :func:`layout.output.cache_dir` when that file is whole, else what ``compute()`` returns
  (an ``AdvertError`` of a broken ad is raised through, and nothing is kept), then written
  there. Whole means the header, the SHA-256 of the payload and the payload's structure all
  check: a damaged, truncated or foreign file is never trusted, it is made again.
- Lossless: :func:`encode` and :func:`decode` give back the record they were given (the
  metadata through ``marshal``, version 2, floats bit for bit; the objects' bytes as they
  are), so a build with a kept record gives the same PDF bytes as one that read the ad.
  (``marshal`` is built in, where ``json`` cost a build its import, issue 16; it is read
  only from a payload whose SHA-256 holds, so only bytes this module wrote.)
- Written whole or not at all (:func:`layout.output.write_file`: a temporary file renamed),
  so a killed or concurrent build never leaves half a record. A cache folder that cannot be
  written is no error: the record is returned, and the next reader (the render stage of the
  same build, too) reads the ad again.
- No state in the process: the cache is the files.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import struct
from collections.abc import Callable
from typing import Any

from ..errors import OutputError
from ..output import cache_dir, write_file
from ..records import NamedTuple

__all__ = ["AdvertPage", "ForeignObject", "decode", "encode", "kept_page", "page_key"]

# The record's version: bump when the press check or the objects' form change, so a record
# made by other code is never used (it is in the file's name and its header).
VERSION = 3  # 2: the metadata in marshal's form, not JSON; 3: qpdf's words name no address
_MAGIC = b"banmian advert page %d\n" % VERSION
_DIGEST = 32  # bytes of the SHA-256 of the payload, after the header
_LENGTH = struct.Struct(">Q")  # the metadata's length, before it in the payload
# marshal's format of the metadata: 2, floats in binary, and neither references nor interned
# strings (3 on), whose marks follow reference counts: the same record, the same bytes.
_MARSHAL = 2
FOLDER = "advert-pages"


class ForeignObject(NamedTuple):
    """One indirect object of an ad's page as it is to be written in a PDF: ``data`` its
    content (a stream with its dictionary, ``stream``, the data as the ad has it encoded and
    ``endstream``; anything else its direct object), the references it makes left out;
    ``refs`` the references, in order, as (where in ``data`` one goes, the index of the object
    it refers to in :attr:`AdvertPage.objects`)."""

    data: bytes
    refs: tuple[tuple[int, int], ...]


class AdvertPage(NamedTuple):
    """A PDF advertisement's page, read and checked (see the module)."""

    page: int  # 0-based
    size: tuple[float, float]  # the trim box as it is drawn, in points
    bbox: tuple[float, float, float, float]  # the trim box in the form's space
    findings: tuple[tuple[str, str], ...]  # (Rule value, message), in the order found
    # (what, its ink %) each time a thing's measured ink rose above its most so far: replayed
    # under a limit, they give the things over it in the order they first went over, each
    # with its most, and the page's most ink (None: nothing measured).
    inks: tuple[tuple[str, float], ...]
    objects: tuple[ForeignObject, ...]  # the form XObject first, then what it reaches


def page_key(data: bytes, page: int) -> str:
    """The record's name for the ad file's bytes ``data`` and its 0-based ``page``."""
    digest = hashlib.sha256(data)
    digest.update(f"\0{page}".encode())
    return digest.hexdigest()


def encode(record: AdvertPage) -> bytes:
    """The record as a cache file's bytes: the header, the SHA-256 of the payload, then the
    payload (the metadata, marshalled, after its length, then every object's data)."""
    offsets, blob, at = [], [], 0
    for obj in record.objects:
        offsets.append([at, len(obj.data), [list(ref) for ref in obj.refs]])
        blob.append(obj.data)
        at += len(obj.data)
    meta = {
        "page": record.page,
        "size": list(record.size),
        "bbox": list(record.bbox),
        "findings": [list(f) for f in record.findings],
        "inks": [list(i) for i in record.inks],
        "objects": offsets,
    }
    text = marshal.dumps(meta, _MARSHAL)
    payload = b"".join([_LENGTH.pack(len(text)), text, *blob])
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def decode(blob: bytes) -> AdvertPage | None:
    """The record in a cache file's bytes, or None when they are not a whole record."""
    head = len(_MAGIC) + _DIGEST
    if not blob.startswith(_MAGIC) or len(blob) < head + _LENGTH.size:
        return None
    payload = memoryview(blob)[head:]
    if hashlib.sha256(payload).digest() != blob[len(_MAGIC) : head]:
        return None
    try:
        (length,) = _LENGTH.unpack_from(payload)
        meta = marshal.loads(payload[_LENGTH.size : _LENGTH.size + length])
        data = payload[_LENGTH.size + length :]
        return _record(meta, data)
    except (ValueError, TypeError, KeyError, IndexError, EOFError, struct.error):
        return None


def _record(meta: dict[str, Any], data: memoryview) -> AdvertPage | None:
    objects = []
    count = len(meta["objects"])
    for at, length, refs in meta["objects"]:
        if at < 0 or length < 0 or at + length > len(data):
            return None
        kept = tuple((int(pos), int(target)) for pos, target in refs)
        places = [pos for pos, _ in kept]
        if places != sorted(places) or any(not 0 <= pos <= length for pos in places):
            return None  # the references must go in order, within the object's bytes
        if any(not 0 <= target < count for _, target in kept):
            return None
        objects.append(ForeignObject(bytes(data[at : at + length]), kept))
    if not objects:
        return None
    w, h = (float(v) for v in meta["size"])
    x0, y0, x1, y1 = (float(v) for v in meta["bbox"])
    return AdvertPage(
        page=int(meta["page"]),
        size=(w, h),
        bbox=(x0, y0, x1, y1),
        findings=tuple((str(rule), str(message)) for rule, message in meta["findings"]),
        inks=tuple((str(what), float(ink)) for what, ink in meta["inks"]),
        objects=tuple(objects),
    )


def kept_page(key: str, compute: Callable[[], AdvertPage]) -> AdvertPage:
    """The record named ``key`` (:func:`page_key`): read from the cache when kept whole,
    else ``compute()``, kept and returned (see the module docstring)."""
    path = cache_dir() / FOLDER / f"{key}-{VERSION}"
    try:
        kept = decode(path.read_bytes())
    except OSError:
        kept = None  # absent or unreadable: made, and written again below
    if kept is not None:
        return kept
    record = compute()
    # A cache that cannot be written: only the next reader reads the ad again.
    with contextlib.suppress(OutputError):
        write_file(path, encode(record), listed=False)
    return record

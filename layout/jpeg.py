"""A JPEG's header read without Pillow: what :func:`layout.imagefiles.read_header` reports.

A build whose photo's press version is cached needs of the photo only its pixel size, mode and
embedded ICC profile; importing Pillow's JPEG reader for that (``PIL.Image`` and its plugins,
``subprocess``) cost more than the rest of the photo's handling (issue 16). :func:`header`
walks the markers as Pillow 13's ``JpegImageFile._open`` does, up to the first start of scan,
and gives what Pillow would: the frame's size, the mode from its component count (1 → ``L``,
3 → ``RGB``, 4 → ``CMYK``; Pillow does not change the mode for an Adobe APP14 transform, so
neither does this) and the APP2 ``ICC_PROFILE`` chunks joined in Pillow's order (sorted,
dropped when the count disagrees). It returns None for anything it does not take exactly as
Pillow would succeed on — a truncated or damaged header, a precision other than 8 bits, a
second frame header, a marker Pillow refuses, a Photoshop block Pillow would fail on — and the
caller then asks Pillow, whose error message stays the one reported. Pixel density is not
read: :class:`layout.imagefiles.ImageInfo` has none (Pillow reads the density from EXIF after
the markers, catching what a damaged EXIF block raises). Of EXIF only the Orientation (EXIF
2.32 / TIFF 6.0 tag 0x0112) is read, as Pillow's ``getexif`` gives it: from the IFD0 of a lone
APP1 ``Exif`` segment; anything else that could decide it (two such segments, which Pillow
joins; a cut or odd IFD; an XMP packet, whose ``tiff:Orientation`` Pillow reads when EXIF has
none) is left to Pillow. ``tests/test_imagefiles.py``
compares the two on every JPEG of the repository, on JPEGs of every mode made there, on every
cut of a header and on damaged ones.
"""

from __future__ import annotations

from .records import NamedTuple

# Pillow's marker table (JpegImagePlugin.MARKER): frame headers, markers with a length that is
# skipped or read, and markers without one. Any other marker is "no marker found" there (DHP,
# 0xDE, which Pillow reads as a frame header, is left to it).
_SOF = frozenset((0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF))
_SOS = 0xDA
_DQT = 0xDB
_APP0 = 0xE0
_APP1 = 0xE1
_APP2 = 0xE2
_APP14 = 0xEE
_APP13 = 0xED
_WITH_LENGTH = frozenset((0xC4, 0xCC, 0xDC, 0xDD, 0xDF, _DQT, 0xFE, *range(0xE0, 0xF0)))
_NO_LENGTH = frozenset((0xC8, *range(0xD0, 0xDA), *range(0xF0, 0xFE)))
_MODES = {1: "L", 3: "RGB", 4: "CMYK"}
_ICC = b"ICC_PROFILE\0"
_PHOTOSHOP = b"Photoshop 3.0\x00"
_EXIF = b"Exif\0\0"
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_ORIENTATION = 0x0112  # EXIF 2.32 / TIFF 6.0: Orientation, SHORT, 1 (upright) to 8
_UNREAD = -1  # an Orientation this reader leaves to Pillow


class JpegHeader(NamedTuple):
    """What Pillow reports of a JPEG's header."""

    size: tuple[int, int]  # width, height in pixels
    mode: str  # "L", "RGB" or "CMYK"
    icc_profile: bytes  # b"" when there is none (or its chunks do not add up)
    # An APP2 "MPF" segment: Pillow's Image.open may open the file as an MPO (multi-picture).
    multi_picture: bool = False
    orientation: int = 1  # EXIF 2.32 / TIFF 6.0 tag 0x0112 as Pillow reads it; 1 when none


def header(data: bytes) -> JpegHeader | None:
    """The header of the JPEG file ``data`` (at least up to its first scan), or None when it
    is not one this reader takes exactly as Pillow does (see the module)."""
    if not data.startswith(b"\xff\xd8\xff"):
        return None
    end = len(data)
    at = 2  # Pillow starts on the first marker's 0xFF (the SOI's is skipped as junk)
    frame: tuple[tuple[int, int], str] | None = None
    chunks: list[bytes] = []
    icc = b""
    multi_picture = False
    exif: list[bytes] = []
    xmp = False
    while at < end:
        if data[at] != 0xFF:
            at += 1  # junk between segments, skipped byte by byte as Pillow does
            continue
        if at + 1 >= end:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte: the next 0xFF may start the marker
            at += 1
            continue
        if marker == 0x00:  # an escaped 0xFF outside a scan: skipped
            at += 2
            continue
        if marker in _NO_LENGTH:
            at += 2
            continue
        if marker not in _SOF and marker not in _WITH_LENGTH and marker != _SOS:
            return None  # Pillow: "no marker found" (or DHP: not taken)
        if at + 4 > end:
            return None
        length = (data[at + 2] << 8) | data[at + 3]
        body = data[at + 4 : at + 2 + length]
        if length < 2 or len(body) != length - 2:
            return None  # truncated, or a length Pillow reads differently
        at += 2 + length
        if marker in _SOF:
            if not _frame_taken(body) or frame is not None:
                return None
            frame = ((body[3] << 8) | body[4], (body[1] << 8) | body[2]), _MODES[body[5]]
            if chunks:
                chunks.sort()  # by sequence number first, as Pillow sorts them
                if len(chunks[0]) < 14:
                    return None  # Pillow reads its count unguarded: IndexError
                icc = _joined(chunks)
                chunks = []
        elif marker == _SOS:
            if frame is None or frame[0][0] < 1 or frame[0][1] < 1:
                return None
            orientation = _orientation(exif, xmp)
            if orientation == _UNREAD:
                return None
            return JpegHeader(frame[0], frame[1], icc, multi_picture, orientation)
        elif marker == _APP1 and body.startswith(_EXIF):
            exif.append(body[len(_EXIF) :])
        elif marker == _APP1 and body.startswith(_XMP):
            xmp = True
        elif marker == _APP2 and body.startswith(_ICC):
            chunks.append(body)
        elif marker == _APP2 and body.startswith(b"MPF\0"):
            multi_picture = True
        elif marker == _DQT and not _tables_whole(body):
            return None
        elif len(body) < 7 and (
            (marker == _APP0 and body.startswith(b"JFIF"))
            or (marker == _APP14 and body.startswith(b"Adobe"))
        ):
            return None  # Pillow reads their version (2 bytes at 5) unguarded: struct.error
        elif marker == _APP13 and body.startswith(_PHOTOSHOP) and not _photoshop_whole(body):
            return None
    return None  # no scan: Pillow's result then depends on what it met; it decides


def _orientation(exif: list[bytes], xmp: bool) -> int:
    """The Orientation tag (0x0112) of the IFD0 of the one EXIF block ``exif`` holds, as
    Pillow's ``getexif`` reads it (1 when there is none), or :data:`_UNREAD` when Pillow must
    say: two blocks (joined there), a second ``Exif`` prefix (stripped there), a TIFF header
    or IFD cut or not as TIFF 6.0 lays it out, the tag of a type other than SHORT or LONG or
    not one value, or none in EXIF with an XMP packet (whose ``tiff:Orientation`` Pillow
    reads instead)."""
    if not exif:
        return _UNREAD if xmp else 1
    if len(exif) > 1 or exif[0].startswith(_EXIF):
        return _UNREAD
    tiff = exif[0]
    if tiff[:4] == b"II*\0":
        order = "little"
    elif tiff[:4] == b"MM\0*":
        order = "big"
    else:
        return _UNREAD
    at = int.from_bytes(tiff[4:8], order)
    if at + 2 > len(tiff):
        return _UNREAD
    count = int.from_bytes(tiff[at : at + 2], order)
    entries = tiff[at + 2 : at + 2 + 12 * count]
    if len(entries) != 12 * count:
        return _UNREAD
    for i in range(0, len(entries), 12):
        if int.from_bytes(entries[i : i + 2], order) != _ORIENTATION:
            continue
        kind = int.from_bytes(entries[i + 2 : i + 4], order)
        if kind not in (3, 4) or int.from_bytes(entries[i + 4 : i + 8], order) != 1:
            return _UNREAD
        return int.from_bytes(entries[i + 8 : i + (10 if kind == 3 else 12)], order)
    return _UNREAD if xmp else 1


def _frame_taken(body: bytes) -> bool:
    """Whether Pillow's SOF handler takes the frame header ``body``: 8 bits a sample, 1, 3 or
    4 components, and whole 3-byte component entries (it indexes the last one unguarded)."""
    return len(body) >= 6 and body[0] == 8 and body[5] in _MODES and (len(body) - 6) % 3 == 0


def _joined(chunks: list[bytes]) -> bytes:
    """The ICC profile of sorted APP2 chunks as Pillow joins them: none when the first
    chunk's count is not the number of chunks."""
    if chunks[0][13] != len(chunks):
        return b""
    return b"".join(chunk[14:] for chunk in chunks)


def _tables_whole(body: bytes) -> bool:
    """Whether Pillow's DQT handler reads every quantisation table in ``body``."""
    at = 0
    while at < len(body):
        at += 1 + (64 if body[at] < 16 else 128)
        if at > len(body):
            return False
    return True


def _photoshop_whole(body: bytes) -> bool:
    """Whether Pillow's walk of the Photoshop resource blocks in ``body`` ends without an
    IndexError: it stops quietly (a ``struct.error``) where a code or size is cut, but reads
    a block's name length unguarded."""
    at = len(_PHOTOSHOP)
    while body[at : at + 4] == b"8BIM":
        at += 6  # the signature and the 2-byte resource code
        if at > len(body):
            return True  # the code is cut: struct.error, caught
        if at == len(body):
            return False  # the name's length is missing: IndexError
        at += 1 + body[at]
        at += at & 1
        if at + 4 > len(body):
            return True  # the size is cut: struct.error, caught
        at += 4 + int.from_bytes(body[at : at + 4], "big")
        at += at & 1
    return True

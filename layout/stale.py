"""Page PDFs left beside an edition PDF by an earlier build of more pages: which go, which stay.

Contract: :func:`remove_stale` looks beside the edition PDF ``out`` for files named as its
page PDFs (``edition-p05.pdf``: :func:`layout.edition.page_pdf_path`) that the build just made
did not write, and removes one only when it is certainly a page PDF banmian wrote: a regular
file (not a link), none of the build's inputs (an advert named ``edition-p03.pdf`` is one),
and a PDF of banmian's writer (:func:`written_by_banmian`). Every other such file is kept
and said so. Each file is returned as a :class:`StalePdf` (removed or kept, and why), for the
command line to print: a note for each removed, a warning for each kept.

:func:`written_by_banmian` reads at most a few kilobytes of a file, at known places: its
header (banmian's second line, ``layout.render.document.HEADER_COMMENT``), its trailer (the
last kilobyte: the Info dictionary's object and where the cross-reference table is), that
object's entry in the table, and the object itself (``/Producer (banmian)``). A file another
program has saved again (a new trailer, an incremental update, another Producer) is not
banmian's any more: it is kept.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import display_path
from .output import InputFile, input_at
from .records import NamedTuple

# The tail of a file banmian wrote: the trailer dictionary, then startxref and %%EOF.
_TAIL = 1024
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s+(\d+)\s+%%EOF\s*\Z", re.DOTALL)
_INFO_REF = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_XREF_HEAD = re.compile(rb"xref\s*\n0 (\d+)\s*\n")
_XREF_ENTRY = 20  # bytes of an entry of the cross-reference table (PDF 1.7 §7.5.4)
_INFO_ROOM = 4096  # bytes of the Info dictionary read at most (banmian's is ≈ 500)
_PRODUCER = re.compile(rb"/Producer\s*\(banmian\)")


class StalePdf(NamedTuple):
    """A file named as a page PDF of the edition the build did not write: ``removed``, or
    kept for ``reason``."""

    path: Path
    removed: bool
    reason: str

    def message(self, pages: int) -> str:
        """The line the command prints: a note (removed) or a warning (kept)."""
        has = f"the edition has {pages} page{'s' * (pages != 1)}"
        shown = display_path(self.path)
        if self.removed:
            return f"removed {shown}, a page PDF of an earlier build: {has}"
        return f"kept {shown}, named as a page PDF of this edition ({has}): {self.reason}"


def page_pdf_pattern(out: Path) -> re.Pattern[str]:
    """The names of the page PDFs beside the edition PDF ``out``."""
    return re.compile(re.escape(out.stem) + r"-p\d{2,}\.pdf")


def remove_stale(
    out: Path, written: Iterable[Path], inputs: Iterable[InputFile]
) -> tuple[StalePdf, ...]:
    """The files beside ``out`` named as its page PDFs but not ``written``, in name order, each
    removed or kept (see the module docstring)."""
    pattern = page_pdf_pattern(out)
    keep = {Path(p).name for p in written}
    folder = out.parent if str(out.parent) else Path(".")
    try:
        names = sorted(e.name for e in os.scandir(folder))
    except OSError:
        return ()
    inputs = list(inputs)
    found = []
    for name in names:
        if pattern.fullmatch(name) and name not in keep:
            found.append(_remove_one(folder / name, inputs))
    return tuple(found)


def _remove_one(path: Path, inputs: Sequence[InputFile]) -> StalePdf:
    item = input_at(path, inputs)
    if item is not None:
        return StalePdf(path, False, f"it is {item.what}, an input of this build")
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return StalePdf(path, False, "it cannot be read")
    if stat.S_ISLNK(mode):
        return StalePdf(path, False, "it is a symbolic link (banmian writes none)")
    if not stat.S_ISREG(mode):
        return StalePdf(path, False, "it is not a regular file")
    if not written_by_banmian(path):
        return StalePdf(path, False, "banmian did not write it (or it was saved again since)")
    try:
        path.unlink()
    except FileNotFoundError:
        return StalePdf(path, True, "")  # gone meanwhile: as good as removed
    except OSError as error:
        return StalePdf(path, False, f"it could not be removed ({error.strerror or error})")
    return StalePdf(path, True, "")


def written_by_banmian(path: Path | str) -> bool:
    """Whether the file at ``path`` is a PDF as banmian's writer makes it, untouched since
    (see the module docstring); False for anything else, or a file that cannot be read."""
    from .render.document import HEADER_COMMENT  # (loaded by the build already)

    try:
        with open(path, "rb") as f:
            first, _, second = f.read(64).partition(b"\n")
            if not (first.startswith(b"%PDF-") and second.startswith(HEADER_COMMENT)):
                return False
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - _TAIL))
            trailer = _TRAILER.search(f.read())
            if trailer is None or b"/Prev" in trailer[1]:
                return False  # not banmian's trailer, or saved again as an update
            info = _INFO_REF.search(trailer[1])
            if info is None:
                return False
            number, xref = int(info[1]), int(trailer[2])
            f.seek(xref)
            table = _XREF_HEAD.match(f.read(64))
            if table is None or number >= int(table[1]):
                return False
            f.seek(xref + table.end() + number * _XREF_ENTRY)
            entry = f.read(_XREF_ENTRY).split()
            if len(entry) != 3 or entry[2] != b"n" or not entry[0].isdigit():
                return False
            f.seek(int(entry[0]))
            obj = f.read(_INFO_ROOM)
    except (OSError, ValueError):
        return False
    if not obj.startswith(b"%d 0 obj" % number):
        return False
    end = obj.find(b"endobj")
    return end > 0 and _PRODUCER.search(obj, 0, end) is not None

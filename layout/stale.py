"""Page files left by an earlier build of more pages: which go, which stay.

Contract: :func:`remove_stale` looks beside the edition PDF ``out`` for files named as its
page PDFs (``edition-p05.pdf``: :func:`layout.edition.page_pdf_path`) that the build just made
did not write, and removes one only when it is certainly a page PDF banmian wrote: a regular
file (not a link), none of the build's inputs (an advert named ``edition-p03.pdf`` is one),
and a PDF of banmian's writer (:func:`written_by_banmian`). Every other such file is kept
and said so. Each file is returned as a :class:`StaleFile` (removed or kept, and why), for the
command line to print: a note for each removed, a warning for each kept.
:func:`remove_stale_pngs` does the same for page images: an edition's e-paper PNGs
(``-o out/p-{p}.png``: :func:`png_pattern`) and a proof's previews (``PROOF-3.png``:
:func:`preview_pattern`), a PNG banmian wrote being one with its ``Software`` text chunk
(:func:`png_by_banmian`, :data:`layout.formats.PNG_SOFTWARE`).

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
from collections.abc import Callable, Iterable, Sequence
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
_RUNS = re.compile(r"(\d+)")


class StaleFile(NamedTuple):
    """A file named as a page file (``what``: a page PDF, a page image, a preview) of the
    edition or proof the build did not write: ``removed``, or kept for ``reason``."""

    path: Path
    removed: bool
    reason: str
    what: str = "page PDF"

    def message(self, pages: int, of: str = "edition") -> str:
        """The line the command prints: a note (removed) or a warning (kept); ``of``: what
        has the ``pages`` (the edition, the proof)."""
        has = f"the {of} has {pages} page{'s' * (pages != 1)}"
        shown = display_path(self.path)
        if self.removed:
            return f"removed {shown}, a {self.what} of an earlier build: {has}"
        return f"kept {shown}, named as a {self.what} of this {of} ({has}): {self.reason}"


def page_pdf_pattern(out: Path) -> re.Pattern[str]:
    """The names of the page PDFs beside the edition PDF ``out``."""
    return re.compile(re.escape(out.stem) + r"-p\d{2,}\.pdf")


def remove_stale(
    out: Path, written: Iterable[Path], inputs: Iterable[InputFile]
) -> tuple[StaleFile, ...]:
    """The files beside ``out`` named as its page PDFs but not ``written``, in page order, each
    removed or kept (see the module docstring)."""
    folder = out.parent if str(out.parent) else Path(".")
    return _remove_named(
        folder, page_pdf_pattern(out), written, inputs, written_by_banmian, "page PDF"
    )


def png_pattern(template: Path) -> re.Pattern[str]:
    """The names of the page images of the template ``template`` (``p-{p}.png``, ``{0p}``):
    its ``{p}`` any page number."""
    from .formats import TEMPLATE  # (loaded by the command already)

    parts = TEMPLATE.split(template.name)
    # split keeps the group (the 0 of {0p}, or ""): every other part is the text between.
    return re.compile(r"\d+".join(re.escape(text) for text in parts[::2]))


def preview_pattern(proof: Path) -> re.Pattern[str]:
    """The names of the PNG previews of the proof ``proof`` (``PROOF-1.png`` …:
    :func:`layout.proof.png.png_paths`)."""
    return re.compile(re.escape(proof.stem) + r"-\d+\.png")


def remove_stale_pngs(
    folder: Path,
    pattern: re.Pattern[str],
    written: Iterable[Path],
    inputs: Iterable[InputFile],
    what: str,
) -> tuple[StaleFile, ...]:
    """The files in ``folder`` named by ``pattern`` (:func:`png_pattern`,
    :func:`preview_pattern`) but not ``written``, each removed when banmian wrote it
    (:func:`png_by_banmian`) and it is no input, else kept; ``what`` names them in the
    messages ("page image", "proof preview")."""
    folder = folder if str(folder) else Path(".")
    return _remove_named(folder, pattern, written, inputs, png_by_banmian, what)


def _remove_named(
    folder: Path,
    pattern: re.Pattern[str],
    written: Iterable[Path],
    inputs: Iterable[InputFile],
    ours: Callable[[Path], bool],
    what: str,
) -> tuple[StaleFile, ...]:
    keep = {Path(p).name for p in written}
    try:
        names = sorted((e.name for e in os.scandir(folder)), key=_page_order)
    except OSError:
        return ()
    inputs = list(inputs)
    found = []
    for name in names:
        if pattern.fullmatch(name) and name not in keep:
            found.append(_remove_one(folder / name, inputs, ours)._replace(what=what))
    return tuple(found)


def _page_order(name: str) -> list[tuple[int, str]]:
    """``name``'s sort key in page order: its runs of digits as numbers (``p-9.png`` before
    ``p-10.png``, as a template without padding names them)."""
    return [(int(run), "") if run.isdigit() else (-1, run) for run in _RUNS.split(name)]


def _remove_one(path: Path, inputs: Sequence[InputFile], ours: Callable[[Path], bool]) -> StaleFile:
    item = input_at(path, inputs)
    if item is not None:
        return StaleFile(path, False, f"it is {item.what}, an input of this build")
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return StaleFile(path, False, "it cannot be read")
    if stat.S_ISLNK(mode):
        return StaleFile(path, False, "it is a symbolic link (banmian writes none)")
    if not stat.S_ISREG(mode):
        return StaleFile(path, False, "it is not a regular file")
    if not ours(path):
        return StaleFile(path, False, "banmian did not write it (or it was saved again since)")
    try:
        path.unlink()
    except FileNotFoundError:
        return StaleFile(path, True, "")  # gone meanwhile: as good as removed
    except OSError as error:
        return StaleFile(path, False, f"it could not be removed ({error.strerror or error})")
    return StaleFile(path, True, "")


# A PNG's signature, and its chunks before the image data (PNG 1.2 §5.2, §12.12: text
# chunks may stand anywhere before IEND; banmian's writer puts its own before IDAT).
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_ROOM = 4096  # bytes read at most: the header chunks of banmian's PNG are ≈ 60


def png_by_banmian(path: Path | str) -> bool:
    """Whether the file at ``path`` is a PNG banmian wrote: a ``tEXt`` chunk ``Software``
    of :data:`layout.formats.PNG_SOFTWARE` before its image data; False for anything else,
    or a file that cannot be read."""
    from .formats import PNG_SOFTWARE  # (loaded by the command already)

    try:
        with open(path, "rb") as f:
            head = f.read(_PNG_ROOM)
    except OSError:
        return False
    if not head.startswith(_PNG_SIGNATURE):
        return False
    at = len(_PNG_SIGNATURE)
    wanted = b"Software\0" + PNG_SOFTWARE.encode("latin-1")
    while at + 8 <= len(head):
        length = int.from_bytes(head[at : at + 4], "big")
        kind = head[at + 4 : at + 8]
        if kind in (b"IDAT", b"IEND"):
            return False
        if kind == b"tEXt" and head[at + 8 : at + 8 + length] == wanted:
            return True
        at += 12 + length  # length, type, data, CRC
    return False


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

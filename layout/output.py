"""Output files: each one complete or absent, never written over one of the build's inputs.

Contract:

- :func:`write_file` puts ``data`` at ``path`` in one step. The bytes go to a file with no name
  in the target folder (Linux ``O_TMPFILE``), are flushed to the disk, and the file is then
  linked to a hidden name and renamed over ``path`` (``rename(2)`` replaces atomically). A
  process killed before the link leaves nothing: the kernel frees a file that has no name.
  Where ``O_TMPFILE`` is missing (another system, a file system without it) the bytes go to
  a hidden file ``.NAME.PID-TOKEN.banmian-tmp`` beside ``path`` instead; the same name is used
  for the instant between link and rename. :func:`sweep`, run before every write into a
  folder, removes such files whose process is gone, so a killed build's leftover is gone at
  the next run. Two processes writing the same path at once each rename a complete file;
  the last one wins.
- A write that fails (disk full, permission denied, a read-only file system, a folder on the
  path that is a file, …) raises :class:`~layout.errors.OutputError` (exit 3) with one line;
  whatever was at ``path`` before is untouched and no temporary file is left.
- :func:`check_output` refuses (``OutputError(refused=True)``, exit 2) before any work an
  output path that resolves to one of the build's inputs (its real path, or the same file
  through a link), a folder, or something that is not a regular file (a device, a FIFO):
  renaming over those would destroy an input or replace ``/dev/null``.
- :func:`write_files` writes several files (an edition's PDFs, a starter project) so that
  none is replaced unless all are written: every one is first complete under a hidden name
  beside its target (a failure then removes them all, and the folders made for them:
  nothing was written), and only then are they renamed into place one after another, with
  SIGINT and SIGTERM held until the last rename is done. A rename that fails says which
  files were replaced and which were left as they were.
- :data:`WRITTEN`, when a command sets it, lists every file put in place (not the cache's),
  so that an interrupted command can say what it wrote.
- A symbolic link at ``path`` is followed: the file it points to is replaced and the link
  kept.
- :func:`write_cache_file` puts a file of the cache in place the same way but for the sync: it
  is complete or absent when a process is killed, not after a power cut, so its reader checks
  what it reads (``layout.render.programcache``); a write that fails returns False and leaves
  nothing.
- :func:`cache_dir` is where results kept between runs go (converted photos, headline
  segmentations): ``$BANMIAN_CACHE``, else the user's cache folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from .errors import OutputError, display_path
from .records import NamedTuple

TEMP_SUFFIX = ".banmian-tmp"
# .NAME.PID-TOKEN.banmian-tmp, as made by _temp_name
_TEMP_NAME = re.compile(r"\..*\.(\d+)-[0-9a-f]{8}" + re.escape(TEMP_SUFFIX), re.DOTALL)
_NAME_ROOM = 120  # characters of the target's name kept in a temporary name (NAME_MAX is 255)

Write = Callable[[int, memoryview], int]  # os.write's signature: descriptor, bytes → written
# Write only, closed in child processes, and binary (Windows would translate line ends).
_WRITE_FLAGS = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


# The files a command has put in place (``listed``), for the line that says what was written
# when it is interrupted (``layout.cli.errors.reported`` sets it); None: not kept.
WRITTEN: ContextVar[list[Path] | None] = ContextVar("layout.output.written", default=None)


class InputFile(NamedTuple):
    """A file a build reads, and what it is (for the message that refuses to write on it)."""

    path: Path
    what: str  # "the page spec", "an article record", "the font of face song", …


# --------------------------------------------------------------------------- refusing


def cache_dir() -> Path:
    """``$BANMIAN_CACHE``, else the user's cache folder (platformdirs: ``~/.cache/banmian`` on
    Linux), never the working directory: a build run from anywhere leaves no folder there."""
    env = os.environ.get("BANMIAN_CACHE")
    if env:
        return Path(env)
    import platformdirs  # here: a build with every result at hand never needs it

    return Path(platformdirs.user_cache_dir("banmian"))


def check_pdf_name(path: Path | str) -> None:
    """Raise ``OutputError(refused=True)`` if ``path``, where a PDF is to be written, does not
    end in ``.pdf``: never a PDF under another name (``page.png``)."""
    if Path(path).suffix.lower() != ".pdf":
        raise OutputError(
            Path(path),
            "is not a .pdf: a PDF is written under a .pdf name only (page images: banmian "
            "build SPEC -o PAGE.png, of several pages -o PAGE-{p}.png: {p} the page number)",
            refused=True,
        )


def check_output(path: Path | str, inputs: Iterable[InputFile]) -> None:
    """Raise ``OutputError(refused=True)`` if writing ``path`` would destroy an input or
    something that is not a regular file; return quietly otherwise (also when the folder does
    not exist yet or cannot be written: :func:`write_file` reports that)."""
    path = Path(path)
    try:
        here = os.stat(path)
    except OSError:
        here = None  # not there (or not reachable): nothing there to destroy
    if here is not None and stat.S_ISDIR(here.st_mode):
        raise OutputError(path, "is a folder; give the path of a file to write", refused=True)
    if here is not None and not stat.S_ISREG(here.st_mode):
        raise OutputError(
            path,
            f"is {_kind(here.st_mode)}, not a regular file; give the path of a file to write",
            refused=True,
        )
    real = os.path.realpath(path)
    found = here
    if found is None:  # ``sub/../page.yaml`` past a missing folder: its real path may be there
        with contextlib.suppress(OSError):
            found = os.stat(real)
    item = _input_at(real, found, inputs)
    if item is not None:
        shown = display_path(item.path)
        named = f" ({shown})" if shown != display_path(path) else ""  # through a link
        raise OutputError(
            path,
            f"is {item.what}{named}, an input of this build; "
            "writing there would destroy it: give another output path",
            refused=True,
        )


def input_at(path: Path | str, inputs: Iterable[InputFile]) -> InputFile | None:
    """The input of ``inputs`` that ``path`` is (the same file, through links too), or None."""
    real = os.path.realpath(path)
    try:
        found: os.stat_result | None = os.stat(path)
    except OSError:
        found = None
    if found is None:
        with contextlib.suppress(OSError):
            found = os.stat(real)
    return _input_at(real, found, inputs)


def _input_at(
    real: str, found: os.stat_result | None, inputs: Iterable[InputFile]
) -> InputFile | None:
    return next((item for item in inputs if _same(real, found, item.path)), None)


def _same(real: str, found: os.stat_result | None, other: Path) -> bool:
    """Whether ``other`` is the file at ``real``: ``found`` is the stat of the output path, or
    of ``real`` when the path cannot be stat'd (None: neither can). An input that can be
    stat'd is compared by its stat alone (one call, where the real path is one per folder of
    the path, for every input at every rebuild): the same real path is the same file, and a
    hard link or a bind mount is too; and an input that is there is not where nothing is (a
    build into a new folder resolved every input's real path for each output: 13 ms for the
    sample edition's five). Only an input that cannot be stat'd (a link to nothing) is
    compared by its real path."""
    try:
        there = os.stat(other)
    except OSError:
        return os.path.realpath(other) == real
    return found is not None and os.path.samestat(found, there)


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


# --------------------------------------------------------------------------- writing


def write_file(
    path: Path | str,
    data: bytes,
    *,
    unnamed: bool | None = None,
    write: Write = os.write,
    listed: bool = True,
) -> Path:
    """Write ``data`` to ``path`` so that it is either complete or absent (see the module
    docstring); create its folder when missing. Returns ``path``.

    ``unnamed``: True uses an ``O_TMPFILE`` file (``OutputError`` where there is none), False
    a named hidden temporary file, None (default) the first where the system has it.
    ``write`` is the system call that writes to the descriptor (``os.write``); a test passes
    one that fails the way a full disk does. ``listed``: the file is one the command was asked
    for, put on :data:`WRITTEN` once in place; False for a file of the cache.
    """
    path = Path(path)
    target = _target(path)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _write_error(path, error, folder=True) from None
    sweep(folder)
    try:
        _put(_stage(path, target, data, unnamed, write), target)
    except OSError as error:
        raise _write_error(path, error) from None
    if listed:
        _listed(path)
    return path


class _Staged(NamedTuple):
    """A file of :func:`write_files` complete under its hidden name, not yet in place."""

    path: Path  # as given: what the messages name
    target: Path  # where it goes: ``path``, or the file a link there points to
    hidden: Path


def write_files(
    files: Sequence[tuple[Path | str, bytes]],
    *,
    unnamed: bool | None = None,
    write: Write = os.write,
) -> list[Path]:
    """Write every ``(path, data)`` of ``files`` so that none is replaced unless all are
    written: each one's bytes first go to a complete hidden file beside it (as
    :func:`write_file`'s, flushed to the disk; folders made when missing); a failure then (a
    full disk on the third file, Ctrl-C) removes them all, and the folders made, and raises
    ``OutputError`` saying that nothing was written. Only then are they renamed into place, in
    order, one after another — a rename is all that is left, with SIGINT and SIGTERM held
    until the last is done (:func:`_signals_held`) — each put on :data:`WRITTEN`. A rename that
    fails (a file this user may not replace: immutable, or another's in a sticky folder)
    puts back the files replaced before it, kept under a second name until all are done, and
    raises ``OutputError`` saying nothing was written. Returns the paths, in order; ``unnamed`` and
    ``write`` as for :func:`write_file`."""
    staged: list[_Staged] = []
    made: list[Path] = []  # the folders made, removed again when the write fails
    try:
        for path, data in files:
            staged.append(_stage_one(Path(path), data, unnamed, write, made))
    except BaseException as error:
        for item in staged:
            _unlink(item.hidden)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(error, OutputError):
            names = "the file" if len(files) == 1 else f"the {len(files)} files"
            raise OutputError(
                error.path,
                f"{error.message}; none of {names} was written: each one there before is as it was",
            ) from None
        raise
    try:
        return _commit(staged)
    except BaseException:
        # A Ctrl-C before the renames began (in the moment before SIGINT is held) leaves no
        # hidden file beside the old ones; a file renamed already has no hidden name left.
        for item in staged:
            _unlink(item.hidden)
        raise


def _stage_one(
    path: Path, data: bytes, unnamed: bool | None, write: Write, made: list[Path]
) -> _Staged:
    """``data`` complete under a hidden name beside ``path``'s target (``OutputError``
    otherwise); the folders made for it added to ``made``."""
    target = _target(path)
    folder = target.parent
    # The folders missing, outermost first (so removed innermost first); listed before mkdir,
    # which may make some of them and then fail.
    missing = []
    for above in (folder, *folder.parents):
        if above.exists():
            break
        missing.append(above)
    made += reversed(missing)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(path, _reason(error, folder=True)) from None
    sweep(folder)
    try:
        here = os.stat(target)
    except OSError:
        here = None
    if here is not None and not stat.S_ISREG(here.st_mode):
        # Found now, not at the rename: every file is in place or none is.
        directory = stat.S_ISDIR(here.st_mode)
        raise OutputError(
            path, _REASONS[errno.EISDIR] if directory else f"it is {_kind(here.st_mode)}"
        )
    try:
        return _Staged(path, target, _stage(path, target, data, unnamed, write))
    except OSError as error:
        raise OutputError(path, _reason(error)) from None


def _commit(staged: Sequence[_Staged]) -> list[Path]:
    """Every staged file renamed into place, in order (see :func:`write_files`): all of them
    or, when a rename fails (a file the system does not let this user replace: immutable, or
    another's in a sticky folder), none, the files replaced before it put back."""
    done: list[Path] = []
    with _signals_held():
        kept = _keep_old(staged)
        for k, item in enumerate(staged):
            try:
                os.replace(item.hidden, item.target)
            except OSError as error:
                for rest in staged[k:]:
                    _unlink(rest.hidden)
                raise OutputError(item.path, _rolled_back(error, staged[:k], kept)) from None
            done.append(item.path)
        for old in kept.values():
            _unlink(old)
        for path in done:
            _listed(path)
    return done


def _keep_old(staged: Sequence[_Staged]) -> dict[Path, Path]:
    """A second, hidden name for each file a staged one will replace (a hard link: no copy),
    by target, so that the edition can be put back as it was; ``OutputError`` (nothing
    written, every hidden file removed) when one cannot be kept: the system would not let
    it be replaced either (an immutable file; another's file with protected hard links)."""
    kept: dict[Path, Path] = {}
    for item in staged:
        old = _temp_name(item.target)
        try:
            os.link(item.target, old, follow_symlinks=False)
        except FileNotFoundError:
            continue  # nothing there to keep: a new file
        except OSError as error:
            for other in (*kept.values(), *(i.hidden for i in staged)):
                _unlink(other)
            raise OutputError(
                item.path, f"{_reason(error)}; nothing written: every file is as it was"
            ) from None
        kept[item.target] = old
    return kept


def _rolled_back(error: OSError, renamed: Sequence[_Staged], kept: dict[Path, Path]) -> str:
    """The files ``renamed`` before the rename that failed with ``error`` put back as they
    were (the kept ones renamed back, the new ones removed); what the message says."""
    lost = []
    for item in renamed:
        old = kept.pop(item.target, None)
        try:
            if old is None:
                os.unlink(item.target)
            else:
                os.replace(old, item.target)
        except OSError:
            lost.append(item.path)
    for old in kept.values():  # of the files not reached: they were not replaced
        _unlink(old)
    if not lost:
        return f"{_reason(error)}; nothing written: every file is as it was"
    replaced = ", ".join(display_path(p) for p in lost)
    return (
        f"{_reason(error)}; {replaced} could not be put back and are new; the others as they were"
    )


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held for the ``with`` block, then delivered: a Ctrl-C in the middle
    of :func:`_commit`'s renames takes effect after the last, so that the files are all new
    or (before it) all old. Only the main thread can set handlers (and only there does Python
    run them): elsewhere the block runs as it is."""
    import signal  # here: only a write of several files needs it

    caught: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            old = signal.getsignal(signum)
            if old is not None:  # None: a handler not set from Python, left alone
                signal.signal(signum, lambda number, _frame: caught.append(number))
                previous[signum] = old
    except ValueError:
        pass  # not the main thread
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
        for signum in caught:
            signal.raise_signal(signum)  # as it would have been: KeyboardInterrupt, or the end


def _target(path: Path) -> Path:
    """Where a write to ``path`` goes: a link there is followed (and kept)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _stage(path: Path, target: Path, data: bytes, unnamed: bool | None, write: Write) -> Path:
    """``data`` in a complete file with a hidden name beside ``target``: its name."""
    if unnamed is not False and _unnamed_possible():
        try:
            return _stage_unnamed(target, data, write)
        except _NoTmpfile as missing:
            if unnamed:
                raise OutputError(
                    path, f"the file system has no unnamed temporary files ({missing})"
                ) from None
    elif unnamed:
        raise OutputError(path, "this system has no unnamed temporary files (O_TMPFILE)")
    return _stage_named(target, data, write)


def _put(hidden: Path, target: Path) -> None:
    try:
        os.replace(hidden, target)
    except BaseException:
        _unlink(hidden)
        raise


def _listed(path: Path) -> None:
    written = WRITTEN.get()
    if written is not None:
        written.append(path)


def write_cache_file(path: Path | str, data: bytes) -> bool:
    """Put ``data`` at ``path`` (its folder made when missing) through a hidden temporary file
    renamed over it, not synced (see the module docstring): a result kept for later runs, which
    its reader checks. False when it could not be written (nothing is left then)."""
    target = Path(path)
    hidden = _temp_name(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(hidden, _WRITE_FLAGS | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            _write_all(fd, data, os.write)
        finally:
            os.close(fd)
        os.replace(hidden, target)
    except OSError:
        _unlink(hidden)
        return False
    return True


class _NoTmpfile(Exception):
    """``O_TMPFILE`` is not supported in that folder."""


def _unnamed_possible() -> bool:
    return hasattr(os, "O_TMPFILE")


def _stage_unnamed(target: Path, data: bytes, write: Write) -> Path:
    try:
        # 0o666 and the umask, as for any new file.
        fd = os.open(target.parent, os.O_TMPFILE | _WRITE_FLAGS, 0o666)
    except OSError as error:
        # EOPNOTSUPP: the file system has none; EISDIR: a kernel before 3.11 (O_TMPFILE
        # includes O_DIRECTORY); EINVAL: a flag the system does not know.
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            raise _NoTmpfile(os.strerror(error.errno)) from None
        raise
    hidden: Path | None = None
    try:
        try:
            _write_all(fd, data, write)
            os.fsync(fd)  # on the disk before it has a name: complete after a power cut too
            hidden = _temp_name(target)
            _give_name(fd, hidden)
        finally:
            os.close(fd)
    except _NoTmpfile:
        raise  # not linked: nothing to remove
    except BaseException:
        if hidden is not None:
            _unlink(hidden)
        raise
    return hidden


# <fcntl.h> on Linux (every architecture)
_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000


def _give_name(fd: int, name: Path) -> None:
    """Link the unnamed file open at ``fd`` as ``name``: through ``/proc/self/fd`` as open(2)
    shows for O_TMPFILE, else with ``linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH)`` (some
    sandboxes' /proc answers EXDEV; AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH before Linux
    6.10). Raises ``_NoTmpfile`` when neither works."""
    try:
        os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
        return
    except OSError as error:
        through_proc = error
    import ctypes  # here: only where /proc/self/fd cannot be linked (no import in a build)

    libc = ctypes.CDLL(None, use_errno=True)
    linkat = libc.linkat
    linkat.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int)
    linkat.restype = ctypes.c_int
    if linkat(fd, b"", _AT_FDCWD, os.fsencode(name), _AT_EMPTY_PATH) != 0:
        code = ctypes.get_errno()
        raise _NoTmpfile(
            f"cannot link it: {through_proc.strerror} (/proc/self/fd), "
            f"{os.strerror(code)} (AT_EMPTY_PATH)"
        )


def _stage_named(target: Path, data: bytes, write: Write) -> Path:
    hidden = _temp_name(target)
    fd = os.open(hidden, _WRITE_FLAGS | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            _write_all(fd, data, write)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _unlink(hidden)
        raise
    return hidden


def _write_all(fd: int, data: bytes, write: Write) -> None:
    view = memoryview(data)
    while view:
        written = write(fd, view)
        if written <= 0:  # write(2) returns 0 only for an empty buffer; never loop forever
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        view = view[written:]


def _temp_name(target: Path) -> Path:
    return target.with_name(
        f".{target.name[:_NAME_ROOM]}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}"
    )


def _unlink(path: Path) -> None:
    # gone already, or the folder went read-only: the sweep takes it later
    with contextlib.suppress(OSError):
        os.unlink(path)


# --------------------------------------------------------------------------- sweeping


def sweep(folder: Path | str) -> list[Path]:
    """Remove the temporary files (``.NAME.PID-TOKEN.banmian-tmp``) in ``folder`` whose
    process is gone; return what was removed. Files of live processes are left alone."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed  # the write that follows reports what is wrong with the folder
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None or _alive(int(match[1])):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass  # taken by another sweep, or not ours to remove
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # os.kill(pid, 0) would terminate the process on Windows: never sweep
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists (kill(2))
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OverflowError:
        return False  # not a pid at all
    return True


# --------------------------------------------------------------------------- messages

_REASONS = {
    errno.ENOSPC: "the disk is full (ENOSPC)",
    errno.EDQUOT: "the disk quota is used up (EDQUOT)",
    errno.EACCES: "permission denied (EACCES)",
    errno.EPERM: "operation not permitted (EPERM)",
    errno.EROFS: "the file system is read-only (EROFS)",
    errno.ENOTDIR: "a folder on the path is a file (ENOTDIR)",
    errno.EISDIR: "it is a folder (EISDIR)",
    errno.ENOENT: "a folder on the path does not exist (ENOENT)",
    errno.ENAMETOOLONG: "the name is too long (ENAMETOOLONG)",
    errno.ELOOP: "too many symbolic links on the path (ELOOP)",
    errno.EIO: "input/output error (EIO)",
}


def _reason(error: OSError, *, folder: bool = False) -> str:
    """What went wrong, in words and with the errno's name (``folder``: making a folder)."""
    code = error.errno
    if folder and code == errno.EEXIST:
        code = errno.ENOTDIR  # mkdir: the folder's name is taken by a file
    reason = _REASONS.get(code)
    if reason is None:
        name = errno.errorcode.get(code, "") if code is not None else ""
        reason = f"{error.strerror or error}" + (f" ({name})" if name else "")
    return reason


def _write_error(path: Path, error: OSError, *, folder: bool = False) -> OutputError:
    try:
        kept = path.is_file()
    except OSError:
        kept = False
    after = "the file there is as it was" if kept else "nothing was written"
    return OutputError(path, f"{_reason(error, folder=folder)}; {after}")

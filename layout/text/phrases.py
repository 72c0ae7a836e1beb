"""Where a headline may break between words: the word starts of a Chinese word segmenter.

Chinese has no spaces between words, and body text may break between any two Han characters
(clreq §3.1). A headline may not: it breaks only between words or where the subeditor put a
space, never inside a word (双拥花开 / 满城芬芳, never 满 / 城; the reference digest,
"Newspaper page practice"; CSS Text 4 ``word-break: auto-phrase`` asks the same of a
browser). The words are found by jieba's dictionary and HMM (``rjieba``, the Rust port).

Contract: :func:`word_starts` gives the indices of ``text`` where a segmenter word starts,
between two clusters the text engine could part. It never offers a place inside a Western
word or number (``1200``, ``5G``, ``9.4%``, ``78∶71``: where both neighbours are letters,
digits or signs, the run is one word whatever the segmenter says), nor before a particle
that leans on the word before it (:data:`ENCLITICS`). Prohibition (避头尾) is
applied by ``prepare`` as for any break.

The segmenter's dictionary (about 350 000 words) takes a tenth of a second and some 30 MB to
load: it is loaded on the first headline that needs breaking between words (one that does not
fit on one line at a size tried), once per process, and never for body text. What it cuts is
kept in the user's cache folder (:class:`StoredSegmenter`: ``segments`` in the folder of
:func:`layout.output.cache_dir`, one small file per text, keyed by the text and the installed
segmenter's files), so a build whose heads were all cut before never loads it; a stored cut
is the segmenter's own, so the lines are the same either way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from .chars import CharClass, classify

# Neighbours that stay together even where the segmenter parts them: a Western word, a
# number with its signs (78∶71, 2025-26, 100%).
_TIGHT = frozenset({CharClass.LATIN, CharClass.DIGIT, CharClass.SYMBOL})


# Particles that lean on the word before them (structural 的 地 得, aspect 了 着 过, 之, the
# plural 们, 等): a line of a head never starts with one (本地企业研发的 / AI质检系统, not
# 本地企业研发 / 的AI质检系统), whatever the segmenter cuts.
ENCLITICS = frozenset("的地得了着过之们等")

Segmenter = Callable[[str], Sequence[str]]


@cache
def segmenter() -> Segmenter:
    """jieba's accurate mode with its HMM for words not in the dictionary, its cuts stored in
    the user's cache folder (the segmenter loaded on the first text not stored, and kept for
    the process)."""
    return StoredSegmenter(lambda: _cache_folder() / "segments", _jieba, _jieba_version())


def _cache_folder() -> Path:
    """The folder of :func:`layout.output.cache_dir` (``$BANMIAN_CACHE``, else the user's
    cache folder), found here: the text engine imports no layer above it."""
    env = os.environ.get("BANMIAN_CACHE")
    if env:
        return Path(env)
    return _user_cache_folder()


@cache
def _user_cache_folder() -> Path:
    """The user's cache folder for banmian (platformdirs), looked up once a process."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("banmian"))


def _jieba() -> Segmenter:
    import rjieba  # the import loads the dictionary

    return rjieba.cut


def _jieba_version() -> str:
    """The installed segmenter's files (names, sizes, times), read without importing it: a
    new version, or a new dictionary, is another key."""
    from importlib.util import find_spec

    spec = find_spec("rjieba")
    if spec is None or not spec.submodule_search_locations:
        return "rjieba: not installed"  # cutting will raise ImportError, as before
    parts = []
    for folder in spec.submodule_search_locations:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_file():
                    st = entry.stat()
                    parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join([spec.origin or "", *parts])


class StoredSegmenter:
    """A segmenter whose cuts are kept in ``folder`` (a path, or a function giving it), one
    file per text, named by a digest of ``version`` and the text, holding the lengths of its
    tokens (ASCII decimals, one space apart: the tokens are the text cut at them; no JSON to
    import, issue 16). ``load`` gives the segmenter itself, called on the first text not
    stored. A stored file that cannot be read or whose lengths do not make the text is cut
    again; a folder that cannot be written is no error (the cut is only not kept)."""

    def __init__(
        self, folder: Path | Callable[[], Path], load: Callable[[], Segmenter], version: str
    ) -> None:
        # A callable is asked at each cut: the process's segmenter follows $BANMIAN_CACHE.
        self._folder = folder
        self._load = load
        self._version = version
        self._cut: Segmenter | None = None
        # The cuts this process has read or made, by folder and text: a headline is cut once
        # for every size and measure tried, and its file need be read only the first time.
        self._seen: dict[tuple[Path, str], tuple[str, ...]] = {}

    def _path(self, folder: Path, text: str) -> Path:
        digest = hashlib.sha256(f"{self._version}\0{text}".encode()).hexdigest()[:32]
        return folder / f"{digest}.cut"

    def __call__(self, text: str) -> Sequence[str]:
        folder = self._folder if isinstance(self._folder, Path) else self._folder()
        seen = self._seen.get((folder, text))
        if seen is not None:
            return seen
        tokens = tuple(self._stored_or_cut(self._path(folder, text), text))
        if len(self._seen) >= _SEEN_LIMIT:
            self._seen.clear()
        self._seen[(folder, text)] = tokens
        return tokens

    def _stored_or_cut(self, path: Path, text: str) -> list[str]:
        try:
            lengths = [int(field) for field in path.read_bytes().split()]
        except (OSError, ValueError):
            lengths = None
        if lengths is not None and all(n >= 0 for n in lengths) and sum(lengths) == len(text):
            tokens, at = [], 0
            for n in lengths:
                tokens.append(text[at : at + n])
                at += n
            return tokens
        if self._cut is None:
            self._cut = self._load()
        tokens = list(self._cut(text))
        if "".join(tokens) == text:  # (the segmenter's own always do: kept only then)
            _store(path, " ".join(str(len(t)) for t in tokens).encode("ascii"))
        return tokens


# Cuts kept in a process (a few hundred bytes each; a page has some dozens of heads).
_SEEN_LIMIT = 4096


def _store(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` whole or not at all (a hidden file renamed over it); a folder
    that cannot be written is no error: the cut is only not kept."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, data)  # a few hundred bytes: one write
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):  # nothing was made, or it is gone already
            os.unlink(temp)


def word_starts(text: str, cut: Segmenter | None = None) -> frozenset[int]:
    """The indices of ``text`` where a word starts (0 and ``len(text)`` excluded), by the
    segmenter ``cut`` (default: jieba's)."""
    tokens = (cut or segmenter())(text)
    starts: set[int] = set()
    at = 0
    for k, token in enumerate(tokens):
        at += len(token)
        following = tokens[k + 1] if k + 1 < len(tokens) else ""
        if 0 < at < len(text) and _parts(text[at - 1], text[at]) and following not in ENCLITICS:
            starts.add(at)
    if at != len(text):  # a segmenter that drops characters would misplace every start
        raise ValueError(f"the segmenter lost characters of {text!r}")
    return frozenset(starts)


def _parts(left: str, right: str) -> bool:
    """Whether a word boundary between these two characters is a place to break: not inside
    a run of letters, digits and signs (one Western word or number)."""
    return not (classify(left) in _TIGHT and classify(right) in _TIGHT)

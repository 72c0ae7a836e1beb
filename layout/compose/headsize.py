"""A headline part's size, chosen by its rank and the width it has.

Contract: :func:`choose_size` sets one part of a headline block (引题, 主题, 副题: its lines as
written, each broken by the text engine's headline rules, ``layout.text.paragraph``) at the
largest size of its style's range (``Style.sizes``) at which

- every word fits the measure whole (no overfull line),
- its lines fit the room the block leaves it (``room``, in the block direction: a leading
  a line, whose half-leading above the first line and below the last is the white about
  the block), and
- its widest line fills at least the style's ``fill`` of the measure;

failing the fill at every size, the largest size that fits; failing even that, the smallest
size, which the caller reports. The measure is the frame's line length less one em of the
size at each end (a head stands free of its area's sides), however little that leaves (to
none): a line too short for a word and its ems is no fit, so a smaller size is tried, and
no head is set as fitting with less white than an em, or wider than its area. Where no size
fits so, the head is sized again on the line length less only the white its area's ends
keep (the caller's ``ends``): a 横排 head on a 横排 page on the whole line, as a one-column
head fills its column (the gutter beside it is white already); a 竖题 on a 横排 page on the
strip less half the body leading at its top and foot (the rows of the grid have no gutter
between them: the box above or below may stand with no gap), and a 横排 head on a 竖排 page
on the line less half the body leading at its left and right (the page's vertical lines
have none: the box beside it may stand with no gap). A short head in a narrow box is so
set, not reported overset for want of the white beside it: the em is the first thing given
up, the white of the area's ends never. So a short head across a wide box comes out large,
and a long one steps down until it fits whole-word, the lead story's 主题 the largest on the
page when its range is (the reference digest, "Newspaper page practice": headlines by rank,
the lead's 主题 the biggest).

A head the editor put a space in that breaks at the size so chosen between two words where
no space was typed is set instead at the largest smaller size that fits breaking only at its
spaces (and its lines as written), if one does: the editor's space is where it is meant to
break, before a larger size (“村BA”火了 / 乡村振兴有了新引擎 at 23.5 pt in two columns,
not “村BA”火了 乡村 / 振兴有了新引擎 at 26 pt; the reference digest, "Newspaper page
practice": heads break only between words or where the editor put a space).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

from ..geometry import WritingMode
from ..records import NamedTuple
from ..spec.model import Style
from ..text.finalize import Line
from ..text.options import Align
from ..text.paragraph import SetParagraph
from .setter import Setter

_EPSILON = 1e-6


class PartSetting(NamedTuple):
    """One part set at one size: a paragraph per line as written."""

    style: Style  # at the size chosen
    paragraphs: tuple[SetParagraph, ...]
    measure: float
    inset: float  # the white at each end of the lines: one em of the size, or the area's ends'

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for par in self.paragraphs for line in par.lines)

    @property
    def height(self) -> float:
        """What the part takes across its lines: a leading per line."""
        return len(self.lines) * self.style.leading

    @property
    def whole(self) -> bool:
        """Every word fits the measure (no line set overfull)."""
        return not any(par.overfull for par in self.paragraphs)

    @property
    def fill(self) -> float:
        """The widest line's share of the measure (none of a measure with no room at all)."""
        if self.measure <= 0.0:
            return 0.0
        return max((line.width for line in self.lines), default=0.0) / self.measure


def set_part(
    texts: tuple[str, ...],
    style: Style,
    line_length: float,
    setter: Setter,
    mode: WritingMode,
    ends: float | None = None,
    indents: tuple[float, ...] = (),
) -> PartSetting:
    """``texts`` (a part's lines as written) in ``style`` on lines ``line_length`` long,
    ``ends`` points clear at each end (one em of the style's size when None), each indented
    by its ``indents`` in ems (none when not given: a byline's wrapped names stand under its
    first name so). The measure is what that white leaves, to none, never widened past it: a
    word it cannot hold is set overfull, so the part is not whole and the caller tries a
    smaller size or reports it."""
    inset = min(style.size if ends is None else ends, line_length / 2)
    measure = line_length - 2 * inset
    align = Align.START if mode is WritingMode.VERTICAL_RL else Align.CENTER
    indents = indents or (0.0,) * len(texts)
    paragraphs = tuple(
        setter.set(text, style, measure, align=align, indent=indent, mode=mode, headline=True)
        for text, indent in zip(texts, indents, strict=True)
    )
    return PartSetting(style, paragraphs, measure, inset)


def choose_size(
    texts: tuple[str, ...],
    style: Style,
    line_length: float,
    room: float,
    setter: Setter,
    mode: WritingMode,
    ends: float = 0.0,
    indents: tuple[float, ...] = (),
) -> PartSetting:
    """The part at the size of its range chosen as the module docstring says: one em clear
    at each end, or, where no size fits so, with only ``ends`` points clear at each end (the
    white the area's ends keep: none beside a gutter); each text indented by its
    ``indents`` in ems (:func:`set_part`)."""
    setting, fits = _chosen(texts, style, line_length, room, setter, mode, None, indents)
    if fits or setting.whole:
        # (a head that fails only for height, every word fitting at its smallest size, is
        # not helped by less white: the retry is for a word longer than the narrowed line)
        return setting
    # Fitting or not, the retry is what is set: failing, it is the smallest size on the most
    # room the head has, so the word reported overfull is measured against that room.
    retried, _ = _chosen(texts, style, line_length, room, setter, mode, ends, indents)
    return retried


def _chosen(
    texts: tuple[str, ...],
    style: Style,
    line_length: float,
    room: float,
    setter: Setter,
    mode: WritingMode,
    ends: float | None,
    indents: tuple[float, ...] = (),
) -> tuple[PartSetting, bool]:
    """The part at its size as :func:`choose_size` chooses it, ``ends`` clear of the line
    ends (:func:`set_part`), and whether that size fits (else it is the smallest).

    Whether a size fits is monotone in the size (a larger one has fewer ems to a line, so as
    many lines or more, each taller), and so is the number of lines: the largest size that
    fits is found by bisection, and below it only the largest size of each smaller number of
    lines can fill more of the measure (at one number of lines the fill grows with the
    size), so only those are tried for the fill.

    Fewer sizes are set than that search names, with the same outcome: every written line
    that sets (its text not empty once cleaned, alike at every size: the first size set
    tells) sets in one line at least, so a size whose leading times that already passes the
    room fails unset, and below a size with that many lines no size has fewer; and the
    largest size is tried first, as most heads of a rank fit its size (the range is for the
    long ones), before the bisection of the rest."""
    sizes = style.sizes
    count = len(sizes)

    made: dict[int, PartSetting] = {}

    def at(k: int) -> PartSetting:
        found = made.get(k)
        if found is None:
            found = made[k] = set_part(
                texts, style.at_size(sizes[k]), line_length, setter, mode, ends, indents
            )
        return found

    @cache
    def least() -> int:
        """The lines the part has at least: one a written line that sets. Whether a written
        line sets at all (its text is not empty once cleaned) is the same at every size, so
        any size set already tells; the smallest is set for it only when none is."""
        some = next(iter(made.values()), None) or at(count - 1)
        return sum(1 for par in some.paragraphs if par.lines)

    def fits(k: int) -> bool:
        leading = style.at_size(sizes[k]).leading
        # (a line a written line is no fewer than ``least()``: within the room, so is that)
        if len(texts) * leading > room + _EPSILON and least() * leading > room + _EPSILON:
            return False  # as tall as that at least: no need to set it
        setting = at(k)
        return setting.whole and setting.height <= room + _EPSILON

    first = 0 if fits(0) else _first(count, 1, fits)
    if first is None:
        return at(count - 1), False  # nothing fits: the smallest size, reported by the caller
    return _at_spaces(_filled(first, at, least, style.fill, count), at, fits, count), True


def _filled(
    first: int,
    at: Callable[[int], PartSetting],
    least: Callable[[], int],
    fill: float | None,
    count: int,
) -> int:
    """The size (its index) chosen for the fill from ``first``, the largest that fits: the
    first from it whose widest line fills ``fill`` of the measure, else ``first``."""
    k: int | None = first
    while k is not None:
        setting = at(k)
        if fill is None or setting.fill >= fill - _EPSILON:
            return k
        if len(setting.lines) <= least():
            break  # no size sets it in fewer lines
        k = _first(count, k + 1, partial(_fewer, at, len(setting.lines)))
    return first  # the fill is reached at no size: the largest that fits


def _at_spaces(
    k: int, at: Callable[[int], PartSetting], fits: Callable[[int], bool], count: int
) -> PartSetting:
    """The part at size ``k``, or, where it breaks there between words though the editor
    put a space in it, at the largest smaller size that fits breaking only at the editor's
    spaces: a head breaks where the editor put a space in preference to a larger size (the
    reference digest, "Newspaper page practice": heads break only between words or where
    the editor put a space; the space is the editor's choice of the break, a word break
    the text engine's). None breaking so, size ``k``."""
    setting = at(k)
    if _spaced(setting) or not any(_has_space(par.text) for par in setting.paragraphs):
        return setting
    for smaller in range(k + 1, count):
        if fits(smaller) and _spaced(at(smaller)):
            return at(smaller)
    return setting


def _has_space(text: str) -> bool:
    return any(char.isspace() for char in text)


def _spaced(setting: PartSetting) -> bool:
    """Every line of the part ends at a line as written or at one of the editor's spaces
    (none between two words where no space was typed)."""
    for par in setting.paragraphs:
        for line, after in zip(par.lines, par.lines[1:], strict=False):
            if not par.text[line.end : after.start].isspace():
                return False
    return True


def _fewer(at: Callable[[int], PartSetting], lines: int, k: int) -> bool:
    return len(at(k).lines) < lines


def _first(count: int, low: int, test: Callable[[int], bool]) -> int | None:
    """The first index in ``low``–``count − 1`` that passes ``test``, which once passed is
    passed by every later index; ``None`` if none does."""
    high = count
    while low < high:
        middle = (low + high) // 2
        if test(middle):
            high = middle
        else:
            low = middle + 1
    return low if low < count else None


def smallest(
    texts: tuple[str, ...],
    style: Style,
    line_length: float,
    setter: Setter,
    mode: WritingMode,
    indents: tuple[float, ...] = (),
) -> PartSetting:
    """The part at the smallest size of its range: the least room it can take."""
    smallest_style = style.at_size(style.sizes[-1])
    return set_part(texts, smallest_style, line_length, setter, mode, indents=indents)

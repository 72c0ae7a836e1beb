"""A style drawn in a face the designer did not name: the ``font-fallback`` warning.

A style names a font role, and the role a fallback chain (``fonts/manifest.yaml``): the
first face that has a character sets it. A first face with few 汉字 (a Latin-only face, a
display face with a few hundred) leaves the Chinese text to the faces after it, and the page
looks set in a face no one chose, with nothing said.

Contract:

- :func:`han_by_face` counts the 汉字 (Han ideographs, :func:`~layout.text.chars.is_ideograph`)
  of set lines by the face that set each run (the lines know it: no second pass over the
  text), those of a run-in opening (a dateline in its own style) apart; a character no face
  has counts for no face (it is a ``missing-glyph`` of its own).
- :class:`~layout.compose.setter.Setter` sums them per style over the paragraphs a page
  reports (:meth:`~layout.compose.setter.Setter.han_drawn`, a :class:`StyleHan` a style).
- :func:`fallback_problems` gives one ``font-fallback`` warning a style of a page whose
  role's first face set fewer than :data:`~layout.fonts.library.FIRST_FACE_SHARE` (a tenth)
  of the 汉字 drawn in it, naming the style, its role, the faces by family and the counts (a
  first face made for Chinese sets all but the rare characters a last-resort face has: the
  text then reads as set in the face named, and nothing is said).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..fonts import FIRST_FACE_SHARE
from ..records import NamedTuple
from ..report import FontFallback, Problem, ProblemKind
from ..text.chars import is_ideograph
from ..text.finalize import Line
from ..text.items import Box

_FIRST_HAN = "\u3400"  # no ideograph comes before Extension A: a cheap test of a character


class StyleHan(NamedTuple):
    """The 汉字 drawn in a style on a page, by the face that set them (face id → count, in
    the order the faces first set one)."""

    style: str
    role: str
    faces: Mapping[str, int]


def han_by_face(lines: Sequence[Line], split: int = 0) -> tuple[dict[str, int], dict[str, int]]:
    """The 汉字 of ``lines`` by face id: those of the boxes starting at or after index
    ``split`` of the paragraph text, then those before it (a run-in opening's)."""
    body: dict[str, int] = {}
    opening: dict[str, int] = {}
    for line in lines:
        for item, source in zip(line.items, line.sources, strict=True):
            if item.__class__ is not Box:
                continue
            into = body if source >= split else opening
            for run in item.runs:  # type: ignore[union-attr]
                face = run.face
                if face is None:
                    continue
                n = sum(1 for ch in run.text if ch >= _FIRST_HAN and is_ideograph(ord(ch)))
                if n:
                    into[face] = into.get(face, 0) + n
    return body, opening


def fallback_problems(
    drawn: Iterable[StyleHan],
    chains: Mapping[str, Sequence[str]],
    families: Mapping[str, str],
) -> list[Problem]:
    """A ``font-fallback`` warning for each style of ``drawn`` whose role's first face (of
    ``chains``: role → face ids) set under ``FIRST_FACE_SHARE`` of its 汉字; ``families``
    names the faces (face id → family) in the message."""
    found = []
    for style in drawn:
        chain = chains.get(style.role, ())
        total = sum(style.faces.values())
        if not chain or total == 0:
            continue
        first = chain[0]
        own = style.faces.get(first, 0)
        if own >= FIRST_FACE_SHARE * total:
            continue
        others = sorted(
            ((face, n) for face, n in style.faces.items() if face != first),
            key=lambda item: (-item[1], chain.index(item[0]) if item[0] in chain else len(chain)),
        )
        found.append(_problem(style, first, own, total, tuple(others), families))
    return found


def _problem(
    style: StyleHan,
    first: str,
    own: int,
    total: int,
    others: tuple[tuple[str, int], ...],
    families: Mapping[str, str],
) -> Problem:
    names = _names(families, (first, *(face for face, _ in others)))
    if len(others) == 1:
        rest = names[others[0][0]]
    else:
        rest = ", ".join(f"{names[face]} ({n:,})" for face, n in others)
    return Problem(
        kind=ProblemKind.FONT_FALLBACK,
        message=(
            f"{style.style}: {names[first]} set {own:,} of {total:,} 汉字; {rest} set the rest "
            f"(font role '{style.role}': its first face lacks most Chinese characters, so the "
            "page shows them in the faces after it; name a face with them first in the role's "
            "chain, or give the style another role)"
        ),
        details=FontFallback(
            style=style.style,
            role=style.role,
            face=first,
            han=total,
            first_face=own,
            set_by=others,
        ),
    )


def _names(families: Mapping[str, str], faces: Sequence[str]) -> dict[str, str]:
    """Each face as the message names it: its family quoted, with its face id where two
    faces named have one family (Noto Sans CJK SC in two weights)."""
    counts: dict[str, int] = {}
    for face in faces:
        family = families.get(face, face)
        counts[family] = counts.get(family, 0) + 1
    named = {}
    for face in faces:
        family = families.get(face, face)
        named[face] = f"'{family}'" if counts[family] == 1 else f"'{family}' (face {face})"
    return named

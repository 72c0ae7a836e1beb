"""A style drawn in a face the designer did not name: the ``font-fallback`` warning.

A style names a font role, and the role a fallback chain (``fonts/manifest.yaml``): the
first face that has a character sets it. A first face with few 汉字 (a Latin-only face, a
display face with a few hundred) leaves the Chinese text to the faces after it, and the page
looks set in a face no one chose, with nothing said.

Contract:

- :func:`ideographs` finds the 汉字 (Han ideographs, :func:`~layout.text.chars.is_ideograph`)
  of a text drawn, at C speed; :func:`han_by_face` gives the count of each character drawn
  to the face that sets it (a face of a chain sets every character it has, the first face
  that has one sets it: a character's face is its chain's answer, the same for every place
  it stands); a character no face has counts for no face (a ``missing-glyph`` of its own).
- :class:`~layout.compose.setter.Setter` sums them per style over the paragraphs a page
  reports (:meth:`~layout.compose.setter.Setter.han_drawn`, a :class:`StyleHan` a style).
- :func:`fallback_problems` gives one ``font-fallback`` warning a style of a page whose
  role's first face set fewer than :data:`~layout.fonts.library.FIRST_FACE_SHARE` (a tenth)
  of the 汉字 drawn in it, naming the style, its role, the faces by family and the counts (a
  first face made for Chinese sets all but the rare characters a last-resort face has: the
  text then reads as set in the face named, and nothing is said).
- :func:`refused_form_problems` gives the page's other warning of its faces: one
  ``bad-vertical-form`` a face whose ``GSUB`` vertical forms of marks drawn in the page's
  vertical lines are other glyphs (``layout.fonts.vertforms``; the setter finds them,
  :meth:`~layout.compose.setter.Setter.refused_forms`), naming the face by family and the marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..fonts import FIRST_FACE_SHARE
from ..records import NamedTuple
from ..report import BadVerticalForms, FontFallback, Problem, ProblemKind


class StyleHan(NamedTuple):
    """The 汉字 drawn in a style on a page, by the face that set them (face id → count, in
    the order the faces first set one)."""

    style: str
    role: str
    faces: Mapping[str, int]


# The runs of 汉字 of :func:`~layout.text.chars.is_ideograph` (its ranges), found at C speed:
# a page's text is gathered as it is reported and counted once (``Setter.han_drawn``).
IDEOGRAPH_RUNS = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f\uf900-\ufaff]+")


def ideographs(text: str) -> str:
    """The 汉字 of ``text``, in order, each as often as it stands there."""
    return "".join(IDEOGRAPH_RUNS.findall(text))


def han_by_face(
    counted: Mapping[str, int], faces_of: Callable[[Sequence[str]], Sequence[str | None]]
) -> dict[str, int]:
    """The 汉字 ``counted`` (character → times drawn) by the face that sets each (``faces_of``:
    for each character the first face of the style's chain that has it, as the setter chose
    it; None, a character no face has, counts for none: it is a ``missing-glyph`` of its
    own), the faces in the order they first set one."""
    found: dict[str, int] = {}
    for face, n in zip(faces_of([*counted]), counted.values(), strict=True):
        if face is not None:
            found[face] = found.get(face, 0) + n
    return found


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


def refused_form_problems(
    found: Iterable[BadVerticalForms], families: Mapping[str, str]
) -> list[Problem]:
    """A ``bad-vertical-form`` warning for each face of ``found`` (``families``: face id →
    family, to name it)."""
    problems = []
    for forms in found:
        name = _names(families, (forms.face,))[forms.face]
        problems.append(
            Problem(
                kind=ProblemKind.BAD_VERTICAL_FORM,
                message=(
                    f"{name}: its vertical forms (GSUB 'vert') of {forms.marks} are other "
                    "glyphs, not those marks: in vertical lines they are drawn from the "
                    "horizontal forms, moved or turned (to print the face's own design, name "
                    "a face with sound vertical forms first in the role's chain)"
                ),
                details=forms,
            )
        )
    return problems


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

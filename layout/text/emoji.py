"""Emoji in the copy: found for the proof, printed as the faces draw them.

The faces banmian sets with are outline fonts for text: none draws an emoji as a reader's
phone shows it, so an emoji pasted from a chat or a social-media post prints wrong without
being missing:

- a flag (🇨🇳) is two regional indicator symbols (U+1F1E6–U+1F1FF, one for each letter of
  the ISO 3166-1 region code: Unicode §22.10, "Enclosed and Square"); a face that has them
  (the last-resort face HanaMinA does) draws each as a boxed capital, so 🇨🇳 prints as the
  boxed letters C N;
- a pictograph or an emoticon (😀 🚀 🤝, the emoji blocks of plane 1: U+1F300–U+1F64F,
  U+1F680–U+1F6FF, U+1F900–U+1F9FF, U+1FA70–U+1FAFF) prints as the face's black line
  drawing, if a face has one.

One that no face has is a ``missing-glyph`` already; the others are found here. The symbols
of the BMP that Chinese copy uses as text (★ ☆ ☎ ✓, U+2600–U+27BF) are not emoji here: a
Chinese face draws them as the symbols they are.

Contract: :func:`emoji` gives the emoji of a paragraph's (cleaned) text in order, each with
its index, its text (a flag's two characters) and, for a flag, its region code.
"""

from __future__ import annotations

import re
from enum import Enum

from ..records import NamedTuple

FIRST_REGIONAL_INDICATOR = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A

# A flag (two regional indicators), a lone regional indicator, or a pictograph.
_EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}|[\U0001f1e6-\U0001f1ff]"
    "|[\U0001f300-\U0001f64f\U0001f680-\U0001f6ff\U0001f900-\U0001f9ff\U0001fa70-\U0001faff]"
)
_CANDIDATE = re.compile("[\U0001f1e6-\U0001faff]")


class EmojiKind(Enum):
    """What was found."""

    FLAG = "flag"  # two regional indicators: a region's flag
    LETTER = "regional-indicator"  # one regional indicator alone: half a flag
    PICTOGRAPH = "pictograph"  # an emoji of the plane-1 emoji blocks


class Emoji(NamedTuple):
    """One emoji of a paragraph."""

    index: int  # in the paragraph's text
    kind: EmojiKind
    text: str  # as found: a flag's two regional indicators, one character otherwise

    @property
    def letters(self) -> str:
        """The capitals the regional indicators stand for (a flag's region code, ``CN``);
        empty for a pictograph."""
        if self.kind is EmojiKind.PICTOGRAPH:
            return ""
        return "".join(chr(ord(c) - FIRST_REGIONAL_INDICATOR + ord("A")) for c in self.text)


def emoji(text: str) -> list[Emoji]:
    """The emoji of ``text`` (the module), in order."""
    if _CANDIDATE.search(text) is None:  # (at C speed: nearly all copy has none)
        return []
    found = []
    for m in _EMOJI.finditer(text):
        ch = m.group()
        if len(ch) == 2:
            kind = EmojiKind.FLAG
        elif ord(ch) < FIRST_REGIONAL_INDICATOR + 26:
            kind = EmojiKind.LETTER
        else:
            kind = EmojiKind.PICTOGRAPH
        found.append(Emoji(m.start(), kind, ch))
    return found

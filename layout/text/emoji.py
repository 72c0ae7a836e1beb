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
  drawing, if a face has one;
- a keycap (1️⃣ #️⃣ *️⃣: a digit, # or *, VS16, and U+20E3 COMBINING ENCLOSING KEYCAP;
  UTS #51 §1.4.6, emoji keycap sequence; ``clean`` has taken the VS16 out) prints as the
  key's character followed by the face's empty square: the engine shapes nothing, so no
  face encloses the digit.

One that no face has is a ``missing-glyph`` already; the others are found here. The symbols
of the BMP that Chinese copy uses as text (★ ☆ ☎ ✓, U+2600–U+27BF) are not emoji here: a
Chinese face draws them as the symbols they are.

Contract: :func:`emoji` gives the emoji of a paragraph's (cleaned) text in order, each with
its index, its text (a flag's two characters, a keycap's key and U+20E3) and, for a flag,
its region code, for a keycap its key.
"""

from __future__ import annotations

import re
from enum import Enum

from ..records import NamedTuple

FIRST_REGIONAL_INDICATOR = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A
KEYCAP = "\u20e3"  # COMBINING ENCLOSING KEYCAP

# A flag (two regional indicators), a lone regional indicator, a pictograph, or a keycap (its
# key, the VS16 if the text still has it, U+20E3).
_EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}|[\U0001f1e6-\U0001f1ff]"
    "|[\U0001f300-\U0001f64f\U0001f680-\U0001f6ff\U0001f900-\U0001f9ff\U0001fa70-\U0001faff]"
    "|[0-9#*]\ufe0f?\u20e3"
)
_CANDIDATE = re.compile("[\U0001f1e6-\U0001faff\u20e3]")


class EmojiKind(Enum):
    """What was found."""

    FLAG = "flag"  # two regional indicators: a region's flag
    LETTER = "regional-indicator"  # one regional indicator alone: half a flag
    PICTOGRAPH = "pictograph"  # an emoji of the plane-1 emoji blocks
    KEYCAP = "keycap"  # a digit, # or * and U+20E3: the key drawn beside an empty square


class Emoji(NamedTuple):
    """One emoji of a paragraph."""

    index: int  # in the paragraph's text
    kind: EmojiKind
    # As found: a flag's two regional indicators, a keycap's key and U+20E3, or a pictograph.
    text: str

    @property
    def letters(self) -> str:
        """The capitals the regional indicators stand for (a flag's region code, ``CN``), a
        keycap's key (``1``); empty for a pictograph."""
        if self.kind is EmojiKind.PICTOGRAPH:
            return ""
        if self.kind is EmojiKind.KEYCAP:
            return self.text[0]
        return "".join(chr(ord(c) - FIRST_REGIONAL_INDICATOR + ord("A")) for c in self.text)

    @property
    def end(self) -> int:
        return self.index + len(self.text)


def emoji(text: str) -> list[Emoji]:
    """The emoji of ``text`` (the module), in order."""
    if _CANDIDATE.search(text) is None:  # (at C speed: nearly all copy has none)
        return []
    found = []
    for m in _EMOJI.finditer(text):
        ch = m.group()
        if ch[-1] == KEYCAP:
            kind = EmojiKind.KEYCAP
        elif len(ch) == 2:
            kind = EmojiKind.FLAG
        elif ord(ch) < FIRST_REGIONAL_INDICATOR + 26:
            kind = EmojiKind.LETTER
        else:
            kind = EmojiKind.PICTOGRAPH
        found.append(Emoji(m.start(), kind, ch))
    return found

"""Right-to-left text in the copy: found for the proof, printed as it stands.

The engine sets every line left to right, a character at a time: it has no bidirectional
algorithm (UAX #9) and no shaping (the joining forms of Arabic and Syriac, Unicode §9.2,
§9.3). Text of a right-to-left script pasted into Chinese copy by mistake (a name from a
wire story, a greeting from a web page) prints, where a face of the chain has its letters,
with the letters in reverse reading order and, in Arabic, each in its isolated form rather
than joined: no reader can read it, and no glyph is missing to say so.

Found here: each run of strong right-to-left characters (bidi class R or AL, UAX #9 Table
4: Hebrew, Arabic, Syriac, Thaana, N'Ko and the others, their presentation forms too), with
the spaces and combining marks between its letters, named by its script. Arabic-Indic
digits alone (bidi class AN) are no such run: a number runs left to right in any case.
One that no face has is a ``missing-glyph`` already (the caller leaves it out).

Contract: :func:`rtl_runs` gives the runs of a paragraph's (cleaned) text in order, each
with its index, its text and the name of its script.
"""

from __future__ import annotations

import re
import unicodedata

from ..records import NamedTuple

# The blocks that hold the strong right-to-left characters (Hebrew to the Arabic Extended-A
# block, the Hebrew and Arabic presentation forms, and the right-to-left scripts of plane 1):
# a paragraph with none of these has no run, found at C speed.
_RTL_BLOCKS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
# A stretch of those blocks' characters, spaces between them included: a run's candidates.
_STRETCH = re.compile(f"[{_RTL_BLOCKS}](?:[{_RTL_BLOCKS} \u00a0]*[{_RTL_BLOCKS}])?")
_STRONG = frozenset({"R", "AL"})  # UAX #9: the strong right-to-left classes


class RtlRun(NamedTuple):
    """One run of right-to-left text in a paragraph."""

    index: int  # in the paragraph's text
    text: str  # from its first strong right-to-left character to its last
    script: str  # the script's name, as Unicode names its characters: Arabic, Hebrew …

    @property
    def end(self) -> int:
        return self.index + len(self.text)


def rtl_runs(text: str) -> list[RtlRun]:
    """The runs of right-to-left text of ``text`` (the module), in order."""
    found: list[RtlRun] = []
    for m in _STRETCH.finditer(text):
        strong = [k for k, ch in enumerate(m.group()) if unicodedata.bidirectional(ch) in _STRONG]
        if not strong:
            continue  # Arabic-Indic digits, an Arabic comma: no text read right to left
        first, last = strong[0], strong[-1]
        run = m.group()[first : last + 1]
        found.append(RtlRun(m.start() + first, run, _script(run[0])))
    return found


def _script(ch: str) -> str:
    """The script of a letter as its Unicode name begins (ARABIC LETTER ALEF: Arabic)."""
    return unicodedata.name(ch, "right-to-left").split()[0].capitalize()

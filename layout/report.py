"""Problems found while setting a page: never dropped silently, always with where they are.

A :class:`Problem` names its kind, the box, the article and the paragraph it concerns, where
that paragraph's text is in its article record (``source``: file, line, column), the rect of
the page to mark (``where``), and carries in ``details`` the numbers an editor acts on ("cut
37 characters", "room for 2 more lines"): one small record per kind of finding
(:class:`Overset`, :class:`LowResolution`, …), each with the ``to_json()`` of the report's
``details`` (lengths in mm to a tenth). :func:`grouped` gathers a character no font has into
one finding with all its places, as the reports show it.
"""

import math
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING

from .errors import SourcePos, display_path
from .geometry import Rect
from .records import Frozen, NamedTuple
from .units import MM

if TYPE_CHECKING:
    # A hint only: the text cleaner is not loaded by what only prints (``--version``).
    from .text.clean import RemovalReason


def plural(n: int, word: str) -> str:
    """``word`` for ``n`` of it: "line", "lines"; "box", "boxes"."""
    if n == 1:
        return word
    return word + "es" if word.endswith(("s", "x", "ch", "sh")) else word + "s"


def count(n: int, word: str) -> str:
    """``n`` and its noun: "1 line", "2 lines"."""
    return f"{n} {plural(n, word)}"


class ProblemKind(Enum):
    OVERSET = "overset"  # text that does not fit its box (超版)
    UNDERSET = "underset"  # empty lines at the foot of a box
    MISSING_GLYPH = "missing-glyph"  # a character no font has
    MISSING_IMAGE = "missing-image"
    LOW_RESOLUTION = "low-resolution"  # an image below 200 ppi at its printed size
    OVERFULL_LINE = "overfull-line"  # an unbreakable run wider than the measure
    LOOSE_LINE = "loose-line"  # a line stretched beyond the loose limit, or left short by more
    ORPHAN = "orphan"  # 孤字
    PROHIBITED_BREAK = "prohibited-break"  # a prohibited line start or end
    IMAGE_PROFILE = "image-profile"  # a photo's embedded ICC profile is unusable (sRGB assumed)
    # An advert box's file is missing, unreadable or damaged, or has no such page: the box is
    # marked and the page set without it.
    MISSING_ADVERT = "missing-advert"
    # An advertisement whose size differs from its box's by more than the box's tolerance.
    ADVERT_SIZE = "advert-size"
    # A PDF advertisement breaking a press rule (RGB or ICC-based colour, transparency, a font
    # not embedded, total ink over the limit; an ink not measured is a warning).
    ADVERT_PRESS = "advert-press"
    # A photo's crop box no longer lies in its image (the file changed since the spec was
    # checked): the whole image is shown.
    IMAGE_CROP = "image-crop"
    # A character the text engine cannot set and took out (a control or format character, a
    # lone surrogate, a noncharacter, a variation selector; layout.text.clean).
    REMOVED_CHARACTER = "removed-character"
    # An optional face of the fonts manifest (the last-resort face for rare ideographs) is
    # not installed: the characters only it has are reported missing (layout.fonts).
    FONT_NOT_INSTALLED = "font-not-installed"
    # A continuation box that no text reaches: the box before it in its thread holds the whole
    # story, or (a page built alone) the page the story comes from is not in the build.
    EMPTY_CONTINUATION = "empty-continuation"
    # A byline or credit line set on more than one line: a name in it is wider than the column
    # and had to be broken (a name is never split by choice: layout.compose.byline).
    BROKEN_BYLINE = "broken-byline"
    # A Western word broken between two letters with no hyphen, where no break of its own
    # (a hyphenation point, a URL's, a number's) let it fit the column (the last resort,
    # CSS overflow-wrap: anywhere; layout.text.overlong).
    BROKEN_WORD = "broken-word"
    # Western punctuation typed in Chinese text (今天,记者 for 今天，记者: GB/T 15834-2011 §4),
    # found for the editor, never changed (layout.text.halfwidth).
    HALF_WIDTH_PUNCTUATION = "half-width-punctuation"
    # Copy damaged upstream, printed as it stands (U+FFFD from an encoding error, HTML
    # references and tags a content system left: &ldquo; &nbsp; <br/>), found for the editor
    # at its paragraph, never changed (layout.text.damage).
    DAMAGED_COPY = "damaged-copy"
    # A story sent on to another page (下转N版) from a page that no edition file lists: what
    # is left of it is set in no page built with this one (layout.build).
    CONTINUED_NOWHERE = "continued-nowhere"
    # Type set far below its style's size to fit its box (a masthead's logotype or its
    # pinyin in a narrow masthead; layout.compose.logotype): the box may want widening.
    SHRUNK = "shrunk"
    # A photo with transparent pixels: both PDFs print them as the paper (PDF/X-1a has no
    # transparency; layout.imagefiles.flattened), so nothing behind the box shows through.
    IMAGE_TRANSPARENCY = "image-transparency"
    # A style whose font role's first face set under a tenth of the 汉字 drawn in it on the
    # page (a Latin-only face, a display face with few 汉字): the text shows the fallback face
    # the designer did not name (layout.compose.fallback).
    FONT_FALLBACK = "font-fallback"
    # The first box of a story with no headline area: the record's 引题, 主题 and 副题 are
    # not printed (layout.compose.page).
    UNPRINTED_HEADLINE = "unprinted-headline"
    # Lines of a ``|`` block that look written to stand apart (verse, a list, two credits)
    # joined into one paragraph by the hard-wrap rule, printed so (layout.text.hardwrap).
    JOINED_LINES = "joined-lines"
    # An emoji in the copy that a face draws as text: a flag (two regional indicators) as
    # two boxed letters, a pictograph as a black line drawing (layout.text.emoji).
    EMOJI = "emoji"
    # Text of a right-to-left script (Arabic, Hebrew) that a face draws: printed left to
    # right and unshaped, the engine having no bidi or shaping (layout.text.rtl).
    RIGHT_TO_LEFT = "right-to-left"
    # A face whose GSUB vertical forms of some marks are other glyphs (Droid Sans Fallback's
    # ideographs for 、。「」): in 竖排 the marks are drawn from their horizontal forms, moved
    # or turned, as a face without the forms draws them (layout.fonts.vertforms).
    BAD_VERTICAL_FORM = "bad-vertical-form"
    # Type on a tint too near its own darkness to stand out from it: black on a 60 % shade,
    # white on a 20 % one (layout.compose.shade).
    SHADE_CONTRAST = "shade-contrast"


class Severity(Enum):
    ERROR = "error"  # spoils print: overset, a missing character or image
    WARNING = "warning"  # worth a look: underset, loose lines, low resolution
    INFO = "info"


SEVERITY = {
    ProblemKind.OVERSET: Severity.ERROR,
    ProblemKind.MISSING_GLYPH: Severity.ERROR,
    ProblemKind.MISSING_IMAGE: Severity.ERROR,
    ProblemKind.OVERFULL_LINE: Severity.ERROR,
    ProblemKind.UNDERSET: Severity.WARNING,
    ProblemKind.LOW_RESOLUTION: Severity.WARNING,
    ProblemKind.LOOSE_LINE: Severity.WARNING,
    ProblemKind.ORPHAN: Severity.WARNING,
    ProblemKind.PROHIBITED_BREAK: Severity.ERROR,
    ProblemKind.IMAGE_PROFILE: Severity.WARNING,
    ProblemKind.IMAGE_CROP: Severity.ERROR,
    ProblemKind.MISSING_ADVERT: Severity.ERROR,
    ProblemKind.ADVERT_SIZE: Severity.ERROR,
    ProblemKind.ADVERT_PRESS: Severity.ERROR,
    # Worth a look, not a spoiler: what was removed is invisible or not a character at all.
    ProblemKind.REMOVED_CHARACTER: Severity.WARNING,
    # Worth a look: the page is set without the face; any character it lacks is an error.
    ProblemKind.FONT_NOT_INSTALLED: Severity.WARNING,
    # A hole in the page: it spoils print as overset does.
    ProblemKind.EMPTY_CONTINUATION: Severity.ERROR,
    # Worth a look: the desk may shorten the name (an initial) or widen the byline's box.
    ProblemKind.BROKEN_BYLINE: Severity.WARNING,
    # Worth a look: a soft hyphen in the copy, a hyphenation language, or a wider box.
    ProblemKind.BROKEN_WORD: Severity.WARNING,
    ProblemKind.HALF_WIDTH_PUNCTUATION: Severity.WARNING,
    # Worth a look: it prints, but as the reader should never see it; only the source can
    # say what the lost character was.
    ProblemKind.DAMAGED_COPY: Severity.WARNING,
    # Worth a look: the page is right; its other page may be set by other means.
    ProblemKind.CONTINUED_NOWHERE: Severity.WARNING,
    # Worth a look: it prints, smaller than designed.
    ProblemKind.SHRUNK: Severity.WARNING,
    # Worth a look: right on white paper, wrong over a tint or another box.
    ProblemKind.IMAGE_TRANSPARENCY: Severity.WARNING,
    # Worth a look: every character prints, in a face other than the one the style names.
    ProblemKind.FONT_FALLBACK: Severity.WARNING,
    # Worth a look: a story set as a brief under another head may be meant; a head left out
    # by a box copied without its headline area is not.
    ProblemKind.UNPRINTED_HEADLINE: Severity.WARNING,
    ProblemKind.JOINED_LINES: Severity.WARNING,
    # Worth a look: it prints, but not as the copy shows it; the desk writes it as text.
    ProblemKind.EMOJI: Severity.WARNING,
    # Worth a look: it prints, but no reader can read it; the desk gives it another way.
    ProblemKind.RIGHT_TO_LEFT: Severity.WARNING,
    # Worth a look: every mark prints, drawn as the face's horizontal form moved or turned.
    ProblemKind.BAD_VERTICAL_FORM: Severity.WARNING,
    # Worth a look: everything prints, but the reader can hardly tell the type from its tint.
    ProblemKind.SHADE_CONTRAST: Severity.WARNING,
}


# The characters of the first line cut that an overset report quotes: enough to find it.
CUT_WORDS = 12


class CutFrom(NamedTuple):
    """Where the text cut from an overset story begins: the first words of its first line
    not printed, and the paragraph (1-based, of the body) or the part (署名 …) they are of,
    with where that is written in the record — so the editor finds where to cut."""

    text: str  # the first line cut, to :data:`CUT_WORDS` characters, "…" when more is cut
    paragraph: int | None = None
    part: str | None = None
    source: SourcePos | None = None

    def shown(self) -> str:
        """ "from paragraph 5 (articles/x.yaml:12): “人表示…”"."""
        at = f" ({display_path(self.source.file)}:{self.source.line})" if self.source else ""
        if self.paragraph is not None:
            what = f"paragraph {self.paragraph}"
        else:
            what = f"the {self.part}" if self.part else "the text"
        return f"from {what}{at}: “{self.text}”"

    def to_json(self) -> dict[str, object]:
        return {
            "paragraph": self.paragraph,
            "part": self.part,
            "file": display_path(self.source.file) if self.source else None,
            "line": self.source.line if self.source else None,
            "text": self.text,
        }


class Overset(NamedTuple):
    """Text that does not fit its box (超版): the lines and characters over, and where the
    text cut begins (a story's body: :class:`CutFrom`). A block that needs more room than its
    area (a headline block, the rows of a figures box) counts only the lines it could not
    print (past its box) and their characters; a headline block says how many points it is
    over."""

    lines: int
    chars: int
    points_over: float | None = None
    cut_from: CutFrom | None = None

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {"lines": self.lines, "chars": self.chars}
        if self.points_over is not None:
            found["over_mm"] = round(self.points_over / MM, 1)
        if self.cut_from is not None:
            found["cut_from"] = self.cut_from.to_json()
        return found


class Shrunk(NamedTuple):
    """Type set smaller than its style to fit its box: the size it got and its style's, pt."""

    size: float
    style_size: float

    def to_json(self) -> dict[str, object]:
        return {"size_pt": round(self.size, 1), "style_size_pt": round(self.style_size, 1)}


class Underset(NamedTuple):
    """Empty line slots at the foot of a box."""

    lines: int

    def to_json(self) -> dict[str, object]:
        return {"lines": self.lines}


class MissingGlyph(NamedTuple):
    """A character no font of the style's role has."""

    char: str
    code_point: str  # "U+3106C"
    index: int  # in the paragraph text as set

    def to_json(self) -> dict[str, object]:
        return {"char": self.char, "code_point": self.code_point, "index": self.index}


class RemovedCharacter(NamedTuple):
    """A character the text engine took out of the copy (``layout.text.clean``)."""

    char: str  # escaped: the character is invisible, or not writable as UTF-8 at all
    code_point: str
    index: int  # in the paragraph as written
    reason: "RemovalReason"  # quoted: text is a layer above (imported for type checks only)
    line: int | None = None  # 1-based line of the set paragraph where it stood

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "char": self.char,
            "code_point": self.code_point,
            "index": self.index,
            "reason": self.reason.value,
        }
        if self.line is not None:
            found["line"] = self.line
        return found


class AtLine(NamedTuple):
    """A rule broken on one line of a paragraph (孤字, a loose or overfull line, a prohibited
    break; the line a byline's name was broken onto)."""

    line: int  # 1-based

    def to_json(self) -> dict[str, object]:
        return {"line": self.line}


def ppi_below(ppi: float, limit: float) -> str:
    """``ppi`` shown beside the ``limit`` it is below, never as a figure that contradicts the
    comparison: whole, unless that rounds up to the limit (149.6 of a 150 limit), then to a
    tenth rounded down ("149.6 ppi (below 150)", never "150 ppi (below 150)")."""
    whole = round(ppi)
    if whole < limit:
        return f"{whole}"
    return f"{tenths_down(ppi):.1f}"  # below the limit, as ``ppi`` is


def tenths_down(ppi: float) -> float:
    """``ppi`` to a tenth, rounded down: a resolution below a limit stays below it (149.96
    of a 150 limit is 149.9, not 150.0)."""
    return math.floor(ppi * 10) / 10


class LowResolution(NamedTuple):
    """A photo printing below a resolution limit of the spec's ``press`` section."""

    ppi: float  # at its printed size, to a tenth rounded down (:func:`tenths_down`)
    path: str
    limit: float  # the limit it is below: ``press.strict_ppi`` (an error) or ``min_ppi``

    def to_json(self) -> dict[str, object]:
        return {"ppi": self.ppi, "file": self.path, "limit": self.limit}


class ImageFile(NamedTuple):
    """An image file that is missing or unreadable, or whose embedded profile is unusable."""

    path: str

    def to_json(self) -> dict[str, object]:
        return {"file": self.path}


class AdvertSize(NamedTuple):
    """An advertisement's size and its box's, in mm (a picture's: as fitted to the box)."""

    path: str
    size_mm: tuple[float, float]
    box_mm: tuple[float, float]

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.path,
            "size_mm": {"w": round(self.size_mm[0], 1), "h": round(self.size_mm[1], 1)},
            "box_mm": {"w": round(self.box_mm[0], 1), "h": round(self.box_mm[1], 1)},
        }


class AdvertRule(NamedTuple):
    """A press rule a PDF advertisement breaks (``layout.artwork.advert.Rule``)."""

    path: str
    rule: str

    def to_json(self) -> dict[str, object]:
        return {"file": self.path, "rule": self.rule}


class FacesAbsent(NamedTuple):
    """Optional faces of the fonts manifest that are not installed."""

    faces: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"faces": list(self.faces)}


class FontFallback(NamedTuple):
    """The 汉字 (Han ideographs) drawn in a style on a page: how many, how many its font
    role's first face set, and the faces after it in the chain that set the rest."""

    style: str
    role: str
    face: str  # the face id of the role's first face
    han: int
    first_face: int  # of ``han``, set by ``face``
    set_by: tuple[tuple[str, int], ...]  # (face id, 汉字 it set) of the others, most first

    def to_json(self) -> dict[str, object]:
        return {
            "style": self.style,
            "role": self.role,
            "face": self.face,
            "han": self.han,
            "first_face": self.first_face,
            "set_by": [{"face": face, "han": n} for face, n in self.set_by],
        }


class BadVerticalForms(NamedTuple):
    """The marks of a page's vertical lines whose vertical forms a face's ``GSUB`` gives as
    other glyphs (layout.fonts.vertforms)."""

    face: str  # the face id
    marks: str  # each mark once, in the order the page first drew it

    def to_json(self) -> dict[str, object]:
        return {"face": self.face, "marks": self.marks}


class ShadeContrast(NamedTuple):
    """A box's shade (0–1 black) and the lowest difference of darkness between it and the
    type printed on it, over how many of the type's runs stand out by too little."""

    shade: float
    contrast: float
    runs: int

    def to_json(self) -> dict[str, object]:
        return {"shade": self.shade, "contrast": self.contrast, "runs": self.runs}


class UnprintedHead(NamedTuple):
    """The parts of a story's headline that a box without a headline area does not print."""

    kicker: str | None  # 引题
    headline: str  # 主题, its lines joined by a space
    subhead: str | None  # 副题

    def to_json(self) -> dict[str, object]:
        return {"kicker": self.kicker, "headline": self.headline, "subhead": self.subhead}


class ThreadSource(NamedTuple):
    """Where the story of an empty continuation box comes from: the box before it in its
    thread and that box's page (None: not known, the page is built alone)."""

    page: int | None
    box: str | None

    def to_json(self) -> dict[str, object]:
        return {"from_page": self.page, "from_box": self.box}


Details = (
    Overset
    | Underset
    | MissingGlyph
    | RemovedCharacter
    | AtLine
    | LowResolution
    | ImageFile
    | AdvertSize
    | AdvertRule
    | FacesAbsent
    | ThreadSource
    | Shrunk
    | FontFallback
    | UnprintedHead
    | BadVerticalForms
    | ShadeContrast
)

# The details each kind of problem carries.
DETAILS: dict[ProblemKind, type[Details]] = {
    ProblemKind.OVERSET: Overset,
    ProblemKind.UNDERSET: Underset,
    ProblemKind.MISSING_GLYPH: MissingGlyph,
    ProblemKind.MISSING_IMAGE: ImageFile,
    ProblemKind.LOW_RESOLUTION: LowResolution,
    ProblemKind.OVERFULL_LINE: AtLine,
    ProblemKind.LOOSE_LINE: AtLine,
    ProblemKind.ORPHAN: AtLine,
    ProblemKind.PROHIBITED_BREAK: AtLine,
    ProblemKind.IMAGE_PROFILE: ImageFile,
    ProblemKind.IMAGE_CROP: ImageFile,
    ProblemKind.MISSING_ADVERT: ImageFile,
    ProblemKind.ADVERT_SIZE: AdvertSize,
    ProblemKind.ADVERT_PRESS: AdvertRule,
    ProblemKind.REMOVED_CHARACTER: RemovedCharacter,
    ProblemKind.FONT_NOT_INSTALLED: FacesAbsent,
    ProblemKind.EMPTY_CONTINUATION: ThreadSource,
    ProblemKind.BROKEN_BYLINE: AtLine,
    ProblemKind.BROKEN_WORD: AtLine,
    ProblemKind.HALF_WIDTH_PUNCTUATION: AtLine,
    ProblemKind.DAMAGED_COPY: AtLine,
    ProblemKind.JOINED_LINES: AtLine,
    ProblemKind.CONTINUED_NOWHERE: Overset,
    ProblemKind.SHRUNK: Shrunk,
    ProblemKind.IMAGE_TRANSPARENCY: ImageFile,
    ProblemKind.FONT_FALLBACK: FontFallback,
    ProblemKind.UNPRINTED_HEADLINE: UnprintedHead,
    ProblemKind.EMOJI: AtLine,
    ProblemKind.RIGHT_TO_LEFT: AtLine,
    ProblemKind.BAD_VERTICAL_FORM: BadVerticalForms,
    ProblemKind.SHADE_CONTRAST: ShadeContrast,
}


class Problem(Frozen):
    """A finding, built by keyword: its ``details`` are those of its kind (:data:`DETAILS`).
    A frozen record (:class:`~layout.records.Frozen`), compared and hashed on every field."""

    kind: ProblemKind
    message: str
    details: Details
    box: str | None = None
    article: str | None = None
    paragraph: int | None = None  # 1-based paragraph number in the article
    # Where the paragraph's text begins in its article record (None: not text of a record).
    source: SourcePos | None = None
    where: Rect | None = None  # the page rect to mark
    level: Severity | None = None  # overrides the kind's severity (a photo under press.strict_ppi)
    # On a line of the overset text (超版): not printed, so ``where`` is None and the proof
    # has no place to mark it (it counts it at its box, ``layout.proof.overlay``).
    in_overset: bool = False

    def __init__(
        self,
        *,
        kind: ProblemKind,
        message: str,
        details: Details,
        box: str | None = None,
        article: str | None = None,
        paragraph: int | None = None,
        source: SourcePos | None = None,
        where: Rect | None = None,
        level: Severity | None = None,
        in_overset: bool = False,
    ) -> None:
        expected = DETAILS[kind]
        if not isinstance(details, expected):
            raise TypeError(
                f"a {kind.value} problem carries {expected.__name__} details, "
                f"not {type(details).__name__}"
            )
        self.__dict__.update(
            kind=kind,
            message=message,
            details=details,
            box=box,
            article=article,
            paragraph=paragraph,
            source=source,
            where=where,
            level=level,
            in_overset=in_overset,
        )

    @property
    def severity(self) -> Severity:
        return self.level if self.level is not None else SEVERITY[self.kind]

    def location(self) -> str:
        parts = []
        if self.box:
            parts.append(f"box {self.box}")
        if self.article:
            parts.append(f"article {self.article}")
        at = f" ({display_path(self.source.file)}:{self.source.line})" if self.source else ""
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}{at}")
        elif at and parts:
            # Text of a record that is no body paragraph (a 主题, a caption): its line there.
            parts[-1] += at
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return (
            f"{self.severity.value}: {self.kind.value}: {where}: {self.message}"
            if where
            else (f"{self.severity.value}: {self.kind.value}: {self.message}")
        )


class Finding(NamedTuple):
    """A problem as the reports show it: a character no font has once, with every place it
    stands (``places``, in page order; the problem is the first); any other problem alone."""

    problem: Problem
    places: tuple[Problem, ...]

    @property
    def count(self) -> int:
        return len(self.places)

    def __str__(self) -> str:
        if self.count == 1:
            return str(self.problem)
        # Each place once, with how often the character stands there (twice in one
        # paragraph is one place said twice, not two to tell apart).
        times: dict[str, int] = {}
        for p in self.places:
            where = p.location() or "the page"
            times[where] = times.get(where, 0) + 1
        (first, here), *rest = times.items()
        if not rest:
            return f"{self.problem} ({self.count} places, all there)"
        others = "; ".join(f"{w} ×{n}" if n > 1 else w for w, n in rest)
        there = f", {here} there" if here > 1 else ""
        return f"{self.problem} ({self.count} places{there}; also {others})"


def grouped(problems: Iterable[Problem]) -> list[Finding]:
    """``problems`` as findings: the missing-glyph problems of one character gathered into
    one finding at the place of its first, in the order the problems came."""
    findings: list[list[Problem]] = []
    by_char: dict[str, list[Problem]] = {}
    for problem in problems:
        if isinstance(problem.details, MissingGlyph):
            known = by_char.get(problem.details.char)
            if known is not None:
                known.append(problem)
                continue
            by_char[problem.details.char] = [problem]
            findings.append(by_char[problem.details.char])
        else:
            findings.append([problem])
    return [Finding(places[0], tuple(places)) for places in findings]


def underset_boxes(problems: Iterable[Problem]) -> frozenset[str]:
    """The boxes the build reported underset (欠版): the one list the proof's table, its
    overview and its overlay mark from, so no proof marks a 欠版 the report does not list.
    The build decides it once, by ``layout.compose.page.is_underset`` (more than
    ``UNDERSET_TOLERANCE`` empty lines at the box's foot; issue 14, "no box with more than
    one empty line at its foot")."""
    return frozenset(p.box for p in problems if p.kind is ProblemKind.UNDERSET and p.box)

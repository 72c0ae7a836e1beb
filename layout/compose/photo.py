"""Photo boxes (图片新闻): the picture scaled to its box — ``fill`` crops it to cover the box,
``fit`` letterboxes it, either about the picture editor's crop (a focus point kept as near
the middle as the image allows, or a crop box of the image's pixels: :func:`place_picture`)
— with the title, the caption and the credit ("■摄影 …") under it, on the baseline grid, its
last line clear of the rule under the box. A photo box shows an article's photo (with its
title, caption and credit) or an image file given by the box itself (``image:``, the picture
alone: the spec has no caption for it). A missing or unreadable image is reported, and so is
one below ``min_ppi`` (200 by default) at its printed size: a warning, an error below
``strict_ppi`` (150; both of the spec's ``press`` section), and one whose embedded ICC
profile the press converter cannot use (it is converted as sRGB). The image op records the
pixels and the printed resolution, so that the preflight reports what was judged here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from ..articles import Article, Byline, Crop
from ..errors import SourcePos
from ..geometry import Rect, WritingMode
from ..imagefiles import ImageFileError, ImageInfo, image_size, read_header, transparent_pixels
from ..page import EM_BOX_DESCENT, BoxLayout, ImageOp, Op, RectOp, RuleOp, TextRun, grey
from ..records import NamedTuple
from ..report import (
    ImageFile,
    LowResolution,
    Overset,
    Problem,
    ProblemKind,
    Severity,
    count,
    ppi_below,
    tenths_down,
)
from ..spec.model import HEADLINE_TITLE, BoxKind, Style
from ..text.options import Align
from .body import Flow, FlowPiece, flow
from .boxframe import NO_FRAME, FrameWhite
from .byline import byline_pieces
from .frame import Frame
from .result import BoxResult
from .setter import Setter, Where, with_hyphenation

__all__ = [
    "Placement",
    "PhotoContent",
    "crossed_box",
    "image_size",
    "photo_box",
    "place_image",
    "place_picture",
]


# Points the em box of a caption block's last line keeps clear of the photo box's foot,
# where the rule between boxes stands (half of it in the box: up to 0.5 pt of the 1 pt
# rule by an advertisement, layout.compose.page.ADVERT_RULE), so that no ink touches it.
FOOT_CLEAR = 1.0

# How a photo box's title and caption are named in its problems ("图说: removed U+200D …").
TITLE_PART = "图题"
CAPTION_PART = "图说"


class PhotoContent(NamedTuple):
    """What a photo box shows: the image and, from an article, its title, caption, credit."""

    file: Path
    article: str | None = None  # the article's id, for problem reports
    title: str | None = None
    caption: str | None = None
    credit: Byline | None = None
    hyphenation: str | None = None  # the article's language of Western words, if it names one
    crop: Crop | None = None  # None: the whole picture, centred
    # Where the title (the article's headline) and the caption are written in the record.
    title_pos: SourcePos | None = None
    caption_pos: SourcePos | None = None

    @classmethod
    def of_article(
        cls,
        article: Article,
        index: int,
        title: str | None = HEADLINE_TITLE,
        crop: Crop | None = None,
    ) -> PhotoContent:
        """Photo ``index`` (0-based) of ``article``, titled ``title``: its text, the article's
        headline (:data:`~layout.spec.model.HEADLINE_TITLE`), or None (no title); cropped by
        ``crop`` (a photo box's own), else by the photo record's crop."""
        photo = article.photos[index]
        title_pos = None
        if title == HEADLINE_TITLE:
            title = " ".join(article.headline) if article.headline else None
            title_pos = article.headline_pos
        return cls(
            photo.file,
            article.id,
            title,
            photo.caption,
            photo.credit,
            article.hyphenation,
            crop if crop is not None else photo.crop,
            title_pos,
            photo.caption_pos,
        )


class Placement(NamedTuple):
    """An image of ``pixels`` placed in a picture area: ``rect`` is where the whole image is
    drawn, ``clip`` the part of the page that shows it, ``window`` that part in the image's
    pixels (x0, y0, x1, y1 from its top-left) and ``ppi`` its printed resolution."""

    rect: Rect
    clip: Rect
    window: tuple[float, float, float, float]
    ppi: float


def place_picture(
    pixels: tuple[int, int], picture: Rect, fit: str, crop: Crop | None = None
) -> Placement:
    """An image of ``pixels`` in ``picture``, by ``fit`` and ``crop``.

    The part to show is the crop's box, else the whole image. ``fill`` scales it to cover
    the picture and shows a window of the picture's proportions: centred on that part, or
    on the crop's focus, moved (never past the part's edges) as little as keeps it inside;
    ``fit`` scales the whole part to fit, centred, the picture's rest left empty. The scale
    is the same both ways (the image is never distorted), so the printed resolution is the
    part's pixels over its printed size: 72 / scale."""
    width_px, height_px = pixels
    x0, y0, x1, y1 = crop.box if crop is not None and crop.box is not None else (0, 0, *pixels)
    part_w, part_h = x1 - x0, y1 - y0
    scale_w, scale_h = picture.width / part_w, picture.height / part_h
    if fit == "fill":
        scale = max(scale_w, scale_h)
        win_w, win_h = picture.width / scale, picture.height / scale
        if crop is not None and crop.focus is not None:
            centre_x, centre_y = crop.focus[0] * width_px, crop.focus[1] * height_px
        else:
            centre_x, centre_y = x0 + part_w / 2, y0 + part_h / 2
        win_x = min(max(centre_x - win_w / 2, x0), x1 - win_w)
        win_y = min(max(centre_y - win_h / 2, y0), y1 - win_h)
        clip = picture
        window = (win_x, win_y, win_x + win_w, win_y + win_h)
    else:
        scale = min(scale_w, scale_h)
        w, h = part_w * scale, part_h * scale
        clip = Rect(picture.x + (picture.width - w) / 2, picture.y + (picture.height - h) / 2, w, h)
        window = (float(x0), float(y0), float(x1), float(y1))
    rect = Rect(
        clip.x - window[0] * scale, clip.y - window[1] * scale, width_px * scale, height_px * scale
    )
    return Placement(rect, clip, window, 72.0 / scale)


def photo_box(
    content: PhotoContent,
    rect: Rect,
    pitch: float,
    setter: Setter,
    box_id: str,
    fit: str = "fill",
    *,
    min_ppi: float,
    strict_ppi: float,
    caption_mode: WritingMode = WritingMode.HORIZONTAL_TB,
    white: FrameWhite = NO_FRAME,
) -> BoxResult:
    """The photo, its title, caption and credit in ``rect``. In 横排 the caption block goes
    under the picture; with ``caption_mode`` 竖排 it is set in vertical lines in a strip on
    the picture's left (a vertical caption on a horizontal page, clreq §2.4). A framed box
    keeps its frame's ``white`` inside it (``compose/boxframe.py``): whole grid lines after
    the caption's last line, which stays on the grid, and ``side`` round the rest."""
    room = _room(rect, white, caption_mode)  # the box less the lines after the caption's
    measure = Frame(room, caption_mode).measure - 2 * white.side
    pieces = _caption_pieces(content, setter, box_id, measure, caption_mode)
    # Measure the caption block first, then give the photo what remains — never less than
    # half the box: a caption longer than that is overset (reported), not the picture
    # squeezed to a sliver.
    lines = Frame(room, caption_mode).inset_inline(white.side)
    probe = flow(pieces, [lines], pitch, setter, caption_mode)
    most = caption_slots_allowed(room, pitch, caption_mode)
    slots = min(probe.used_slots, most)
    picture, caption_area = _areas(room, pitch, slots, caption_mode)
    inset = Frame(caption_area, caption_mode).inset_inline(white.side)
    caption = flow(pieces, [inset], pitch, setter, caption_mode)
    if slots < most and _on_the_foot(caption.ops, rect, caption_mode):
        # A line as big as the grid's (a title alone) ends on the box's foot, where the rule
        # under the box stands: the block goes a line up, a line of white under it.
        slots += 1
        picture, caption_area = _areas(room, pitch, slots, caption_mode)
        inset = Frame(caption_area, caption_mode).inset_inline(white.side)
        caption = flow(pieces, [inset], pitch, setter, caption_mode)
    picture = _picture_inside(picture, room, white.side, caption_mode)
    ops: list[Op] = []
    problems: list[Problem] = list(caption.problems)
    where = Where(box_id, content.article)
    place_image(content, picture, fit, where, (min_ppi, strict_ppi), ops, problems)
    ops.extend(caption.ops)
    problems += _overset(caption, box_id, content.article, rect, probe.used_slots > most)
    return BoxResult(
        layout=BoxLayout(id=box_id, kind=BoxKind.PHOTO.value, rect=rect, article=content.article),
        ops=tuple(ops),
        problems=tuple(problems),
    )


def _on_the_foot(ops: Sequence[Op], rect: Rect, caption_mode: WritingMode) -> bool:
    """Whether a 横排 caption block's last line comes within :data:`FOOT_CLEAR` of the foot
    of the box ``rect``: its em box, from its baseline down the em box's descent."""
    if caption_mode is WritingMode.VERTICAL_RL:
        return False  # a strip beside the picture: its lines end at the picture's foot
    feet = [op.y + EM_BOX_DESCENT * op.size for op in ops if isinstance(op, TextRun)]
    return max(feet, default=-math.inf) > rect.bottom - FOOT_CLEAR + 1e-6


def _room(rect: Rect, white: FrameWhite, caption_mode: WritingMode) -> Rect:
    """The box less a frame's whole lines at the caption's end: its foot (横排), its left
    (a 竖排 caption strip)."""
    if caption_mode is WritingMode.VERTICAL_RL:
        return Rect(rect.x + white.lines, rect.y, rect.width - white.lines, rect.height)
    return Rect(rect.x, rect.y, rect.width, rect.height - white.lines)


def _picture_inside(picture: Rect, room: Rect, side: float, caption_mode: WritingMode) -> Rect:
    """The ``picture``'s rect ``side`` points clear of the frame on its sides that meet it:
    all four when it fills the ``room`` alone, else all but the caption's."""
    if side == 0.0:
        return picture
    x0, y0, x1, y1 = picture.x + side, picture.y + side, picture.right - side, picture.bottom - side
    if caption_mode is WritingMode.VERTICAL_RL and picture.x > room.x + 1e-6:
        x0 = picture.x  # the caption strip on its left
    elif caption_mode is WritingMode.HORIZONTAL_TB and picture.bottom < room.bottom - 1e-6:
        y1 = picture.bottom  # the caption under it
    return Rect(x0, y0, x1 - x0, y1 - y0)


def _caption_pieces(
    content: PhotoContent, setter: Setter, box_id: str, measure: float, mode: WritingMode
) -> list[FlowPiece]:
    """The caption block of lines of ``measure`` in writing ``mode``: the title (as a
    kicker), the caption, the credit (laid out as a byline, ``layout.compose.byline``)."""
    pieces: list[FlowPiece] = []
    where = Where(box_id, content.article)

    def style(name: str) -> Style:
        return with_hyphenation(setter.style(name), content.hyphenation)

    # The title and the caption are no body paragraphs: named by their part, at their line
    # in the record.
    if content.title:
        titled = where._replace(part=TITLE_PART, source=content.title_pos)
        pieces.append(FlowPiece(content.title, style("kicker"), titled, Align.CENTER, 0.0))
    if content.caption:
        captioned = where._replace(part=CAPTION_PART, source=content.caption_pos)
        pieces.append(FlowPiece(content.caption, style("caption"), captioned))
    if content.credit is not None:
        pieces += byline_pieces(
            content.credit, setter.style("credit"), measure, setter, where, mode
        )
    return pieces


def caption_slots_allowed(rect: Rect, pitch: float, caption_mode: WritingMode) -> int:
    """The most lines the caption block may take in a photo box: half the box's lines (its
    height in 横排, the strip's width in 竖排), the picture keeping the other half."""
    across = rect.width if caption_mode is WritingMode.VERTICAL_RL else rect.height
    return int(across / pitch + 1e-6) // 2


def _areas(
    rect: Rect, pitch: float, caption_slots: int, caption_mode: WritingMode
) -> tuple[Rect, Rect]:
    """The picture's rect and the caption block's, for a caption of ``caption_slots`` lines:
    a strip on the left (竖排) or the foot of the box, half a line apart from the picture."""
    if caption_mode is WritingMode.VERTICAL_RL:
        strip = caption_slots * pitch
        caption_area = Rect(rect.x, rect.y, strip, rect.height)
        picture = Rect(
            rect.x + strip + pitch / 2, rect.y, rect.width - strip - pitch / 2, rect.height
        )
    elif caption_slots:
        photo_slots = max(int(rect.height / pitch + 1e-6) - caption_slots, 1)
        picture = Rect(rect.x, rect.y, rect.width, photo_slots * pitch - pitch / 2)
        caption_area = Rect(
            rect.x, rect.y + photo_slots * pitch, rect.width, rect.height - photo_slots * pitch
        )
    else:  # the picture alone fills the box
        picture = rect
        caption_area = Rect(rect.x, rect.bottom, rect.width, 0.0)
    return picture, caption_area


def place_image(
    content: PhotoContent,
    picture: Rect,
    fit: str,
    where: Where,
    limits: tuple[float, float],
    ops: list[Op],
    problems: list[Problem],
) -> None:
    """The image placed in ``picture`` (:func:`place_picture`), added to ``ops``; a missing
    or unreadable file drawn as a crossed grey box; its problems (missing, a crop that no
    longer fits it, below the ``(min_ppi, strict_ppi)`` limits, an unusable profile) added
    to ``problems``."""
    file = content.file
    try:
        # The spec loader decoded the file already; the header is read again here because
        # the file may have changed since (watch), and a changed file is reported, not drawn.
        info = read_header(file)
    except ImageFileError as exc:
        problems.append(
            Problem(
                kind=ProblemKind.MISSING_IMAGE,
                message=f"image file not found: {file}" if not file.exists() else str(exc),
                details=ImageFile(path=str(file)),
                box=where.box,
                article=where.article,
                where=picture,
            )
        )
        ops.extend(crossed_box(picture))
        return
    crop = content.crop
    problem = crop.problem(info.size) if crop is not None else None
    if problem is not None:
        # The image changed since the spec was loaded: shown whole, and reported.
        problems.append(
            Problem(
                kind=ProblemKind.IMAGE_CROP,
                message=f"{file.name}: {problem}; the whole image is shown",
                details=ImageFile(path=str(file)),
                box=where.box,
                article=where.article,
                where=picture,
            )
        )
        crop = None
    placed = place_picture(info.size, picture, fit, crop)
    ppi = placed.ppi
    window = _pixels_shown(placed.window, info.size)
    ops.append(ImageOp(str(file), placed.rect, placed.clip, info.size, ppi, window))
    min_ppi, strict_ppi = limits
    if ppi < min_ppi:
        too_low = ppi < strict_ppi
        limit = strict_ppi if too_low else min_ppi
        problems.append(
            Problem(
                kind=ProblemKind.LOW_RESOLUTION,
                message=f"{file.name} prints at {ppi_below(ppi, limit)} ppi (below {limit:g})",
                details=LowResolution(ppi=tenths_down(ppi), path=str(file), limit=limit),
                box=where.box,
                article=where.article,
                where=placed.clip,
                level=Severity.ERROR if too_low else None,
            )
        )
    problems += _profile_problems(info, where.box, where.article, placed.clip)
    if transparent_pixels(info):
        problems.append(
            Problem(
                kind=ProblemKind.IMAGE_TRANSPARENCY,
                message=f"{file.name} has transparent pixels: they print as white paper (a "
                "press PDF has no transparency), so nothing behind the photo shows through",
                details=ImageFile(path=str(file)),
                box=where.box,
                article=where.article,
                where=placed.clip,
            )
        )


def _pixels_shown(
    window: tuple[float, float, float, float], size: tuple[int, int]
) -> tuple[int, int, int, int] | None:
    """The whole pixels that cover ``window`` (a pixel cut by its edge is kept), or None when
    that is the whole image."""
    eps = 1e-6  # a window edge on a pixel boundary, give or take rounding
    x0 = max(0, math.floor(window[0] + eps))
    y0 = max(0, math.floor(window[1] + eps))
    x1 = min(size[0], math.ceil(window[2] - eps))
    y1 = min(size[1], math.ceil(window[3] - eps))
    if (x0, y0, x1, y1) == (0, 0, *size):
        return None
    return x0, y0, x1, y1


def crossed_box(rect: Rect) -> list[Op]:
    """The mark of a picture that cannot be drawn: a grey box, crossed."""
    return [
        RectOp(rect, fill=grey(0.15), stroke=grey(0.6)),
        RuleOp(rect.x, rect.y, rect.right, rect.bottom, 0.5, grey(0.6)),
        RuleOp(rect.x, rect.bottom, rect.right, rect.y, 0.5, grey(0.6)),
    ]


def _profile_problems(
    info: ImageInfo, box_id: str | None, article: str | None, where: Rect
) -> list[Problem]:
    """A warning when the photo's embedded ICC profile cannot be used by the converter."""
    problem = info.profile_problem()
    if problem is None:
        return []
    return [
        Problem(
            kind=ProblemKind.IMAGE_PROFILE,
            message=f"{info.path.name}: {problem}; its colours are converted as sRGB",
            details=ImageFile(path=str(info.path)),
            box=box_id,
            article=article,
            where=where,
        )
    ]


def _overset(
    caption: Flow, box_id: str, article_id: str | None, rect: Rect, capped: bool
) -> list[Problem]:
    """The caption's overset; ``capped``: it was held to half the box for the picture."""
    if not caption.overset_lines:
        return []
    why = " (a caption takes at most half the photo box: the picture keeps the rest)"
    cut = caption.cut_from
    at = f", {cut.shown()}" if cut is not None else ""
    return [
        Problem(
            kind=ProblemKind.OVERSET,
            message=f"caption: {count(caption.overset_chars, 'character')} "
            f"({count(caption.overset_lines, 'line')}) do not fit{why if capped else ''}{at}",
            details=Overset(lines=caption.overset_lines, chars=caption.overset_chars, cut_from=cut),
            box=box_id,
            article=article_id,
            where=rect,
        )
    ]

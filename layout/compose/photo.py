"""Photo boxes (图片新闻): the picture scaled to its box — ``fill`` crops it to cover the box,
``fit`` letterboxes it — with the title, the caption and the credit ("■摄影 …") under it,
on the baseline grid. A photo box shows an article's photo (with its title, caption and
credit) or an image file given by the box itself (``image:``, the picture alone: the spec
has no caption for it). A missing or unreadable image is reported, and so is one below
``min_ppi`` (200 by default) at its printed size: a warning, an error below ``strict_ppi``
(150; both of the spec's ``press`` section), and one whose embedded ICC profile the press
converter cannot use (it is converted as sRGB). The image op records the pixels and the
printed resolution, so that the preflight reports what was judged here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..articles import Article, Byline
from ..geometry import Rect, WritingMode
from ..imagefiles import ImageFileError, ImageInfo, image_size, read_header
from ..page import BoxLayout, ImageOp, Op, RectOp, RuleOp, grey
from ..report import ImageFile, LowResolution, Overset, Problem, ProblemKind, Severity
from ..spec.model import HEADLINE_TITLE, BoxKind, Style
from ..text.options import Align
from .body import Flow, FlowPiece, flow
from .byline import byline_pieces
from .frame import Frame
from .result import BoxResult
from .setter import Setter, Where, with_hyphenation

__all__ = ["PhotoContent", "image_size", "photo_box"]


@dataclass(frozen=True)
class PhotoContent:
    """What a photo box shows: the image and, from an article, its title, caption, credit."""

    file: Path
    article: str | None = None  # the article's id, for problem reports
    title: str | None = None
    caption: str | None = None
    credit: Byline | None = None
    hyphenation: str | None = None  # the article's language of Western words, if it names one

    @classmethod
    def of_article(
        cls, article: Article, index: int, title: str | None = HEADLINE_TITLE
    ) -> PhotoContent:
        """Photo ``index`` (0-based) of ``article``, titled ``title``: its text, the article's
        headline (:data:`~layout.spec.model.HEADLINE_TITLE`), or None (no title)."""
        photo = article.photos[index]
        if title == HEADLINE_TITLE:
            title = " ".join(article.headline) if article.headline else None
        return cls(photo.file, article.id, title, photo.caption, photo.credit, article.hyphenation)


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
) -> BoxResult:
    """The photo, its title, caption and credit in ``rect``. In 横排 the caption block goes
    under the picture; with ``caption_mode`` 竖排 it is set in vertical lines in a strip on
    the picture's left (a vertical caption on a horizontal page, clreq §2.4)."""
    measure = Frame(rect, caption_mode).measure
    pieces = _caption_pieces(content, setter, box_id, measure, caption_mode)
    # Measure the caption block first, then give the photo what remains.
    probe = flow(pieces, [rect], pitch, setter, caption_mode)
    picture, caption_area = _areas(rect, pitch, probe.used_lines, caption_mode)
    caption = flow(pieces, [caption_area], pitch, setter, caption_mode)
    ops: list[Op] = []
    problems: list[Problem] = list(caption.problems)
    where = Where(box_id, content.article)
    _picture(content.file, picture, fit, where, (min_ppi, strict_ppi), ops, problems)
    ops.extend(caption.ops)
    problems += _overset(caption, box_id, content.article, rect)
    return BoxResult(
        layout=BoxLayout(id=box_id, kind=BoxKind.PHOTO.value, rect=rect, article=content.article),
        ops=tuple(ops),
        problems=tuple(problems),
    )


def _caption_pieces(
    content: PhotoContent, setter: Setter, box_id: str, measure: float, mode: WritingMode
) -> list[FlowPiece]:
    """The caption block of lines of ``measure`` in writing ``mode``: the title (as a
    kicker), the caption, the credit (laid out as a byline, ``layout.compose.byline``)."""
    pieces: list[FlowPiece] = []
    where = Where(box_id, content.article)

    def style(name: str) -> Style:
        return with_hyphenation(setter.style(name), content.hyphenation)

    if content.title:
        pieces.append(FlowPiece(content.title, style("kicker"), where, Align.CENTER, 0.0))
    if content.caption:
        pieces.append(
            FlowPiece(content.caption, style("caption"), Where(box_id, content.article, 1))
        )
    if content.credit is not None:
        pieces += byline_pieces(
            content.credit, setter.style("credit"), measure, setter, where, mode
        )
    return pieces


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


def _picture(
    file: Path,
    picture: Rect,
    fit: str,
    where: Where,
    limits: tuple[float, float],
    ops: list[Op],
    problems: list[Problem],
) -> None:
    """The image scaled into ``picture`` (``fill`` crops, ``fit`` letterboxes), added to
    ``ops``; a missing or unreadable file drawn as a crossed grey box; its problems (missing,
    below the ``(min_ppi, strict_ppi)`` limits, an unusable profile) added to ``problems``."""
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
        ops.append(RectOp(picture, fill=grey(0.15), stroke=grey(0.6)))
        ops.append(RuleOp(picture.x, picture.y, picture.right, picture.bottom, 0.5, grey(0.6)))
        ops.append(RuleOp(picture.x, picture.bottom, picture.right, picture.y, 0.5, grey(0.6)))
        return
    width_px, height_px = info.size
    scale_w = picture.width / width_px
    scale_h = picture.height / height_px
    scale = max(scale_w, scale_h) if fit == "fill" else min(scale_w, scale_h)
    w, h = width_px * scale, height_px * scale
    placed = Rect(picture.x + (picture.width - w) / 2, picture.y + (picture.height - h) / 2, w, h)
    # The resolution as printed: pixels over the placed size in inches (the scale is the same
    # both ways).
    ppi = width_px / (w / 72.0)
    ops.append(ImageOp(str(file), placed, picture, info.size, ppi))
    min_ppi, strict_ppi = limits
    if ppi < min_ppi:
        too_low = ppi < strict_ppi
        limit = strict_ppi if too_low else min_ppi
        problems.append(
            Problem(
                kind=ProblemKind.LOW_RESOLUTION,
                message=f"{file.name} prints at {ppi:.0f} ppi (below {limit:.0f})",
                details=LowResolution(ppi=round(ppi, 1), path=str(file), limit=limit),
                box=where.box,
                article=where.article,
                where=picture,
                level=Severity.ERROR if too_low else None,
            )
        )
    problems += _profile_problems(info, where.box, where.article, picture)


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


def _overset(caption: Flow, box_id: str, article_id: str | None, rect: Rect) -> list[Problem]:
    if not caption.overset_lines:
        return []
    return [
        Problem(
            kind=ProblemKind.OVERSET,
            message=f"caption: {caption.overset_chars} characters "
            f"({caption.overset_lines} lines) do not fit",
            details=Overset(lines=caption.overset_lines, chars=caption.overset_chars),
            box=box_id,
            article=article_id,
            where=rect,
        )
    ]

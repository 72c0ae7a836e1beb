"""Photo boxes (图片新闻): the picture scaled to its box — ``fill`` crops it to cover the box,
``fit`` letterboxes it — with the title, the caption and the credit ("■摄影 …") under it,
on the baseline grid. A missing image is reported, and so is one below ``min_ppi`` (200) at its
printed size: a warning, an error below ``strict_ppi`` (150; the spec's ``press`` section)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..articles import Article, Byline
from ..geometry import Rect, WritingMode
from ..page import ImageOp, Op, RectOp, RuleOp, grey
from ..report import Problem, ProblemKind, Severity
from ..text.options import Align
from .body import FlowPiece, flow
from .setter import Setter, Where

MIN_PPI = 200.0
STRICT_PPI = 150.0


@dataclass(frozen=True)
class PhotoBox:
    ops: tuple[Op, ...]
    problems: tuple[Problem, ...]
    caption_lines: int
    ppi: float | None


def image_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        return im.size


def photo_box(
    article: Article,
    photo_index: int,
    rect: Rect,
    pitch: float,
    setter: Setter,
    box_id: str,
    fit: str = "fill",
    *,
    min_ppi: float = MIN_PPI,
    strict_ppi: float = STRICT_PPI,
    caption_mode: WritingMode = WritingMode.HORIZONTAL_TB,
) -> PhotoBox:
    """The photo, its title, caption and credit in ``rect``. In 横排 the caption block goes
    under the picture; with ``caption_mode`` 竖排 it is set in vertical lines in a strip on
    the picture's left (a vertical caption on a horizontal page, clreq §2.4)."""
    photo = article.photos[photo_index]
    pieces: list[FlowPiece] = []
    where = Where(box_id, article.id)
    if article.headline:
        pieces.append(
            FlowPiece(" ".join(article.headline), setter.style("kicker"), where, Align.CENTER, 0.0)
        )
    if photo.caption:
        pieces.append(
            FlowPiece(photo.caption, setter.style("caption"), Where(box_id, article.id, 1))
        )
    credit: Byline | None = photo.credit
    if credit is not None:
        pieces.append(FlowPiece(credit.text(), setter.style("credit"), where, Align.END, 0.0))
    # Measure the caption block first, then give the photo what remains.
    probe = flow(pieces, [rect], pitch, setter, caption_mode)
    caption_slots = probe.used_lines
    if caption_mode is WritingMode.VERTICAL_RL:
        strip = caption_slots * pitch
        caption_area = Rect(rect.x, rect.y, strip, rect.height)
        picture = Rect(
            rect.x + strip + pitch / 2, rect.y, rect.width - strip - pitch / 2, rect.height
        )
    else:
        photo_slots = max(int(rect.height / pitch + 1e-6) - caption_slots, 1)
        picture = Rect(rect.x, rect.y, rect.width, photo_slots * pitch - pitch / 2)
        caption_area = Rect(
            rect.x, rect.y + photo_slots * pitch, rect.width, rect.height - photo_slots * pitch
        )
    caption = flow(pieces, [caption_area], pitch, setter, caption_mode)

    ops: list[Op] = []
    problems: list[Problem] = list(caption.problems)
    ppi: float | None = None
    if not photo.file.exists():
        problems.append(
            Problem(
                ProblemKind.MISSING_IMAGE,
                f"image file not found: {photo.file}",
                box_id,
                article.id,
                None,
                {"file": str(photo.file)},
                (picture.x, picture.y, picture.width, picture.height),
            )
        )
        ops.append(RectOp(picture, fill=grey(0.15), stroke=grey(0.6)))
        ops.append(RuleOp(picture.x, picture.y, picture.right, picture.bottom, 0.5, grey(0.6)))
        ops.append(RuleOp(picture.x, picture.bottom, picture.right, picture.y, 0.5, grey(0.6)))
    else:
        width_px, height_px = image_size(photo.file)
        scale_w = picture.width / width_px
        scale_h = picture.height / height_px
        scale = max(scale_w, scale_h) if fit == "fill" else min(scale_w, scale_h)
        w, h = width_px * scale, height_px * scale
        placed = Rect(
            picture.x + (picture.width - w) / 2, picture.y + (picture.height - h) / 2, w, h
        )
        ops.append(ImageOp(str(photo.file), placed, picture))
        ppi = width_px / (w / 72.0)
        if ppi < min_ppi:
            too_low = ppi < strict_ppi
            limit = strict_ppi if too_low else min_ppi
            problems.append(
                Problem(
                    ProblemKind.LOW_RESOLUTION,
                    f"{photo.file.name} prints at {ppi:.0f} ppi (below {limit:.0f})",
                    box_id,
                    article.id,
                    None,
                    {"ppi": round(ppi, 1), "file": str(photo.file)},
                    (picture.x, picture.y, picture.width, picture.height),
                    Severity.ERROR if too_low else None,
                )
            )
    ops.extend(caption.ops)
    for line_problem in _overset(caption, box_id, article.id, rect):
        problems.append(line_problem)
    return PhotoBox(tuple(ops), tuple(problems), caption_slots, ppi)


def _overset(caption, box_id: str, article_id: str, rect: Rect) -> list[Problem]:
    if not caption.overset_lines:
        return []
    return [
        Problem(
            ProblemKind.OVERSET,
            f"caption: {caption.overset_chars} characters ({caption.overset_lines} lines) "
            "do not fit",
            box_id,
            article_id,
            None,
            {"lines": caption.overset_lines, "chars": caption.overset_chars},
            (rect.x, rect.y, rect.width, rect.height),
        )
    ]

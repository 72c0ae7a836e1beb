"""Advert boxes (广告): a supplied advertisement placed as it is, with no title or caption.

A PDF's page (read and checked by :mod:`layout.artwork.advert`: with pikepdf the first
time, from the user cache's record of it after that) becomes an
:class:`~layout.page.AdvertOp`; a picture an :class:`~layout.page.ImageOp`, converted for the
press as photos are, its resolution and profile judged as a photo's
(:func:`layout.compose.photo.place_image`). Either is scaled into the box with its
proportions kept, and centred.

An ad is sold in a size, so its size is checked against the box's: a PDF's trim box, or the
size a picture's proportions give it in the box, differing from the box by more than the
box's ``tolerance`` on either side is an error (the file or the box is wrong); it is placed
so all the same, for the proof to show. What a PDF's content breaks of the press rules is an
error of the box (an ink that cannot be measured, a warning): banmian does not convert vector
content it cannot convert safely. A missing or damaged file, or a page the PDF does not have,
marks the box (a grey crossed box) and is an error; the page is set without it.
"""

from __future__ import annotations

from ..artwork.advert import AdvertError, AdvertFile, AdvertKind, Rule, read_advert
from ..geometry import Rect
from ..page import AdvertOp, BoxLayout, ImageOp, Op
from ..press import PressSettings
from ..report import AdvertRule, AdvertSize, ImageFile, Problem, ProblemKind, Severity
from ..spec.model import BoxKind, BoxSpec
from ..units import MM
from .photo import PhotoContent, crossed_box, place_image
from .result import BoxResult
from .setter import Where

__all__ = ["advert_box"]


def advert_box(box: BoxSpec, press: PressSettings) -> BoxResult:
    """The advertisement of ``box`` (an advert box) in its rect, with its problems."""
    assert box.advert is not None
    rect = box.rect
    layout = BoxLayout(id=box.id, kind=BoxKind.ADVERT.value, rect=rect)
    try:
        ad = read_advert(box.advert.file, box.advert.page, press.ink_limit)
    except AdvertError as exc:
        problem = Problem(
            kind=ProblemKind.MISSING_ADVERT,
            message=str(exc),
            details=ImageFile(path=str(box.advert.file)),
            box=box.id,
            where=rect,
        )
        return BoxResult(layout=layout, ops=tuple(crossed_box(rect)), problems=(problem,))
    ops: list[Op] = []
    problems: list[Problem] = []
    if ad.kind is AdvertKind.PDF:
        placed = _fitted(ad.size, rect)
        ops.append(AdvertOp(str(ad.path), placed, ad.page, ad.bbox))
        problems += _press_problems(ad, box.id, rect)
        size = ad.size
    else:
        limits = (press.min_ppi, press.strict_ppi)
        place_image(PhotoContent(ad.path), rect, "fit", Where(box.id, None), limits, ops, problems)
        shown = next((op.clip for op in ops if isinstance(op, ImageOp)), rect)
        size = (shown.width, shown.height)
    problems += _size_problems(ad, size, box, rect)
    return BoxResult(layout=layout, ops=tuple(ops), problems=tuple(problems))


def _fitted(size: tuple[float, float], rect: Rect) -> Rect:
    """A rect of ``size``'s proportions scaled to fit ``rect``, centred in it."""
    scale = min(rect.width / size[0], rect.height / size[1])
    w, h = size[0] * scale, size[1] * scale
    return Rect(rect.x + (rect.width - w) / 2, rect.y + (rect.height - h) / 2, w, h)


def _mm(value: float) -> float:
    return round(value / MM, 1)


def _size_problems(
    ad: AdvertFile, size: tuple[float, float], box: BoxSpec, rect: Rect
) -> list[Problem]:
    """An error when the ad's size (a PDF's trim box; a picture as its proportions fit the
    box) differs from the box's by more than the tolerance on either side."""
    assert box.advert is not None
    tolerance = box.advert.tolerance
    if abs(size[0] - rect.width) <= tolerance and abs(size[1] - rect.height) <= tolerance:
        return []
    w, h = _mm(size[0]), _mm(size[1])
    bw, bh = _mm(rect.width), _mm(rect.height)
    tol = f"tolerance {_mm(tolerance):g} mm"
    if ad.kind is AdvertKind.PDF:
        message = (
            f"{ad.path.name} is {w:g} × {h:g} mm, the box {bw:g} × {bh:g} mm ({tol}): "
            "placed scaled to fit, its proportions kept"
        )
    else:
        px_w, px_h = (int(v) for v in ad.size)
        message = (
            f"{ad.path.name} ({px_w} × {px_h} px) has other proportions than the box: "
            f"fitted, it fills {w:g} × {h:g} mm of {bw:g} × {bh:g} mm ({tol})"
        )
    return [
        Problem(
            kind=ProblemKind.ADVERT_SIZE,
            message=message,
            details=AdvertSize(path=str(ad.path), size_mm=(w, h), box_mm=(bw, bh)),
            box=box.id,
            where=rect,
        )
    ]


def _press_problems(ad: AdvertFile, box_id: str, rect: Rect) -> list[Problem]:
    return [
        Problem(
            kind=ProblemKind.ADVERT_PRESS,
            message=f"{ad.path.name}: {finding.message}",
            details=AdvertRule(path=str(ad.path), rule=finding.rule.value),
            box=box_id,
            where=rect,
            level=Severity.WARNING if finding.rule is Rule.UNMEASURED else None,
        )
        for finding in ad.findings
    ]

"""PDF advertisements placed as they are: each ad page a form XObject of the press PDF.

The pen (``layout.render.pdf``) draws every :class:`~layout.page.AdvertOp` as ``q cm
/FormXob.<name> Do Q`` with the matrix that maps the ad's trim box onto its rect
(:func:`placement`), and puts the ad's page in the document under that name
(:func:`advert_form`): the form XObject ``pikepdf.Page.as_form_xobject`` makes of it, its
content, resources and fonts copied whole, its BBox the page's trim box, so bleed and slug of
the ad are clipped; /Rotate and /UserUnit in its /Matrix (PDF 1.7 §8.10: form XObjects). The
form and every object it reaches come from the ad's record (:func:`layout.artwork.advert.
advert_page`: kept in the user cache, read with pikepdf only the first time) as bytes whose
references the document numbers as it writes them (:class:`FormObject`), so the PDF is
written once, by the project's own writer, and a build that has seen the ad never imports
pikepdf. The name is a digest of the ad file's bytes and page, so the same input gives the
same PDF bytes, wherever the file is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..page import AdvertOp
from ..records import NamedTuple
from .pdfobjects import Registry

if TYPE_CHECKING:
    from ..artwork.advertcache import ForeignObject


class FormObject:
    """One object of an ad page's form XObject in a document: the record's
    :class:`~layout.artwork.advertcache.ForeignObject` with each reference written as the
    number the document gives the object it refers to (on first sight, ``Document.ref``: the
    objects the form reaches are numbered as the document writes them, after the form)."""

    __slots__ = ("_data", "_objects", "_refs")

    def __init__(
        self, data: bytes, refs: tuple[tuple[int, int], ...], objects: list[FormObject]
    ) -> None:
        self._data = data
        self._refs = refs
        self._objects = objects  # the form's objects, by index: what ``refs`` refer to

    def pdf_bytes(self, doc: Registry) -> bytes:
        if not self._refs:
            return self._data
        data, pieces, at = self._data, [], 0
        for where, target in self._refs:
            pieces += [data[at:where], b"%d 0 R" % doc.ref(self._objects[target]).number]
            at = where
        pieces.append(data[at:])
        return b"".join(pieces)


class AdvertForm(NamedTuple):
    """An ad page to be put in the PDF: its form's name and the form (its first object)."""

    name: str
    form: FormObject


def advert_form(op: AdvertOp) -> AdvertForm:
    """The ad page ``op`` places, as the form XObject to put in the PDF and its name: a
    digest of the file's bytes and page (raises ``AdvertError`` for an ad that cannot be
    read, ``OSError`` for a file that is gone)."""
    # Here: a page without an advertisement needs neither the record nor the ad's reader.
    from ..artwork.advert import advert_page
    from ..artwork.advertcache import page_key

    path = Path(op.path)
    data = path.read_bytes()
    record = advert_page(path, data, op.page)
    return AdvertForm(f"Advert{page_key(data, op.page)[:24]}", _objects(record.objects)[0])


def _objects(records: tuple[ForeignObject, ...]) -> list[FormObject]:
    objects: list[FormObject] = []
    objects += [FormObject(obj.data, obj.refs, objects) for obj in records]
    return objects


def placement(op: AdvertOp, x: float, y: float) -> tuple[float, ...]:
    """The matrix that maps the ad's trim box (``op.bbox``, in its form's space) onto its
    rect, whose lower-left corner is at PDF ``(x, y)``: one scale both ways (the compose
    stage kept the proportions)."""
    x0, y0, x1, _ = op.bbox
    scale = op.rect.width / (x1 - x0)
    return (scale, 0.0, 0.0, scale, x - scale * x0, y - scale * y0)

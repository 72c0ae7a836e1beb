"""PDF advertisements placed as they are: each ad page a Form XObject of the press PDF.

ReportLab cannot import another PDF's page, so the pen (``layout.render.pdf``) draws every
:class:`~layout.page.AdvertOp` as ``q cm /FormXob.<name> Do Q`` with the matrix that maps the
ad's trim box onto its rect, and defines an empty form under that name. :func:`embed_adverts`
then opens the PDF with pikepdf and puts the ad's page there, as
``pikepdf.Page.as_form_xobject`` makes it (its content, resources and fonts copied whole, its
BBox the page's trim box, so bleed and slug of the ad are clipped; /Rotate and /UserUnit
in its /Matrix). The name is a digest of the ad file's bytes and page, so the same input
gives the same PDF bytes, wherever the file is (PDF 1.7 §8.10: form XObjects).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from pathlib import Path

from ..page import AdvertOp
from ..records import NamedTuple


class AdvertForm(NamedTuple):
    """An ad page to be put in the PDF: the file and its 0-based page."""

    path: Path
    page: int


def form_name(op: AdvertOp) -> str:
    """The ReportLab form name of an ad page: a digest of the file's bytes and page."""
    digest = hashlib.sha256(Path(op.path).read_bytes())
    digest.update(f"\0{op.page}".encode())
    return f"Advert{digest.hexdigest()[:24]}"


def placement(op: AdvertOp, x: float, y: float) -> tuple[float, ...]:
    """The matrix that maps the ad's trim box (``op.bbox``, in its form's space) onto its
    rect, whose lower-left corner is at PDF ``(x, y)``: one scale both ways (the compose
    stage kept the proportions)."""
    x0, y0, x1, _ = op.bbox
    scale = op.rect.width / (x1 - x0)
    return (scale, 0.0, 0.0, scale, x - scale * x0, y - scale * y0)


def embed_adverts(data: bytes, forms: Mapping[str, AdvertForm]) -> bytes:
    """The PDF ``data`` with each placeholder form XObject ``/FormXob.<name>`` of ``forms``
    replaced by the ad page it stands for."""
    if not forms:
        return data
    import pikepdf  # here: only a page with an advertisement needs it
    from pikepdf import Name

    with pikepdf.open(io.BytesIO(data)) as pdf:
        copied: dict[str, pikepdf.Object] = {}
        sources: list[pikepdf.Pdf] = []
        try:
            for page in pdf.pages:
                xobjects = page.obj.get("/Resources", {}).get("/XObject")
                if xobjects is None:
                    continue
                for name, form in sorted(forms.items()):
                    key = f"/FormXob.{name}"
                    if key not in xobjects:
                        continue
                    if name not in copied:
                        source = pikepdf.open(io.BytesIO(form.path.read_bytes()))
                        sources.append(source)
                        ad = source.pages[form.page].as_form_xobject()
                        copied[name] = pdf.copy_foreign(ad)
                    xobjects[Name(key)] = copied[name]
            out = io.BytesIO()
            pdf.save(
                out,
                deterministic_id=True,
                object_stream_mode=pikepdf.ObjectStreamMode.disable,
                compress_streams=False,
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
            )
        finally:
            for source in sources:
                source.close()
    return out.getvalue()

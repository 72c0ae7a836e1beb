"""The fonts of a written PDF, read back from its font dictionaries with pikepdf (a core
dependency): whether each is embedded and subset, as a press checks before printing."""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FontCheck:
    """A font of a written PDF, read back from its font dictionaries."""

    name: str  # the resource name, e.g. F1
    base_font: str
    subtype: str
    embedded: bool
    subset: bool

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


_SUBSET = re.compile(r"^[A-Z]{6}\+")


def pdf_fonts(pdf: Path | str | bytes) -> tuple[FontCheck, ...]:
    """The fonts of a PDF (a file, or its bytes), from its page resources: embedded if the
    descriptor (of the descendant font, for Type0) has FontFile, FontFile2 or FontFile3
    (Type3 fonts are programs in the file), subset if the BaseFont carries a six-letter
    ``ABCDEF+`` tag (ISO 32000-1 §9.6.4). Read with pikepdf, a core dependency."""
    import pikepdf

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    found: dict[str, FontCheck] = {}
    with pikepdf.open(source) as doc:
        for pdf_page in doc.pages:
            resources = _resources(pdf_page.obj)
            for name, font in (resources.get("/Font") or pikepdf.Dictionary()).items():
                subtype = _pdf_name(font.get("/Subtype"))
                base = _pdf_name(font.get("/BaseFont"))
                descriptor = font.get("/FontDescriptor")
                if subtype == "Type0":
                    descendants = font.get("/DescendantFonts")
                    if descendants is not None and len(descendants):
                        cid_font = descendants[0]
                        descriptor = cid_font.get("/FontDescriptor")
                        subtype = f"Type0/{_pdf_name(cid_font.get('/Subtype'))}"
                embedded = subtype == "Type3" or (
                    descriptor is not None
                    and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                )
                key = f"{base}:{subtype}"
                if key not in found:
                    found[key] = FontCheck(
                        name=name.lstrip("/"),
                        base_font=base,
                        subtype=subtype,
                        embedded=embedded,
                        subset=bool(_SUBSET.match(base)),
                    )
    return tuple(found.values())


def _resources(page: Any) -> Any:
    """A page's resources, inherited from the page tree when the page has none of its own
    (ISO 32000-1 §7.7.3.4)."""
    import pikepdf

    node = page
    for _ in range(64):  # a page tree deeper than this is a loop
        if node is None:
            break
        if "/Resources" in node:
            return node.Resources
        node = node.get("/Parent")
    return pikepdf.Dictionary()


def _pdf_name(value: Any) -> str:
    """A PDF name as text without its slash (``/Type0`` → ``Type0``); "" when absent."""
    if value is None:
        return ""
    return str(value).lstrip("/")

"""The PDF/X-1a:2003 preflight: :func:`check_pdfx` lists what a preflight would complain about.

The version, the output intent and Info keys, TrimBox and BleedBox on every page, fonts not
embedded, any RGB (``rg``/``RG`` operators, RGB colour spaces or images), and transparency
(soft masks, alpha, blend modes); in a form XObject (a placed advertisement) the same and
ICC-based colour, through :func:`layout.artwork.advertpdf.form_findings`. It reads the PDF with
pikepdf, so it lives apart from the writer (:mod:`layout.render.pdfx`), which a build imports
without pikepdf.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..artwork.advertpdf import form_findings
from ..press import PDFX_VERSION, REGISTRY

# --------------------------------------------------------------------------- checks

_RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}


def _space_is_rgb(space) -> bool:
    if isinstance(space, Name):
        return str(space) in _RGB_SPACES
    if isinstance(space, Array) and len(space) > 0:
        family = str(space[0])
        if family in _RGB_SPACES:
            return True
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if family in ("/Separation", "/DeviceN"):
            return _space_is_rgb(space[2])
        if family == "/Indexed":
            return _space_is_rgb(space[1])
    return False


def _fonts(resources, seen: set) -> list[str]:
    found = []
    for _, font in (resources.get("/Font") or {}).items():
        if font.objgen in seen:
            continue
        seen.add(font.objgen)
        descendants = font.get("/DescendantFonts")
        for f in list(descendants) if descendants is not None else [font]:
            d = f.get("/FontDescriptor")
            embedded = d is not None and any(
                k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded and str(f.get("/Subtype")) != "/Type3":
                found.append(f"font {f.get('/BaseFont')} is not embedded")
    return found


def check_pdfx(path: Path | str) -> list[str]:
    """Preflight ``path`` for PDF/X-1a; an empty list means it passes."""
    problems: list[str] = []
    data = Path(path).read_bytes()
    if not (data.startswith(b"%PDF-1.3") or data.startswith(b"%PDF-1.4")):
        problems.append(f"header {data[:8]!r}: PDF/X-1a needs PDF 1.3 or 1.4")
    with pikepdf.open(path) as pdf:
        if "/ID" not in pdf.trailer:
            problems.append("no document ID")
        info = pdf.docinfo
        if str(info.get("/GTS_PDFXVersion", "")) != PDFX_VERSION:
            problems.append("Info /GTS_PDFXVersion is not PDF/X-1a:2003")
        if str(info.get("/Trapped", "")) != "/False" and str(info.get("/Trapped", "")) != "/True":
            problems.append("Info /Trapped is not /True or /False")
        for key in ("/Title", "/CreationDate", "/ModDate"):
            if key not in info:
                problems.append(f"Info {key} missing")
        intents = pdf.Root.get("/OutputIntents")
        pdfx = [i for i in intents or () if str(i.get("/S")) == "/GTS_PDFX"]
        if len(pdfx) != 1:
            problems.append("no single GTS_PDFX OutputIntent")
        else:
            intent = pdfx[0]
            if "/OutputConditionIdentifier" not in intent:
                problems.append("OutputIntent without OutputConditionIdentifier")
            if "/DestOutputProfile" not in intent and str(intent.get("/RegistryName")) != REGISTRY:
                problems.append("OutputIntent neither registered nor with a profile")
        if "/Encrypt" in pdf.trailer:
            problems.append("encrypted")
        seen_fonts: set = set()
        for n, page in enumerate(pdf.pages, 1):
            for box in ("/TrimBox", "/BleedBox"):
                if box not in page.obj:
                    problems.append(f"page {n}: no {box[1:]}")
            if "/Group" in page.obj:
                problems.append(f"page {n}: transparency group")
            resources = page.obj.get("/Resources") or Dictionary()
            problems += [f"page {n}: {p}" for p in _fonts(resources, seen_fonts)]
            for name, space in (resources.get("/ColorSpace") or {}).items():
                if _space_is_rgb(space):
                    problems.append(f"page {n}: RGB colour space {name}")
            for name, gs in (resources.get("/ExtGState") or {}).items():
                if "/SMask" in gs and str(gs.SMask) != "/None":
                    problems.append(f"page {n}: soft mask in {name}")
                for key in ("/CA", "/ca"):
                    if key in gs and float(gs[key]) < 1:
                        problems.append(f"page {n}: transparency {key} in {name}")
                if "/BM" in gs and str(gs.BM) not in ("/Normal", "/Compatible"):
                    problems.append(f"page {n}: blend mode {gs.BM} in {name}")
            for name, xobj in (resources.get("/XObject") or {}).items():
                if str(xobj.get("/Subtype")) == "/Image":
                    if _space_is_rgb(xobj.get("/ColorSpace")):
                        problems.append(f"page {n}: RGB image {name}")
                    if "/SMask" in xobj:
                        problems.append(f"page {n}: image {name} with a soft mask")
                elif str(xobj.get("/Subtype")) == "/Form":  # a placed advertisement
                    problems += [
                        f"page {n}: form XObject {name}: {finding.message}"
                        for finding in form_findings(xobj)
                    ]
            for _operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("rg", "RG"):
                    problems.append(f"page {n}: RGB colour operator {op}")
                    break
    return problems

"""Small fonts of one's own, made with fontTools' FontBuilder for the tests of tests/fonts/.

- :func:`cjk_font`: a CJK face, CFF outlines (an ``.otf``) or TrueType ones, with a box glyph
  for every character of the ranges it covers, its own glyphs for ，。「」 and their vertical
  forms reached by a ``GSUB`` ``vert`` feature (``bad_forms``: those of ，「 ideograph-sized
  boxes, as Droid Sans Fallback's table gives ideographs), ``vhea``/``vmtx`` and (CFF) ``VORG``;
- :func:`collection`: a ``.ttc`` of such faces;
- :func:`write_project`: a page with a horizontal and a vertical (竖排) article box whose
  fonts manifest names the faces given.
"""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

# The marks whose vertical forms the faces carry (GB/T 15834 §5.1: 竖排 punctuation is set in
# its vertical form), by glyph name.
MARKS = {"，": "comma", "。": "period", "「": "cornerleft", "」": "cornerright"}
CJK = ((0x4E00, 0x9FFF),)
VERTICAL_ORIGIN = 880  # VORG's default: the top of the em box, as CJK fonts set it


def _box(pen, x0: int, y0: int, x1: int, y1: int) -> None:
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()


# Outlines by glyph name: a box for the ideographs, a small square low left for the marks (as
# a 句号 sits), high right for their vertical forms; the corner brackets as bars.
_SHAPES = {
    "box": (100, -100, 900, 800),
    "comma": (100, -80, 300, 120),
    "period": (120, -80, 320, 120),
    "cornerleft": (600, 0, 700, 800),
    "cornerright": (300, 0, 400, 800),
    "comma.vert": (600, 580, 800, 780),
    "period.vert": (620, 580, 820, 780),
    "cornerleft.vert": (100, 600, 900, 700),
    "cornerright.vert": (100, 100, 900, 200),
    "latin": (50, 0, 450, 700),
}
# Vertical forms that are no forms of their marks: an ideograph's box for ， and 「.
_BAD_FORMS = {"comma.vert": (120, -60, 880, 780), "cornerleft.vert": (100, -100, 900, 800)}


def cjk_font(
    family: str,
    *,
    cff: bool = True,
    covered: tuple[tuple[int, int], ...] = CJK,
    latin: bool = True,
    vert: bool = True,
    bad_forms: bool = False,
) -> TTFont:
    """A small CJK face (see the module docstring): CFF outlines unless ``cff`` is false."""
    shapes = {**_SHAPES, **(_BAD_FORMS if bad_forms else {})}
    names = [".notdef", "space", "box", "latin"]
    for name in MARKS.values():
        names += [name, f"{name}.vert"] if vert else [name]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    cmap = {0x20: "space", 0x3000: "space"}
    for lo, hi in covered:
        cmap.update(dict.fromkeys(range(lo, hi + 1), "box"))
    if latin:
        cmap.update(dict.fromkeys(range(0x21, 0x7F), "latin"))
    cmap.update({ord(ch): name for ch, name in MARKS.items()})
    fb.setupCharacterMap(cmap)
    if cff:
        charstrings = {}
        for name in names:
            pen = T2CharStringPen(1000, None)
            if name in shapes:
                _box(pen, *shapes[name])
            charstrings[name] = pen.getCharString()
        fb.setupCFF(family, {"FullName": family}, charstrings, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            if name in shapes:
                _box(pen, *shapes[name])
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    widths = {name: 500 if name == "latin" else 1000 for name in names}
    fb.setupHorizontalMetrics({name: (widths[name], 0) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupVerticalMetrics({name: (1000, 80) for name in names})
    fb.setupVerticalHeader(ascent=500, descent=-500)
    if cff:
        fb.setupVerticalOrigins({}, VERTICAL_ORIGIN)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": f"{family}-Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    if vert:
        subs = " ".join(f"sub {name} by {name}.vert;" for name in MARKS.values())
        fb.addOpenTypeFeatures(
            "languagesystem DFLT dflt;\nlanguagesystem hani dflt;\n"
            f"feature vert {{ {subs} }} vert;\n"
        )
    return fb.font


def font_bytes(font: TTFont) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def collection(*faces: TTFont) -> bytes:
    """A font collection (``.ttc``) of ``faces``, in order."""
    ttc = TTCollection()
    ttc.fonts = [TTFont(io.BytesIO(font_bytes(face))) for face in faces]
    out = io.BytesIO()
    ttc.save(out)
    return out.getvalue()


ROLES = (
    "song",
    "song-heavy",
    "hei",
    "hei-regular",
    "hei-heavy",
    "kai",
)


def manifest_text(faces: dict[str, str], chain: list[str]) -> str:
    """A manifest with ``faces`` (id → file as written) and every role of the sample styles
    set along ``chain``."""
    lines = ["faces:"]
    lines += [f"  {face_id}: {{file: {file}}}" for face_id, file in faces.items()]
    lines.append("roles:")
    lines += [f"  {role}: [{', '.join(chain)}]" for role in ROLES]
    return "\n".join(lines) + "\n"


ARTICLE = """\
id: {id}
headline: 版面排字
body:
- 他说「今天天气很好，我们出去走走。」大家都同意了，于是一同出发。{rare}
- 排字工人一字一字地排，「横排」与「竖排」各有其法。这是第二段，它也有句号。
"""

STYLES = """\
styles:
  body:        {font: song, size: 小五, leading: 14pt, indent: 2字, align: justify}
  kicker:      {font: hei, size: 四号, leading: 1.4em, align: center}
  headline:    {font: song-heavy, size: 二号, leading: 1.25em, align: center}
  subhead:     {font: hei-regular, size: 小四, leading: 1.4em, align: center}
  byline:      {font: kai, size: 五号, leading: 14pt, align: start}
  intertitle:  {font: hei, size: 五号, leading: 14pt, align: center}
  caption:     {font: kai, size: 五号, leading: 14pt, indent: 2字, align: justify}
  credit:      {font: kai, size: 小五, leading: 14pt, align: end}
  jump:        {font: hei-regular, size: 小五, leading: 14pt, align: end}
  masthead:    {font: song-heavy, size: 96pt, leading: 1em}
  header:      {font: hei-regular, size: 小五, leading: 14pt}
  figure:      {font: hei-regular, size: 六号, leading: 1.3em}
"""

PAGE = """\
spec_version: 1
edition: {{title: 今日平湖, date: 2025-04-30}}
page:
  number: 3
  name: 测试
  trim: {{width: 200mm, height: 150mm}}
  bleed: 3mm
  margins: {{top: 12mm, inside: auto, outside: auto}}
grid: {{columns: 4, column_width: 13字, gutter: 1字, lines: 24, body_style: body}}
articles: [across.yaml, down.yaml]
fonts: fonts/manifest.yaml
{styles}
boxes:
  - id: across
    kind: article
    article: across
    at: {{column: 1, span: 2, line: 1, lines: 24}}
    headline: {{lines: 3}}
  - id: down
    kind: article
    article: down
    writing_mode: vertical-rl
    at: {{column: 3, span: 2, line: 1, lines: 24}}
    headline: {{lines: 3}}
"""


def write_project(
    folder: Path,
    faces: dict[str, bytes | Path],
    files: dict[str, str],
    chain: list[str],
    rare: str = "",
) -> Path:
    """A page (:data:`PAGE`: a horizontal box ``across`` and a vertical one ``down``) in
    ``folder`` whose manifest names ``files`` (face id → file as written), the font files
    ``faces`` (file name → bytes) written beside it. ``rare``: characters added to the first
    paragraph of both stories. Returns the spec's path."""
    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for name, data in faces.items():
        (fonts / name).write_bytes(data if isinstance(data, bytes) else data.read_bytes())
    (fonts / "manifest.yaml").write_text(manifest_text(files, chain), encoding="utf-8")
    for story in ("across", "down"):
        (folder / f"{story}.yaml").write_text(ARTICLE.format(id=story, rare=rare), encoding="utf-8")
    spec = folder / "page.yaml"
    spec.write_text(PAGE.format(styles=STYLES), encoding="utf-8")
    return spec

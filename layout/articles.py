"""Article records: one YAML file per story (``kind: article``, the default) or per box of
key figures (``kind: figures``). The schema below is the single description of the format;
``layout.spec`` renders it into ``docs/spec-reference.md``.
"""

import math
import os
import re
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from layout.errors import SourcePos, SpecError, SpecErrors
from layout.schema import (
    FAILED,
    STR,
    Field,
    Invalid,
    ListOf,
    OneOf,
    Record,
    Scalar,
    choice_kind,
    show,
)
from layout.text.words import HYPHENATION_HELP, hyphenation_language
from layout.yamlsource import (
    YamlDoc,
    child_path,
    cut_copy,
    excerpt,
    load_yaml,
    quoting_hint,
)

from .records import NamedTuple

# --------------------------------------------------------------------------- records


class ParagraphKind(Enum):
    BODY = "body"
    INTERTITLE = "intertitle"  # 小标题


class Role(NamedTuple):
    """One role of a byline or photo credit: its label and the names under it, as written."""

    label: str  # 记者, 通讯员, 摄影, 文, 作者, or a label of the copy's own (特约撰稿)
    names: tuple[str, ...]


# The byline keys for the common roles and their labels, in the order a byline sets them
# (text before pictures); free labels (``roles``) follow.
ROLE_KEYS = (
    ("authors", "作者"),
    ("writers", "文"),
    ("reporters", "记者"),
    ("correspondents", "通讯员"),
    ("photographers", "摄影"),
)


class Byline(NamedTuple):
    """The people of a story or a photo, role by role in the order they are printed (how
    they are laid out — a line per role, labels of one width — is ``layout.compose.byline``)."""

    roles: tuple[Role, ...]

    def names(self, label: str) -> tuple[str, ...]:
        """The names under ``label`` (all roles with it, in order)."""
        return tuple(n for role in self.roles if role.label == label for n in role.names)


class Paragraph(NamedTuple):
    text: str
    kind: ParagraphKind
    index: int  # 0-based position in the article's body list
    source_pos: SourcePos | None = None


class Crop(NamedTuple):
    """How a photo is cropped (the picture editor's crop): exactly one of ``focus``, the point
    (fractions 0–1 of the image's width and height, from its top-left) that a ``fill`` crop
    keeps as near the middle of the picture as the image allows, and ``box``, the part of
    the image shown, in its pixels ``(x0, y0, x1, y1)`` from the top-left, x1 and y1
    exclusive (``fill`` or ``fit`` then apply to that part)."""

    focus: tuple[float, float] | None = None
    box: tuple[int, int, int, int] | None = None
    source_pos: SourcePos | None = None  # of the ``crop`` value

    def problem(self, size: tuple[int, int]) -> str | None:
        """Why the crop cannot apply to an image of ``size`` pixels (a crop box reaching
        outside it), or None."""
        if self.box is None:
            return None
        x0, y0, x1, y1 = self.box
        width, height = size
        if x1 > width or y1 > height:
            return (
                f"crop box [{x0}, {y0}, {x1}, {y1}] reaches outside the image "
                f"({width} × {height} pixels)"
            )
        return None


class Photo(NamedTuple):
    file: Path  # resolved relative to the article file (existence is checked by layout.spec)
    caption: str | None
    credit: Byline | None
    source_pos: SourcePos | None = None  # of the ``file`` value
    crop: Crop | None = None  # None: the whole image, centred by the box's ``fit``
    caption_pos: SourcePos | None = None  # of the ``caption`` value, for its problems


class Article(NamedTuple):
    id: str
    path: Path
    kicker: str | None  # 引题
    headline: tuple[str, ...]  # 主题, one entry per line as written
    subhead: str | None  # 副题
    byline: Byline | None
    dateline: str | None
    paragraphs: tuple[Paragraph, ...]
    photos: tuple[Photo, ...]
    source_pos: SourcePos | None = None  # of the ``id`` value
    # The language of its Western words, for hyphenation (None: the style's).
    hyphenation: str | None = None
    # 转版标题: the short head of its continuation on another box or page (None: the 主题).
    jump_head: str | None = None
    # Where the head's parts and the byline are written, for their problems (as a body
    # paragraph's ``source_pos``): the ``kicker``, ``headline``, ``subhead``, ``byline`` and
    # ``jump_head`` values.
    kicker_pos: SourcePos | None = None
    headline_pos: SourcePos | None = None
    subhead_pos: SourcePos | None = None
    byline_pos: SourcePos | None = None
    jump_head_pos: SourcePos | None = None


class FigureItem(NamedTuple):
    """One line of a key-figures box; values are kept as the text written in the YAML."""

    label: str
    value: str | None
    growth: str | None
    share: str | None
    note: str | None


class FiguresRecord(NamedTuple):
    id: str
    path: Path
    kicker: str | None
    title: str
    unit: str
    source_article: str | None
    items: tuple[FigureItem, ...]
    source_pos: SourcePos | None = None


# --------------------------------------------------------------------------- schema


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid()
    if not any(ch.isprintable() and not ch.isspace() or _private(ch) for ch in value):
        # Only control, format and blank characters (a pasted \x01, a lone ZWSP or BOM):
        # the text engine would remove them all and print an empty line, so it is no more
        # text than '' is.
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(value) if not ch.isspace())
        raise Invalid(
            f"expected text, got only invisible characters ({codes}): nothing to print; "
            "delete the item or write its text"
        )
    return value.strip()


def _private(ch: str) -> bool:
    """A private-use character: a newsroom's own glyph for a rare name character (生僻字),
    printable in the face that has it, though ``str.isprintable`` says not."""
    return 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000


def _figure_text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, Mapping | list):
        raise Invalid()
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid()  # .nan, .inf: nothing a reader can be shown
    if isinstance(value, str | int | float):
        return str(value)
    raise Invalid()


def _figure_value(value: Any) -> str:
    """A figure's value: a finite number ≥ 0 (it sets the length of its bar), written as a
    number or as text that reads as one."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid()
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise Invalid() from None
    if not math.isfinite(number) or number < 0:
        raise Invalid()
    return str(value).strip()


def _hyphenation(value: Any) -> str:
    language = hyphenation_language(value) if isinstance(value, str) else None
    if language is None:
        raise Invalid()
    return language


def _focus(value: Any) -> tuple[float, float]:
    """``[x, y]``: two fractions 0–1 of the image's width and height."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in value)
    ):
        return float(value[0]), float(value[1])
    raise Invalid(
        f"expected [x, y], two fractions 0–1 of the image's width and height, got {_shown(value)}"
    )


def _crop_box(value: Any) -> tuple[int, int, int, int]:
    """``[x0, y0, x1, y1]``: whole pixels from the image's top-left, x0 < x1 and y0 < y1."""
    if (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
    ):
        x0, y0, x1, y1 = value
        if x0 < x1 and y0 < y1:
            return x0, y0, x1, y1
        raise Invalid(
            f"the crop box [{x0}, {y0}, {x1}, {y1}] is empty: x0 < x1 and y0 < y1 are needed"
        )
    raise Invalid(
        "expected [x0, y0, x1, y1], whole pixels ≥ 0 from the image's top-left, "
        f"got {_shown(value)}"
    )


def _shown(value: Any) -> str:
    if isinstance(value, list) and len(value) <= 8:
        return "[" + ", ".join(str(v) for v in value) + "]"
    return show(value)


TEXT = Scalar("text", _text, {"type": "string"})
HYPHENATION = Scalar(HYPHENATION_HELP, _hyphenation)
FIGURE_TEXT = Scalar("text or a number", _figure_text)
FIGURE_VALUE = Scalar("a number ≥ 0 (the length of the bar)", _figure_value)
NAMES = ListOf(TEXT, single=True)

ROLE = Record(
    "byline role",
    [
        Field("label", TEXT, required=True, doc="what the people did: 特约撰稿, 实习生, 图 …"),
        Field("names", ListOf(TEXT, min_len=1, single=True), required=True, doc="a name or names"),
    ],
    "A role with a label of its own.",
)

_ROLE_DOCS = {
    "authors": "作者: a name or a list of names",
    "writers": "文 (the text, beside 摄影 for the pictures)",
    "reporters": "记者",
    "correspondents": "通讯员",
    "photographers": "摄影",
}

BYLINE = Record(
    "byline",
    [
        *(Field(key, NAMES, doc=_ROLE_DOCS[key]) for key, _ in ROLE_KEYS),
        Field(
            "roles",
            ListOf(ROLE),
            doc="roles with labels of their own, set after the ones above; to set roles in "
            "another order, give them all here",
        ),
    ],
    "Printed a role to a line, the labels spread to one width, two-character names padded "
    "to three, an em space after the label and between names: ``■记　者　林旭东`` / "
    "``　通讯员　张心悦`` (the mark: the byline style's ``mark``); a role whose names do "
    "not fit its line goes on under its first name. Roles in the order 作者, 文, 记者, "
    "通讯员, 摄影, then ``roles``.",
)

CREDIT = Record(
    "credit",
    [
        Field("photographers", NAMES, doc="摄影: printed ``■摄影 王　强 陈明远``"),
        Field("roles", ListOf(ROLE), doc="other credits: ``{label: 图, names: [新华社]}``"),
    ],
    "Photo credit: ``photographers``, ``roles`` or both; laid out as a byline in the credit style.",
)

INTERTITLE = Record(
    "intertitle paragraph",
    [Field("intertitle", TEXT, required=True, doc="小标题 text")],
    "A body item that is a 小标题 (intertitle) rather than a paragraph.",
)


class BodyItem(OneOf):
    """A paragraph or an intertitle; a paragraph that YAML read as a mapping or a list
    (``- 记者: 林言``, ``- [图]城南街道``) is told how to write it, not that ``记者`` is
    an unknown key."""

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        written = _misread_paragraph(doc, path, value)
        if written is None:
            return super().check(doc, path, value, errors)
        what = "a mapping" if isinstance(value, Mapping) else "a list"
        errors.append(
            doc.error(
                path,
                f"YAML read this paragraph as {what}, {excerpt(written)}: "
                + quoting_hint(path, written),
                expected=self.describe,
            )
        )
        return FAILED


def _misread_paragraph(doc: YamlDoc, path: str, value: Any) -> str | None:
    """The copy a body item was written as, when YAML read it as a mapping of one key that
    is no key of banmian's (``记者: 林言``: the schema's keys are ASCII words) or as a list
    of text (``[图]城南``, itself an error); else None."""
    if isinstance(value, Mapping) and len(value) == 1:
        ((key, item),) = value.items()
        if key.isascii() or isinstance(item, Mapping | list):
            return None
        raw = doc.raw.get(child_path(path, key), "" if item is None else str(item))
        return f"{key}: {raw}".rstrip()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "[" + ", ".join(value) + "]"
    return None


BODY_ITEM = BodyItem(
    "a paragraph (text) or {intertitle: text}",
    [TEXT, INTERTITLE],
    lambda v: 0 if isinstance(v, str) else 1 if isinstance(v, Mapping) else None,
)

HEADLINE = OneOf(
    "text or a list of lines",
    [TEXT, ListOf(TEXT, min_len=1)],
    lambda v: 0 if isinstance(v, str) else 1 if isinstance(v, list) else None,
)

FOCUS = Scalar("[x, y], fractions 0–1 of the image's width and height", _focus)
CROP_BOX = Scalar("[x0, y0, x1, y1] in the image's pixels", _crop_box)

CROP = Record(
    "crop",
    [
        Field(
            "focus",
            FOCUS,
            doc="the point to keep in view, e.g. ``[0.6, 0.4]`` (a face right of the middle, "
            "above it): a ``fill`` crop is placed so that it is as near the middle of the "
            "picture as the image allows. Only with ``fit: fill``",
        ),
        Field(
            "box",
            CROP_BOX,
            doc="the part of the image shown, in its pixels from the top-left, x1 and y1 "
            "exclusive, e.g. ``[400, 120, 2400, 1620]``; the box's ``fit`` then applies to "
            "that part (``fill`` crops it further to the picture's proportions, centred)",
        ),
    ],
    "The picture editor's crop: exactly one of ``focus`` and ``box``. The printed "
    "resolution is that of the part shown. A crop box reaching outside the image is an "
    "error naming the box and the image file.",
)

PHOTO = Record(
    "photo",
    [
        Field("file", TEXT, required=True, doc="image file, relative to the article file"),
        Field("caption", TEXT, doc="图片说明"),
        Field("credit", CREDIT),
        Field(
            "crop", CROP, doc="how the photo is cropped; a photo box's own ``crop`` overrides it"
        ),
    ],
)

FIGURE_ITEM = Record(
    "figure item",
    [
        Field("label", TEXT, required=True),
        Field("value", FIGURE_VALUE, doc="kept as written, e.g. ``1234.5``"),
        Field(
            "growth",
            FIGURE_TEXT,
            doc="year on year, in per cent: ``9.4`` (同比增长9.4%), ``-3.2`` (同比下降3.2%), or "
            "with its own unit, printed as written: ``12.3%``, ``0.3个百分点``",
        ),
        Field("share", FIGURE_TEXT, doc="in per cent: ``41.4`` (占比41.4%); beside a growth"),
        Field("note", FIGURE_TEXT),
    ],
)

_A = ("article",)
_F = ("figures",)

ARTICLE = Record(
    "article record",
    [
        Field("id", STR, required=True, doc="unique id, used by boxes (need not be the file name)"),
        Field("kind", choice_kind("article", "figures"), default="article", doc="record kind"),
        Field("kicker", TEXT, doc="引题, above the headline"),
        Field("headline", HEADLINE, required=True, kinds=_A, doc="主题; a list gives the lines"),
        Field("subhead", TEXT, kinds=_A, doc="副题, below the headline"),
        Field("byline", BYLINE, kinds=_A),
        Field("dateline", TEXT, kinds=_A, doc="e.g. 本报讯"),
        Field(
            "body",
            ListOf(BODY_ITEM),
            kinds=_A,
            doc="paragraphs (text) and ``{intertitle: …}`` items, in order; may be "
            "omitted for a photo story",
        ),
        Field(
            "jump_head",
            TEXT,
            kinds=_A,
            doc="转版标题: the short head over the story's continuation in another box "
            "(a box its thread continues in); default: the 主题",
        ),
        Field("photos", ListOf(PHOTO), kinds=_A),
        Field(
            "hyphenation",
            HYPHENATION,
            kinds=_A,
            doc="language of the story's Western words, for breaking one too long for its "
            "column (a German name: de_DE); default: the style's ``hyphenation``",
        ),
        Field("title", TEXT, required=True, kinds=_F, doc="title of the figures box"),
        Field("unit", TEXT, required=True, kinds=_F, doc="unit of the values, e.g. 亿元"),
        Field("source_article", STR, kinds=_F, doc="id of the article the figures belong to"),
        Field("items", ListOf(FIGURE_ITEM, min_len=1), required=True, kinds=_F),
    ],
    "One file per record. ``kind: article`` (default) is a story; ``kind: figures`` a box "
    "of key figures.",
    kind_key="kind",
    retired={
        key: "a story's jump is its box's 'continues' in the page spec, and the jump lines "
        "(下转 / 上接) are generated from it"
        for key in ("continued_to", "continued_from")
    },
)

# --------------------------------------------------------------------------- loading


def article_paths(folder: Path) -> list[Path]:
    """The record files in ``folder``: ``*.yaml`` and ``*.yml``, sorted by name; not hidden
    ones (``.#story.yaml``, an editor's lock; ``._story.yaml``, macOS's resource fork on a
    shared drive: neither is a record), and a link to nothing kept, for its load to report."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml")
        and not p.name.startswith(".")
        and (p.is_file() or (p.is_symlink() and not p.exists()))
    )


# A record file saved under another extension: ``.YAML`` (a Windows editor's capitals), or
# ``.yaml.txt`` (Notepad adds ``.txt`` where Windows hides the extension it has).
_OTHER_RECORD_NAME = re.compile(r"\.ya?ml(?:\.txt)?\Z", re.IGNORECASE)


def unread_records(folder: Path) -> tuple[Path, ...]:
    """The files in ``folder`` that look like records but are not read as ones, as their
    extension is not ``.yaml`` or ``.yml`` as written (``library.YAML``,
    ``library.yaml.txt``): a box naming the story is told why it is unknown."""
    try:
        read = set(article_paths(folder))
        return tuple(
            sorted(
                p
                for p in folder.iterdir()
                if _OTHER_RECORD_NAME.search(p.name)
                and not p.name.startswith(".")
                and p not in read
                and p.is_file()
            )
        )
    except OSError:
        return ()


def record_name(path: Path) -> str:
    """The name ``path``, a file of :func:`unread_records`, is read under: ``library.yaml``."""
    return _OTHER_RECORD_NAME.sub(".yaml", path.name)


def listed_names(folder: Path) -> tuple[str, ...] | None:
    """The names of :func:`article_paths` in ``folder`` as it is now (``None``: not a folder):
    what ``banmian watch`` compares with the names a load read, so that an editor's swap file
    or backup (``.a.yaml.swp``, ``a.yaml~``, a ``.#a.yaml`` lock link) rebuilds nothing."""
    try:
        return tuple(p.name for p in article_paths(folder))
    except OSError:  # gone, or no longer readable: not as the load read it
        return None


def _byline(value: Mapping[str, Any] | None) -> Byline | None:
    """The roles of a byline or credit (None when it names nobody)."""
    if not value:
        return None
    roles = [Role(label, tuple(value[key])) for key, label in ROLE_KEYS if value.get(key)]
    roles += [
        Role(role["label"], tuple(role["names"]))
        for role in value.get("roles") or ()
        if role is not FAILED and role.get("names")
    ]
    return Byline(tuple(roles)) if roles else None


def crop_of(
    doc: YamlDoc, path: str, value: Mapping[str, Any] | None, errors: list[SpecError]
) -> Crop | None:
    """The checked ``crop`` value at ``path``, or None (absent, or reported: not exactly one
    of ``focus`` and ``box``)."""
    if value is None:
        return None
    given = [k for k in ("focus", "box") if value.get(k) is not None]
    if len(given) != 1:
        errors.append(doc.error(path, "give exactly one of 'focus' and 'box'"))
        return None
    return Crop(focus=value.get("focus"), box=value.get("box"), source_pos=doc.pos(path))


def _build(doc: YamlDoc, v: dict[str, Any], errors: list[SpecError]) -> Article | FiguresRecord:
    base = doc.file.parent
    pos = doc.pos("id")
    if v.get("kind") == "figures":
        items = []
        for i, item in enumerate(v.get("items") or ()):
            if item is FAILED:
                continue
            path = child_path("items", i)

            def raw(key: str, item=item, path=path) -> str | None:
                if item.get(key) is None:
                    return None
                return doc.raw.get(child_path(path, key), item[key]).strip()

            items.append(
                FigureItem(item["label"], raw("value"), raw("growth"), raw("share"), raw("note"))
            )
        return FiguresRecord(
            id=v["id"],
            path=doc.file,
            kicker=v.get("kicker"),
            title=v["title"],
            unit=v["unit"],
            source_article=v.get("source_article"),
            items=tuple(items),
            source_pos=pos,
        )
    headline = v["headline"]
    lines = tuple(headline.splitlines()) if isinstance(headline, str) else tuple(headline)
    paragraphs = []
    for i, item in enumerate(v.get("body") or ()):
        if item is FAILED:
            continue
        item_pos = doc.pos(child_path("body", i))
        if isinstance(item, str):
            paragraphs += (
                Paragraph(piece, ParagraphKind.BODY, i, item_pos)
                for piece in written_paragraphs(item)
            )
        else:
            paragraphs.append(Paragraph(item["intertitle"], ParagraphKind.INTERTITLE, i, item_pos))
    photos = []
    for i, photo in enumerate(v.get("photos") or ()):
        if photo is FAILED:
            continue
        file_path = child_path(child_path("photos", i), "file")
        credit = _byline(photo.get("credit"))
        if photo.get("credit") is not None and credit is None:
            credit_path = child_path(child_path("photos", i), "credit")
            errors.append(doc.error(credit_path, "a credit names photographers or roles"))
        photos.append(
            Photo(
                file=Path(os.path.normpath(base / photo["file"])),
                caption=photo.get("caption"),
                credit=credit,
                source_pos=doc.pos(file_path),
                crop=crop_of(
                    doc, child_path(child_path("photos", i), "crop"), photo.get("crop"), errors
                ),
                caption_pos=_pos(doc, child_path(child_path("photos", i), "caption")),
            )
        )
    return Article(
        id=v["id"],
        path=doc.file,
        kicker=v.get("kicker"),
        headline=lines,
        subhead=v.get("subhead"),
        byline=_byline(v.get("byline")),
        dateline=v.get("dateline"),
        paragraphs=tuple(paragraphs),
        photos=tuple(photos),
        source_pos=pos,
        hyphenation=v.get("hyphenation"),
        jump_head=v.get("jump_head"),
        kicker_pos=_pos(doc, "kicker"),
        headline_pos=_pos(doc, "headline"),
        subhead_pos=_pos(doc, "subhead"),
        byline_pos=_pos(doc, "byline"),
        jump_head_pos=_pos(doc, "jump_head"),
    )


def _pos(doc: YamlDoc, path: str) -> SourcePos | None:
    """Where the value at ``path`` is written, when it is (an optional part of a record)."""
    return doc.value_pos.get(path)


# A paragraph break written inside one body item (copy pasted into a ``|`` block): a blank
# line, or a line break and then a typed indent (U+3000, a tab, or two spaces or more: how a
# Chinese paragraph starts, clreq §3.5), or U+2029 PARAGRAPH SEPARATOR (Unicode §5.8: plain
# text's own paragraph break, what a word processor's copy or an escape carries). A line
# break alone is a hard wrap, not a break.
_WRITTEN_BREAK = re.compile(r"\n[ \t]*\n\s*|\n(?=\u3000|\t|  )|\u2029")
PARAGRAPH_SEPARATOR = "\u2029"


def written_paragraphs(text: str) -> list[str]:
    """The paragraphs of a body item's text: more than one where the text has paragraph
    breaks written in it (see ``_WRITTEN_BREAK``), each as written (its indent is the
    text engine's to drop); never an empty one."""
    if "\n" not in text and PARAGRAPH_SEPARATOR not in text:
        return [text]
    return [piece for piece in _WRITTEN_BREAK.split(text) if piece.strip()]


# The key paths of a record's copy (layout.yamlsource.cut_copy): text printed as written,
# where a comment after it on its line (YAML 1.2 §6.6: `` #`` starts one) is text cut off.
# Not ids, kinds, file names and figures' numbers, where a note after the value is a
# comment as meant.
_COPY_PATH = re.compile(
    r"(?:kicker|headline(?:\[\d+\])?|subhead|dateline|jump_head|title|unit"
    r"|body\[\d+\](?:\.intertitle)?|photos\[\d+\]\.caption"
    r"|(?:byline|photos\[\d+\]\.credit)\..+|items\[\d+\]\.(?:label|note))\Z"
)


def _copy_noun(path: str) -> str:
    return "paragraph" if path.startswith("body[") else "text"


class RecordFile(NamedTuple):
    """What one record file gave: the record, or None when it is unusable (its problems
    reported); and the ``id`` it gives where that reads as one, also for an unusable record,
    so that a second file giving the same id is told so in the same run."""

    record: Article | FiguresRecord | None
    id: str | None
    id_pos: SourcePos | None


def load_record(path: Path | str, errors: list[SpecError]) -> RecordFile:
    """Load one record file, appending problems to ``errors``."""
    try:
        doc = load_yaml(path)
    except SpecError as exc:
        errors.append(exc)
        return RecordFile(None, None, None)
    given = doc.value.get("id") if isinstance(doc.value, dict) else None
    given_id = given if isinstance(given, str) else None
    before = len(errors)
    cut_copy(doc, _COPY_PATH, errors, _copy_noun)
    checked = ARTICLE.check(doc, "", doc.value, errors)
    if len(errors) > before or checked is FAILED:
        return RecordFile(None, given_id, doc.pos("id") if given_id is not None else None)
    record = _build(doc, checked, errors)
    return RecordFile(record, record.id, record.source_pos)


def collect_articles(
    paths: Iterable[Path | str], errors: list[SpecError]
) -> tuple[dict[str, Article | FiguresRecord], set[str]]:
    """Load every file, appending problems to ``errors``. Returns the records by id and the
    stems of files that failed, with the ids they give (so callers can avoid follow-on
    'unknown id' errors: a spec naming ``t`` of a file ``emp.yaml`` that failed).

    An id given by two files is reported at the second, whether or not the other file is
    usable (a typo in the first must not hide it until fixed), and neither record is
    returned: a box naming the id would be checked against a record that may not be the
    one meant (its photos, its kind), and every error that gave would follow from the one
    reported."""
    records: dict[str, Article | FiguresRecord] = {}
    first: dict[str, SourcePos | None] = {}  # where each id is first given, usable or not
    failed: set[str] = set()
    for path in paths:
        record, given, given_pos = load_record(path, errors)
        if record is None:
            failed.add(Path(path).stem)
        if given is None:
            continue
        if given in first:
            errors.append(
                SpecError(
                    f"duplicate article id {given!r} (also defined at {first[given]})",
                    pos=given_pos,
                    key_path="id",
                )
            )
            records.pop(given, None)
            failed.add(given)
            continue
        first[given] = given_pos
        if record is None:
            failed.add(given)
        else:
            records[given] = record
    return records, failed


def load_articles(paths: Iterable[Path | str]) -> dict[str, Article | FiguresRecord]:
    """Load article and figures records by id; raises SpecErrors listing every problem."""
    errors: list[SpecError] = []
    records, _ = collect_articles(paths, errors)
    if errors:
        raise SpecErrors(errors)
    return records

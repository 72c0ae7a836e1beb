"""The sample edition: article records in ``articles/`` rebuilt from the seed front page.

Checks the records against the article schema, checks that every piece of text in them is
real seed text (and that every seed line ended up somewhere), that the key-figures box only
uses numbers from the industry story, and that the stand-in photo is present and licensed.
Uses only pyyaml and the standard library.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "articles"
IMAGES = REPO / "images"
SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILE = SEED_DIR / "000_07257b5f1f15477f.txt"

STORY_KEYS = [
    "id",
    "kicker",
    "headline",
    "subhead",
    "byline",
    "dateline",
    "body",
    "photos",
]
FIGURES_KEYS = ["id", "kind", "kicker", "title", "unit", "source_article", "items"]
STORIES = {"industry", "shuangyong", "immigration", "energy", "labour", "jinshan", "cherries"}
WS = re.compile(r"\s+")
BYLINE_MARKS = re.compile(r"■|记\s*者|通讯员|摄\s*影")
CREDIT_LINE = re.compile(r"^\s*(■|通讯员)")  # byline / photo credit lines of the seed


def squash(text: str) -> str:
    return WS.sub("", text)


def load_records() -> dict[str, dict]:
    records = {}
    for path in sorted(ARTICLES.glob("*.yaml")):
        rec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(rec, dict), path
        assert rec.get("id") == path.stem, f"{path.name}: id must equal the file name"
        records[rec["id"]] = rec
    return records


RECORDS = load_records()
FIGURES = {k: v for k, v in RECORDS.items() if v.get("kind") == "figures"}
ARTICLE_RECS = {k: v for k, v in RECORDS.items() if v.get("kind") != "figures"}


def headline_lines(rec: dict) -> list[str]:
    h = rec["headline"]
    return [h] if isinstance(h, str) else list(h)


def paragraphs(rec: dict) -> list[str]:
    return [p for p in rec.get("body", []) if isinstance(p, str)]


def intertitles(rec: dict) -> list[str]:
    return [p["intertitle"] for p in rec.get("body", []) if isinstance(p, dict)]


def names(rec: dict) -> list[str]:
    b = rec.get("byline", {})
    out = list(b.get("reporters", [])) + list(b.get("correspondents", []))
    for photo in rec.get("photos", []):
        out += photo.get("credit", {}).get("photographers", [])
    return out


def fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else repr(n)


def figure_strings(item: dict) -> list[str]:
    """The texts an item stands for in the industry story."""
    out = []
    if "value" in item:
        out.append(f"{item.get('note', '')}{fmt(item['value'])}亿元")
    for key in ("growth", "share"):
        if key in item:
            out.append(f"{fmt(item[key])}%")
    return out


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed directory {SEED_DIR} is absent (shared/ not checked out beside repo)")
    assert SEED_FILE.is_file(), f"{SEED_FILE} missing although {SEED_DIR} exists"
    return SEED_FILE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def seed(seed_lines: list[str]) -> str:
    """The seed with all whitespace removed."""
    return squash("".join(seed_lines))


@pytest.fixture(scope="module")
def seed_undoubled(seed_lines: list[str]) -> str:
    """The seed with bold headlines' doubled extraction ("XX" tokens) reduced to one copy."""

    def undouble(token: str) -> str:
        half = len(token) // 2
        if len(token) % 2 == 0 and half and token[:half] == token[half:]:
            return token[:half]
        return token

    return "".join("".join(undouble(t) for t in line.split()) for line in seed_lines)


# ---------------------------------------------------------------- schema


def test_expected_records_present():
    assert set(ARTICLE_RECS) == STORIES
    assert set(FIGURES) == {"key-figures"}


@pytest.mark.parametrize("aid", sorted(STORIES))
def test_article_schema(aid: str):
    rec = ARTICLE_RECS[aid]
    keys = list(rec)
    assert set(keys) <= set(STORY_KEYS), f"unknown keys {set(keys) - set(STORY_KEYS)}"
    assert keys == [k for k in STORY_KEYS if k in rec], "keys out of schema order"
    assert re.fullmatch(r"[a-z][a-z0-9-]*", rec["id"])
    for key in keys:
        assert rec[key] not in (None, "", [], {}), f"empty key {key!r} must be omitted"

    h = rec["headline"]
    assert isinstance(h, str) or (
        isinstance(h, list) and len(h) >= 2 and all(isinstance(x, str) for x in h)
    )
    for key in ("kicker", "subhead"):
        if key in rec:
            assert isinstance(rec[key], str)
    if "dateline" in rec:
        assert rec["dateline"] == "本报讯"
        assert not rec["body"][0].startswith("本报讯"), "dateline repeated in the body"
    if "byline" in rec:
        assert set(rec["byline"]) <= {"reporters", "correspondents"}
        assert rec["byline"].get("reporters")
        for role in rec["byline"].values():
            assert isinstance(role, list)
            for name in role:
                assert isinstance(name, str) and not WS.search(name), repr(name)
                assert 2 <= len(name) <= 4, name
    if "body" in rec:
        assert isinstance(rec["body"], list) and rec["body"]
        for item in rec["body"]:
            if isinstance(item, dict):
                assert list(item) == ["intertitle"] and isinstance(item["intertitle"], str)
            else:
                assert isinstance(item, str) and item
                assert item == item.strip()
                assert "\n" not in item
                assert "下转" not in item
    if "photos" in rec:
        for photo in rec["photos"]:
            assert list(photo) == ["file", "caption", "credit"]
            assert photo["file"].startswith("../images/")
            assert isinstance(photo["caption"], str) and photo["caption"]
            assert set(photo["credit"]) == {"photographers"}
            for name in photo["credit"]["photographers"]:
                assert not WS.search(name), repr(name)
    else:
        assert "body" in rec


def test_story_specifics():
    assert "kicker" not in ARTICLE_RECS["industry"], "开局看韧性 titles the figures box"
    # The story the seed continues on page 2 (下转2版) is threaded there by the front page.
    front = yaml.safe_load((REPO / "page_specs" / "front.yaml").read_text(encoding="utf-8"))
    jumps = {b["id"]: b["continues"] for b in front["boxes"] if "continues" in b}
    assert jumps == {"shuangyong": {"spec": "page2.yaml", "box": "shuangyong"}}
    edition = yaml.safe_load((REPO / "page_specs" / "edition.yaml").read_text(encoding="utf-8"))
    assert edition["jumps"]["out"].replace("{page}", "2") == "（下转2版）"
    assert intertitles(ARTICLE_RECS["shuangyong"]) == ["双向奔赴架起军地“连心桥”"]
    assert headline_lines(ARTICLE_RECS["energy"]) == ["推动绿色低碳转型", "筑牢能源保障底线"]
    assert headline_lines(ARTICLE_RECS["labour"]) == ["发扬劳模精神", "引领产业升级"]
    assert ARTICLE_RECS["jinshan"]["headline"] == "深化党建联建 共谱毗邻新篇"
    cherries = ARTICLE_RECS["cherries"]
    assert "body" not in cherries and len(cherries["photos"]) == 1
    assert cherries["photos"][0]["credit"] == {"photographers": ["王强", "陈明远"]}
    assert ARTICLE_RECS["immigration"]["byline"]["correspondents"][-1] == "王江超"


def test_text_is_clean():
    """No spurious spaces in running text; full-width punctuation kept."""
    for rec in ARTICLE_RECS.values():
        texts = paragraphs(rec) + intertitles(rec) + [p["caption"] for p in rec.get("photos", [])]
        for text in texts:
            assert not re.search(r"\s", text), f"{rec['id']}: whitespace in {text[:30]}…"
            assert not re.search(r"[\u4e00-\u9fff][,;:?!]", text), f"half-width punct: {text}"


# ---------------------------------------------------------------- against the seed


def test_text_comes_from_seed(seed: str, seed_undoubled: str):
    for rec in ARTICLE_RECS.values():
        pieces = paragraphs(rec) + intertitles(rec)
        pieces += [rec[k] for k in ("kicker", "subhead") if k in rec]
        pieces += [p["caption"] for p in rec.get("photos", [])]
        if rec.get("dateline"):
            pieces.append(rec["dateline"] + rec["body"][0])
        for piece in pieces:
            assert squash(piece) in seed, f"{rec['id']}: not in seed: {piece[:40]}…"
        headline = squash("".join(headline_lines(rec)))
        assert headline in seed or headline in seed_undoubled, f"{rec['id']}: {headline}"


def test_paragraphs_in_seed_order(seed: str):
    for rec in ARTICLE_RECS.values():
        positions = [seed.index(squash(p)) for p in paragraphs(rec)]
        assert positions == sorted(positions), rec["id"]


def test_names_in_seed(seed_lines: list[str]):
    credit_lines = [
        squash(BYLINE_MARKS.sub("", line))
        for line in seed_lines
        if CREDIT_LINE.match(line) or squash(line) == "王江超"
    ]
    for rec in ARTICLE_RECS.values():
        for name in names(rec):
            assert any(name in line for line in credit_lines), f"{rec['id']}: {name}"


def test_every_seed_line_is_used(seed_lines: list[str], seed_undoubled: str):
    """The inverse check: each printed line of the seed lands in some record."""
    pieces: list[str] = []
    for rec in ARTICLE_RECS.values():
        pieces += paragraphs(rec) + intertitles(rec) + headline_lines(rec)
        pieces += [rec[k] for k in ("kicker", "subhead") if k in rec]
        pieces += [p["caption"] for p in rec.get("photos", [])]
        if rec.get("dateline"):
            pieces.append(rec["dateline"] + rec["body"][0])
        byline = rec.get("byline", {})
        pieces += ["".join(v) for v in byline.values()]
        pieces += ["".join(p["credit"]["photographers"]) for p in rec.get("photos", [])]
    # The jump line is generated from the front page's thread in the edition's wording.
    front = yaml.safe_load((REPO / "page_specs" / "front.yaml").read_text(encoding="utf-8"))
    edition = yaml.safe_load((REPO / "page_specs" / "edition.yaml").read_text(encoding="utf-8"))
    numbers = {page["spec"]: page["number"] for page in edition["pages"]}
    pieces += [
        edition["jumps"]["out"].replace("{page}", str(numbers[box["continues"]["spec"]]))
        for box in front["boxes"]
        if "spec" in box.get("continues", {})
    ]
    for fig in FIGURES.values():
        pieces += [fig["kicker"], fig["title"]]
        for item in fig["items"]:
            pieces.append(item["label"])
            if "value" in item and "growth" in item:
                pieces.append(f"{item['label']}{fmt(item['value'])}亿元，{fmt(item['growth'])}%")
    pieces = [squash(p) for p in pieces]
    for number, line in enumerate(seed_lines, 1):
        text = squash(BYLINE_MARKS.sub("", line) if CREDIT_LINE.match(line) else line)
        if not text:
            continue
        halves = [t[: len(t) // 2] for t in line.split() if t[: len(t) // 2] * 2 == t]
        undoubled = "".join(halves) if len(halves) == len(line.split()) else text
        assert any(text in p or undoubled in p for p in pieces), f"seed line {number}: {line}"


# ---------------------------------------------------------------- key figures


def test_key_figures_schema():
    fig = FIGURES["key-figures"]
    assert list(fig) == FIGURES_KEYS
    assert fig["kind"] == "figures" and fig["unit"] == "亿元"
    assert fig["kicker"] == "开局看韧性"
    assert fig["title"] == "2025一季度平湖经济亮眼数据"
    assert fig["source_article"] in ARTICLE_RECS
    labels = [item["label"] for item in fig["items"]]
    assert len(labels) == len(set(labels))
    for item in fig["items"]:
        assert set(item) <= {"label", "value", "growth", "share", "note"}, item
        assert {"value", "growth", "share"} & set(item), item
        for key in ("value", "growth", "share"):
            if key in item:
                assert isinstance(item[key], int | float) and item[key] > 0, item
        if "note" in item:
            assert "value" in item


def test_key_figures_come_from_the_story():
    fig = FIGURES["key-figures"]
    story = "".join(paragraphs(ARTICLE_RECS[fig["source_article"]]))
    for item in fig["items"]:
        assert item["label"] in story, item
        # each number must be said of its label: look just after some mention of the label
        starts = [m.start() for m in re.finditer(re.escape(item["label"]), story)]
        windows = [story[start : start + 40] for start in starts]
        for text in figure_strings(item):
            assert any(text in w for w in windows), f"{item['label']}: {text} not near it"


# ---------------------------------------------------------------- the photo


def jpeg_size(data: bytes) -> tuple[int, int]:
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    i = 2
    while i < len(data):
        assert data[i] == 0xFF, "bad JPEG marker"
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no SOF marker")


def test_photos_exist_and_are_licensed():
    licenses = (IMAGES / "LICENSES.md").read_text(encoding="utf-8")
    photos = [p for rec in ARTICLE_RECS.values() for p in rec.get("photos", [])]
    assert photos
    for photo in photos:
        path = (ARTICLES / photo["file"]).resolve()
        assert path.is_file(), path
        assert path.suffix == ".jpg"
        width, height = jpeg_size(path.read_bytes())
        assert max(width, height) >= 1500, (width, height)
        assert path.name in licenses
        section = licenses.split(f"## {path.name}", 1)[1].split("\n## ", 1)[0]
        for field in ("source package", "original path", "author", "licence", "stand-in"):
            assert field in section, field

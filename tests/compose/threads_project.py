"""Small editions for the thread tests: page specs of a four-column page and one story, written
into a folder, with the repository's fonts. (Imported by the compose tests through their own
folder.)"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "fonts" / "manifest.yaml"
WS = re.compile(r"\s+")

PAGE = """\
edition:
  title: 今日平湖
  date: 2025-04-30
page:
  number: {number}
  name: 要闻
  trim: {{width: 200mm, height: 280mm}}
  margins: {{top: 15mm, inside: auto, outside: auto}}
header: {{show: false}}
grid:
  columns: 4
  column_width: 13字
  gutter: 1字
  lines: {lines}
articles: articles
fonts: {manifest}
styles:
  body: {{font: song, size: 小五, leading: 14pt, indent: 2字, align: justify, prohibition: basic}}
  kicker: {{font: hei, size: 四号, leading: 1.4em, align: center}}
  headline: {{font: song-heavy, size: 二号, leading: 1.25em, align: center}}
  jump_head: {{font: song-heavy, size: 小二, leading: 1.25em, align: center}}
  subhead: {{font: hei-regular, size: 小四, leading: 1.4em, align: center}}
  byline: {{font: kai, size: 五号, leading: 14pt}}
  intertitle: {{font: hei, size: 小五, leading: 14pt, align: center}}
  caption: {{font: kai, size: 五号, leading: 14pt}}
  credit: {{font: kai, size: 小五, leading: 14pt, align: end}}
  jump: {{font: hei-regular, size: 小五, leading: 14pt, align: end}}
  masthead: {{font: song-heavy, size: 60pt, leading: 1em}}
  header: {{font: hei-regular, size: 小五, leading: 14pt}}
  figure: {{font: hei-regular, size: 六号, leading: 1.3em}}
{jumps}boxes:
{boxes}"""


@dataclass(frozen=True)
class Box:
    """An article box of a test page: ``article`` None for a continuation box."""

    id: str
    column: int
    span: int
    line: int
    lines: int
    article: str | None = None
    continues: str | None = None  # "box" or "page/box"
    head: int = 0  # headline lines (a 转版 head in a continuation box)
    fill: str = "foot"

    def yaml(self) -> str:
        parts = [f"id: {self.id}", "kind: article"]
        if self.article is not None:
            parts.append(f"article: {self.article}")
        at = f"{{column: {self.column}, span: {self.span}, line: {self.line}, lines: {self.lines}}}"
        parts.append(f"at: {at}")
        if self.head:
            style = "headline" if self.article is not None else "jump_head"
            parts.append(f"headline: {{lines: {self.head}, style: {style}}}")
        if self.continues is not None:
            if "/" in self.continues:
                page, box = self.continues.split("/")
                parts.append(f"continues: {{page: {page}, box: {box}}}")
            else:
                parts.append(f"continues: {{box: {self.continues}}}")
        parts.append(f"fill: {self.fill}")
        return "  - {" + ", ".join(parts) + "}\n"


def write_story(folder: Path, story_id: str, paragraphs: list[str], dateline: bool = True) -> None:
    """An article record of ``paragraphs`` (an item starting ``## `` is an intertitle)."""
    (folder / "articles").mkdir(exist_ok=True)
    lines = [f"id: {story_id}", "headline: 双拥花开 满城芬芳", "jump_head: 双拥花开"]
    if dateline:
        lines.append("dateline: 本报讯")
    lines.append("body:")
    for text in paragraphs:
        if text.startswith("## "):
            lines.append(f"  - {{intertitle: '{text[3:]}'}}")
        else:
            lines.append(f"  - '{text}'")
    (folder / "articles" / f"{story_id}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def write_page(
    folder: Path, name: str, number: int, boxes: list[Box], lines: int = 48, jumps: str = ""
) -> Path:
    path = folder / f"{name}.yaml"
    text = PAGE.format(
        number=number,
        lines=lines,
        manifest=MANIFEST,
        jumps=jumps,
        boxes="".join(b.yaml() for b in boxes),
    )
    path.write_text(text, "utf-8")
    return path


def squash(text: str) -> str:
    return WS.sub("", text)

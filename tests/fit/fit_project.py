"""Helpers of the copy-fit tests: the sample edition copied to a folder of its own (the
``sample_edition`` fixture) with the tests' own page beside it, and stories made longer or
shorter by whole lines of text in copies of their article records."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OWN_PAGE = ROOT / "tests" / "fixtures" / "fit" / "stack.yaml"
WS = re.compile(r"\s+")
# Copy to lengthen a story with: plain sentences of Han characters, no word a line could not
# break before (the measure is what is tested, not the line breaker).
MORE = "两地将进一步深化合作，推动区域协同发展取得新成效，让群众共享发展成果。"


def squash(text: str) -> str:
    return WS.sub("", text)


def add_own_page(edition: Path) -> Path:
    """The tests' own page (tests/fixtures/fit/stack.yaml) in the copied edition's folder."""
    page = edition.parent / "stack.yaml"
    shutil.copy(OWN_PAGE, page)
    return page


def record(edition: Path, article: str) -> Path:
    """The copied record ``article``: its path under the copied ``articles/`` folder without
    ``.yaml`` (``jinshan``, ``tabloid/robotics``, ``page2/library``), exactly — record file
    names repeat across the folders (``page2/library`` and ``unseen/library``)."""
    path = edition.parent.parent / "articles" / f"{article}.yaml"
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def article_id(article: str) -> str:
    """The id of the record ``article`` names (its file name: the sample's records are so
    named)."""
    return article.rsplit("/", 1)[-1]


def lengthen(edition: Path, article: str, chars: int) -> str:
    """Add a last paragraph of ``chars`` characters to ``article``; returns it."""
    path = record(edition, article)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    added = (MORE * (chars // len(MORE) + 1))[: chars - 1] + "。"
    data["body"].append(added)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return added


def shorten(edition: Path, article: str, chars: int) -> None:
    """Take about ``chars`` characters off the end of ``article``'s body: whole paragraphs,
    then the end of the last one left (closed with a 句号)."""
    path = record(edition, article)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    body = data["body"]
    left = chars
    while left > 0:
        last = body[-1]
        if not isinstance(last, str):
            body.pop()
        elif len(last) <= left:
            left -= len(last)
            body.pop()
        else:
            body[-1] = last[: len(last) - left - 1] + "。"
            left = 0
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def double(edition: Path, article: str) -> None:
    """Give ``article`` its body twice over."""
    path = record(edition, article)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["body"] = data["body"] + data["body"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pdf_text(pdf: Path) -> str:
    """``pdftotext -raw`` of ``pdf``, its white space taken out."""
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return squash(done.stdout)

"""Same bytes everywhere: the PDF does not depend on where the checkout, the press-image cache
(``BANMIAN_CACHE``) or the working directory is.

Two copies of a small edition (a story, a photo box with a JPEG, the fonts) in two folders are
built from two working directories with two caches: the press PDF and the proof-colour PDF
are the same bytes from both: an image XObject is named by ``layout.render.pdf.ImageFile``,
a digest of the file's bytes, not by the file's name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from layout.build import build

REPO = Path(__file__).resolve().parents[2]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"

RECORD = """\
id: picture
headline: 图片新闻
photos:
- file: ../images/picture.jpg
  caption: 测试图片。
"""

BOXES = """\
  - id: story
    kind: article
    article: labour
    at: {column: 1, span: 5, line: 1, lines: 20}
    headline: {lines: 6}
  - id: photo
    kind: photo
    article: picture
    at: {column: 6, span: 3, line: 1, lines: 34}
"""


@pytest.fixture(scope="module")
def checkouts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two copies of the same edition, in folders of different depth and name."""
    gradient = Image.linear_gradient("L").resize((700, 1000))
    photo = Image.merge("RGB", (gradient, gradient.rotate(90), gradient.transpose(0)))
    specs = []
    for name in ("one", "second/checkout/here"):
        root = tmp_path_factory.mktemp("checkout") / name
        (root / "articles").mkdir(parents=True)
        (root / "images").mkdir()
        (root / "page_specs").mkdir()
        shutil.copy(REPO / "articles" / "labour.yaml", root / "articles")
        (root / "articles" / "picture.yaml").write_text(RECORD, encoding="utf-8")
        photo.save(root / "images" / "picture.jpg", quality=90)
        shutil.copytree(REPO / "fonts", root / "fonts")
        text = FRONT_TEXT.read_text(encoding="utf-8").replace("../../", "../")
        spec = root / "page_specs" / "page.yaml"
        spec.write_text(f"{text[: text.index(chr(10) + 'boxes:')]}\nboxes:\n{BOXES}", "utf-8")
        specs.append(spec)
    return specs


@pytest.mark.parametrize("pdfx", [True, False], ids=["press", "proof-colours"])
def test_same_bytes_from_another_checkout_cache_and_working_directory(
    checkouts: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdfx: bool
):
    pdfs = []
    for n, spec in enumerate(checkouts):
        cwd = tmp_path / f"cwd-{n}" / ("deeper/" * n)
        cwd.mkdir(parents=True)
        cache = tmp_path / f"cache-{n}"
        monkeypatch.chdir(cwd)
        monkeypatch.setenv("BANMIAN_CACHE", str(cache))
        out = Path("page.pdf")
        build(spec, out, pdfx=pdfx)
        pdfs.append((cwd / out).read_bytes())
        converted = list((cache / "press-images").glob("*.jpg")) if cache.exists() else []
        assert len(converted) == (1 if pdfx else 0)  # each build used its own cache
    assert pdfs[0] == pdfs[1]
    with pikepdf.open(tmp_path / "cwd-0" / "page.pdf") as pdf:
        (image,) = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == "/Image"]
        assert str(image.ColorSpace) == ("/DeviceCMYK" if pdfx else "/DeviceRGB")
    for spec in checkouts:
        assert str(spec.parents[1]).encode() not in pdfs[0]

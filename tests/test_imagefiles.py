"""Image files: opened and decoded when the spec is loaded, so every mode refuses a bad one.

Bad images are made here with Pillow in tmp_path (the 20000 × 20000 bomb is a 1-bit PNG of
a few kilobytes, written row by row through zlib, never allocated). Each is checked by
:mod:`layout.imagefiles`, through :func:`layout.spec.load_spec` for an article's photo and
for a photo box's ``image:`` (the error at the file value), and through the CLI in-process:
``check``, ``build`` (press PDF and ``--no-pdfx``), ``proof`` and ``watch`` agree, exit 2,
no traceback, nothing written, the inputs unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import io
import random
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, SpecErrors
from layout.imagefiles import (
    EXCERPT,
    MAX_PIXELS,
    ImageFileError,
    image_size,
    open_image,
    read_header,
    verify_image,
)
from layout.proof import watch
from layout.spec import load_spec


class _NoChange:
    """A watch's change source with no change: one rebuild, then the watch ends."""

    def wait(self, files):
        return None


REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
ARTICLES = REPO / "articles"
MANIFEST = REPO / "fonts" / "manifest.yaml"

ERROR_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")

# --------------------------------------------------------------------------- images made here


def noise(size: tuple[int, int], mode: str = "RGB", seed: int = 0) -> Image.Image:
    """A photo-like image that does not compress away (so a cut file loses pixels)."""
    bands = len(Image.new(mode, (1, 1)).getbands())
    data = random.Random(seed).randbytes(size[0] * size[1] * bands)
    return Image.frombytes(mode, size, data)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


JPEG = encoded(noise((320, 200)), "JPEG", quality=90)
PNG = encoded(noise((200, 120)), "PNG")


def png_chunk(tag: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + tag
        + payload
        + struct.pack(">I", zlib.crc32(tag + payload))
    )


@functools.cache
def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A valid 1-bit PNG of ``width`` × ``height`` white pixels: a few kilobytes that
    decode to hundreds of megabytes. Compressed one row at a time."""
    row = b"\0" + b"\xff" * ((width + 7) // 8)  # filter byte 0, then the row's bits
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def bomb_jpeg(width: int = 20000, height: int = 20000) -> bytes:
    """A small JPEG whose frame header (SOF0) claims ``width`` × ``height``."""
    data = bytearray(encoded(Image.new("RGB", (16, 16)), "JPEG"))
    at = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


TEXT = "hello world: this is a caption pasted into a file named photo.jpg\n" * 30

# (id, file name, bytes, words of the reason)
BAD_IMAGES: list[tuple[str, str, Callable[[], bytes], list[str]]] = [
    ("empty", "p.jpg", lambda: b"", ["the file is empty"]),
    ("text-named-jpg", "p.jpg", lambda: TEXT.encode(), ["not an image", "b'hello wo'"]),
    ("truncated-jpeg", "p.jpg", lambda: JPEG[: len(JPEG) // 2], ["truncated JPEG"]),
    ("jpeg-without-its-end", "p.jpg", lambda: JPEG[:-2], ["truncated JPEG"]),
    ("damaged-jpeg-header", "p.jpg", lambda: b"\xff\xd8\xff" + bytes(40), ["damaged JPEG"]),
    ("truncated-png", "p.png", lambda: PNG[: len(PNG) // 2], ["truncated PNG"]),
    (
        "bomb-png",
        "p.png",
        bomb_png,
        ["20000 × 20000 pixels (400 megapixels)", "limit of 89.5 megapixels", "resample"],
    ),
    ("bomb-jpeg", "p.jpg", bomb_jpeg, ["20000 × 20000 pixels", "decompression bomb"]),
    (
        "16-bit-grey",
        "p.png",
        lambda: encoded(Image.new("I;16", (40, 30)), "PNG"),
        ["16-bit grey (mode I;16) is not supported"],
    ),
    ("lab", "p.tif", lambda: encoded(Image.new("LAB", (40, 30)), "TIFF"), ["CIE Lab"]),
    (
        "gif",
        "p.gif",
        lambda: encoded(Image.new("P", (40, 30)), "GIF"),
        ["GIF images are not supported"],
    ),
]

GOOD_IMAGES = [
    ("rgb-jpeg", "p.jpg", lambda: JPEG),
    ("progressive-jpeg", "p.jpg", lambda: encoded(noise((64, 48)), "JPEG", progressive=True)),
    ("cmyk-jpeg", "p.jpg", lambda: encoded(noise((64, 48), "CMYK"), "JPEG")),
    ("grey-png", "p.png", lambda: encoded(noise((64, 48), "L"), "PNG")),
    ("rgba-png", "p.png", lambda: encoded(noise((64, 48), "RGBA"), "PNG")),
    ("palette-png", "p.png", lambda: encoded(noise((64, 48)).quantize(16), "PNG")),
    ("rgb-tiff", "p.tif", lambda: encoded(noise((64, 48)), "TIFF", compression="tiff_lzw")),
]


# --------------------------------------------------------------------------- the module


@pytest.mark.parametrize(
    ("name", "make"), [c[1:] for c in GOOD_IMAGES], ids=[c[0] for c in GOOD_IMAGES]
)
def test_good_images_pass(tmp_path: Path, name: str, make):
    path = tmp_path / name
    path.write_bytes(make())
    info = verify_image(path)
    with Image.open(path) as im:
        assert info.size == im.size == image_size(path)
        assert info.format == im.format


def test_an_image_damaged_after_it_was_verified_is_refused(tmp_path: Path):
    # A verified file is not decoded again while it is unchanged (watch); any write is seen.
    path = tmp_path / "p.jpg"
    path.write_bytes(JPEG)
    assert verify_image(path).format == "JPEG"
    assert verify_image(path) is verify_image(path)  # the same file: kept, not decoded again
    path.write_bytes(JPEG[: len(JPEG) // 2])
    with pytest.raises(ImageFileError, match="truncated JPEG"):
        verify_image(path)


def test_open_image_reads_a_header_with_its_formats_reader_alone():
    for data, fmt in ((JPEG, "JPEG"), (PNG, "PNG")):
        with open_image(data) as im, Image.open(io.BytesIO(data)) as reference:
            assert (im.format, im.size, im.mode) == (fmt, reference.size, reference.mode)
    with pytest.raises(ValueError, match="not an image"):
        open_image(b"GIF89a" + bytes(20))


def test_an_image_verified_by_another_process_has_only_its_header_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The record in the cache stands for the decode while the file is unchanged; a changed
    file is decoded again (and a damaged one refused)."""
    from layout import imagefiles

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "p.jpg"
    path.write_bytes(JPEG)
    first = verify_image(path)
    assert len(list((tmp_path / "cache" / "images-verified").iterdir())) == 1
    imagefiles._verified.cache_clear()  # as a new process starts

    def no_decode(path: Path) -> None:
        raise AssertionError(f"{path} decoded again")

    with monkeypatch.context() as patched:
        patched.setattr(imagefiles, "_verify", no_decode)
        assert verify_image(path) == first  # the header read and checked, nothing decoded
    path.write_bytes(JPEG[: len(JPEG) // 2])
    imagefiles._verified.cache_clear()
    with pytest.raises(ImageFileError, match="truncated JPEG"):
        verify_image(path)
    assert len(list((tmp_path / "cache" / "images-verified").iterdir())) == 1  # no record


@pytest.mark.parametrize(
    ("name", "make", "words"), [c[1:] for c in BAD_IMAGES], ids=[c[0] for c in BAD_IMAGES]
)
def test_bad_images_are_refused_with_their_reason(tmp_path: Path, name: str, make, words):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(ImageFileError) as info:
        verify_image(path)
    text = str(info.value)
    assert text.startswith(f"image file '{path}': ")
    for word in words:
        assert word in text, text
    assert len(text) < 400 and TEXT[EXCERPT:30] not in text  # an excerpt, never the file


@pytest.mark.parametrize("reader", [image_size, read_header])
def test_the_bomb_is_refused_from_its_header(tmp_path: Path, reader):
    """image_size and read_header decode nothing: the few kilobytes that claim 400
    megapixels are refused by the size in the header."""
    data = bomb_png()
    assert len(data) < 100_000 and MAX_PIXELS < 20000 * 20000
    path = tmp_path / "bomb.png"
    path.write_bytes(data)
    with pytest.raises(ImageFileError, match="20000 × 20000 pixels"):
        reader(path)


def test_the_limit_is_inclusive(tmp_path: Path):
    path = tmp_path / "edge.png"
    width = 10000
    path.write_bytes(bomb_png(width, MAX_PIXELS // width))
    assert image_size(path) == (width, MAX_PIXELS // width)
    path.write_bytes(bomb_png(width, MAX_PIXELS // width + 1))
    with pytest.raises(ImageFileError, match="over the limit"):
        image_size(path)


def test_missing_folder_and_device(tmp_path: Path):
    with pytest.raises(ImageFileError, match="does not exist"):
        verify_image(tmp_path / "nope.jpg")
    with pytest.raises(ImageFileError, match="folder"):
        verify_image(tmp_path)
    with pytest.raises(ImageFileError, match="not a regular file"):
        verify_image(Path("/dev/null"))


def test_an_image_file_error_is_an_oserror(tmp_path: Path):
    """Callers that catch Pillow's OSError (the proof's image checks) catch it too."""
    with pytest.raises(OSError):
        image_size(tmp_path / "nope.jpg")


# --------------------------------------------------------------------------- spec and CLI

BASE = (
    FRONT_TEXT.read_text(encoding="utf-8")
    .replace("articles: ../../articles", "articles: articles")
    .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {MANIFEST}")
)
PHOTO_BOX = (
    "  - {id: photo, kind: photo, article: cherries,"
    " at: {column: 6, span: 3, line: 1, lines: 34}}\n"
)
IMAGE_BOX = (
    "  - {id: pic, kind: photo, image: pic/NAME, at: {column: 6, span: 3, line: 1, lines: 34}}\n"
)


def page(tmp_path: Path, boxes: str) -> Path:
    """A page with ``boxes`` and a copy of the sample articles (in tmp_path)."""
    shutil.copytree(ARTICLES, tmp_path / "articles")
    head = BASE[: BASE.index("\nboxes:")]
    spec = tmp_path / "page.yaml"
    spec.write_text(f"{head}\nboxes:\n{boxes}", encoding="utf-8")
    return spec


def article_photo(tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path, str, Path]:
    """The cherries photo replaced by ``data``. Returns spec, the article, its text, image."""
    spec = page(tmp_path, PHOTO_BOX)
    image = tmp_path / "images" / name
    image.parent.mkdir()
    image.write_bytes(data)
    record = tmp_path / "articles" / "cherries.yaml"
    text = record.read_text(encoding="utf-8").replace(
        "../images/ladybird-mate-backgrounds.jpg", f"../images/{name}"
    )
    record.write_text(text, encoding="utf-8")
    return spec, record, text, image


def box_image(tmp_path: Path, name: str, data: bytes) -> tuple[Path, str, Path]:
    spec = page(tmp_path, IMAGE_BOX.replace("NAME", name))
    image = tmp_path / "pic" / name
    image.parent.mkdir()
    image.write_bytes(data)
    return spec, spec.read_text(encoding="utf-8"), image


def where(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refused_everywhere(capsys, tmp_path: Path, spec: Path) -> str:
    """check, build (press, --no-pdfx), proof and watch refuse the page with the same one
    positioned line; nothing is written and the inputs are unchanged. Returns the line."""
    before = digest(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    seen = None
    for args in (
        ("check", spec),
        ("build", spec, "-o", out / "page.pdf"),
        ("build", spec, "--no-pdfx", "-o", out / "page.pdf"),
        ("proof", spec, "-o", out / "proof.pdf"),
    ):
        code, stdout, err = run(capsys, *args)
        assert code == EXIT_BAD_INPUT, (args, err)
        assert "Traceback" not in err and "internal error" not in err, err
        (line,) = err.splitlines()
        assert ERROR_LINE.match(line), line
        assert seen is None or line == seen, (args, line)
        seen = line
        assert stdout == "" and list(out.iterdir()) == [], args
    stream = io.StringIO()
    assert watch(spec, out / "proof.pdf", stream=stream, source=_NoChange()) == 0
    report = stream.getvalue()
    assert "1 error, waiting for a change" in report and f"  {seen}\n" in report, report
    assert list(out.iterdir()) == []
    out.rmdir()
    assert digest(tmp_path) == before
    assert seen is not None
    return seen


@pytest.mark.parametrize(
    ("name", "make", "words"), [c[1:] for c in BAD_IMAGES], ids=[c[0] for c in BAD_IMAGES]
)
def test_a_bad_article_photo_is_refused_in_every_mode(capsys, tmp_path, name, make, words):
    spec, record, text, image = article_photo(tmp_path, name, make())
    line = refused_everywhere(capsys, tmp_path, spec)
    m = ERROR_LINE.match(line)
    assert Path(m["file"]).resolve() == record.resolve()
    assert (int(m["line"]), int(m["column"])) == where(text, f"../images/{name}")
    assert m["rest"].startswith("photos[0].file: image file "), line
    assert "(placed by box 'photo' at " in line
    for word in words:
        assert word in line, line


@pytest.mark.parametrize(
    ("name", "make", "words"), [c[1:] for c in BAD_IMAGES], ids=[c[0] for c in BAD_IMAGES]
)
def test_a_bad_box_image_is_refused_in_every_mode(capsys, tmp_path, name, make, words):
    spec, text, image = box_image(tmp_path, name, make())
    line = refused_everywhere(capsys, tmp_path, spec)
    m = ERROR_LINE.match(line)
    assert Path(m["file"]).resolve() == spec.resolve()
    assert (int(m["line"]), int(m["column"])) == where(text, f"pic/{name}")
    assert m["rest"].startswith("boxes[0].image: image file "), line
    for word in words:
        assert word in line, line


def test_load_spec_names_the_box_image(tmp_path: Path):
    spec, text, image = box_image(tmp_path, "p.jpg", JPEG[:100])
    with pytest.raises(SpecErrors) as info:
        load_spec(spec)
    (error,) = info.value.errors
    assert error.key_path == "boxes[0].image"
    assert (error.pos.line, error.pos.column) == where(text, "pic/p.jpg")
    assert error.message == f"image file '{image}': truncated JPEG: the file ends in its header"
    image.unlink()
    with pytest.raises(SpecErrors, match="does not exist"):
        load_spec(spec)

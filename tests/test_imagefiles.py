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

import numpy as np
import pytest
from PIL import Image

from layout import imagefiles, jpeg
from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, SpecErrors
from layout.imagefiles import (
    EXCERPT,
    MAX_PIXELS,
    ImageFileError,
    ImageInfo,
    data_size,
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
        [
            "20000 × 20000 pixels (400 megapixels)",
            "PNG limit of 89.5 megapixels",
            "resize it to at most 9459 × 9459, or save it as a JPEG",
        ],
    ),
    (
        "bomb-jpeg",
        "p.jpg",
        lambda: bomb_jpeg(40000, 40000),
        ["40000 × 40000 pixels", "JPEG limit of 1431.7 megapixels", "decompression bomb?"],
    ),
    (
        "32-bit-grey",
        "p.tif",
        lambda: encoded(Image.new("I", (40, 30)), "TIFF"),
        ["32-bit integer grey (mode I) is not supported"],
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
    ("16-bit-grey-png", "p.png", lambda: encoded(Image.new("I;16", (40, 30), 30000), "PNG")),
    ("16-bit-grey-tiff", "p.tif", lambda: encoded(Image.new("I;16", (40, 30), 30000), "TIFF")),
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


def test_16_bit_grey_is_scaled_to_8_bits_not_clipped():
    levels = np.array([[0, 256, 257, 30000, 65278, 65535]], dtype=np.uint16)
    for mode, order in (("I;16", "<u2"), ("I;16B", ">u2")):
        im = Image.frombytes(mode, (6, 1), levels.astype(order).tobytes())
        grey = imagefiles.eight_bit(im)
        assert grey.mode == "L"
        assert np.asarray(grey).tolist() == [[0, 1, 1, 117, 254, 255]]
    assert imagefiles.eight_bit(noise((4, 3), "L")).mode == "L"  # 8-bit: itself


def test_the_transparent_level_of_16_bit_grey_prints_as_the_paper(tmp_path: Path):
    im = Image.fromarray(np.array([[300, 301, 0]], dtype=np.uint16))
    path = tmp_path / "key.png"
    im.save(path, transparency=300)
    with Image.open(path) as opened:
        assert opened.mode == "I;16"
        assert np.asarray(imagefiles.flattened(opened)).tolist() == [[255, 1, 0]]
    assert imagefiles.transparent_pixels(verify_image(path))


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


def test_a_file_of_another_format_is_told_what_the_caller_takes(tmp_path: Path):
    """The formats by their signatures; a caller that takes a format besides pictures (an
    advert's PDF) has it named in the reason, first."""
    assert [imagefiles.signature_format(d) for d in (JPEG, PNG, b"MM\x00*" + bytes(12))] == [
        "JPEG",
        "PNG",
        "TIFF",
    ]
    assert imagefiles.signature_format(b"%PDF-1.4\n") is None
    text, gif = tmp_path / "ad.pdf", tmp_path / "ad.gif"
    text.write_bytes(TEXT.encode())
    gif.write_bytes(encoded(Image.new("P", (40, 30)), "GIF"))
    prefix = TEXT.encode()[:16]
    assert imagefiles.not_supported(text, prefix) == (
        "not an image (JPEG, PNG, TIFF): it starts with b'hello wo'"
    )
    assert imagefiles.not_supported(text, prefix, also="PDF") == (
        "not a PDF file or an image (JPEG, PNG, TIFF): it starts with b'hello wo'"
    )
    assert imagefiles.not_supported(gif, b"GIF89a", also="PDF") == (
        "GIF images are not supported: save it as PDF, JPEG, PNG, TIFF"
    )
    # An iPhone's photo (HEIF, which Pillow does not read): named as such.
    for brand in (b"heic", b"mif1", b"hevc"):
        heic = tmp_path / f"IMG_0001.{brand.decode()}.jpg"
        heic.write_bytes(b"\x00\x00\x00\x18ftyp" + brand + bytes(200))
        with pytest.raises(ImageFileError) as raised:
            imagefiles.verify_image(heic)
        assert "an iPhone HEIC photo (HEIF), which is not supported: convert it to JPEG" in str(
            raised.value
        )


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
    with pytest.raises(ImageFileError, match="over the PNG limit"):
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


# --------------------------------------------------------------------------- JPEG headers
# read_header reads a JPEG's header without Pillow (layout.jpeg) where it can; it must report
# exactly what Pillow's reader did, and refuse what it refused with the same sentence.


def pillow_header(path: Path) -> ImageInfo | str:
    """What read_header reported when Pillow read every header: the info, or the error."""
    try:
        with imagefiles._open(path) as im:
            return imagefiles._info(path, im)
    except ImageFileError as exc:
        return str(exc)


def header_outcome(path: Path) -> ImageInfo | str:
    try:
        return read_header(path)
    except ImageFileError as exc:
        return str(exc)


def icc_chunks(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each APP2 ICC_PROFILE segment of a JPEG, its marker included."""
    spans, at = [], 2
    while data[at + 1] != 0xDA:
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if data[at + 1] == 0xE2 and data[at + 4 : at + 16] == b"ICC_PROFILE\0":
            spans.append((at, end))
        at = end
    return spans


def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _big_icc_reordered() -> bytes:
    """A JPEG whose 3-chunk ICC profile has its chunks stored out of order."""
    data = encoded(noise((40, 30)), "JPEG", icc_profile=random.Random(3).randbytes(150_000))
    (a0, a1), (b0, b1), (c0, c1) = icc_chunks(data)
    return data[:a0] + data[c0:c1] + data[a0:a1] + data[b0:b1] + data[c1:]


def _icc_miscounted() -> bytes:
    """A JPEG whose ICC chunk says it is one of 2: Pillow drops the profile."""
    data = bytearray(encoded(noise((40, 30)), "JPEG", icc_profile=srgb_profile()))
    (start, _end), *_ = icc_chunks(bytes(data))
    data[start + 17] = 2
    return bytes(data)


def _adobe_transform(transform: int) -> bytes:
    """A CMYK JPEG whose Adobe APP14 segment names ``transform`` (2: YCCK)."""
    data = bytearray(encoded(noise((40, 30), "CMYK"), "JPEG"))
    at = data.index(b"\xff\xee")
    assert data[at + 4 : at + 9] == b"Adobe"
    data[at + 4 + 11] = transform
    return bytes(data)


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotated
    exif[0x0128], exif[0x011A], exif[0x011B] = 2, 300.0, 300.0
    return encoded(noise((40, 30)), "JPEG", exif=exif.tobytes())


def _photoshop(blocks: bytes) -> bytes:
    """A JPEG with an APP13 Photoshop segment holding ``blocks``."""
    body = b"Photoshop 3.0\x00" + blocks
    data = encoded(noise((24, 16)), "JPEG")
    return data[:2] + b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body + data[2:]


MADE_JPEGS: list[tuple[str, Callable[[], bytes]]] = [
    ("grey", lambda: encoded(noise((41, 29), "L"), "JPEG")),
    ("rgb", lambda: JPEG),
    ("rgb-4:4:4", lambda: encoded(noise((41, 29)), "JPEG", subsampling=0)),
    ("cmyk", lambda: encoded(noise((41, 29), "CMYK"), "JPEG")),
    ("cmyk-ycck-transform", lambda: _adobe_transform(2)),
    ("progressive", lambda: encoded(noise((64, 48)), "JPEG", progressive=True)),
    ("progressive-grey", lambda: encoded(noise((64, 48), "L"), "JPEG", progressive=True)),
    ("progressive-cmyk", lambda: encoded(noise((64, 48), "CMYK"), "JPEG", progressive=True)),
    ("optimized", lambda: encoded(noise((64, 48)), "JPEG", optimize=True)),
    ("restart-markers", lambda: encoded(noise((64, 48)), "JPEG", restart_marker_blocks=1)),
    ("icc-srgb", lambda: encoded(noise((40, 30)), "JPEG", icc_profile=srgb_profile())),
    ("icc-grey", lambda: encoded(noise((40, 30), "L"), "JPEG", icc_profile=srgb_profile())),
    ("icc-3-chunks-reordered", _big_icc_reordered),
    ("icc-miscounted", _icc_miscounted),
    ("exif", _exif),
    ("dpi", lambda: encoded(noise((40, 30)), "JPEG", dpi=(300, 300))),
    ("comment", lambda: encoded(noise((40, 30)), "JPEG", comment=b"a caption")),
    ("photoshop", lambda: _photoshop(b"8BIM\x04\x04\x00\x00\x00\x00\x00\x02ab")),
    ("photoshop-cut-size", lambda: _photoshop(b"8BIM\x04\x04\x00\x00\x00")),
    ("one-pixel", lambda: encoded(Image.new("RGB", (1, 1)), "JPEG")),
    ("big", lambda: bomb_jpeg(9000, 9000)),
]


def _repository_jpegs() -> list[Path]:
    return sorted(
        p for p in REPO.rglob("*.jp*g") if not ({".git", ".venv"} & set(p.parts)) and p.is_file()
    )


@pytest.mark.parametrize("path", _repository_jpegs(), ids=lambda p: str(p.relative_to(REPO)))
def test_a_repository_jpeg_header_is_read_as_pillow_reads_it(path: Path):
    assert jpeg.header(path.read_bytes()) is not None  # read without Pillow
    assert read_header(path) == pillow_header(path)


def test_the_repository_has_jpegs_to_compare():
    assert len(_repository_jpegs()) >= 2


@pytest.mark.parametrize(("name", "make"), MADE_JPEGS, ids=[c[0] for c in MADE_JPEGS])
def test_a_jpeg_header_is_read_as_pillow_reads_it(tmp_path: Path, name: str, make):
    path = tmp_path / "p.jpg"
    path.write_bytes(make())
    found = jpeg.header(path.read_bytes())
    assert found is not None  # read without Pillow, not left to it
    assert read_header(path) == pillow_header(path)
    with Image.open(path) as im:
        assert (found.size, found.mode) == (im.size, im.mode)
        assert found.icc_profile == (im.info.get("icc_profile") or b"")


def test_the_icc_chunks_are_joined_in_sequence_and_a_miscount_drops_them(tmp_path: Path):
    # The cases above would pass vacuously if neither made a profile.
    profile = random.Random(3).randbytes(150_000)
    found = jpeg.header(_big_icc_reordered())
    assert found is not None and found.icc_profile == profile
    assert jpeg.header(_icc_miscounted()) == jpeg.header(_icc_miscounted())._replace(
        icc_profile=b""
    )
    assert jpeg.header(encoded(noise((40, 30)), "JPEG", icc_profile=srgb_profile())) is not None


def test_every_cut_of_a_jpeg_header_is_refused_as_pillow_refuses_it(tmp_path: Path):
    data = encoded(noise((40, 30)), "JPEG", icc_profile=srgb_profile(), exif=b"Exif\0\0MM")
    scan = data.index(b"\xff\xda")
    path = tmp_path / "p.jpg"
    for cut in range(1, scan + 40):
        path.write_bytes(data[:cut])
        assert header_outcome(path) == pillow_header(path), cut


def test_a_damaged_jpeg_header_is_read_or_refused_as_pillow_does(tmp_path: Path):
    data = encoded(noise((40, 30)), "JPEG", icc_profile=srgb_profile())
    scan = data.index(b"\xff\xda") + 14
    rng = random.Random(16)
    path = tmp_path / "p.jpg"
    refused = 0
    for trial in range(400):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(2, scan)] = rng.choice(
                (0x00, 0xFF, 0xC0, 0xDA, rng.randrange(256))
            )
        path.write_bytes(damaged)
        outcome = pillow_header(path)
        refused += isinstance(outcome, str)
        assert header_outcome(path) == outcome, trial
    assert refused > 0  # the damage was seen (the comparison is not only of good files)


def test_garbage_after_a_jpeg_signature_is_refused_as_pillow_refuses_it(tmp_path: Path):
    rng = random.Random(8)
    path = tmp_path / "p.jpg"
    for size in (0, 1, 2, 5, 40, 300, 5000):
        path.write_bytes(b"\xff\xd8\xff" + rng.randbytes(size))
        outcome = pillow_header(path)
        assert isinstance(outcome, str)
        assert header_outcome(path) == outcome


def test_press_image_reads_the_size_of_a_jpeg_without_pillow():
    for data in (JPEG, PNG, _adobe_transform(0)):
        with Image.open(io.BytesIO(data)) as im:
            assert data_size(data) == im.size
    with pytest.raises(ValueError, match="not an image"):
        data_size(b"GIF89a" + bytes(20))


def test_a_crop_is_coded_in_the_format_pillow_opens_the_photo_in():
    """The proof-colour crop's cache entry is named before the photo is opened: JPEG for a
    JPEG, PNG for anything else, and for a multi-picture JPEG (Image.open makes it an MPO)."""
    from layout.render.images import _crop_format

    pictures = [make() for _name, make in MADE_JPEGS]
    mpo = io.BytesIO()
    noise((24, 16)).save(mpo, "MPO", save_all=True, append_images=[noise((24, 16), seed=1)])
    pictures += [mpo.getvalue(), PNG, encoded(noise((24, 16)), "TIFF")]
    for data in pictures:
        with Image.open(io.BytesIO(data)) as im:
            assert _crop_format(data) == ("JPEG" if im.format == "JPEG" else "PNG")
    assert _crop_format(mpo.getvalue()) == "PNG"  # the MPO case is met (not vacuous)


# EXIF 2.32 / TIFF 6.0 tag 0x0112 Orientation: what turns the upright picture into the pixels
# a camera stores under each value (the inverse of ImageOps.exif_transpose's table).
STORED_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
QUADRANTS = ((220, 30, 30), (30, 180, 30), (30, 30, 220), (230, 210, 20))  # red top-left, …


def quadrants(size: tuple[int, int]) -> Image.Image:
    """Red top-left, green top-right, blue bottom-left, yellow bottom-right."""
    w, h = size
    image = Image.new("RGB", size)
    for i, colour in enumerate(QUADRANTS):
        x, y = (i % 2) * w // 2, (i // 2) * h // 2
        image.paste(colour, (x, y, x + w // 2, y + h // 2))
    return image


def oriented(upright: Image.Image, orientation: int, path: Path, fmt: str = "JPEG") -> Path:
    """``upright`` stored as a camera stores it under EXIF ``orientation``, tagged so."""
    method = STORED_AS[orientation]
    stored = upright if method is None else upright.transpose(method)
    exif = Image.Exif()
    exif[imagefiles.ORIENTATION_TAG] = orientation
    stored.save(path, fmt, exif=exif, **({"quality": 95} if fmt == "JPEG" else {}))
    return path


def corner_colours(image: Image.Image) -> list[tuple[int, ...]]:
    """The colour at the middle of each quadrant (top-left, top-right, bottom-left, -right)."""
    w, h = image.size
    rgb = image.convert("RGB")
    return [
        rgb.getpixel((w * (1 + 2 * (i % 2)) // 4, h * (1 + 2 * (i // 2)) // 4)) for i in range(4)
    ]


def near(found: list[tuple[int, ...]], wanted: tuple[tuple[int, ...], ...]) -> bool:
    return all(
        max(abs(a - b) for a, b in zip(f, w, strict=True)) < 40
        for f, w in zip(found, wanted, strict=True)
    )


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
def test_an_oriented_image_is_reported_upright(tmp_path: Path, orientation: int, fmt: str):
    path = oriented(quadrants((60, 40)), orientation, tmp_path / f"p.{fmt.lower()}", fmt)
    info = verify_image(path)
    # Pillow's TIFF reader turns a TIFF upright itself: its pixels need no more turning.
    turn = 1 if fmt == "TIFF" else orientation
    assert (info.size, info.orientation) == ((60, 40), turn)
    assert read_header(path) == info == pillow_header(path)  # layout.jpeg reads it as Pillow
    assert imagefiles.data_shape(path.read_bytes()) == ((60, 40), turn)
    if fmt == "JPEG":
        assert jpeg.header(path.read_bytes()).orientation == orientation  # without Pillow
    with Image.open(path) as im:
        turned = imagefiles.upright(im, info.orientation)
        assert turned.size == (60, 40)
        assert near(corner_colours(turned), QUADRANTS)


def test_an_orientation_only_in_xmp_is_read_by_pillow(tmp_path: Path):
    path = tmp_path / "xmp.jpg"
    xmp = b'<x:xmpmeta><rdf:Description tiff:Orientation="6"/></x:xmpmeta>'
    quadrants((60, 40)).transpose(Image.Transpose.ROTATE_90).save(path, xmp=xmp)
    assert jpeg.header(path.read_bytes()) is None  # left to Pillow, which reads the XMP
    info = read_header(path)
    assert (info.size, info.orientation) == ((60, 40), 6)


def test_an_odd_orientation_value_is_taken_as_upright(tmp_path: Path):
    path = tmp_path / "odd.jpg"
    exif = Image.Exif()
    exif[imagefiles.ORIENTATION_TAG] = 9
    quadrants((60, 40)).save(path, exif=exif)
    assert read_header(path) == pillow_header(path)
    assert (read_header(path).size, read_header(path).orientation) == ((60, 40), 1)


# Transparency: flattened on white paper, found once per file.

# Each picture wholly transparent, its hidden colour black; and how it is saved.
TRANSPARENT: dict[str, tuple[Callable[[], Image.Image], dict[str, object]]] = {
    "rgba": (lambda: Image.new("RGBA", (40, 30), (0, 0, 0, 0)), {}),
    "la": (lambda: Image.new("LA", (40, 30), (0, 0)), {}),
    "palette-trns": (lambda: Image.new("P", (40, 30), 0), {"transparency": 0}),
    "rgb-colour-key": (lambda: Image.new("RGB", (40, 30), (0, 0, 0)), {"transparency": (0, 0, 0)}),
}


@pytest.mark.parametrize("name", list(TRANSPARENT))
def test_a_transparent_pixel_is_white_paper_not_its_hidden_colour(tmp_path: Path, name: str):
    make, options = TRANSPARENT[name]
    path = tmp_path / f"{name}.png"
    make().save(path, **options)
    with Image.open(path) as im:
        assert imagefiles.has_transparency(im)
        flat = imagefiles.flattened(im)
    assert flat.mode == ("L" if name == "la" else "RGB")
    assert flat.getextrema() in ((255, 255), ((255, 255),) * 3)  # white, never black
    assert imagefiles.transparent_pixels(read_header(path))


def test_an_opaque_picture_is_its_own_flattening_and_has_no_transparent_pixel(tmp_path: Path):
    rgba = Image.new("RGBA", (40, 30), (200, 30, 30, 255))
    rgba.putpixel((3, 3), (10, 20, 30, 255))
    path = tmp_path / "opaque.png"
    rgba.save(path)
    with Image.open(path) as im:
        im.load()
        flat = imagefiles.flattened(im)
        assert flat.getpixel((3, 3)) == (10, 20, 30) and flat.getpixel((0, 0)) == (200, 30, 30)
    assert not imagefiles.transparent_pixels(read_header(path))
    jpeg_path = tmp_path / "plain.jpg"
    Image.new("RGB", (40, 30), (0, 0, 0)).save(jpeg_path)
    with Image.open(jpeg_path) as im:
        assert not imagefiles.has_transparency(im) and imagefiles.flattened(im) is im
    assert not imagefiles.transparent_pixels(read_header(jpeg_path))


def test_a_half_transparent_pixel_is_blended_with_the_paper(tmp_path: Path):
    path = tmp_path / "half.png"
    Image.new("RGBA", (4, 4), (0, 0, 0, 128)).save(path)
    with Image.open(path) as im:
        (r, g, b) = imagefiles.flattened(im).getpixel((0, 0))
    assert 120 <= r == g == b <= 135  # half black on white: mid grey
    assert imagefiles.transparent_pixels(read_header(path))


def test_transparency_found_in_another_process_is_not_decoded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "cut.png"
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(path)
    assert imagefiles.transparent_pixels(read_header(path))
    imagefiles._transparent.cache_clear()  # as a new process finds it: only the record
    opened: list[Path] = []
    monkeypatch.setattr(imagefiles, "_open", lambda p: opened.append(p))
    assert imagefiles.transparent_pixels(read_header(path)) and opened == []
    # the file changed: decoded again, and its new answer kept
    monkeypatch.undo()
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    Image.new("RGBA", (40, 30), (0, 0, 0, 255)).save(path)
    assert not imagefiles.transparent_pixels(read_header(path))


def test_a_phone_s_large_jpeg_passes_its_header_a_png_as_large_does_not(tmp_path: Path):
    """A JPEG is decoded at the DCT scale its print needs (layout.render.images), never
    whole: a 200-megapixel phone photo's header passes where a PNG's of that size is refused,
    with the size to resize it to."""
    phone = tmp_path / "phone.jpg"
    phone.write_bytes(bomb_jpeg(16320, 12240))  # 200 megapixels
    assert image_size(phone) == (16320, 12240) and MAX_PIXELS < 16320 * 12240
    png = tmp_path / "scan.png"
    png.write_bytes(bomb_png(16320, 12240))
    with pytest.raises(ImageFileError, match="resize it to at most 10922 × 8191,"):
        image_size(png)
    over = tmp_path / "over.jpg"
    over.write_bytes(bomb_jpeg(40000, 40000))
    with pytest.raises(ImageFileError, match=r"resize it to at most 37837 × 37837$"):
        image_size(over)

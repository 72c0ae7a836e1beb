"""The press profile (``press.profile``): only a CMYK output ICC profile is accepted, and a
refused file is one positioned error, exit 2, no PDF (``/etc/passwd`` was once embedded).
The good profile is Ghostscript's generic CMYK (Debian: libgs-common, which tools/setup.sh
installs); the bad ones are made from it and from Pillow's built-in sRGB profile."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, SpecErrors
from layout.iccprofile import IccError, check_output_profile, embedded_profile_problem
from layout.spec import load_spec

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
ARTICLES = REPO / "articles"
MANIFEST = REPO / "fonts" / "manifest.yaml"
GHOSTSCRIPT_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
ERROR_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")

needs_gs = pytest.mark.skipif(
    not GHOSTSCRIPT_CMYK.is_file(), reason="Ghostscript's CMYK profile is not installed"
)


def cmyk() -> bytes:
    return GHOSTSCRIPT_CMYK.read_bytes()


def patched(data: bytes, at: int, value: bytes) -> bytes:
    return data[:at] + value + data[at + len(value) :]


def srgb() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n" * 4

# (id, the file's bytes, words of the reason)
BAD_PROFILES = [
    ("text-file", lambda: PASSWD.encode(), ["no 'acsp' signature at byte 36", "b'root:x:0'"]),
    ("short", lambda: b"acsp" * 10, ["40 bytes, shorter than the 128-byte ICC header"]),
    ("empty", lambda: b"", ["0 bytes"]),
    ("display-profile", srgb, ["display ('mntr') profile, not an output ('prtr') profile"]),
    ("truncated", lambda: cmyk()[:5000], ["truncated ICC profile", "declares 187484 bytes"]),
    ("rgb-output", lambda: patched(cmyk(), 16, b"RGB "), ["output profile for RGB data"]),
    ("device-link", lambda: patched(cmyk(), 12, b"link"), ["device link ('link')"]),
    (
        "damaged-tags",
        # the tag table after the header: its count and first entries zeroed
        lambda: patched(cmyk(), 128, bytes(64)),
        ["littleCMS cannot use it"],
    ),
]


@needs_gs
def test_the_ghostscript_cmyk_profile_passes():
    header = check_output_profile(GHOSTSCRIPT_CMYK)
    assert (header.device_class, header.colour_space) == (b"prtr", b"CMYK")
    assert header.size == GHOSTSCRIPT_CMYK.stat().st_size


@needs_gs
@pytest.mark.parametrize(
    ("make", "words"), [c[1:] for c in BAD_PROFILES], ids=[c[0] for c in BAD_PROFILES]
)
def test_a_bad_profile_is_refused_with_its_reason(tmp_path: Path, make, words):
    path = tmp_path / "press.icc"
    path.write_bytes(make())
    with pytest.raises(IccError) as info:
        check_output_profile(path)
    for word in words:
        assert word in info.value.reason, info.value.reason
    assert "daemon" not in info.value.reason  # an excerpt, never the file


def test_not_a_file(tmp_path: Path):
    with pytest.raises(IccError, match="folder"):
        check_output_profile(tmp_path)
    with pytest.raises(IccError, match="not a regular file"):
        check_output_profile(Path("/dev/zero"))  # never read: it has no end
    with pytest.raises(IccError, match="does not exist"):
        check_output_profile(tmp_path / "nope.icc")


def test_embedded_profile_problems():
    assert embedded_profile_problem(srgb(), "RGB") is None
    assert embedded_profile_problem(b"", "RGB") is None
    assert embedded_profile_problem(b"junk", "CMYK") is None  # not used for CMYK photos
    assert "not an ICC profile" in (embedded_profile_problem(b"junk" * 40, "RGB") or "")


# --------------------------------------------------------------------------- spec and CLI

BASE = (
    FRONT_TEXT.read_text(encoding="utf-8")
    .replace("articles: ../../articles", f"articles: {ARTICLES}")
    .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {MANIFEST}")
)
BOX = "  - {id: masthead, kind: masthead, at: {column: 1, span: 5, line: 1, lines: 11}}\n"


def page(tmp_path: Path, profile: Path | str) -> tuple[Path, str]:
    head = BASE[: BASE.index("\nboxes:")]
    text = f"{head}\npress:\n  profile: {profile}\nboxes:\n{BOX}"
    spec = tmp_path / "page.yaml"
    spec.write_text(text, encoding="utf-8")
    return spec, text


@needs_gs
@pytest.mark.parametrize(
    ("make", "words"), [c[1:] for c in BAD_PROFILES], ids=[c[0] for c in BAD_PROFILES]
)
def test_a_bad_press_profile_is_one_positioned_error(capsys, tmp_path: Path, make, words):
    profile = tmp_path / "press.icc"
    profile.write_bytes(make())
    spec, text = page(tmp_path, "press.icc")
    out = tmp_path / "out"
    out.mkdir()
    before = profile.read_bytes()
    lines = set()
    for args in (
        ["check", str(spec)],
        ["build", str(spec), "-o", str(out / "page.pdf")],
        ["build", str(spec), "--no-pdfx", "-o", str(out / "page.pdf")],
    ):
        assert main(args) == EXIT_BAD_INPUT
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        (line,) = captured.err.splitlines()
        lines.add(line)
        assert list(out.iterdir()) == []
    (line,) = lines
    m = ERROR_LINE.match(line)
    assert Path(m["file"]).resolve() == spec.resolve()
    assert int(m["line"]) == text[: text.index("press.icc")].count("\n") + 1
    assert m["rest"].startswith("press.profile: ICC profile "), line
    for word in words:
        assert word in line, line
    assert profile.read_bytes() == before


def test_etc_passwd_is_not_embedded(tmp_path: Path):
    passwd = tmp_path / "passwd"
    passwd.write_text(PASSWD, encoding="utf-8")
    spec, _ = page(tmp_path, passwd)
    with pytest.raises(SpecErrors) as info:
        load_spec(spec)
    (error,) = info.value.errors
    assert error.key_path == "press.profile"
    assert "not an ICC profile" in error.message and "b'root:x:0'" in error.message


@needs_gs
def test_a_good_press_profile_is_the_output_intent(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    spec, _ = page(tmp_path, GHOSTSCRIPT_CMYK)
    out = tmp_path / "page.pdf"
    assert main(["build", str(spec), "-o", str(out)]) == 0
    with pikepdf.open(out) as pdf:
        (intent,) = pdf.Root.OutputIntents
        embedded = intent.DestOutputProfile.read_bytes()
    assert embedded == cmyk()
    assert struct.unpack_from(">I", embedded)[0] == len(embedded)

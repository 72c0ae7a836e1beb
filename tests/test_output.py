"""Output files (``layout.output``): complete or absent, never written over an input.

- ``write_file``: the file appears in one step (O_TMPFILE on Linux: no name at all while it is
  written; elsewhere a recognisable hidden name), short writes are continued, a failing
  write (a full disk: the ``write`` system call of the writer fails as ENOSPC does) leaves the
  previous file and nothing else; a process killed in the middle of a write leaves nothing,
  or a hidden file the next write sweeps.
- ``check_output`` through the CLI: an output path that is the spec, an article record, a
  photo, the fonts manifest, a font file or the press profile (directly, through a symbolic
  or hard link, or a path with ``..``), a folder, ``/dev/null`` or a FIFO: exit 2, one line,
  the input unchanged, nothing written.
- Write failures through the CLI: a path under a regular file, a read-only file system, a
  real full disk (a small tmpfs in a private mount namespace, where the system allows one):
  exit 3, one line, the previous PDF intact.
- Killed builds and two builds at once: a short run of ``tools/kill_build.py``.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from layout import output
from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, EXIT_WRITE_FAILED, OutputError
from layout.output import (
    TEMP_SUFFIX,
    WRITTEN,
    InputFile,
    check_output,
    input_at,
    sweep,
    write_cache_file,
    write_file,
    write_files,
)

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
GENERIC_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
HAS_TMPFILE = hasattr(os, "O_TMPFILE")
STRATEGIES = [
    pytest.param(
        True, id="unnamed", marks=pytest.mark.skipif(not HAS_TMPFILE, reason="no O_TMPFILE")
    ),
    pytest.param(False, id="named"),
]

STORY = """\
  - id: story
    kind: article
    article: labour
    at: {column: 1, span: 2, line: 1, lines: 12}
    headline: {lines: 6}
"""


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# --------------------------------------------------------------------------- write_file


@pytest.mark.parametrize("unnamed", STRATEGIES)
def test_write_file_makes_its_folder_and_a_complete_file(tmp_path: Path, unnamed: bool):
    out = tmp_path / "a" / "b" / "page.pdf"
    assert write_file(out, b"%PDF-1.4 one", unnamed=unnamed) == out
    assert out.read_bytes() == b"%PDF-1.4 one"
    assert listing(out.parent) == ["page.pdf"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # as any new file


@pytest.mark.parametrize("unnamed", STRATEGIES)
def test_write_file_replaces_the_previous_file(tmp_path: Path, unnamed: bool):
    out = tmp_path / "page.pdf"
    out.write_bytes(b"old")
    before = out.stat().st_ino
    write_file(out, b"new" * 1000, unnamed=unnamed)
    assert out.read_bytes() == b"new" * 1000
    assert out.stat().st_ino != before  # a new file renamed over it, not the old one rewritten
    assert listing(tmp_path) == ["page.pdf"]


@pytest.mark.skipif(not HAS_TMPFILE, reason="no O_TMPFILE")
def test_an_unnamed_file_has_no_name_while_it_is_written(tmp_path: Path):
    out = tmp_path / "page.pdf"
    out.write_bytes(b"old")
    seen: list[list[str]] = []

    def watching_write(fd: int, data: memoryview) -> int:
        seen.append(listing(tmp_path))
        return os.write(fd, data[:4096])

    write_file(out, b"x" * 20_000, unnamed=True, write=watching_write)
    assert len(seen) == 5
    assert all(names == ["page.pdf"] for names in seen)  # nothing with a name but the old one
    assert out.read_bytes() == b"x" * 20_000


def test_a_named_temporary_file_is_hidden_and_recognisable(tmp_path: Path):
    out = tmp_path / "page.pdf"
    seen: list[list[str]] = []

    def watching_write(fd: int, data: memoryview) -> int:
        seen.append(listing(tmp_path))
        return os.write(fd, data)

    write_file(out, b"data", unnamed=False, write=watching_write)
    ((name,),) = seen
    assert name.startswith(f".page.pdf.{os.getpid()}-") and name.endswith(TEMP_SUFFIX)
    assert listing(tmp_path) == ["page.pdf"]


@pytest.mark.parametrize("unnamed", STRATEGIES)
def test_short_writes_are_continued(tmp_path: Path, unnamed: bool):
    data = bytes(range(256)) * 40
    out = tmp_path / "page.pdf"
    write_file(out, data, unnamed=unnamed, write=lambda fd, view: os.write(fd, view[:7]))
    assert out.read_bytes() == data


def full_disk_after(limit: int):
    """A ``write`` that takes ``limit`` bytes, then fails as write(2) on a full disk does."""
    room = [limit]

    def write(fd: int, data: memoryview) -> int:
        if room[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = os.write(fd, data[: room[0]])
        room[0] -= written
        return written

    return write


@pytest.mark.parametrize("unnamed", STRATEGIES)
def test_a_full_disk_leaves_the_previous_file_and_nothing_else(tmp_path: Path, unnamed: bool):
    out = tmp_path / "page.pdf"
    out.write_bytes(b"the good page")
    with pytest.raises(OutputError) as caught:
        write_file(out, b"y" * 50_000, unnamed=unnamed, write=full_disk_after(10_000))
    error = caught.value
    assert error.exit_code == EXIT_WRITE_FAILED and not error.refused
    assert "disk is full" in str(error) and "ENOSPC" in str(error)
    assert "the file there is as it was" in str(error)
    assert len(str(error).splitlines()) == 1
    assert out.read_bytes() == b"the good page"
    assert listing(tmp_path) == ["page.pdf"]


def test_a_full_disk_with_no_previous_file_writes_nothing(tmp_path: Path):
    with pytest.raises(OutputError, match="nothing was written"):
        write_file(tmp_path / "page.pdf", b"y" * 100, write=full_disk_after(10))
    assert listing(tmp_path) == []


def test_a_path_under_a_regular_file(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    for out in (notes / "page.pdf", notes / "deeper" / "page.pdf"):
        with pytest.raises(OutputError, match=r"a folder on the path is a file \(ENOTDIR\)"):
            write_file(out, b"data")
    assert notes.read_text(encoding="utf-8") == "keep me"
    assert listing(tmp_path) == ["notes.txt"]


def test_a_folder_at_the_path_is_not_replaced(tmp_path: Path):
    folder = tmp_path / "page.pdf"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(OutputError, match="EISDIR"):
        write_file(folder, b"data")
    assert listing(folder) == ["inside"]
    assert listing(tmp_path) == ["page.pdf"]


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path):
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_file(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def dead_pid() -> int:
    """The pid of a process that has exited (and been waited for)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **CAPTURE)
    return int(done.stdout)


CAPTURE = {"capture_output": True, "text": True, "timeout": 120, "check": True}


def test_sweep_removes_the_files_of_processes_that_are_gone(tmp_path: Path):
    dead = tmp_path / f".page.pdf.{dead_pid()}-0123abcd{TEMP_SUFFIX}"
    mine = tmp_path / f".page.pdf.{os.getpid()}-0123abcd{TEMP_SUFFIX}"
    parent = tmp_path / f".page.pdf.{os.getppid()}-0123abcd{TEMP_SUFFIX}"
    others = [tmp_path / ".page.pdf.tmp", tmp_path / "page.pdf", tmp_path / f"x{TEMP_SUFFIX}"]
    for path in [dead, mine, parent, *others]:
        path.write_bytes(b"")
    assert sweep(tmp_path) == [dead]
    assert not dead.exists()
    assert all(p.exists() for p in [mine, parent, *others])
    assert sweep(tmp_path / "no-such-folder") == []


KILL_MID_WRITE = """
import os, signal, sys
from layout.output import write_file
path, strategy = sys.argv[1], sys.argv[2]
written = []
def dying_write(fd, data):
    if written:  # the second piece: killed in the middle of the file
        os.kill(os.getpid(), signal.SIGKILL)
    written.append(os.write(fd, data[:1000]))
    return written[-1]
write_file(path, b"x" * 100_000, unnamed=strategy == "unnamed", write=dying_write)
"""


@pytest.mark.parametrize("unnamed", STRATEGIES)
def test_a_process_killed_in_the_middle_of_a_write(tmp_path: Path, unnamed: bool):
    out = tmp_path / "page.pdf"
    out.write_bytes(b"the good page")
    strategy = "unnamed" if unnamed else "named"
    done = subprocess.run(
        [sys.executable, "-c", KILL_MID_WRITE, str(out), strategy],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert out.read_bytes() == b"the good page"
    left = [name for name in listing(tmp_path) if name != "page.pdf"]
    if unnamed:
        assert left == []  # a file without a name is freed by the kernel
    else:
        (name,) = left
        assert name.startswith(".page.pdf.") and name.endswith(TEMP_SUFFIX)
    write_file(out, b"the next page")  # the next write sweeps it
    assert listing(tmp_path) == ["page.pdf"]
    assert out.read_bytes() == b"the next page"


# --------------------------------------------------------------------------- check_output


def test_check_output_accepts_a_new_or_regular_file(tmp_path: Path):
    spec = tmp_path / "page.yaml"
    spec.write_text("x", encoding="utf-8")
    inputs = [InputFile(spec, "the page spec")]
    check_output(tmp_path / "new.pdf", inputs)
    check_output(tmp_path / "no" / "folder" / "new.pdf", inputs)
    (tmp_path / "old.pdf").write_bytes(b"old")
    check_output(tmp_path / "old.pdf", inputs)
    with pytest.raises(OutputError) as caught:
        check_output(tmp_path / "sub" / ".." / "page.yaml", inputs)
    assert caught.value.refused and caught.value.exit_code == EXIT_BAD_INPUT
    assert "is the page spec" in str(caught.value)


def test_check_output_compares_an_input_that_is_not_there_by_its_real_path(tmp_path: Path):
    """An output where nothing is yet is never a file that is there (compared by stat, not by
    resolving each input's real path), but an input that cannot be stat'd (a link to a file
    not made yet) is compared by its real path: writing where the link points is refused."""
    there = tmp_path / "page.yaml"
    there.write_text("x", encoding="utf-8")
    link = tmp_path / "article.txt"
    link.symlink_to(tmp_path / "missing.txt")
    inputs = [InputFile(there, "the page spec"), InputFile(link, "an article")]
    check_output(tmp_path / "new" / "page.pdf", inputs)
    with pytest.raises(OutputError) as caught:
        check_output(tmp_path / "missing.txt", inputs)
    assert caught.value.refused and "is an article" in str(caught.value)
    with pytest.raises(OutputError) as caught:
        check_output(tmp_path / "new" / ".." / "page.yaml", inputs)
    assert "is the page spec" in str(caught.value)


@pytest.fixture(scope="session")
def font_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped fonts copied once: a test that fails to refuse destroys only the copy."""
    folder = tmp_path_factory.mktemp("fonts") / "fonts"
    shutil.copytree(REPO / "fonts", folder)
    return folder / "manifest.yaml"


@pytest.fixture
def edition(tmp_path: Path, font_copy: Path) -> dict[str, Path]:
    """A copy of the sample edition (articles, images, a press profile) and a spec using it,
    with one story box: the inputs a refusal must protect."""
    shutil.copytree(REPO / "articles", tmp_path / "articles")
    shutil.copytree(REPO / "images", tmp_path / "images")
    paths = {
        "article": tmp_path / "articles" / "labour.yaml",
        "photo": tmp_path / "images" / "ladybird-mate-backgrounds.jpg",
        "manifest": font_copy,
        "font": font_copy.parent / "NotoSerifSC-Regular.ttf",
    }
    press = ""
    if GENERIC_CMYK.is_file():
        paths["profile"] = tmp_path / "press.icc"
        shutil.copy(GENERIC_CMYK, paths["profile"])
        press = f"press: {{profile: {paths['profile']}}}\n"
    text = (
        FRONT_TEXT.read_text(encoding="utf-8")
        .replace("articles: ../../articles", f"articles: {tmp_path / 'articles'}")
        .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {font_copy}")
    )
    spec = tmp_path / "page.yaml"
    spec.write_text(f"{text[: text.index(chr(10) + 'boxes:')]}\n{press}boxes:\n{STORY}", "utf-8")
    paths["spec"] = spec
    return paths


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


INPUT_KINDS = {
    "spec": "the page spec",
    "article": "an article record",
    "photo": "a photo",
    "manifest": "the fonts manifest",
    "font": "the font file of face song",
    "profile": "the press profile",
}


@pytest.mark.parametrize("command", ["build", "proof"])
@pytest.mark.parametrize("kind", list(INPUT_KINDS))
def test_an_input_is_never_the_output(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path], kind: str, command: str
):
    if kind not in edition:
        pytest.skip("no CMYK profile to copy")
    target = edition[kind]
    before = target.read_bytes()
    folder = edition["spec"].parent
    names = listing(folder)
    code, out, err = run_cli(capsys, command, edition["spec"], "-o", target)
    assert code == EXIT_BAD_INPUT
    line = one_line(err)
    assert line.startswith("banmian: cannot write ")
    assert f"is {INPUT_KINDS[kind]}" in line and "an input of this build" in line
    assert out == ""
    assert target.read_bytes() == before
    assert listing(folder) == names


def test_the_image_of_a_photo_box_is_never_the_output(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path]
):
    spec = edition["spec"]
    text = spec.read_text(encoding="utf-8")
    image = spec.parent / "box.jpg"
    shutil.copy(edition["photo"], image)
    at = "{column: 6, span: 3, line: 1, lines: 34}"
    spec.write_text(f"{text}  - {{id: photo, kind: photo, image: {image}, at: {at}}}\n", "utf-8")
    before = image.read_bytes()
    code, _, err = run_cli(capsys, "build", spec, "-o", image)
    assert code == EXIT_BAD_INPUT
    assert one_line(err) == (
        f"banmian: cannot write {image}: is an image, an input of this build; writing there "
        "would destroy it: give another output path"
    )
    assert image.read_bytes() == before


def test_links_and_dots_to_an_input_are_seen_through(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path], tmp_path: Path
):
    spec = edition["spec"]
    before = spec.read_bytes()
    symlink = tmp_path / "link.pdf"
    symlink.symlink_to(spec)
    hardlink = tmp_path / "hard.pdf"
    os.link(spec, hardlink)
    linked_folder = tmp_path / "elsewhere"
    linked_folder.symlink_to(tmp_path)
    for out in (symlink, hardlink, tmp_path / "articles" / ".." / "page.yaml",
                linked_folder / "page.yaml"):  # fmt: skip
        code, _, err = run_cli(capsys, "build", spec, "-o", out)
        assert code == EXIT_BAD_INPUT, out
        assert f"is the page spec ({spec}), an input" in one_line(err)
    assert spec.read_bytes() == before and symlink.is_symlink()


@pytest.mark.parametrize("command", ["build", "proof"])
def test_a_folder_a_device_or_a_fifo_is_not_an_output(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path], tmp_path: Path, command: str
):
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    cases = [(folder, "is a folder"), (fifo, "is a FIFO")]
    if Path("/dev/null").exists():
        cases.append((Path("/dev/null"), "is a character device"))
    for out, words in cases:
        code, _, err = run_cli(capsys, command, edition["spec"], "-o", out)
        assert code == EXIT_BAD_INPUT, out
        assert words in one_line(err)
    assert listing(folder) == []
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    if Path("/dev/null").exists():
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_proof_previews_are_checked_too(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path], tmp_path: Path
):
    """``proof -o shot.pdf --png`` writes shot-1.png: refused when that is the photo."""
    from PIL import Image

    shot = tmp_path / "shot-1.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(shot)
    record = edition["article"]
    text = record.read_text(encoding="utf-8")
    record.write_text(f"{text.rstrip()}\nphotos:\n- file: {shot}\n  caption: 图。\n", "utf-8")
    before = shot.read_bytes()
    proof = tmp_path / "shot.pdf"
    code, out, err = run_cli(capsys, "proof", edition["spec"], "-o", proof, "--png", "20")
    assert code == EXIT_BAD_INPUT, err
    assert "shot-1.png" in one_line(err) and "is a photo" in err
    assert shot.read_bytes() == before and not proof.exists()
    # without --png the preview is not written, so it is no obstacle
    code, out, err = run_cli(capsys, "proof", edition["spec"], "-o", proof)
    assert code == 0, err
    assert proof.is_file() and shot.read_bytes() == before


def test_watch_stops_on_a_refused_output(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path]
):
    code, _, err = run_cli(capsys, "watch", edition["spec"], "-o", edition["article"])
    assert code == EXIT_BAD_INPUT
    assert "is an article record" in one_line(err)


# --------------------------------------------------------------------------- write failures


def test_build_under_a_regular_file_exits_3(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path], tmp_path: Path
):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    code, out, err = run_cli(capsys, "build", edition["spec"], "-o", notes / "page.pdf")
    assert code == EXIT_WRITE_FAILED
    line = one_line(err)
    assert line == (
        f"banmian: cannot write {notes / 'page.pdf'}: a folder on the path is a file "
        "(ENOTDIR); nothing was written"
    )
    assert out == "" and notes.read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder (see the EROFS test)")
def test_build_into_a_folder_without_write_permission_exits_3(
    capsys: pytest.CaptureFixture[str], edition: dict[str, Path], tmp_path: Path
):
    folder = tmp_path / "locked"
    folder.mkdir()
    out = folder / "page.pdf"
    assert run_cli(capsys, "build", edition["spec"], "-o", out)[0] == 0
    good = out.read_bytes()
    folder.chmod(0o555)
    try:
        code, _, err = run_cli(capsys, "build", edition["spec"], "-o", out)
    finally:
        folder.chmod(0o755)
    assert code == EXIT_WRITE_FAILED
    assert "permission denied (EACCES); the file there is as it was" in one_line(err)
    assert out.read_bytes() == good and listing(folder) == ["page.pdf"]


# Runs in a private mount namespace: mounts a tmpfs on the folder (made read-only, or small),
# puts the previous PDF there, builds into it and tells what it found as JSON.
IN_A_TMPFS = """
import contextlib, io, json, os, subprocess, sys
from pathlib import Path
spec, folder, previous, options, remount = sys.argv[1:6]
subprocess.run(["mount", "-t", "tmpfs", "-o", options, "banmian-test", folder], check=True)
out = Path(folder) / "page.pdf"
out.write_bytes(Path(previous).read_bytes())
if remount:
    subprocess.run(["mount", "-o", "remount," + remount, folder], check=True)
from layout.cli import main
err = io.StringIO()
with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
    code = main(["build", spec, "-o", str(out), "--no-pdfx"])
print(json.dumps({"code": code, "err": err.getvalue(), "names": sorted(os.listdir(folder)),
                  "intact": out.read_bytes() == Path(previous).read_bytes()}))
"""


def in_a_tmpfs(spec: Path, folder: Path, previous: Path, options: str, remount: str = ""):
    unshare = shutil.which("unshare")
    ns = [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--mount", "--map-root-user"]
    if unshare is None or subprocess.run([*ns, "true"], capture_output=True).returncode != 0:
        pytest.skip("no private mount namespace here (unshare --mount)")
    folder.mkdir()
    done = subprocess.run(
        [*ns, sys.executable, "-c", IN_A_TMPFS, spec, folder, previous, options, remount],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def previous_pdf(capsys: pytest.CaptureFixture[str], edition: dict[str, Path], tmp_path: Path):
    """A good PDF of the edition's spec from an earlier build (proof colours)."""
    out = tmp_path / "previous.pdf"
    assert run_cli(capsys, "build", edition["spec"], "-o", out, "--no-pdfx")[0] == 0
    return out


def test_build_on_a_read_only_file_system_exits_3(
    edition: dict[str, Path], tmp_path: Path, previous_pdf: Path
):
    found = in_a_tmpfs(edition["spec"], tmp_path / "ro", previous_pdf, "size=4m", "ro")
    assert found["code"] == EXIT_WRITE_FAILED, found
    line = one_line(found["err"])
    assert line.endswith(
        "page.pdf: the file system is read-only (EROFS); the file there is as it was"
    ), line
    assert found["intact"] and found["names"] == ["page.pdf"]


def test_build_on_a_full_disk_exits_3(edition: dict[str, Path], tmp_path: Path, previous_pdf: Path):
    # Room for the previous PDF and half of the new one: the write runs out of space.
    size = previous_pdf.stat().st_size
    found = in_a_tmpfs(edition["spec"], tmp_path / "full", previous_pdf, f"size={size * 3 // 2}")
    assert found["code"] == EXIT_WRITE_FAILED, found
    line = one_line(found["err"])
    assert line.endswith("page.pdf: the disk is full (ENOSPC); the file there is as it was")
    assert found["intact"] and found["names"] == ["page.pdf"]


# --------------------------------------------------------------------------- kills, at once


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_killed_builds_and_builds_at_once_leave_only_complete_files(tmp_path: Path):
    """``tools/kill_build.py`` in short (3 kills, one round of two builds at once; the
    script's default is 10 kills and 3 rounds)."""
    kill_build = load_tool("kill_build")
    report = kill_build.torture(tmp_path, kills=3, seed=0, rounds=1)
    assert report.failures == [], str(report)
    assert report.kills + report.finished == 3
    assert report.concurrent == 1


def test_a_cache_file_is_put_whole_and_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "kept" / "entry"
    assert write_cache_file(target, b"first")
    assert write_cache_file(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["entry"]  # no temporary file
    (tmp_path / "file").write_text("not a folder")
    assert not write_cache_file(tmp_path / "file" / "entry", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "kept"]


# --------------------------------------------------------------------------- write_files


def old_files(folder: Path, count: int) -> list[Path]:
    """``count`` files in ``folder``, each holding its old bytes (``old 1`` …)."""
    paths = [folder / f"file-{k}.pdf" for k in range(1, count + 1)]
    folder.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(paths, 1):
        path.write_bytes(b"old %d" % k)
    return paths


def failing_on(marker: bytes, error: int = errno.ENOSPC):
    """A ``write`` that fails as write(2) does with ``error`` on the bytes ``marker`` starts."""

    def write(fd: int, data: memoryview) -> int:
        if bytes(data[: len(marker)]) == marker:
            raise OSError(error, os.strerror(error))
        return os.write(fd, data)

    return write


@pytest.mark.parametrize("unnamed", STRATEGIES)
def test_write_files_puts_every_file_in_place_in_order(tmp_path: Path, unnamed: bool):
    paths = old_files(tmp_path, 2) + [tmp_path / "new" / "file-3.pdf"]
    written: list[Path] = []
    token = WRITTEN.set(written)
    try:
        result = write_files([(p, b"new %d" % k) for k, p in enumerate(paths, 1)], unnamed=unnamed)
    finally:
        WRITTEN.reset(token)
    assert result == paths == written
    assert [p.read_bytes() for p in paths] == [b"new 1", b"new 2", b"new 3"]
    assert listing(tmp_path) == ["file-1.pdf", "file-2.pdf", "new"]
    assert listing(tmp_path / "new") == ["file-3.pdf"]


@pytest.mark.parametrize("unnamed", STRATEGIES)
def test_a_failure_on_the_third_file_replaces_none_and_leaves_no_temporary_file(
    tmp_path: Path, unnamed: bool
):
    paths = old_files(tmp_path, 4)
    files = [(p, b"new %d" % k) for k, p in enumerate(paths, 1)]
    with pytest.raises(OutputError) as caught:
        write_files(files, unnamed=unnamed, write=failing_on(b"new 3"))
    error = caught.value
    assert error.path == paths[2] and error.exit_code == EXIT_WRITE_FAILED
    assert "the disk is full (ENOSPC); none of the 4 files was written" in str(error)
    assert [p.read_bytes() for p in paths] == [b"old 1", b"old 2", b"old 3", b"old 4"]
    assert listing(tmp_path) == [p.name for p in paths]


def test_a_folder_in_the_way_is_found_before_any_file_is_replaced(tmp_path: Path):
    paths = old_files(tmp_path, 2)
    (tmp_path / "in-the-way.pdf").mkdir()
    files = [(paths[0], b"new"), (tmp_path / "in-the-way.pdf", b"new"), (paths[1], b"new")]
    with pytest.raises(OutputError, match=r"it is a folder \(EISDIR\); none of the 3 files"):
        write_files(files)
    assert [p.read_bytes() for p in paths] == [b"old 1", b"old 2"]
    assert listing(tmp_path) == ["file-1.pdf", "file-2.pdf", "in-the-way.pdf"]
    assert listing(tmp_path / "in-the-way.pdf") == []


def test_the_folders_made_for_a_failed_write_are_removed(tmp_path: Path):
    files = [(tmp_path / "a" / "b" / "one.pdf", b"new 1"), (tmp_path / "c" / "two.pdf", b"new 2")]
    with pytest.raises(OutputError, match="none of the 2 files was written"):
        write_files(files, write=failing_on(b"new 2"))
    assert listing(tmp_path) == []


def test_a_rename_that_fails_puts_back_the_files_replaced_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # All or none: the third file's rename fails (a file this user may not replace), so the
    # two put in place before it go back to what they were, and the new fourth file goes.
    paths = [*old_files(tmp_path, 3), tmp_path / "file-4.pdf"]
    paths[2], paths[3] = paths[3], paths[2]  # the new file among those renamed first
    real_replace = os.replace
    renames = []

    def replace(source, target):
        renames.append(target)
        if len(renames) == 3:
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError) as caught:
        write_files([(p, b"new") for p in paths])
    assert caught.value.path == paths[2]
    assert str(caught.value).endswith(
        "operation not permitted (EPERM); nothing written: every file is as it was"
    )
    assert [p.read_bytes() for p in (paths[0], paths[1], paths[3])] == [
        b"old 1",
        b"old 2",
        b"old 3",
    ]
    assert listing(tmp_path) == ["file-1.pdf", "file-2.pdf", "file-3.pdf"]


def test_a_file_that_cannot_be_kept_aside_stops_the_write_before_any_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # An immutable file cannot take a second name, nor be replaced: found before the renames.
    paths = old_files(tmp_path, 3)
    real_link = os.link

    def link(source, target, **kwargs):
        if Path(source) == paths[1]:
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        real_link(source, target, **kwargs)

    monkeypatch.setattr(output.os, "link", link)
    with pytest.raises(OutputError) as caught:
        write_files([(p, b"new") for p in paths])
    assert caught.value.path == paths[1]
    assert "nothing written: every file is as it was" in str(caught.value)
    assert [p.read_bytes() for p in paths] == [b"old 1", b"old 2", b"old 3"]
    assert listing(tmp_path) == [p.name for p in paths]


def test_ctrl_c_during_the_renames_takes_effect_after_the_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    paths = old_files(tmp_path, 3)
    real_replace = os.replace

    def replace(source, target):
        if target == paths[0]:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C just as the first is renamed
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    written: list[Path] = []
    token = WRITTEN.set(written)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_files([(p, b"new") for p in paths])
    finally:
        WRITTEN.reset(token)
    assert [p.read_bytes() for p in paths] == [b"new", b"new", b"new"]
    assert written == paths
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_ctrl_c_while_the_files_are_written_replaces_none(tmp_path: Path):
    paths = old_files(tmp_path, 3)

    def write(fd: int, data: memoryview) -> int:
        if bytes(data[:5]) == b"new 2":
            raise KeyboardInterrupt
        return os.write(fd, data)

    with pytest.raises(KeyboardInterrupt):
        write_files([(p, b"new %d" % k) for k, p in enumerate(paths, 1)], write=write)
    assert [p.read_bytes() for p in paths] == [b"old 1", b"old 2", b"old 3"]
    assert listing(tmp_path) == [p.name for p in paths]


def test_ctrl_c_after_the_files_are_written_but_before_the_renames_leaves_nothing_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # The moment between the last hidden file and SIGINT being held (the signal module's
    # import, the handlers' setting): every hidden file goes, the old files stay.
    paths = old_files(tmp_path, 3)

    @contextlib.contextmanager
    def interrupted():
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(output, "_signals_held", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_files([(p, b"new") for p in paths])
    assert [p.read_bytes() for p in paths] == [b"old 1", b"old 2", b"old 3"]
    assert listing(tmp_path) == [p.name for p in paths]


def test_written_lists_outputs_and_not_the_cache(tmp_path: Path):
    written: list[Path] = []
    token = WRITTEN.set(written)
    try:
        write_file(tmp_path / "page.pdf", b"page")
        write_file(tmp_path / "cache" / "entry", b"kept", listed=False)
    finally:
        WRITTEN.reset(token)
    assert written == [tmp_path / "page.pdf"]
    write_file(tmp_path / "page.pdf", b"page")  # none set: nothing kept, nothing raised
    assert written == [tmp_path / "page.pdf"]


def test_input_at_finds_an_input_through_a_link(tmp_path: Path):
    record = tmp_path / "story.yaml"
    record.write_text("x")
    (tmp_path / "link.yaml").symlink_to(record)
    inputs = [InputFile(record, "an article record")]
    assert input_at(tmp_path / "link.yaml", inputs) == inputs[0]
    assert input_at(tmp_path / "other.yaml", inputs) is None

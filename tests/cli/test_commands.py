"""The command table (``layout.cli.commands``) and what each command imports.

Structural, not timing: a fresh interpreter runs :func:`layout.cli.main` and the modules it
imported are read from ``sys.modules``. ``--version`` and ``--help`` build the whole parser
(every command module is imported) and must load none of the layout machinery or the heavy
libraries, which a command imports only inside its ``run``; ``schema page-spec`` must not
load the proof, ``init`` neither the proof nor the page machinery.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout import __version__
from layout.cli.commands import COMMANDS
from layout.cli.parser import command_named, parser

REPO = Path(__file__).resolve().parents[2]

_RUN = """
import json, sys
from layout.cli import main
try:
    status = main(sys.argv[1:-1])
except SystemExit as done:
    status = done.code
with open(sys.argv[-1], "w") as f:
    json.dump({"status": status, "modules": sorted(sys.modules)}, f)
"""

# What laying out, writing, proofing or reading fonts needs: never the parser's.
MACHINERY = (
    "layout.build",
    "layout.edition",
    "layout.spec",
    "layout.compose",
    "layout.render",
    "layout.fonts",
    "layout.fit",
    "layout.proof",
    "layout.init",
    "layout.text",  # the text engine (report's hint of a removal reason is only a hint)
)
LIBRARIES = (
    "reportlab",
    "pikepdf",
    "PIL",
    "fontTools",
    "yaml",
    "numpy",
    "pypdfium2",
    "watchfiles",
)
PROOF = ("layout.proof", "pikepdf", "watchfiles")


def _modules(tmp_path: Path, *args: str) -> tuple[int, list[str]]:
    record = tmp_path / "modules.json"
    env = {
        **os.environ,
        "BANMIAN_CACHE": str(tmp_path / "cache"),
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p),
    }
    subprocess.run(
        [sys.executable, "-c", _RUN, *args, str(record)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    result = json.loads(record.read_text(encoding="utf-8"))
    return result["status"], result["modules"]


def _among(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)]


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["build", "--help"]])
def test_the_parser_loads_no_machinery_and_no_heavy_library(
    args: list[str], tmp_path: Path
) -> None:
    status, modules = _modules(tmp_path, *args)
    assert status == 0
    # The command modules of the parser's subparsers were imported (``--version`` and
    # ``--help`` build them all, ``build --help`` build's only): the check means it.
    built = ["build"] if args[0] == "build" else list(COMMANDS)
    assert {f"layout.cli.{name}" for name in built} <= set(modules)
    assert _among(modules, MACHINERY + LIBRARIES) == []


def test_the_page_spec_schema_loads_no_proof(tmp_path: Path) -> None:
    status, modules = _modules(tmp_path, "schema", "page-spec", "-o", str(tmp_path / "s.json"))
    assert status == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["$schema"]
    assert "layout.spec.jsonschema" in modules
    assert _among(modules, PROOF) == []


def test_init_loads_neither_the_page_machinery_nor_the_proof(tmp_path: Path) -> None:
    status, modules = _modules(tmp_path, "init", str(tmp_path / "project"))
    assert status == 0 and (tmp_path / "project" / "edition.yaml").is_file()
    assert "layout.init" in modules
    page = ("layout.build", "layout.compose", "layout.render", "reportlab", "pikepdf")
    assert _among(modules, PROOF + page) == []
    # A command's parser is the only one built, and no other command's module is imported.
    others = [f"layout.cli.{name}" for name in COMMANDS if name != "init"]
    assert "layout.cli.init" in modules and _among(modules, tuple(others)) == []


def test_the_table_is_the_parser_s_commands_in_order() -> None:
    (sub,) = [a for a in parser()._actions if a.dest == "command"]
    assert list(sub.choices) == list(COMMANDS)
    assert list(COMMANDS) == ["init", "build", "check", "proof", "watch", "fit", "schema", "fonts"]


def test_python_m_layout_cli_is_the_command(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for module in ("layout", "layout.cli"):
        done = subprocess.run(
            [sys.executable, "-m", module, "--version"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        assert (done.returncode, done.stdout) == (0, f"banmian {__version__}\n")


# The parser built for the arguments it parses (only the command they name) answers as the
# whole parser does: the same namespace, the same exit and message, the same help.
_ARGUMENTS = [
    ["build", "page_specs/front.yaml"],
    ["-q", "build", "x.yaml", "-o", "y.pdf", "--no-pdfx"],
    ["--color", "never", "check", "x.yaml"],
    ["--colour=always", "--debug", "proof", "x.yaml"],
    ["build", "x.yaml", "-v", "--color", "always"],
    ["build", "--help"],
    ["fit", "--help"],
    ["--help"],
    ["--he"],
    ["-h", "build"],
    ["--version"],
    ["--vers", "build", "x.yaml"],
    ["buidl", "x.yaml"],
    [],
    ["build"],
    ["-q", "-v", "build", "x.yaml"],
    ["-qv", "build", "x.yaml"],
    ["--color", "build", "x.yaml"],
    ["fit", "x.yaml", "--bogus"],
    ["schema", "page-spec"],
    ["--debug", "fonts"],
    ["watch", "x.yaml", "-q"],
    ["init", "project"],
    ["build", "check"],
    ["--", "build", "x.yaml"],
]


def _parsed(top: object, argv: list[str]) -> tuple[object, str, str]:
    """What parsing ``argv`` gives: the namespace or the exit status, and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            outcome: object = vars(top.parse_args(argv))  # type: ignore[attr-defined]
        except SystemExit as done:
            outcome = ("exit", done.code)
    return outcome, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", _ARGUMENTS, ids=" ".join)
def test_the_parser_for_the_arguments_answers_as_the_whole_one(argv: list[str]) -> None:
    assert _parsed(parser(argv), argv) == _parsed(parser(), argv)


def test_the_parser_for_a_command_builds_that_command_only() -> None:
    assert command_named(["-q", "--color", "never", "build", "x.yaml"]) == "build"
    (sub,) = [a for a in parser(["build", "x.yaml"])._actions if a.dest == "command"]
    assert list(sub.choices) == ["build"]
    for argv in (["--help"], ["--version", "build"], ["--he", "build"], [], ["x", "build"]):
        assert command_named(argv) is None

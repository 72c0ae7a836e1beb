"""What the command line prints and how loudly: -q/-v, --color, NO_COLOR and FORCE_COLOR."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from layout.cli import main
from layout.console import ColourChoice, Console, Verbosity, colour_for, paint
from layout.report import AtLine, Overset, Problem, ProblemKind

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "environ", "tty", "expected"),
    [
        (ColourChoice.AUTO, {}, True, True),
        (ColourChoice.AUTO, {}, False, False),
        (ColourChoice.AUTO, {"NO_COLOR": "1"}, True, False),
        (ColourChoice.AUTO, {"NO_COLOR": ""}, True, True),  # no-color.org: empty is unset
        (ColourChoice.AUTO, {"FORCE_COLOR": "1"}, False, True),
        (ColourChoice.AUTO, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        (ColourChoice.ALWAYS, {"NO_COLOR": "1"}, False, True),
        (ColourChoice.NEVER, {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_is_decided_per_stream(choice, environ, tty, expected):
    stream = Terminal() if tty else io.StringIO()
    assert colour_for(stream, choice, environ) is expected


def _problems() -> tuple[Problem, Problem]:
    error = Problem(kind=ProblemKind.OVERSET, message="cut 3", details=Overset(1, 3), box="a")
    warning = Problem(kind=ProblemKind.ORPHAN, message="line 2", details=AtLine(2), box="a")
    return error, warning


def test_quiet_prints_errors_only_and_verbose_the_details():
    error, warning = _problems()
    for level, shown in [
        (Verbosity.QUIET, ["error: overset"]),
        (Verbosity.NORMAL, ["error: overset", "warning: orphan", "note: n", "wrote x"]),
        (Verbosity.VERBOSE, ["error: overset", "warning: orphan", "note: n", "wrote x", "ms"]),
    ]:
        out, err = io.StringIO(), io.StringIO()
        con = Console(verbosity=level, out=out, err=err)
        con.problem(error)
        con.problem(warning)
        con.note("n")
        con.info("wrote x", to_err=True)
        con.timings({"layout": 0.5})
        printed = err.getvalue()
        assert out.getvalue() == ""
        assert len(printed.splitlines()) == len(shown), printed
        for words in shown:
            assert words in printed


@pytest.mark.parametrize("colour", [False, True])
def test_a_warning_is_yellow_when_asked_and_not_printed_under_quiet(colour: bool):
    for verbosity, shown in ((Verbosity.QUIET, ""), (Verbosity.NORMAL, "warning: kept x.pdf\n")):
        err = io.StringIO()
        Console(verbosity, colour_err=colour, err=err).warning("kept x.pdf")
        expected = paint(shown.rstrip("\n"), "yellow", colour) + "\n" if shown else ""
        assert err.getvalue() == expected


def test_severities_are_coloured_only_when_asked():
    error, warning = _problems()
    err = io.StringIO()
    Console(colour_err=True, err=err).problem(error)
    assert err.getvalue() == paint(str(error), "red", True) + "\n"
    assert err.getvalue().startswith("\x1b[31m")
    err = io.StringIO()
    Console(colour_err=False, err=err).problem(warning)
    assert "\x1b" not in err.getvalue()


def test_quiet_check_prints_nothing_for_a_good_page(capsys):
    assert main(["check", str(FRONT), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    # at most an error; the sample page has none (a missing optional face is a warning)
    assert "warning" not in captured.err and "ok" not in captured.err


def test_verbose_check_prints_the_timings(capsys):
    assert main(["-v", "check", str(FRONT)]) == 0
    captured = capsys.readouterr()
    assert "ok (10 boxes" in captured.out
    assert "layout" in captured.err and " ms" in captured.err


def test_quiet_and_verbose_exclude_each_other(capsys):
    for argv in (["check", "-q", "-v", str(FRONT)], ["-q", "check", "-v", str(FRONT)]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 2
        assert "-q/--quiet" in capsys.readouterr().err


def test_every_command_takes_the_common_options(capsys):
    for command in ("build", "check", "proof", "watch", "fit", "schema"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        for option in ("--quiet", "--verbose", "--color WHEN", "--debug"):
            assert option in text, (command, option)


def test_an_unknown_colour_choice_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as done:
        main(["check", "--color", "sometimes", str(FRONT)])
    assert done.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def _overset_page(tmp_path: Path) -> Path:
    from .test_cli import BASE, SMALL_LABOUR, only_boxes

    spec = tmp_path / "small.yaml"
    spec.write_text(only_boxes(BASE, SMALL_LABOUR), encoding="utf-8")
    return spec


def test_build_colours_its_problems_only_when_asked(tmp_path: Path, capsys, monkeypatch):
    spec = _overset_page(tmp_path)
    pdf = str(tmp_path / "p.pdf")
    assert main(["build", str(spec), "-o", pdf, "--color", "always"]) == 0
    err = capsys.readouterr().err
    (over,) = [line for line in err.splitlines() if "overset" in line]
    assert over.startswith("\x1b[31merror: overset") and over.endswith("\x1b[0m")
    # auto: standard error is not a terminal here, and FORCE_COLOR turns it on
    assert main(["build", str(spec), "-o", pdf]) == 0
    assert "\x1b[" not in capsys.readouterr().err
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["build", str(spec), "-o", pdf]) == 0
    assert "\x1b[31m" in capsys.readouterr().err
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["build", str(spec), "-o", pdf]) == 0
    assert "\x1b[" not in capsys.readouterr().err


def test_quiet_build_says_only_what_spoils_print(tmp_path: Path, capsys):
    spec = _overset_page(tmp_path)
    assert main(["-q", "build", str(spec), "-o", str(tmp_path / "p.pdf")]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), lines
    assert any("overset" in line for line in lines)

"""The entry point of ``banmian`` and ``python -m layout`` (``layout.__main__.run``)."""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder

import pytest

import layout.__main__ as entry


class _CtrlC(MetaPathFinder):
    """Ctrl-C pressed while the command's modules are imported."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001, ANN201
        if name == "layout.cli":
            raise KeyboardInterrupt
        return None


def test_ctrl_c_during_the_imports_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delitem(sys.modules, "layout.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_CtrlC(), *sys.meta_path])
    assert entry.run() == 130
    assert capsys.readouterr().err == "banmian: interrupted; nothing written\n"


def test_the_command_runs_through_it(capsys: pytest.CaptureFixture[str]) -> None:
    monkey_argv = ["banmian", "--version"]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(sys, "argv", monkey_argv)
        with pytest.raises(SystemExit) as done:
            entry.run()
    assert done.value.code == 0 and capsys.readouterr().out.startswith("banmian ")

"""The package's layers: every import runs down, none back up, and there is no cycle.

Layers, lowest first (a module may import its own layer and those below). ``text`` is the
text engine and knows nothing of pages or fonts files; ``fonts`` reads font files; ``spec``
resolves the page spec; ``compose`` lays pages out; ``render`` draws a laid-out page and
never sees the writing mode (a run is an origin and a turn); ``proof`` reads pages and specs;
``fit`` (copy-fitting) composes pages again and again and writes specs, beside it.
"""

from __future__ import annotations

import ast
from pathlib import Path

LAYOUT = Path(__file__).resolve().parents[1] / "layout"

LAYERS = [
    {
        "errors",
        "geometry",
        "units",
        "output",
        "filerecords",
        "cachecheck",
        "records",
        "bundled",
        "formats",
        "gcpolicy",
        "jpeg",
        "notes",
        "forked",
    },
    {"yamlsource", "schema", "text"},
    {"fonts", "press", "iccprofile", "imagefiles", "artwork", "report", "page", "console"},
    {"articles"},
    {"spec"},
    {"compose"},
    {"render"},
    {"build", "edition", "stale"},
    {"proof", "fit", "init"},
    {"cli", "__main__"},
]
RANK = {unit: k for k, layer in enumerate(LAYERS) for unit in layer}


def _unit(module: str) -> str:
    """``layout.text.prepare`` → ``text``; ``layout.build`` → ``build``."""
    return module.split(".")[1] if module.count(".") else module


def _imports() -> dict[str, set[str]]:
    """Per module of the package (dotted), the package's modules it imports."""
    found: dict[str, set[str]] = {}
    for path in LAYOUT.rglob("*.py"):
        rel = path.relative_to(LAYOUT.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                if target.startswith("layout"):
                    targets.add(target)
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.startswith("layout"))
        found[name] = targets
    return found


def test_every_module_has_a_layer() -> None:
    units = {_unit(m) for m in _imports() if m != "layout"}
    assert units <= set(RANK), units - set(RANK)


def test_no_import_runs_back_up_a_layer() -> None:
    wrong = []
    for module, targets in _imports().items():
        if module == "layout":
            continue
        for target in targets:
            if target == "layout":
                continue
            if RANK[_unit(target)] > RANK[_unit(module)]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_import_cycle_between_modules() -> None:
    graph = _imports()
    modules = set(graph)

    def resolve(target: str) -> str | None:
        while target and target not in modules:
            target = target.rsplit(".", 1)[0] if "." in target else ""
        return target or None

    edges = {m: {t for t in map(resolve, graph[m]) if t and t != m} for m in graph}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle.extend([*stack, node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*stack, node]):
                return True
        state[node] = 2
        return False

    for node in sorted(edges):
        if state.get(node) is None and visit(node, []):
            break
    # The cycle is from the module met again on (the path that led there is none of it). A
    # package's __init__ re-exporting its own modules, or two modules of a package importing
    # each other (one inside a function), is no cycle of the layers.
    cycle = cycle[cycle.index(cycle[-1]) :] if cycle else cycle
    assert not cycle or all(c.startswith(cycle[-1].rsplit(".", 1)[0]) for c in cycle), cycle


def test_render_never_sees_the_writing_mode() -> None:
    for path in (LAYOUT / "render").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "WritingMode" not in text and "writing_mode" not in text, path


def test_the_text_engine_knows_no_page_and_no_font_file() -> None:
    for module, targets in _imports().items():
        if _unit(module) == "text":
            # (layout.records, the records' shared repr, knows nothing either)
            own = {"text", "records"}
            assert all(_unit(t) in own for t in targets if t != "layout"), (module, targets)

"""No module of sitroom.extract imports, directly or through others, a module that imports it back.

Every import statement counts: at module level, under ``if TYPE_CHECKING:`` and deferred inside a
function, since the last two are how a cycle hides. Modules are read with ast, not imported.
"""

from __future__ import annotations

import ast
import pathlib

import sitroom.extract

PACKAGE = "sitroom.extract"


def _imported_names(tree: ast.AST, package: str) -> set[str]:
    """Every dotted name an import statement anywhere in ``tree`` may load (relative ones resolved)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # "from pkg import module"
    return names


def import_graph(sources: dict[str, str], package: str) -> dict[str, set[str]]:
    """Module (short name) -> the modules of the same package it imports, from their source texts."""
    graph = {}
    for name, source in sources.items():
        imported = _imported_names(ast.parse(source, filename=name), package)
        graph[name] = {other for other in sources if other != name and f"{package}.{other}" in imported}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One import path back to itself for each module on a cycle, e.g. ["a", "b", "a"]."""
    found = []
    for start in sorted(graph):
        stack = [(start, [start])]
        seen = set()
        while stack:
            module, path = stack.pop()
            for imported in sorted(graph[module]):
                if imported == start:
                    found.append(path + [start])
                    stack = []
                    break
                if imported not in seen:
                    seen.add(imported)
                    stack.append((imported, path + [imported]))
    return found


def _extract_sources() -> dict[str, str]:
    directory = pathlib.Path(sitroom.extract.__file__).parent
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.py"))
            if path.stem != "__init__"}


def test_no_extract_module_imports_one_that_imports_it_back():
    assert cycles(import_graph(_extract_sources(), PACKAGE)) == []


def test_the_extract_graph_holds_the_package_imports():
    graph = import_graph(_extract_sources(), PACKAGE)
    # a plain, a "from package import module" and a one-way split's imports are all seen
    assert "dates_mention" in graph["dates"]
    assert "dates_fallback" in graph["dates"]
    assert graph["dates_fallback"] >= {"dates_mention", "dates_data"}
    assert "casualties_mention" in graph["casualties_totals"]
    assert "casualties" not in graph["casualties_totals"]


def test_cycles_are_found_through_type_checking_deferred_and_relative_imports():
    sources = {
        "a": "from pkg.b import B\n",
        "b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import A\n",
        "c": "from pkg import d\n",
        "d": "def later():\n    from .c import C\n    return C\n",
        "e": "import pkg.f\n",
        "f": "import os\n",
        "g": "from pkg.h import H\n",
        "h": "from pkg.i import I\n",
        "i": "from pkg.g import G\n",
    }
    graph = import_graph(sources, "pkg")
    assert graph["e"] == {"f"} and graph["f"] == set()
    assert cycles(graph) == [["a", "b", "a"], ["b", "a", "b"], ["c", "d", "c"], ["d", "c", "d"],
                             ["g", "h", "i", "g"], ["h", "i", "g", "h"], ["i", "g", "h", "i"]]

"""The import graph: stages import only downward, no cycles, no one else's private names.

The layers below are the README's data-flow line; every ``from .x import …``
in ``src/tifa`` — at the top of a module or inside a function — must point to
a lower layer.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tifa"

#: Lowest first.  A module may import from any earlier layer, never from its own or a later one.
LAYERS = [
    {"errors", "config", "atomic", "procs", "progress", "patterns", "frames"},
    {"places", "lock"},
    {"lexicons", "io", "dedup", "output"},
    {"clean", "ingest"},
    {"markdown"},
    {"documents"},
    {"segment", "outline", "kwic", "ngrams"},
    {"parallels"},
    {"formulas", "themes"},
    {"timeline"},
    {"corpus"},
    {"build"},
    {"export", "plots"},
    {"webpage", "notebook"},
    {"report"},
    {"cli"},
]
RANK = {m: i for i, layer in enumerate(LAYERS) for m in layer}


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            target = (node.module or "").split(".")[0]
            if target:
                out.append((target, [a.name for a in node.names], node.lineno))
            else:  # from . import timeline
                out.extend((a.name, [], node.lineno) for a in node.names)
    return out


def test_every_module_has_a_layer():
    modules = {p.stem for p in SRC.glob("*.py")} - {"__init__"}
    assert modules == set(RANK), f"give these a layer: {sorted(modules ^ set(RANK))}"


def test_stages_import_only_downward():
    upward = []
    for path in sorted(SRC.glob("*.py")):
        if path.stem == "__init__":
            continue
        for target, _, line in _imports(path):
            if target == "__init__" or target not in RANK:
                continue  # the package's version
            if RANK[target] >= RANK[path.stem]:
                upward.append(f"{path.name}:{line} imports {target}")
    assert not upward, upward


def test_no_module_imports_another_modules_private_names():
    private = [
        f"{path.name}:{line} {target}.{name}"
        for path in SRC.glob("*.py")
        for target, names, line in _imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert not private, private

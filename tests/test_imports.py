"""The house's plan, checked: stages import only downward, no import circles, no one else's
private names, every module says what it owns, and none grows past about 500 lines without
saying why.

The stages, lowest first, are the packages of ``src/tifa`` (the plumbing modules at the top
level below them all); a module may import from its own package and from any lower stage,
never from a higher one.  ``tifa/__init__.py``, the front door, is exempt: it imports lazily
from the stages it offers.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tifa"

PLUMBING = {"config", "errors", "atomic", "procs", "progress", "lock", "frames", "fonts", "csvsafe"}
#: Lowest first.  A stage may import from any earlier one (and from itself).
STAGES = [
    PLUMBING,
    {"lexicon"},
    {"read"},
    {"text"},
    {"tokens", "structure"},
    {"rhetoric"},
    {"analysis", "check"},
    {"corpus"},
    {"report"},
    {"cli"},
]
RANK = {unit: i for i, stage in enumerate(STAGES) for unit in stage}
#: A module longer than this says in its docstring why (a line starting "Size:").
MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path, *, top_only: bool = False) -> list[tuple[str, list[str], int]]:
    """``(absolute module, names, line)`` of every ``from … import`` inside tifa."""
    me = _name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_only else list(ast.walk(tree))
    out = []
    for node in nodes:
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            if node.module:
                out.append((".".join(base + [node.module]), [a.name for a in node.names], node.lineno))
            else:
                out.extend((".".join(base + [a.name]), [], node.lineno) for a in node.names)
        elif node.module and node.module.split(".")[0] == "tifa":
            out.append((node.module, [a.name for a in node.names], node.lineno))
    return out


def test_every_package_and_plumbing_module_has_a_stage():
    units = {p.relative_to(SRC).parts[0].removesuffix(".py") for p in _modules()} - {"__init__"}
    assert units == set(RANK), f"give these a stage: {sorted(units ^ set(RANK))}"


def test_stages_import_only_downward():
    upward = []
    for path in _modules():
        me = _name(path)
        if me == "tifa":
            continue  # the front door
        own = _unit(me)
        for target, _, line in _imports(path):
            unit = _unit(target)
            if not unit or unit == own or unit not in RANK:
                continue
            if RANK[unit] > RANK[own] or (RANK[unit] == RANK[own] and own not in PLUMBING):
                upward.append(f"{path.relative_to(SRC)}:{line} imports {target}")
    assert not upward, upward


def test_no_import_circles():
    graph = {_name(p): {t for t, _, _ in _imports(p, top_only=True)} for p in _modules()}
    modules = set(graph)
    graph = {m: {t if t in modules else t.rsplit(".", 1)[0] for t in ts} & modules for m, ts in graph.items()}
    seen, stack, circles = set(), [], []

    def visit(m):
        if m in stack:
            circles.append(stack[stack.index(m):] + [m])
            return
        if m in seen:
            return
        seen.add(m)
        stack.append(m)
        for t in sorted(graph[m]):
            if t != m and not (m == "tifa" or t == "tifa"):
                visit(t)
        stack.pop()

    for m in sorted(graph):
        visit(m)
    assert not circles, circles


def test_no_module_imports_another_modules_private_names():
    private = [
        f"{path.relative_to(SRC)}:{line} {target}.{name}"
        for path in _modules()
        for target, names, line in _imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert not private, private


def test_every_module_says_what_it_owns_and_long_ones_say_why():
    missing, long = [], []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if not doc.strip():
            missing.append(str(path.relative_to(SRC)))
        if text.count("\n") > MAX_LINES and not any(line.startswith("Size:") for line in doc.split("\n")):
            long.append(f"{path.relative_to(SRC)} ({text.count(chr(10))} lines)")
    assert not missing, f"no docstring: {missing}"
    assert not long, f"over {MAX_LINES} lines without a 'Size:' paragraph saying why: {long}"

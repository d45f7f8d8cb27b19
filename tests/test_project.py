"""Project hygiene: dependencies agree, notebooks are paired and stripped, README quick start."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _names(reqs):
    return {re.split(r"[<>=!~\[ ]", r, maxsplit=1)[0].lower(): r.replace(" ", "") for r in reqs}


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(py["dependencies"])
    for extra in py["optional-dependencies"]:  # every extra: environment.yml installs them all
        wanted += py["optional-dependencies"][extra]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = [r for r in pip if not r.startswith("-e")]
    assert _names(listed) == _names(wanted)
    assert "python=3.11" in env["dependencies"]
    assert any(r.startswith("-e .[") and "notebooks" in r and "scale" in r for r in pip)


def test_jieba_is_pinned_exactly():
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "jieba==0.42.1" in py["dependencies"]


def test_notebooks_are_paired_and_committed_without_outputs():
    import jupytext

    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert notebooks
    for nb_path in notebooks:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            assert not cell.get("outputs"), f"{nb_path.name} has outputs"
            assert not cell.get("execution_count"), f"{nb_path.name} has execution counts"
        py = nb_path.with_suffix(".py")
        assert py.exists(), f"{nb_path.name} has no jupytext .py pair"
        a = [c.source for c in jupytext.read(py).cells]
        b = [c.source for c in jupytext.read(nb_path).cells]
        assert a == b, f"{nb_path.name} and {py.name} differ: run `make notebooks`"


def test_readme_quick_start_is_two_make_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci

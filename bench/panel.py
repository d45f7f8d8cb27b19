"""The whole shared panel (``../shared/corpus/lawtext``, 854 Markdown work reports): time and
peak memory of each stage, each run in a fresh process.

    .venv/bin/python bench/panel.py [--panel DIR] [--workers N] [--report] [--only build,report] [--json OUT]

A 2,000-report corpus for ``--panel``: ``bench/archive.py OUT --n 2000``.

Stages: ``read`` (read, clean and split every file), ``tables`` (the documents and every
per-document table, as ``tifa docs``/``tifa outline`` make them), ``tokens`` (``tifa tokens``),
``build`` (``tifa build`` into a scratch folder), and with ``--report`` ``report`` (the notebooks
on that build).  Peak memory is the stage process's maximum resident set (its children's for the
commands), from ``wait4``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PANEL = ROOT.parent / "shared" / "corpus" / "lawtext"
TIFA = ROOT / ".venv" / "bin" / "tifa"


def _stage(name: str, panel: Path, scratch: Path, workers: int) -> None:
    """Run one stage in this process (called by the driver in a fresh one)."""
    if name == "read":
        from tifa.corpus.tables import process_file
        from tifa.read.files import iter_sources

        n = sum(len(process_file(f, source=s).documents) for f, s in iter_sources([panel]))
        print(f"{n} documents", file=sys.stderr)
    elif name == "tables":
        from tifa.corpus.tables import load

        c = load([panel])
        print(f"{len(c.documents)} documents, {len(c.outline)} outline items", file=sys.stderr)
    else:  # pragma: no cover - the commands are run by the driver
        raise SystemExit(f"unknown stage {name}")


def _run(cmd: list[str], env: dict) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--panel", type=Path, default=PANEL)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--report", action="store_true", help="also run the notebooks on the build")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", help="comma-separated stages to run (read, tables, tokens, build, report)")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.stage:
        _stage(args.stage, args.panel, args.scratch, args.workers)
        return 0
    py = sys.executable
    n_files = sum(1 for p in args.panel.rglob("*") if p.suffix in (".md", ".txt"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="tifa-panel-") as tmp:
        scratch = Path(tmp)
        env = dict(os.environ)
        out = scratch / "processed"
        stages = [
            ("read", [py, __file__, "--stage", "read", "--panel", str(args.panel), "--scratch", str(scratch)]),
            ("tables", [py, __file__, "--stage", "tables", "--panel", str(args.panel), "--scratch", str(scratch)]),
            ("tokens", [str(TIFA), "tokens", str(args.panel), "--workers", str(args.workers)]),
            ("build", [str(TIFA), "build", "--raw", str(args.panel), "--out", str(out), "--workers", str(args.workers)]),
        ]
        if args.report:
            code = (f"from pathlib import Path; from tifa.report.execute import make_report; "
                    f"make_report(raw=Path({str(args.panel)!r}), processed=Path({str(out)!r}), "
                    f"reports=Path({str(scratch / 'reports')!r}), rebuild=False, timeline=Path({str(out)!r}))")
            stages.append(("report", [py, "-c", code]))
        only = set(args.only.split(",")) if args.only else None
        for name, cmd in stages:
            if only is not None and name not in only:
                continue
            secs, peak_mb, rc = _run(cmd, env)
            rows.append({"stage": name, "seconds": round(secs, 1), "peak_mb": peak_mb, "exit": rc})
            print(f"{name:<8} {secs:8.1f} s  {peak_mb:6d} MB  exit {rc}", file=sys.stderr)
        if args.report:
            pages = sorted((scratch / "reports").glob("*.html"))
            rows.append({"stage": "pages", "sizes_mb": {p.name: round(p.stat().st_size / 2**20, 2) for p in pages}})
    result = {"files": n_files, "workers": args.workers, "stages": rows}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(r.get("exit", 0) == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

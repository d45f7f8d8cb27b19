"""Helpers shared by the benchmarks: timed builds in a subprocess with peak memory, and RESULTS.md sections."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"


def run_build(raw: Path, out: Path, workers: int, *, engine: str = "local") -> tuple[float, float]:
    """Run ``tifa build`` in a subprocess; return (seconds, peak RSS of the process tree in MB)."""
    import psutil

    cmd = [sys.executable, "-m", "tifa.cli", "build", "--raw", str(raw), "--out", str(out), "-q", "--workers", str(workers)]
    if engine != "local":
        cmd += ["--engine", engine]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONHASHSEED": "0"})
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"build failed ({proc.returncode}): {err[-2000:]}")
    return seconds, peak / 1e6


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"


def write_section(name: str, body: str, path: Path = RESULTS) -> None:
    """Replace (or add) the ``## name`` section of RESULTS.md."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    start = old.find(f"## {name}\n")
    if start >= 0:
        end = old.find("\n## ", start + 1)
        old = old[:start] + (old[end + 1 :] if end >= 0 else "")
    path.write_text(old.rstrip("\n") + f"\n\n## {name}\n\n{body.strip()}\n", encoding="utf-8")


def table(rows: list[dict]) -> str:
    keys = list(rows[0])
    for r in rows[1:]:
        keys += [k for k in r if k not in keys]
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r.get(k, "—")) for k in keys) + " |" for r in rows]
    return "\n".join(lines)

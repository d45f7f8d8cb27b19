"""The `tifa` command: tables on stdout, one error line per bad file on stderr."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from tifa.cli.main import main

from ..conftest import RAW, seed


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tifa.cli", *args], capture_output=True, text=True, timeout=300)


def test_docs_csv_json_table():
    r = run_cli("docs", str(RAW), "--format", "csv")
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout))
    assert len(df) == 11
    assert {"doc_id", "source", "part", "title", "date", "text", "n_chars", "duplicate_of"} <= set(df.columns)
    r = run_cli("docs", str(seed("003")), "--format", "json")
    rows = json.loads(r.stdout)
    assert rows[0]["title"] == "在市X系统办公室主任暨业务培训会上的讲话"
    r = run_cli("docs", str(seed("002")))
    assert "在办公室主任会议上的讲话" in r.stdout and r.returncode == 0
    assert r.stderr == ""


def bad_files(tmp_path, *, undecodable: bool = True) -> dict:
    """Unreadable inputs (written to ``tmp_path``), each with the word its error line must hold."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    bad = {empty: "empty", binary: "binary"}
    if undecodable:
        latin = tmp_path / "latin.txt"
        latin.write_bytes("Ça coûte très cher".encode("latin-1"))
        bad[latin] = "undecodable"
    bad[tmp_path / "missing.txt"] = "no such file"
    return bad


def assert_one_line_each(r: subprocess.CompletedProcess, bad: dict) -> None:
    """Exit code 1 and one stderr line per bad file, naming it and why."""
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == len(bad)
    for path, why in bad.items():
        assert any(str(path) in line and why in line for line in lines), (path, lines)


def test_bad_inputs_one_line_each_others_processed(tmp_path):
    bad = bad_files(tmp_path)
    empty, binary, undecodable, missing = bad
    r = run_cli("docs", str(empty), str(binary), str(seed("004")), str(undecodable), str(missing), "-f", "csv")
    assert_one_line_each(r, bad)
    df = pd.read_csv(io.StringIO(r.stdout))
    assert df["doc_id"].tolist() == ["004_cd130c0f635db98b-01"]


def test_build_and_cleaning_log_commands(tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["build", "--raw", str(RAW), "--out", str(out), "-q"]) == 0
    assert (out / "documents.parquet").exists()
    captured = capsys.readouterr()
    assert captured.out == ""  # messages go to stderr
    assert "built 11 documents" in captured.err
    assert main(["cleaning-log", str(seed("002")), "-f", "csv"]) == 0
    log = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert "related_list" in set(log["reason"])


def test_sentences_command(capsys):
    assert main(["sentences", str(seed("004")), "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["doc_id"] == "004_cd130c0f635db98b-01" and rows[0]["start"] == 0


def test_usage_error_exit_code():
    r = run_cli("nonsense")
    assert r.returncode == 2


def test_table_commands_read_the_built_corpus_when_no_path_is_given(tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["build", "--raw", str(RAW), "--out", str(out), "-q", "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["formulas", "--processed", str(out), "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"五勤", "四心", "六种意识"} <= {r["formula"] for r in rows}
    assert main(["kwic", "要有*意识", "--processed", str(out), "-f", "csv"]) == 0
    hits = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert "大局" in set(hits["slots"]) and hits["section"].notna().any()
    assert main(["ngrams", "--processed", str(out), "--top", "3", "-f", "csv"]) == 0
    assert len(pd.read_csv(io.StringIO(capsys.readouterr().out))) == 9
    assert main(["templates", "--processed", str(out), "-f", "csv"]) == 0
    assert "要有*意识" in capsys.readouterr().out


def test_missing_build_is_one_clear_line(tmp_path, capsys):
    assert main(["formulas", "--processed", str(tmp_path / "nothing")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "tifa build" in err[0]


def test_tokens_csv_json_and_table_are_what_pandas_writes(tmp_path):
    from tifa.corpus.tables import load
    from tifa.cli.output import write_table

    # a straight quote and a thousands comma become words of their own, quoted in csv
    odd = tmp_path / "odd.txt"
    odd.write_text('关于两个维护的讲话\n今年新增就业1,000万人，名为ab"c,d的项目。\n' + seed("001").read_text(encoding="utf-8")[:2000], encoding="utf-8")
    paths = [str(odd), str(seed("003"))]
    tokens = load(paths, findings=False).with_tokens().tokens
    out = {}
    for fmt in ("csv", "json", "table"):
        want = io.StringIO()
        write_table(tokens, fmt, want)
        r = run_cli("tokens", "-f", fmt, *paths)
        assert r.returncode == 0, r.stderr
        assert r.stdout == want.getvalue(), fmt
        out[fmt] = r.stdout
    assert ',",",x,' in out["csv"] and ',"""",x,' in out["csv"]  # a comma word and a quote word, quoted


@pytest.mark.parametrize("rows", [2, 200_000])  # slices of two rows, and the whole table at once
def test_arrow_output_is_what_pandas_writes_for_odd_cells(monkeypatch, rows):
    import numpy as np
    import pyarrow as pa

    from tifa.cli import output
    from tifa.frames import arrow_numbers, arrow_strings

    monkeypatch.setattr(output, "CSV_ROWS", rows)
    # a cell past the table's 40 characters, a null, a newline, quotes, a backslash, a tab (json
    # escapes it), a comma (csv quotes it), an empty cell, fullwidth letters (two columns wide)
    words = ["甲" * 45, None, 'x\n"y\\', "中文\t制表", "a,b", "", "ＡＢ全角", "短"]
    n = len(words)
    table = pa.table({"word": arrow_strings(words), "n": arrow_numbers(np.arange(n) * 1000), "ok": arrow_numbers(np.arange(n) % 3 == 0)})
    for fmt in output.FORMATS:
        for t in (table, table.slice(0, 0), table.slice(4)):
            want, got = io.StringIO(), io.StringIO()
            output.write_table(t.to_pandas(), fmt, want)
            output.write_arrow(t, fmt, got)
            assert got.getvalue() == want.getvalue(), (fmt, t.num_rows)


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_tokens_command_runs_without_pandas(fmt):
    code = (
        "import sys; from tifa.cli.main import main; rc = main(['tokens', '-f', sys.argv[2], sys.argv[1]]);"
        "sys.stderr.write(' '.join(m for m in ('pandas', 'pyarrow.compute') if m in sys.modules) or 'lean')"
    )
    r = subprocess.run([sys.executable, "-c", code, str(seed("002")), fmt], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "doc_id" in r.stdout.splitlines()[0 if fmt != "json" else 2]
    # their start-up costs (a quarter of a second, 40 ms) stay out of `tifa tokens`
    assert r.stderr.endswith("lean"), r.stderr[-200:]


def test_tokens_bad_inputs_from_worker_processes(tmp_path):
    # the errors come back from the worker processes, one line each; the good file is still segmented
    bad = bad_files(tmp_path, undecodable=False)
    empty, binary, missing = bad
    r = run_cli("tokens", "-f", "csv", "--workers", "2", str(empty), str(binary), str(seed("004")), str(missing))
    assert_one_line_each(r, bad)
    df = pd.read_csv(io.StringIO(r.stdout))
    assert df["doc_id"].unique().tolist() == ["004_cd130c0f635db98b-01"] and len(df) > 500


def test_reader_stopping_early_is_not_an_error():
    # `tifa tokens … | head -1`: the rest of the table has nowhere to go; no traceback, exit 0
    p = subprocess.Popen([sys.executable, "-m", "tifa.cli", "tokens", "-f", "csv", str(RAW)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=300) == 0
    assert first.startswith(b"doc_id,") and b"Traceback" not in err and b"Exception ignored" not in err, err[-300:]

"""The researcher's workbench: group keyness checked against hand-computed values, the sorted
concordance and dispersion on the seeds, and the SQLite export served by Datasette."""
from __future__ import annotations

import json
import math
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from tifa.analysis import compare as cmp
from tifa.analysis import concordance as conc

TIFA = [sys.executable, "-m", "tifa.cli"]


def test_statistics_by_hand():
    # a = 10 of 1,000 terms against b = 2 of 1,000: expected 6 and 6
    assert cmp.g2(10, 2, 1000, 1000) == pytest.approx(2 * (10 * math.log(10 / 6) + 2 * math.log(2 / 6)))
    assert cmp.g2(10, 2, 1000, 1000) == pytest.approx(5.822, abs=1e-3)
    assert cmp.log_ratio(10, 2, 1000, 1000) == pytest.approx(math.log2(5))
    assert cmp.log_ratio(4, 0, 1000, 1000) == pytest.approx(math.log2(4 / 0.5))  # a zero counts as 0.5
    assert cmp.p_value(10.83) == pytest.approx(0.001, rel=0.01)
    import numpy as np

    assert cmp.dp(np.array([8.0, 2.0, 0.0]), np.array([100.0, 100.0, 200.0])) == pytest.approx(0.55)
    assert cmp.cohens_d(np.array([1.0, 2.0, 3.0]), np.array([3.0, 4.0, 5.0])) == pytest.approx(-2.0)


def _table():
    docs = pd.DataFrame({"doc_id": ["a1", "a2", "a3", "b1", "b2"], "level": ["province"] * 3 + ["central"] * 2})
    rows = [("a1", "改革", 30), ("a2", "改革", 30), ("a3", "改革", 30), ("a1", "发展", 10), ("b1", "发展", 60),
            ("b2", "发展", 60), ("b1", "改革", 1), ("a1", "只此一篇", 40), ("a1", "其他", 70), ("a2", "其他", 100),
            ("a3", "其他", 100), ("b1", "其他", 100), ("b2", "其他", 100)]
    return docs, pd.DataFrame(rows, columns=["doc_id", "term", "count"])


def test_keyness_of_groups_by_hand():
    docs, counts = _table()
    k = cmp.keyness(counts, docs, "level", ["province", "central"], min_count=5, min_docs=2, top=None).set_index("term")
    n1, n2 = 90 + 10 + 40 + 270, 1 + 120 + 200  # 410 and 321 counted terms
    row = k.loc["改革"]
    assert (row["count_a"], row["count_b"], row["docs_a"], row["range_a"]) == (90, 1, 3, 1.0)
    assert row["g2"] == pytest.approx(cmp.g2(90, 1, n1, n2), abs=1e-3)
    assert row["log_ratio"] == pytest.approx(math.log2((90 / n1) / (1 / n2)), abs=1e-3)
    assert row["direction"] == "positive" and row["dp_a"] == pytest.approx(cmp.dp(np.array([30.0, 30, 30]), np.array([150.0, 130, 130])), abs=1e-3)
    assert k.loc["发展", "direction"] == "negative"  # the group's under-used word
    assert "只此一篇" not in k.index  # frequent, but in one document of its group: no keyword
    one_vs_rest = cmp.keyness(counts, docs, "level", ["central"], top=None)
    assert set(one_vs_rest["reference"]) == {"rest"}


import numpy as np  # noqa: E402


def test_sorted_concordance_and_dispersion_on_the_seeds(corpus):
    from tifa.text.kwic import kwic

    hits = kwic(corpus.documents, corpus.sentences, "服务", outline=corpus.outline)
    s = conc.sort_hits(hits, "1L,1R")
    assert len(s) == len(hits) and {"1L", "1R"} <= set(s.columns)
    keys = list(zip(s["1L"], s["1R"]))
    assert keys == sorted(keys)  # ordered by the word left, then right
    tied = s[s["1L"] == s["1L"].iloc[-1]]
    assert list(tied.index) == sorted(tied.index)
    first = s[s["1L"] != ""].iloc[0]
    assert __import__("re").sub(r"[\W_]+$", "", first["left"]).endswith(first["1L"])  # punctuation is no word
    disp = conc.dispersion(hits, corpus.documents).set_index("unit")
    assert disp["hits"].sum() == len(hits) and ((disp["first"] >= 0) & (disp["last"] <= 1)).all() | disp["first"].isna().any()
    with pytest.raises(ValueError):
        conc.parse_sort("3X")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sqlite_export_and_datasette_search(project, tmp_path):
    env = {**__import__("os").environ, "TIFA_HOME": str(project)}
    subprocess.run([*TIFA, "build", "-q"], check=True, env=env, capture_output=True)
    db = tmp_path / "corpus.sqlite"
    r = subprocess.run([*TIFA, "export", "--sqlite", str(db)], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    import sqlite3

    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\"办公室工作\"'").fetchone()[0]
    assert n == con.execute("SELECT count(*) FROM sentences WHERE instr(text, '办公室工作') > 0").fetchone()[0] > 0
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM sentences_in_context").fetchone()[0] == con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    con.close()
    port = _free_port()
    server = subprocess.Popen([*TIFA, "serve", str(db), "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/corpus/sentences_in_context.json?_search={urllib.parse.quote('办公室工作')}&_shape=array"
        for _ in range(60):
            try:
                body = urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("datasette did not answer: " + server.stderr.read1().decode(errors="replace"))
        rows = json.loads(body)
        assert len(rows) == n or len(rows) == 50  # one page of results
        assert all("办公室工作" in r["text"] for r in rows) and {"title", "section"} <= set(rows[0])
        q = urllib.request.urlopen(f"http://127.0.0.1:{port}/corpus/kwic.json?q={urllib.parse.quote('服务')}&_shape=array", timeout=5).read()
        assert all("服务" in r["text"] for r in json.loads(q))
    finally:
        server.terminate()
        server.wait(10)

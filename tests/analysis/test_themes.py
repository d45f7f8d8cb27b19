"""Themes: term counts, keywords, keyness, theme dictionary, similarity, reused passages."""
from __future__ import annotations

import pandas as pd
import pytest

from tifa.analysis import themes as T
from tifa.errors import LexiconError


@pytest.fixture(scope="module")
def tokens(corpus):
    from tifa.tokens.segment import tokens_frame

    return tokens_frame(corpus.documents, corpus.sentences)


@pytest.fixture(scope="module")
def counts(tokens, corpus):
    return T.term_counts(tokens, corpus.formulas)


def test_term_counts_keep_formulations_whole_and_drop_stopwords(counts):
    terms = set(counts["term"])
    assert {"五勤", "四心", "四个意识", "参谋助手"} <= terms
    assert not {"的", "我们", "，", "一是"} & terms
    assert {"坚持", "加强", "服务", "学习", "政治"} <= terms


def test_keywords_and_keyness(counts, tokens):
    kw = T.tfidf_keywords(counts, top=10)
    assert set(kw.groupby("doc_id").size()) == {10}
    k = T.keyness(counts, min_count=3, top=10)
    assert (k["count"] >= 3).all() and (k["log_ratio"] > 0).all()
    d0 = k[k["doc_id"] == "000_a1f40fa14f07572a-02"]
    assert "办公室" in set(d0["term"]) or "承办" in set(d0["term"])
    tr = T.textrank_keywords(tokens, top=5)
    assert set(tr.groupby("doc_id").size()) == {5}


def test_theme_scores_per_speech_and_section(corpus):
    themes = T.load_themes()
    assert {"政治建设", "学习", "服务", "参谋辅政", "综合协调", "督查落实", "文稿写作", "作风纪律", "廉洁自律", "保密"} <= set(themes)
    s = T.theme_scores(corpus.documents)
    assert s.loc["004_cd130c0f635db98b-01"].idxmax() in ("服务", "参谋辅政")
    assert s.loc["000_a1f40fa14f07572a-02", "保密"] > 0
    sec = T.section_theme_scores(corpus.documents, corpus.outline)
    row = sec[(sec["doc_id"] == "000_a1f40fa14f07572a-01") & (sec["section"] == "五、勤省正身")].iloc[0]
    assert row["廉洁自律"] > row["保密"]


def test_theme_loader_checks_the_file(tmp_path):
    p = tmp_path / "t.yml"
    p.write_text("学习: 读书\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="must be a list"):
        T.load_themes(p)


def test_similarity_finds_the_repeated_article(counts):
    sim = T.similarity(counts)
    assert sim.loc["001_30538a9527e96dc1-01", "001_30538a9527e96dc1-03"] > 0.95
    others = sim.loc["001_30538a9527e96dc1-01"].drop(["001_30538a9527e96dc1-01", "001_30538a9527e96dc1-03"])
    assert others.max() < 0.6


def test_reused_passages_with_both_locations(corpus):
    docs = corpus.documents
    r = T.reused_passages(docs, min_len=20)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for row in r.itertuples():
        assert texts[row.doc_a][row.start_a : row.end_a] == texts[row.doc_b][row.start_b : row.end_b] == row.text
        assert row.length >= 20
    between = r[(r.doc_a == "001_30538a9527e96dc1-01") & (r.doc_b == "001_30538a9527e96dc1-03")]
    assert between["length"].sum() > 3000  # the repeated article
    # the same text sampled or not gives the same spans
    assert T.reused_passages(docs, sample_mod=1).equals(r)


def test_reuse_within_one_speech():
    para = "办公室是党委的参谋部，要当好参谋助手，发挥好综合协调作用。"
    docs = pd.DataFrame({"doc_id": ["d"], "text": [para + "\n中间的话。\n" + para]})
    r = T.reused_passages(docs)
    assert len(r) == 1 and r.iloc[0]["doc_a"] == r.iloc[0]["doc_b"] == "d" and r.iloc[0]["text"] == para


def test_aligned_passages_join_a_reissued_article_across_its_edits(corpus):
    docs = corpus.documents
    r = T.aligned_passages(docs)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    a, b = "001_30538a9527e96dc1-01", "001_30538a9527e96dc1-03"  # one article printed twice, lightly edited
    pair = r[(r.doc_a == a) & (r.doc_b == b)]
    assert len(pair) == 1
    row = pair.iloc[0]
    shorter = min(len(texts[a]), len(texts[b]))
    assert min(row.length_a, row.length_b) >= 0.95 * shorter
    assert 0.95 <= row.identical < 1 and row.n_edits >= 1
    assert row.text == texts[a][row.start_a : row.end_a]
    # the exact spans it was built from were many
    spans = T.reused_passages(docs, min_len=20)
    assert len(spans[(spans.doc_a == a) & (spans.doc_b == b)]) > 5


def test_aligned_passage_lists_its_edits():
    base = "办公室工作要做到三个服务：服务领导、服务机关、服务基层。" * 3
    edited = base.replace("服务机关", "服务部门", 1)
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [base + "\n另起一段，说别的事情。", "开头不同的话。\n" + edited]})
    r = T.aligned_passages(docs)
    row = r[(r.doc_a == "a") & (r.doc_b == "b")].iloc[0]
    assert row.length_a == len(base) and row.length_b == len(edited)
    assert "机关→部门" in row.edits and row.n_edits == 1
    assert row.identical == round(2 * (len(base) - 2) / (2 * len(base)), 4)

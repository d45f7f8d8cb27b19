"""Segmentation: lexicons, tokens table, audit, KWIC, n-grams, determinism, parallel runs."""
from __future__ import annotations

import re

import pytest

from tifa.errors import LexiconError
from tifa.text.kwic import compile_query, kwic
from tifa.lexicon.lexicons import WordTable, dictionary, load_stopwords, load_userdict, word_table
from tifa.analysis.ngrams import collocations, corpus_ngrams, log_likelihood, ngrams_frame
from tifa.tokens.segment import Segmenter, audit, tokens_frame

from ..conftest import RAW, seed

THEME_WORDS = ["坚持", "加强", "人民", "服务", "学习", "政治", "发展", "建设", "工作", "领导", "群众", "党", "思想",
               "作风", "纪律", "落实", "创新", "调研", "保密", "参谋", "协调", "督查", "意识"]


@pytest.fixture(scope="module")
def seg():
    return Segmenter()


@pytest.fixture(scope="module")
def tokens(corpus, seg):
    return tokens_frame(corpus.documents, corpus.sentences, segmenter=seg)


# --------------------------------------------------------------------------- lexicon files


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\xef\xbb\xbf\xe5\x9b\x9b\xe4\xb8\xaa\xe6\x84\x8f\xe8\xaf\x86 100 tf\n", ":1: starts with a byte-order mark"),
        ("四个意识 100 tf\r\n两个维护 100 tf\n".encode(), ":1: contains a carriage return"),
        ("四个意识 100 tf\n两个维护  100 tf\n".encode(), ":2: malformed entry"),
        ("四个意识 100 tf\n三个代表 many tf\n".encode(), ":2: malformed entry"),
        ("四个意识 100 tf\n\n四个意识 5\n".encode(), ":3: duplicate entry"),
        ("四个意识 100 tf\n两个维护 100 tf 多余\n".encode(), ":2: malformed entry"),
        (b"\xe5\x9b\x9b\xff 100\n", ":1: not UTF-8"),
    ],
)
def test_userdict_loader_names_file_and_line(tmp_path, content, message):
    p = tmp_path / "userdict.txt"
    p.write_bytes(content)
    with pytest.raises(LexiconError) as exc:
        load_userdict(p)
    assert str(p) in str(exc.value) and message in str(exc.value)


def test_userdict_is_valid_jieba_format_and_tags_classes():
    entries = load_userdict()
    assert len(entries) > 100
    words = {e.word: e for e in entries}
    for w in ("四个意识", "两个维护", "三个服务", "习近平新时代中国特色社会主义思想"):
        assert words[w].lexicon_class == "formulation"
    for w in ("参谋助手", "综合协调", "督促检查", "以文辅政", "办文办会办事"):
        assert words[w].lexicon_class == "office"


def test_stopwords_are_curated_for_the_genre():
    stop = load_stopwords()
    assert {"的", "了", "一是", "首先", "我们"} <= stop
    for w in THEME_WORDS:
        assert w not in stop, f"theme word {w} must not be a stopword"


def test_stopword_loader_rejects_bad_lines(tmp_path):
    p = tmp_path / "stop.txt"
    p.write_text("的\n两个 词\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=":2: one word per line"):
        load_stopwords(p)


def test_word_table_holds_the_compiled_dictionarys_words():
    # cleaning asks the table, the segmenter the compiled dictionary: the same answer for every
    # stretch of one to six Han characters of real reports (1954, 1984, 2014), and for the user words
    table, has = word_table(), dictionary().compiled.has_word
    archive = RAW.parents[1] / "data" / "examples" / "work-reports"
    asked = {e.word for e in load_userdict()}
    for name in ("gwr-1954.txt", "gwr-1984.txt", "gwr-2014.txt"):
        text = (archive / name).read_text(encoding="utf-8")
        for run in re.findall(r"[\u4e00-\u9fff]+", text):
            asked.update(run[i : i + n] for n in range(1, 7) for i in range(len(run) - n + 1))
    assert len(asked) > 50_000
    disagree = [w for w in asked if (w in table) != has(w)]
    assert not disagree, disagree[:10]
    assert sum(w in table for w in asked) > 5_000 and "夹带" in table and "四个意识" in table


def test_word_table_without_a_writable_cache(tmp_path):
    # a read-only install: the table is built each time, not cached, and answers the same
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    table = word_table(cache_dir=tmp_path / "file" / "cache")
    assert "夹带" in table and "夹x" not in table and len(table) == len(word_table())


def test_word_table_search():
    table = WordTable.of(["中国", "人民", "丁", "社会主义", "中国人民"])
    assert all(w in table for w in ["中国", "人民", "丁", "社会主义", "中国人民"]) and len(table) == 5
    assert not any(w in table for w in ["", "中", "乙", "丁丁", "中华", "人", "社会主", "社会主义者", "中国人"])


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("具体讲，就是要增强“四个意识”、坚定“四个自信”、做到“两个维护”。", ["四个意识", "四个自信", "两个维护"]),
        ("用心学习习近平新时代中国特色社会主义思想，坚持用党的创新理论武装头脑", ["习近平新时代中国特色社会主义思想"]),
        ("总的说是做好“三个服务”，发挥三大职能。", ["三个服务", "三大职能"]),
        ("三大职能是参谋助手职能、督促检查职能和综合协调职能。", ["参谋助手", "督促检查", "综合协调"]),
        ("优秀领导秘书，就是要在以文辅政上“写”出水平", ["以文辅政"]),
        ("另外，办公室还要办文办会办事。", ["办文办会办事"]),
    ],
)
def test_formulations_and_office_terms_are_one_token(seg, sentence, expected):
    words = [w for w, _ in seg.tag(sentence)]
    for term in expected:
        assert term in words, (term, words)


@pytest.fixture(scope="module")
def reference():
    return Segmenter(engine="jieba")


def test_reference_engine_equals_jieba_posseg_with_the_same_dictionary(reference, corpus):
    import jieba.posseg as pseg

    text = corpus.documents["text"].iloc[0][:3000]
    ref = pseg.POSTokenizer(reference.tokenizer)
    ref.word_tag_tab = reference.word_tag
    assert reference.tag(text) == [(p.word, p.flag) for p in ref.cut(text)]


def test_compiled_engine_agrees_with_the_reference_on_every_seed(seg, reference, corpus):
    assert seg.engine == "rjieba"
    for text in corpus.documents["text"]:
        assert seg.tag(text) == reference.tag(text)


def test_compiled_engine_agrees_on_real_reports(seg, reference):
    from tifa.config import EXAMPLES

    # the shipped archive, 70 years of work reports: old vocabulary, traditional characters, Latin and digits
    files = sorted(EXAMPLES.glob("*.txt"))[::10]
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8")[:20000]
        got, want = seg.tag(text), reference.tag(text)
        assert [w for w, _ in got] == [w for w, _ in want], f.name
        # jieba-rs's dictionary also tags some traditional characters (業 ng) that jieba's leaves `x`
        tags = sum(a == b for a, b in zip(got, want)) / len(want)
        assert tags > 0.995, f.name


def test_vectorised_hmm_gives_jiebas_viterbi_route(reference):
    from tifa.lexicon.lexicons import posseg_model
    from tifa.tokens.segment import posseg_hmm

    runs = ["提质", "这是", "文旅低碳", "党的新的", "统得过死", "鲲鹏展翅九万里", "囧烎", "的的的的的", "两新一重三去一降一补"]
    # rare characters in a row: a character none of whose states can follow the previous one
    # makes jieba fall back to every state that can (and their emission scores)
    runs += ["鳏寡孤独", "龘靐齉", "兕觥觞斝", "丮丯丱丳", "乸乹乺乻乼"]
    hmm = posseg_hmm()
    for run in runs:
        assert hmm.route(run) == reference._route(run), run
    assert hmm._emit_all, "no run took jieba's fallback"
    assert set(posseg_model()) == {"char_state_tab", "prob_start", "prob_trans", "prob_emit"}


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        Segmenter(engine="nope")


def test_tokens_reproduce_every_sentence_and_index_the_document(tokens, corpus, docs):
    assert list(tokens.columns) == ["doc_id", "sent_id", "tok_id", "word", "pos", "start", "end", "is_stop", "tag"]
    joined = tokens.groupby(["doc_id", "sent_id"], sort=False)["word"].apply("".join)
    sents = corpus.sentences.set_index(["doc_id", "sent_id"])["text"]
    assert joined.to_dict() == sents.to_dict()
    sample = tokens.sample(500, random_state=0)
    for row in sample.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start : row.end] == row.word
    for _, g in tokens.groupby("doc_id"):
        assert list(g["tok_id"]) == list(range(len(g)))


def test_tokens_built_in_small_chunks_are_the_same_table(seg, corpus):
    """The table is built a chunk of words at a time (bounded memory on a huge document, or a
    huge sentence): chunks cut anywhere, inside a document or a sentence, give the same table."""
    from tifa.tokens.segment import tokens_table

    whole = tokens_table(corpus.documents, corpus.sentences, segmenter=seg)
    small = Segmenter()
    small.CHUNK_TOKENS = 997  # many chunks, most ending inside a speech
    small.PAIRS_AT_ONCE = 7  # and inside a sentence
    chunked = tokens_table(corpus.documents, corpus.sentences, segmenter=small)
    assert whole.num_rows > 10 * small.CHUNK_TOKENS
    assert chunked.equals(whole)


def test_stopword_flags_and_lexicon_tags(tokens):
    stop = dict(zip(tokens["word"], tokens["is_stop"]))
    assert stop["的"] and stop["，"] and stop["。"]
    for w in ("坚持", "加强", "人民", "服务", "学习", "政治"):
        assert stop.get(w) is False or w not in stop
    tags = tokens.dropna(subset=["tag"]).drop_duplicates("word").set_index("word")["tag"]
    assert tags["四个意识"] == "formulation" and tags["参谋助手"] == "office"


def test_audit_is_empty_on_the_seeds(tokens, corpus, seg):
    assert audit(tokens, corpus.sentences, [e.word for e in seg.entries]).empty


def test_audit_reports_a_split_term(seg):
    import pandas as pd

    sents = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "text": ["要增强四个意识"]})
    toks = pd.DataFrame({"doc_id": ["d"] * 4, "start": [0, 1, 3, 5], "word": ["要", "增强", "四个", "意识"]})
    out = audit(toks, sents, ["四个意识"])
    assert out[["term", "start", "end", "tokens"]].values.tolist() == [["四个意识", 3, 7, "四个|意识"]]


def test_same_input_same_tokens_single_and_parallel(corpus, tokens):
    again = tokens_frame(corpus.documents, corpus.sentences)
    parallel = tokens_frame(corpus.documents, corpus.sentences, workers=2)
    assert again.equals(tokens)
    assert parallel.equals(tokens)


def test_tokens_straight_from_files_are_the_corpus_tokens(seg, corpus, tokens):
    from tifa.read.files import iter_sources
    from tifa.tokens.segment import TOKEN_COLUMNS, tokens_of_files

    for workers in (1, 2):
        table, errors, warnings = tokens_of_files(iter_sources([RAW], RAW), workers=workers, segmenter=seg)
        assert not errors
        assert table.to_pandas()[TOKEN_COLUMNS].equals(tokens)


def test_tokens_from_files_keep_the_corpus_order_and_report_bad_files(tmp_path, seg):
    from tifa.corpus.tables import load
    from tifa.read.files import iter_sources
    from tifa.tokens.segment import TOKEN_COLUMNS, tokens_of_files

    # source order (a-b.txt < a.txt) and id order (a-01 < a-b-01) differ; a second part; a bad file
    text = seed("003").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text[:3000], encoding="utf-8")
    (tmp_path / "a-b.txt").write_text(seed("002").read_text(encoding="utf-8")[:3000], encoding="utf-8")
    (tmp_path / "z.txt").write_text("第一篇：甲\n" + text[:800] + "\n第二篇：乙\n" + text[800:1600], encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)))
    corpus = load([tmp_path])
    expected = tokens_frame(corpus.documents, corpus.sentences, segmenter=seg)
    assert expected["doc_id"].unique().tolist()[:2] == ["a-01", "a-b-01"]
    for workers in (1, 2):
        table, errors, _ = tokens_of_files(iter_sources([tmp_path]), workers=workers, segmenter=seg)
        assert table.to_pandas()[TOKEN_COLUMNS].equals(expected)
        assert [e.path.name for e in errors] == ["bad.txt"] and "binary" in str(errors[0])


def test_tokens_of_files_where_processes_do_not_fork(monkeypatch, seg):
    # where processes do not fork (Windows, macOS): each worker builds its own segmenter, then reads
    # and segments whole files
    import multiprocessing

    from tifa.read.files import iter_sources
    from tifa.tokens.segment import tokens_of_files

    files = [seed("002"), seed("004")]
    forked, _, _ = tokens_of_files(iter_sources(files), workers=2, segmenter=seg)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    spawned, errors, _ = tokens_of_files(iter_sources(files), workers=2)
    assert not errors and forked.num_rows > 1000 and spawned.equals(forked)


def test_arrow_columns_from_python_values(monkeypatch):
    import sys

    import numpy as np

    from tifa.frames import arrow_numbers, arrow_strings

    words = ["四个意识", "", None, "a,b", "𠀀字", "é"] * 3
    with_pandas = arrow_strings(words)
    monkeypatch.delitem(sys.modules, "pandas")  # as in `tifa tokens`: built from the buffers
    arr = arrow_strings(words)
    arr.validate(full=True)
    assert arr.to_pylist() == words and arr.null_count == 3 and arr.equals(with_pandas)
    assert arrow_strings([]).to_pylist() == []
    flags = np.array([True, False, True] * 7)
    assert arrow_numbers(flags).to_pylist() == flags.tolist()
    assert arrow_numbers(np.arange(5, dtype=np.int32)).to_pylist() == [0, 1, 2, 3, 4]


def test_jieba_chatter_stays_off_stdout(capfd):
    Segmenter().tag("办公室工作")
    out, err = capfd.readouterr()
    assert out == "" and "Building prefix dict" not in err


# --------------------------------------------------------------------------- kwic


def test_kwic_with_a_slot(corpus):
    df = kwic(corpus.documents, corpus.sentences, "要有*意识", width=8)
    slots = set(df["slots"])
    assert {"全局", "大局", "发展", "服务", "参谋"} <= slots
    row = df[df["slots"] == "大局"].iloc[0]
    assert row["match"] == "要有大局意识"
    text = corpus.documents.set_index("doc_id").loc[row["doc_id"], "text"]
    assert text[row["start"] : row["end"]] == row["match"]
    assert text[row["start"] - len(row["left"]) : row["start"]] == row["left"]


def test_kwic_slot_does_not_cross_punctuation_and_word_mode(corpus, tokens):
    df = kwic(corpus.documents, corpus.sentences, "在*上下功夫")
    assert "“五勤”" in set(df["slots"]) and "谋篇布局" in set(df["slots"])
    assert not any("，" in s for s in df["slots"])
    plain = kwic(corpus.documents, corpus.sentences, "服务")
    whole = kwic(corpus.documents, corpus.sentences, "服务", tokens=tokens)
    assert 0 < len(whole) < len(plain)


def test_compile_query_rejects_empty():
    with pytest.raises(ValueError):
        compile_query("*")


# --------------------------------------------------------------------------- n-grams


def test_ngrams_and_collocations(tokens):
    per_doc = ngrams_frame(tokens, ns=(2, 3), min_count=2)
    assert set(per_doc["n"]) == {2, 3}
    assert not per_doc["ngram"].str.match(r"^(的|了|和) ").any()
    corpus = corpus_ngrams(tokens, min_count=3)
    top = corpus[corpus["n"] == 2].iloc[0]
    assert top["count"] >= 10 and top["n_docs"] >= 2
    col = collocations(tokens, min_count=3)
    assert (col["count"] >= 3).all()
    assert col["llr"].is_monotonic_decreasing
    assert ("上级", "机关") in set(zip(col["w1"], col["w2"]))


def _g2(c12, c1, c2, n):
    """G² = 2 Σ O ln(O/E) over the 2×2 table, written out independently."""
    import math

    obs = [c12, c1 - c12, c2 - c12, n - c1 - c2 + c12]
    rows, cols = [c1, n - c1], [c2, n - c2]
    exp = [rows[0] * cols[0] / n, rows[0] * cols[1] / n, rows[1] * cols[0] / n, rows[1] * cols[1] / n]
    return 2 * sum(o * math.log(o / e) for o, e in zip(obs, exp) if o)


def test_log_likelihood_matches_a_worked_example():
    # A pair seen 10 times, words 20 and 30 times, in 1000 pairs: G² ≈ 46.5
    assert log_likelihood(10, 20, 30, 1000) == pytest.approx(46.50, abs=0.01)
    for args in [(10, 20, 30, 1000), (2, 20, 100, 1000), (19, 35, 45, 5000)]:
        assert log_likelihood(*args) == pytest.approx(_g2(*args), abs=1e-6)
    assert log_likelihood(2, 20, 100, 1000) == pytest.approx(0.0, abs=0.1)

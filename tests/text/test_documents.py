"""Documents: the seed files become their real documents, with titles, dates and sentences."""
from __future__ import annotations

import pytest

from tifa.text.clean import clean
from tifa.text.documents import iter_sentences, mark_duplicates, pieces_frame, split_pieces

EXPECTED = [
    # doc_id, title, date, duplicate_of
    ("000_a1f40fa14f07572a-01", "在新入职办公室干部交流会上的讲话", "2021-10-16", None),
    ("000_a1f40fa14f07572a-02", "参与政务 管理事务 协调关系 搞好服务 ——新入职办公室人员业务培训辅导讲稿", "2021-10-16", None),
    ("001_30538a9527e96dc1-01", "党政办公室文秘工作经验分享交流发言稿——风雨并济的感悟", None, None),
    ("001_30538a9527e96dc1-02", "公务员必须知道懂得会用这些公文常识", None, None),
    ("001_30538a9527e96dc1-03", "党政办公室文秘工作经验交流发言讲稿", None, "001_30538a9527e96dc1-01"),
    ("001_30538a9527e96dc1-04", "办公室文秘工作感想", "2010-10-14", None),
    ("001_30538a9527e96dc1-05", "如何做好党政办公室文秘工作", None, None),
    ("001_30538a9527e96dc1-06", "办公室工作经验交流发言稿", "2007-03-01", None),
    ("002_f5a1eb64523f891d-01", "在办公室主任会议上的讲话", "2023-10-23", None),
    ("003_589669c2a269e602-01", "在市X系统办公室主任暨业务培训会上的讲话", None, None),
    ("004_cd130c0f635db98b-01", "办公室工作经验交流：做好新时代办公室工作，必须要强化六种意识", None, None),
]


def test_seed_files_become_their_documents(docs):
    assert list(docs["doc_id"]) == [e[0] for e in EXPECTED]
    counts = docs.groupby("source").size().to_dict()
    assert counts == {
        "000_a1f40fa14f07572a.txt": 2,
        "001_30538a9527e96dc1.txt": 6,
        "002_f5a1eb64523f891d.txt": 1,
        "003_589669c2a269e602.txt": 1,
        "004_cd130c0f635db98b.txt": 1,
    }


@pytest.mark.parametrize("doc_id, title, date, duplicate_of", EXPECTED, ids=[e[0][:3] + e[0][-3:] for e in EXPECTED])
def test_titles_dates_and_duplicates(docs, doc_id, title, date, duplicate_of):
    row = docs.loc[doc_id]
    assert row["title"] == title
    assert (row["date"] if isinstance(row["date"], str) else None) == date
    assert (row["duplicate_of"] if isinstance(row["duplicate_of"], str) else None) == duplicate_of


def test_duplicate_is_marked_not_dropped(docs):
    dup = docs.loc["001_30538a9527e96dc1-03"]
    assert dup["dup_similarity"] >= 0.9
    assert dup["n_chars"] > 3000


def test_page_title_and_piece_labels(docs):
    assert docs.loc["000_a1f40fa14f07572a-01", "page_title"] == "新入职办公室干部交流会上讲话和业务培训辅导讲稿"
    assert list(docs[docs["source"].str.startswith("001")]["piece_label"]) == ["第一篇", "", "第二篇", "第三篇", "第四篇", "第五篇"]


@pytest.mark.parametrize(
    "doc_id, starts_with, ends_with",
    [
        ("000_a1f40fa14f07572a-01", "同志们：\n机关是党委决策的参谋助手", "祝同志们身体健康、工作顺利！谢谢大家！"),
        ("000_a1f40fa14f07572a-02", "办公室是一个单位的综合管理机构", "最后祝大家在办公室的岗位上工作顺利。"),
        ("001_30538a9527e96dc1-02", "请示 S VS 报告\n“请示”和“报告”都是上行文", "需要有关单位周知或执行的事项。"),
        ("001_30538a9527e96dc1-04", "我是今年4月份进入*乡办公室", "争取早日成为一名合格的秘书。\n2010年10月14日"),
        ("002_f5a1eb64523f891d-01", "同志们：\n全市办公室工作业务专题培训班今天开学了。", "学有所长。\n谢谢大家！"),
        ("003_589669c2a269e602-01", "同志们：\n经局党组研究决定", "共创X艳阳天”。\n谢谢大家！"),
        ("004_cd130c0f635db98b-01", "办公室是党委、政府的服务部", "影响领导形象。"),
    ],
)
def test_document_text_spans(docs, doc_id, starts_with, ends_with):
    text = docs.loc[doc_id, "text"]
    assert text.startswith(starts_with)
    assert text.endswith(ends_with)


def test_cut_off_text_is_kept_as_it_is(docs):
    # Seed 004 announces six 意识 and delivers four sections: nothing is invented.
    text = docs.loc["004_cd130c0f635db98b-01", "text"]
    assert "必须要强化六种意识（大局意识、发展意识、服务意识、参谋意识、创新意识、奉献意识）" in text
    assert "四、做好新时代办公室工作，必须要有参谋意识" in text
    assert "五、" not in text


def test_sentences_have_offsets_into_the_document_text(corpus, docs):
    sents = corpus.sentences
    assert len(sents) > 900
    for row in sents.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start : row.end] == row.text
        assert row.text.strip() == row.text and row.text
    # sentence ids are dense per document, paragraphs non-decreasing
    for _, g in sents.groupby("doc_id"):
        assert list(g["sent_id"]) == list(range(len(g)))
        assert g["para_id"].is_monotonic_increasing
        assert g["start"].is_monotonic_increasing


@pytest.mark.parametrize(
    "text, expected",
    [
        ("一要对党忠诚。天下至德，莫大于忠。", ["一要对党忠诚。", "天下至德，莫大于忠。"]),
        ("习总书记指出：“干部的修养需要终生努力。”一要摒弃非分之想。", ["习总书记指出：“干部的修养需要终生努力。”", "一要摒弃非分之想。"]),
        ("一、勤学增才\n习总书记强调", ["一、勤学增才", "习总书记强调"]),
        ("那么秘书是怎样“炼”成的呢？要做一名领导秘书！", ["那么秘书是怎样“炼”成的呢？", "要做一名领导秘书！"]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[s:e] for _, s, e in iter_sentences(text)] == expected


def test_closing_formula_then_title_starts_a_new_piece():
    raw = "第一个讲话\n同志们：\n" + "我们要做好工作。" * 20 + "\n谢谢大家！\n第二个讲话的标题\n" + "办公室工作要讲政治。" * 30
    pieces = split_pieces(clean(raw), source="x.txt")
    assert [p.title for p in pieces] == ["第一个讲话", "第二个讲话的标题"]
    assert pieces[1].text.startswith("办公室工作要讲政治。")


def test_a_short_tail_after_closing_is_not_a_piece():
    raw = "讲话\n" + "我们要做好工作。" * 20 + "\n谢谢大家！\n附件一览\n短。"
    assert len(split_pieces(clean(raw), source="x.txt")) == 1


def test_doc_ids_are_stable_and_from_source_and_part():
    raw = "第一篇：甲\n" + "内容甲。" * 30 + "\n第二篇：乙\n" + "内容乙。" * 30
    ids = [p.doc_id for p in split_pieces(clean(raw), source="sub/dir/file.txt")]
    assert ids == ["sub__dir__file-01", "sub__dir__file-02"]


def test_mark_duplicates_keeps_rows_and_links_to_first():
    raw = "第一篇：甲\n" + "办公室工作要讲政治顾大局。" * 30 + "\n第二篇：乙\n" + "办公室工作要讲政治顾大局。" * 30 + "多一句。"
    df = mark_duplicates(pieces_frame(split_pieces(clean(raw), source="f.txt")))
    assert len(df) == 2
    assert df["duplicate_of"].tolist() == [None, "f-01"]

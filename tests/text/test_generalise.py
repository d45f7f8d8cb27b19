"""The cleaning and splitting rules hold beyond the five seeds: the shared work-report corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="shared/corpus not beside the checkout")

JUNK = ["下载", "打印", "全屏", "收藏", "【", "】", "Public domain", "false", "维基文库", "公有领域", "扫一扫",
        "相关链接", "相关附件", "相关报道", "关闭窗口", "责任编辑", "来源："]


@pytest.fixture(scope="module")
def extra():
    from tifa.corpus.tables import load

    corpus = load(sorted(SHARED.glob("*.txt")), root=SHARED)  # the twelve top-level reports
    assert not corpus.errors, corpus.errors
    return corpus.documents.set_index("doc_id", drop=False)


def test_one_document_per_report_and_notes_file_ignored(extra):
    assert len(extra) == 12
    assert all(extra["source"].str.endswith(".txt"))


@pytest.mark.parametrize("doc_id", [
    "cpc15-congress-report-01", "cpc16-congress-report-01", "gwr-1984-central-01", "gwr-1994-central-01",
    "gwr-2004-central-01", "gwr-2014-central-01", "gwr-2021-central-01", "gwr-2026-guangxi-01",
    "gwr-2026-henan-01", "gwr-2026-shanghai-01", "gwr-2026-sichuan-01", "gwr-2026-zhejiang-01",
])
def test_no_page_chrome_or_licence_notice_remains(extra, doc_id):
    text = extra.loc[doc_id, "text"]
    head, tail = text[:300], text[-300:]
    for junk in JUNK:
        assert junk not in head and junk not in tail, junk
    assert text[-1] in "。！？”", repr(text[-40:])


@pytest.mark.parametrize("doc_id, title, date", [
    ("gwr-2021-central-01", "政府工作报告", "2021-03-05"),
    ("gwr-2026-guangxi-01", "2026年广西壮族自治区政府工作报告", "2026-02-02"),
    ("gwr-2026-henan-01", "2026年河南省政府工作报告", "2026-01-26"),
    ("gwr-2026-sichuan-01", "2026年四川省人民政府工作报告", "2026-02-03"),
    ("gwr-2026-zhejiang-01", "2026年浙江省政府工作报告", "2026-01-14"),
])
def test_titles_broken_or_under_chrome_and_datelines(extra, doc_id, title, date):
    assert extra.loc[doc_id, "title"] == title
    assert extra.loc[doc_id, "date"] == date


def test_speeches_start_with_their_salutation_or_dateline(extra):
    for doc_id, text in zip(extra["doc_id"], extra["text"]):
        first = text.split("\n", 1)[0]
        assert first in ("同志们：", "各位代表：") or first.startswith(("——", "20")), (doc_id, first)

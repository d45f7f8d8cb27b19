# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · The corpus: what went in, what cleaning removed, what repeats
#
# Which speeches does the corpus hold, where did each come from, how long are
# they, and can we trust the cleaned text? This notebook lists every document
# split out of the raw files (a file may hold several pieces), its title and
# date, what the cleaning removed and why (so a reader can check that no speech
# content was dropped), and which documents are near-duplicates of another.

# %%
import pandas as pd

from tifa.config import PROCESSED, REPORT_SAMPLE
from tifa.corpus.tables import read_corpus, read_table
from tifa.report.notebook import closing_table, say, setup
from tifa.report.plots import bar

setup()
all_docs = read_table("documents", PROCESSED)
corpus = read_corpus(PROCESSED, sample=REPORT_SAMPLE)  # a large corpus is sampled evenly
docs, sents, log = corpus.documents, corpus.sentences, corpus.cleaning_log
years = all_docs["date"].dropna().astype(str).str[:4]
reasons = log["reason"].value_counts()
say(
    "**{n_docs} documents** from {n_files} files, {n_chars:,} characters"
    + (", dated {first}–{last}" if len(years) else "")
    + ". Cleaning removed {n_removed:,} spans of page chrome"
    + (", most often *{reason}* ({n_reason})" if len(reasons) else "")
    + "; near-duplicates of another document: {n_dup}."
    + (" The pages below show an even sample of {n_shown}." if len(docs) < len(all_docs) else ""),
    n_docs=len(all_docs), n_files=all_docs["source"].nunique(), n_chars=int(all_docs["n_chars"].sum()),
    first=years.min() if len(years) else "", last=years.max() if len(years) else "", n_removed=len(log),
    reason=reasons.index[0] if len(reasons) else "", n_reason=int(reasons.iloc[0]) if len(reasons) else 0,
    n_dup=int(all_docs["duplicate_of"].notna().sum()), n_shown=len(docs),
)

# %% [markdown]
# ## Documents

# %%
docs[["doc_id", "source", "part", "piece_label", "title", "date", "date_source", "n_chars", "n_sents", "duplicate_of"]]

# %%
sizes = docs.set_index(docs["title"].fillna(docs["doc_id"]))["n_chars"].head(40)
ax = bar(sizes, title="文档长度（字符）", xlabel="characters")

# %% [markdown]
# ## What cleaning removed
#
# Every removed span with its reason and raw line, per document. Whitespace and
# punctuation normalisation (half-width → full-width) are not listed: they
# change no content.

# %%
log.pivot_table(index="doc_id", columns="reason", values="removed", aggfunc="count", fill_value=0)

# %%
log[["doc_id", "line", "reason", "removed"]].head(40)

# %% [markdown]
# ## Near-duplicates
#
# Documents whose text (character 5-gram shingles) is at least 80 % the same as
# an earlier one are marked, not dropped.

# %%
dups = all_docs[all_docs["duplicate_of"].notna()][["doc_id", "title", "duplicate_of", "dup_similarity"]]
dups

# %% [markdown]
# ## Export
#
# The documents table without the full text — the table a reader would export.

# %%
closing_table(all_docs.drop(columns=["text"]), "01_corpus_documents")

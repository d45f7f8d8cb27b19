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
# # 05 · Comparison: how alike are the speeches, and what do they share?
#
# How similar is each speech to the others (TF-IDF cosine), which passages
# are reused between speeches — or repeated within one — and where does a
# phrase occur in context? The corpus holds a repeated article and many stock
# phrases of the genre; both show up here. Edit the query in the KWIC cell to
# search your own phrase; `*` is a slot (`要有*意识`).

# %%
import pandas as pd

from tifa.config import PROCESSED, REPORT_SAMPLE
from tifa.corpus.tables import doc_labels, read_corpus
from tifa.text.kwic import kwic
from IPython.display import HTML, display

from tifa.report import interactive
from tifa.analysis import compare, concordance
from tifa.report import plots
from tifa.analysis import themes
from tifa.report.notebook import closing_table, joined, say, setup, spread

setup()
corpus = read_corpus(PROCESSED, sample=REPORT_SAMPLE)  # a large corpus is sampled evenly
docs = corpus.documents
labels = doc_labels(docs)
counts = themes.term_counts(corpus.tokens, corpus.formulas)

# %% [markdown]
# ## Similarity (TF-IDF cosine)

# %%
sim = themes.similarity(counts)
sim_shown = spread(sim)
if len(sim_shown) < len(sim):
    say("The heatmap compares **{k} of the {n} speeches**, evenly spread; the most alike pairs below come from all of them.",
        k=len(sim_shown), n=len(sim))
sim_named = sim_shown[sim_shown.index].rename(index=labels, columns=labels)
ax = plots.heatmap(sim_named, title="讲话相似度（TF-IDF 余弦）", fmt="{:.2f}")

# %%
pairs = sim.stack()
pairs = pairs[pairs.index.get_level_values(0) < pairs.index.get_level_values(1)].sort_values(ascending=False)
if len(pairs):
    (a, b), v = pairs.index[0], pairs.iloc[0]
    say("The most alike pair is **{a}** and **{b}** (cosine {v:.2f}); the median pair scores {median:.2f}.",
        a=labels.get(a, a), b=labels.get(b, b), v=v, median=pairs.median())
pairs.head(10).rename("cosine").to_frame()

# %% [markdown]
# ## Reused passages
#
# Passages of at least 20 characters found in two places, with both locations — aligned across
# small edits (a reissued article is one passage, with its edits listed), as passim and TextPAIR
# report text reuse.

# %%
reuse = themes.aligned_passages(docs, min_len=20)
edited = reuse[reuse["n_edits"] > 0]
say("{n} reused passages: {n_between} between speeches, {n_within} within one; {n_edited} of them reused with edits"
    + (" (the longest: {longest} characters, {identical:.1%} identical)." if len(edited) else "."),
    n=len(reuse), n_between=int((reuse.doc_a != reuse.doc_b).sum()), n_within=int((reuse.doc_a == reuse.doc_b).sum()),
    n_edited=len(edited), longest=int(edited["length_a"].max()) if len(edited) else 0,
    identical=edited.iloc[0]["identical"] if len(edited) else 0.0)
shown = reuse.assign(
    a=reuse["doc_a"].map(labels), b=reuse["doc_b"].map(labels),
    text=reuse["text"].where(reuse["text"].str.len() <= 80, reuse["text"].str.slice(0, 80) + "…").str.replace("\n", "⏎"),  # the CSV has it whole
)
shown[["a", "start_a", "b", "start_b", "length_a", "length_b", "identical", "n_edits", "edits", "text"]].head(30)

# %% [markdown]
# ## Concordance (KWIC) — edit the query

# %%
QUERY = "要有*意识"
hits = kwic(docs, corpus.sentences, QUERY, width=16, outline=corpus.outline)
hits[["doc_id", "section", "left", "match", "right", "slots"]]

# %% [markdown]
# ## A word in context, sorted and across the texts
#
# The hits of `WORD` sorted by the word just left of it, then the word just right (AntConc's
# 1L, 1R sort; `tifa kwic WORD --sort 1L,1R`), and where in each speech they fall — the
# dispersion ("x-ray") plot, one row per speech, a tick per hit (`tifa kwic WORD --plot FILE.png`).

# %%
WORD = "服务"
word_hits = kwic(docs, corpus.sentences, WORD, width=14, outline=corpus.outline)
sorted_hits = concordance.sort_hits(word_hits, "1L,1R")
disp = concordance.dispersion(word_hits, docs)
say("**{n} hits** of {w} in {d} of {n_docs} speeches; the commonest word before it: {left}.",
    n=len(word_hits), w=WORD, d=int((disp["hits"] > 0).sum()), n_docs=len(docs),
    left=joined("、", sorted_hits["1L"].replace("", pd.NA).dropna().value_counts().head(5).index, empty="none"))
if len(word_hits):
    ax = concordance.dispersion_plot(word_hits, docs, labels=labels, title=f"“{WORD}”在各篇讲话中的位置", max_units=40)
sorted_hits[["doc_id", "1L", "left", "match", "right", "1R"]]

# %% [markdown]
# ## Two groups compared
#
# Keywords of one group of documents against another (`tifa compare --by COLUMN --group A --group B`):
# log-likelihood G² with its p-value, the log ratio as effect size (+1 = twice as frequent), and
# dispersion — the share of the group's documents using the term and Gries' DP (0 = even, 1 = in
# one document) — so a word of one speech is not its group's keyword. Negative keywords are the
# group's under-used words. Groups: `level` where the corpus has several, else `speaker`, else the
# two largest source files. In the scatter, each term is a dot at its frequency in the two groups;
# hover for its counts, click to read its sentences.

# %%
GROUP_BY = next((c for c in ("level", "speaker", "source") if c in docs and docs[c].fillna("").ne("").any()
                 and docs[c].nunique() >= 2), None)
if GROUP_BY is not None:
    A, B = list(docs[GROUP_BY].fillna("").replace("", pd.NA).dropna().value_counts().index[:2])
    key = compare.keyness(counts, docs, GROUP_BY, [A, B], formulas=set(corpus.formulas["formula"]), min_count=3, top=30)
    pos, neg = key[key["direction"] == "positive"], key[key["direction"] == "negative"]
    say("**{a}** against **{b}** (by {by}): {n_pos} keywords and {n_neg} negative keywords at p < 0.001; "
        "the strongest: {top}.", a=A, b=B, by=GROUP_BY, n_pos=len(pos), n_neg=len(neg),
        top=joined("、", pos["term"].head(8), empty="none"))
    display(HTML(interactive.term_scatter_html(interactive.scatter_data(counts, docs, GROUP_BY, A, B, corpus.sentences), A, B)))
    key
else:
    say("The corpus has no documents column with two groups to compare.")

# %% [markdown]
# ## Every sentence with its outline section
#
# The speechwriter's search box: type any phrase to find every sentence that holds it,
# with the speech and the numbered section it sits in.

# %%
sections = corpus.outline.assign(section=corpus.outline["marker"].fillna("") + corpus.outline["title"].fillna(""))
conc = corpus.sentences.merge(sections[["doc_id", "item_id", "section"]], on=["doc_id", "item_id"], how="left")
conc = conc.assign(speech=conc["doc_id"].map(labels))[["speech", "section", "text", "matter"]]
closing_table(conc, "05_compare_sentences", caption="All sentences.")

# %% [markdown]
# ## Export
#
# Reused passages with both locations — the table a reader would export.

# %%
closing_table(reuse, "05_compare_reuse")

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
# # 02 · Themes: what each speech is about
#
# Which themes dominate each speech and each of its sections? Keywords come
# from TF-IDF against the corpus and from TextRank; keyness compares each
# speech with all the others (log-likelihood, with the log ratio as effect
# size); the theme dictionary `data/lexicons/themes.yml` is scored per speech
# and per top-level section, per 1,000 characters. Formulations such as 五勤
# or 四个意识 count as single terms. Near-duplicate documents are left out.

# %%
import pandas as pd
import matplotlib.pyplot as plt

from tifa.config import PROCESSED, REPORT_SAMPLE
from tifa.corpus.tables import doc_labels, read_corpus
from tifa.report import plots
from tifa.analysis import themes
from tifa.report.notebook import MAX_PLOT_ROWS, closing_table, say, setup, spread

setup()
corpus = read_corpus(PROCESSED, sample=REPORT_SAMPLE)  # a large corpus is sampled evenly
docs = corpus.documents[corpus.documents["duplicate_of"].isna()]
labels = doc_labels(docs)
tokens = corpus.tokens[corpus.tokens["doc_id"].isin(docs["doc_id"])]
counts = themes.term_counts(tokens, corpus.formulas)
scores = themes.theme_scores(docs)
scores.index = [labels[d] for d in scores.index]
if scores.size and scores.to_numpy().max() > 0:
    speech, theme = scores.stack().idxmax()
    say(
        "Across {n} speeches the strongest theme is **{strongest}** on average; "
        "the speech that leans most on one theme is **{speech}**, on *{theme}* "
        "({per_1k:.1f} mentions per 1,000 characters).",
        n=len(docs), strongest=scores.mean().idxmax(), speech=speech, theme=theme, per_1k=scores.loc[speech, theme],
    )

# %% [markdown]
# ## Keywords per speech (TF-IDF and TextRank)

# %%
kw = themes.tfidf_keywords(counts, top=10)
tr = themes.textrank_keywords(tokens, top=10)
side = pd.DataFrame({
    labels[d]: {"TF-IDF": "、".join(kw[kw.doc_id == d].term), "TextRank": "、".join(tr[tr.doc_id == d].term)}
    for d in docs["doc_id"]
}).T
side

# %% [markdown]
# ## Keyness: what each speech says more than the others

# %%
key = themes.keyness(counts, min_count=3, top=8)
key.assign(speech=key["doc_id"].map(labels))[["speech", "term", "count", "rest", "ll", "log_ratio"]]

# %% [markdown]
# ## Theme dictionary: speech × theme (per 1,000 characters)

# %%
if len(scores) > MAX_PLOT_ROWS:
    say("The heatmap shows **{k} of the {n} speeches**, evenly spread; the table below has them all.", k=MAX_PLOT_ROWS, n=len(scores))
ax = plots.heatmap(spread(scores), title="主题强度（每千字出现次数）")

# %%
dominant = scores.idxmax(axis=1).rename("dominant theme")
dominant.to_frame()

# %% [markdown]
# ## Section × theme
#
# Top-level outline sections of every speech (a speech without numbered
# sections has none here).

# %%
sec = themes.section_theme_scores(docs, corpus.outline, depth=1)
sec_plot = sec.set_index(sec["doc_id"] + " " + sec["section"].str[:16]).drop(columns=["doc_id", "item_id", "section", "n_chars"])
if len(sec_plot) > MAX_PLOT_ROWS:
    say("The heatmap shows **{k} of the {n} sections**, evenly spread.", k=MAX_PLOT_ROWS, n=len(sec_plot))
ax = plots.heatmap(spread(sec_plot), title="各部分主题强度（每千字）", annotate=False)

# %% [markdown]
# ## Word clouds per speech
#
# Drawn from term frequencies (content words and formulations), never by
# letting the word-cloud library cut the Chinese itself.

# %%
MAX_CLOUDS = 6  # one figure per speech does not scale: an even spread of at most this many
shown = docs.iloc[sorted({round(i * (len(docs) - 1) / max(MAX_CLOUDS - 1, 1)) for i in range(min(MAX_CLOUDS, len(docs)))})]
if len(shown) < len(docs):
    say("Word clouds of **{k} of the {n} speeches**, evenly spread over the corpus.", k=len(shown), n=len(docs))
n = len(shown)
cols = 2
fig, axes = plt.subplots((n + cols - 1) // cols, cols, figsize=(12, 3.2 * ((n + cols - 1) // cols)), squeeze=False)
for ax, d in zip(axes.flat, shown["doc_id"]):
    c = counts[counts.doc_id == d]
    plots.wordcloud(dict(zip(c.term, c["count"])), ax=ax, title=labels[d], width=600, height=300)
for ax in list(axes.flat)[n:]:
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# ## Co-occurrence of the corpus' key terms
#
# Sentences holding both terms; the 16 most frequent content terms.

# %%
top_terms = list(themes.content_terms(tokens)["word"].value_counts().head(16).index)
ax = plots.network(themes.cooccurrence(tokens, top_terms), title="关键词共现网络（同句）")

# %% [markdown]
# ## Export
#
# Speech × theme scores — the table a reader would export.

# %%
closing_table(scores.reset_index(names="speech"), "02_themes_scores")

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
# # 04 · Structure: how the speeches are numbered
#
# How do the speeches' numbered structures differ? Each speech's outline
# (一、 （一） 1. 一是… 第一，… 首先…), the marker styles it prefers, how deep
# and how long its lists are, and where the count a speech announces
# (讲三点意见, 强化六种意识) differs from what it delivers.

# %%
import pandas as pd
import matplotlib.pyplot as plt

from tifa.config import PROCESSED, REPORT_SAMPLE
from tifa.corpus.tables import doc_labels, read_corpus
from tifa.structure.outline import tree
from tifa.report import plots
from tifa.report.notebook import closing_table, say, setup, spread

setup()
corpus = read_corpus(PROCESSED, sample=REPORT_SAMPLE)  # a large corpus is sampled evenly
docs = corpus.documents[corpus.documents["duplicate_of"].isna()]
keep = set(docs["doc_id"])
labels = doc_labels(docs)
outline = corpus.outline[corpus.outline["doc_id"].isin(keep)]
enums = corpus.enumerations[corpus.enumerations["doc_id"].isin(keep)]
depths = outline.groupby("doc_id")["depth"].max()
promised = enums[enums["announced"].notna()]
broken = promised[promised["announced"] != promised["n_items"]]
b = broken.iloc[0] if len(broken) else None
say(
    "{n_items:,} numbered items in {n_docs} speeches, in {n_lists:,} lists."
    + (" The deepest outline is **{deepest}** ({depth} levels)." if len(depths) else "")
    + " {n_promised} lists announce how many points they make"
    + ("; {n_broken} deliver a different number — e.g. **{speech}** announces {announced} (“{announced_text}”) "
       "and delivers {delivered}." if b is not None else ", and every one delivers it."),
    n_items=len(outline), n_docs=outline["doc_id"].nunique(), n_lists=len(enums),
    deepest=labels.get(depths.idxmax(), depths.idxmax()) if len(depths) else "", depth=int(depths.max()) if len(depths) else 0,
    n_promised=len(promised), n_broken=len(broken),
    speech=labels.get(b["doc_id"], b["doc_id"]) if b is not None else "", announced=int(b["announced"]) if b is not None else 0,
    announced_text=b["announced_text"] if b is not None else "", delivered=int(b["n_items"]) if b is not None else 0,
)

# %% [markdown]
# ## The outlines, side by side

# %%
mapped = spread(docs)
if len(mapped) < len(docs):
    say("The map and the trees show **{k} of the {n} speeches**, evenly spread; the outline table below has them all.",
        k=len(mapped), n=len(docs))
ax = plots.structure_map(outline[outline["doc_id"].isin(mapped["doc_id"])], mapped)

# %%
print(tree(outline[outline["doc_id"].isin(mapped["doc_id"])].assign(title=outline["title"].str[:28]), mapped))

# %% [markdown]
# ## Marker styles per speech

# %%
styles = pd.crosstab(outline["doc_id"].map(labels), outline["style"])
ax = plots.heatmap(spread(styles), title="编号样式（条目数）", fmt="{:.0f}")

# %% [markdown]
# ## Depth and list length

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
outline["depth"].value_counts().sort_index().plot.bar(ax=axes[0], color="#b22222", title="items by depth")
enums["n_items"].value_counts().sort_index().plot.bar(ax=axes[1], color="#8b0000", title="lists by number of items (the favourite 三)")
fig.tight_layout()

# %%
summary = pd.DataFrame({
    "items": outline.groupby("doc_id").size(),
    "max depth": outline.groupby("doc_id")["depth"].max(),
    "lists": enums.groupby("doc_id").size(),
    "mean list length": enums.groupby("doc_id")["n_items"].mean().round(2),
}).rename(index=labels)
summary

# %% [markdown]
# ## Announced versus delivered
#
# Lists whose introduction promises a number of points. A mismatch shows a
# speech that announces five points and delivers four — or was cut off.

# %%
announced = enums[enums["announced"].notna()].assign(speech=lambda d: d["doc_id"].map(labels))
announced["matches"] = announced["announced"] == announced["n_items"]
announced[["speech", "style", "announced_text", "announced", "n_items", "matches"]]

# %% [markdown]
# ## Export
#
# The outline table — every numbered item with its marker, depth and title.

# %%
closing_table(outline[["doc_id", "item_id", "parent_id", "depth", "marker", "style", "ordinal", "title", "matter"]], "04_structure_outline")

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
# # 03 · Formulations and slogans: the speeches' fingerprints
#
# Which numbered formulations (提法) and parallel slogans (排比) do the
# speeches use, what do they stand for, and which recur across speeches?
# Formulations come with their members wherever the speech spells them out
# (brackets, 即…, the list or headings that follow); `known` marks the central
# formulations of `data/lexicons/formulations.tsv`; a *coinage* is a
# formulation found in one source only. Also: who the speeches quote, and the
# slot templates a speechwriter can reuse.

# %%
import pandas as pd

from tifa.config import PROCESSED, REPORT_SAMPLE
from tifa.corpus.tables import doc_labels, read_corpus
from tifa.rhetoric.formulations import formula_matrix
from tifa.rhetoric.parallels import accepted
from tifa.rhetoric.templates import mine_templates, templates_table
from tifa.report import plots
from tifa.report.notebook import closing_table, joined, say, setup

setup()
corpus = read_corpus(PROCESSED, sample=REPORT_SAMPLE)  # a large corpus is sampled evenly
docs = corpus.documents[corpus.documents["duplicate_of"].isna()]
keep = set(docs["doc_id"])
labels = doc_labels(docs)
f = corpus.formulas[corpus.formulas["doc_id"].isin(keep)]

# %% [markdown]
# ## Formulations with their members

# %%
forms = f[f["kind"] == "formulation"].drop_duplicates(["doc_id", "formula"])
spread = forms.groupby("formula")["doc_id"].nunique().sort_values(ascending=False)
say(
    "The speeches use **{n_forms} distinct formulations**; {n_recur} recur in two or more speeches"
    + (", the most widespread being **{top}** ({n_top} speeches)" if len(spread) and spread.iloc[0] >= 2 else "")
    + ". {n_members} of {n_mentions} mentions come with their members.",
    n_forms=forms["formula"].nunique(), n_recur=int((spread >= 2).sum()),
    top=spread.index[0] if len(spread) else "", n_top=int(spread.iloc[0]) if len(spread) else 0,
    n_members=int((forms["members"].fillna("") != "").sum()), n_mentions=len(forms),
)
forms.assign(speech=forms["doc_id"].map(labels))[["speech", "formula", "number", "members", "members_source", "known"]]

# %% [markdown]
# ## Counts are not formulations
#
# Numbered phrases that only count (三点意见, 七个明显特点) — listed so a reader can check the split.

# %%
f[f["kind"] == "count"].drop_duplicates(["doc_id", "formula"])[["doc_id", "formula", "members"]].head(20)

# %% [markdown]
# ## Which formulations recur across speeches

# %%
matrix = formula_matrix(f, docs)
matrix.columns = [labels.get(c, c) for c in matrix.columns]
matrix

# %%
recurring = matrix[matrix["n_docs"] > 1]
if len(recurring):
    ax = plots.bar(recurring["n_docs"], title="出现在多篇讲话中的提法", xlabel="speeches")
coinages = matrix[matrix["coinage"]].index.tolist()
say("{n} formulations are one source's coinages: {coinages}.", n=len(coinages), coinages=joined("、", coinages, empty="none"))

# %% [markdown]
# ## Parallel slogans (排比)
#
# The runs a speechwriter would accept as 排比 (`score` ≥ 0.5, not a list of nouns; `tifa parallels`
# shows the same, `--all` adds lists and low scores). Lists of things are counted apart.

# %%
all_par = corpus.parallels[corpus.parallels["doc_id"].isin(keep)]
par = accepted(all_par)
say("{n} parallel runs (排比) in {n_docs} speeches; {n_frames} distinct frames; {n_lists} lists of things and "
    "{n_low} uncertain runs left out.",
    n=len(par), n_docs=par["doc_id"].nunique(), n_frames=par["frame"].nunique(),
    n_lists=int((all_par["kind"] == "list").sum()), n_low=len(all_par) - len(par) - int((all_par["kind"] == "list").sum()))
par.assign(speech=par["doc_id"].map(labels))[["speech", "frame", "kind", "n", "score", "members"]]

# %%
frames = par.groupby("frame").agg(n_runs=("members", "size"), n_docs=("doc_id", "nunique")).sort_values(["n_docs", "n_runs"], ascending=False)
frames[frames["n_docs"] > 1]

# %% [markdown]
# ## Quotations and citations

# %%
q = corpus.quotes[corpus.quotes["doc_id"].isin(keep)]
q.assign(speech=q["doc_id"].map(labels))[["speech", "source", "source_type", "quote"]]

# %%
q.groupby("source_type").size().rename("citations").to_frame()

# %% [markdown]
# ## Templates for speechwriters
#
# Slot templates from `data/lexicons/templates.txt` and the frames parallels
# reuse, with their fillers and counts.

# %%
templates = templates_table(corpus.documents, corpus.sentences, parallels=corpus.parallels)
templates.head(60)

# %% [markdown]
# ## Templates mined from the speeches
#
# Clause frames that recur across speeches (`加大*力度`, `在*的基础上`), found without any list:
# ranked by how many speeches and speakers use them, each filler with its count and the first
# sentence that uses it.

# %%
mined = mine_templates(corpus.documents, corpus.sentences)
frames = mined.drop_duplicates("template")[["template", "template_docs", "template_speakers", "template_fillers"]]
if len(frames):
    top = frames.iloc[0]
    say("{n} recurring frames; the most widely used is {template} ({n_docs} speeches, {n_fillers} different fillers).",
        n=len(frames), template=top.template, n_docs=top.template_docs, n_fillers=top.template_fillers)
else:
    say("No clause frame recurs in at least two speeches with three different fillers.")
frames.head(40)

# %%
closing_table(mined[["template", "filler", "count", "n_docs", "example", "doc_id", "start", "end"]], "03_slogans_mined_templates")

# %% [markdown]
# ## Export
#
# Formulations with members — the table a speechwriter would export.

# %%
closing_table(forms[["doc_id", "formula", "number", "head", "members", "members_source", "known"]], "03_slogans_formulations")

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
# # 06 · Timeline: the political weather of formulations
#
# When does a formulation (提法) appear, spread and fade? This page reads a *dated* corpus —
# by default the example archive of every State Council government work report 1954–2025
# (`data/examples/work-reports/`) — and shows each formulation per year, per 10,000
# characters: a year × formulation heatmap, the rise and fall of chosen formulations, first
# appearances, formulations emerging and fading, and the formulations typical of each period.
# Known formulations (`data/lexicons/formulations.tsv`) are counted by plain text search, so
# their first year is the first report whose text uses them; formulations tifa detects in the
# texts are added. To run it on your own dated corpus, build it and point `TIFA_TIMELINE` at
# the built folder (see the README).

# %%
import matplotlib.pyplot as plt
import pandas as pd

from tifa.report import plots
from tifa.analysis import timeline as tl
from tifa.config import TIMELINE_PROCESSED
from tifa.corpus.tables import read_corpus
from tifa.report.notebook import closing_table, fragment, joined, say, setup

setup()
corpus = read_corpus(TIMELINE_PROCESSED)
docs = corpus.documents[corpus.documents["duplicate_of"].isna()]
ments = tl.mentions(docs, corpus.formulas)
yearly = tl.by_year(ments, docs)
first = tl.first_last(yearly)
sizes = tl.year_sizes(docs)
years = list(sizes["year"])
say(
    "**{n_docs} dated documents**, {first_year}–{last_year} ({n_years} years, {n_chars:,} characters); "
    "**{n_forms} formulations** used, {n_five} of them in five or more years.",
    n_docs=len(docs), first_year=years[0], last_year=years[-1], n_years=len(years), n_chars=int(sizes["n_chars"].sum()),
    n_forms=ments["formula"].nunique(), n_five=int(first["n_years"].ge(5).sum()),
)

# %% [markdown]
# ## Year × formulation
#
# The formulations used in the most years, per 10,000 characters of each year's reports.

# %%
top = first.sort_values(["n_years", "count"], ascending=False).head(30)["formula"]
heat = yearly[yearly["formula"].isin(top)].pivot_table(index="formula", columns="year", values="per_10k", fill_value=0)
heat = heat.reindex(columns=years, fill_value=0).loc[lambda h: h.idxmax(axis=1).sort_values().index]
fig, ax = plt.subplots(figsize=(14, 0.32 * len(heat) + 2))
plots.heatmap(heat, ax=ax, title="提法年度热度（每万字出现次数）", annotate=False)
ax.set_xticks(range(len(years)), [str(y) if i % 2 == 0 else "" for i, y in enumerate(years)], rotation=90)
fig.tight_layout()

# %% [markdown]
# ## The rise and fall of chosen formulations
#
# Edit `CHOSEN` to follow your own; any term or pattern (`要有*意识`) works with `tl.term_by_year`.

# %%
CHOSEN = ["四项基本原则", "四个现代化", "一国两制", "三个代表", "三农", "四个意识"]
chosen = [c for c in CHOSEN if c in set(yearly["formula"])]
series = yearly[yearly["formula"].isin(chosen)].pivot_table(index="year", columns="formula", values="per_10k", fill_value=0)
series = series.reindex(years, fill_value=0)
fig, ax = plt.subplots(figsize=(12, 4))
for c in chosen:
    ax.plot(series.index, series[c], marker="o", ms=3, label=c)
ax.set_ylabel("per 10,000 characters")
ax.set_title("提法的兴衰")
ax.legend(ncol=3, fontsize=9)
fig.tight_layout()
peaks = first.set_index("formula").loc[chosen]
say("{items}.", items=joined("; ", (fragment("**{c}** {first}–{last}, peak {peak}", c=c, first=int(r.first_year), last=int(r.last_year), peak=int(r.peak_year)) for c, r in peaks.iterrows())))

# %% [markdown]
# ## First appearances

# %%
newest = first.sort_values("first_year", ascending=False).head(3)
say("The newest formulations: {items}.", items=joined("; ", (fragment("**{f}** ({y})", f=r.formula, y=int(r.first_year)) for r in newest.itertuples())))
first

# %% [markdown]
# ## Emerging and fading
#
# The last ten years of the corpus against all earlier years.

# %%
trend = tl.emerging_fading(yearly, docs, recent=10)
em, fa = trend[trend["trend"] == "emerging"], trend[trend["trend"] == "fading"]
say(
    "{n_em} formulations are emerging (at least twice as frequent in the last ten years), {n_fa} fading — among the fading: {fading}.",
    n_em=len(em), n_fa=len(fa), fading=joined("、", fa.sort_values("count", ascending=False)["formula"].head(8), empty="none"),
)
trend

# %% [markdown]
# ## Period keyness: each premier's years against the rest
#
# Log-likelihood (G²) of each formulation in one period against all other years; the log
# ratio is the effect size. Periods come from `speaker` in `metadata.csv`, else from decades.

# %%
speakers = docs.assign(year=docs["doc_id"].map(tl.doc_years(docs)))
if "speaker" in speakers and speakers["speaker"].fillna("").ne("").any():
    periods = {s: sorted(set(g["year"].dropna().astype(int))) for s, g in speakers.groupby("speaker") if s}
else:
    periods = {f"{d}s": [y for y in years if y // 10 * 10 == d] for d in sorted({y // 10 * 10 for y in years})}
rows = []
for name, ys in sorted(periods.items(), key=lambda kv: min(kv[1])):
    k = tl.period_keyness(yearly, docs, ys).head(5)
    rows.append(k.assign(period=f"{name} ({min(ys)}–{max(ys)})"))
keyness = pd.concat(rows, ignore_index=True)[["period", "formula", "count", "rest", "per_10k", "rest_per_10k", "ll", "log_ratio"]]
tops = keyness.groupby("period", sort=False).head(1)
say("Most typical of each period: {items}.", items=joined("; ", (fragment("{p}: **{f}**", p=r.period, f=r.formula) for r in tops.itertuples())))
keyness

# %% [markdown]
# ## Formulations used together

# %%
together = tl.co_occurrence(ments, min_docs=3)
together.head(200)

# %% [markdown]
# ## Export
#
# Every formulation per year — the table a researcher would export.

# %%
closing_table(yearly, "06_timeline_by_year")

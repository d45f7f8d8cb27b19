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
# # 07 · Diffusion: from the centre to the provinces
#
# Does a formulation travel from the centre down, or from a province up, and how long does it
# take? This page reads the government work reports of the State Council and of every
# provincial-level unit (by default the views of the public archive shipped in
# `data/examples/diffusion/`, made by `tifa diffusion ../shared/corpus/lawtext --save …`; point
# `TIFA_DIFFUSION` at any built corpus with `place`, `level` and `year`, or at a folder written by
# `--save`). A term is counted by plain text search of each report, by the year the report was
# delivered. "Before the centre" means before the State Council's work reports used it: the
# central Party documents that often coin a term are not in the archive, and provincial reports
# are delivered in January, the State Council's in March.

# %%
import matplotlib.pyplot as plt
import pandas as pd

from tifa.report import plots
from tifa.analysis import diffusion as dif
from tifa.config import DIFFUSION
from tifa.report.notebook import closing_table, fragment, joined, say, setup

setup()
if dif.is_saved(DIFFUSION):
    v = dif.read_views(DIFFUSION)
else:
    from tifa.corpus.tables import read_corpus

    corpus = read_corpus(DIFFUSION)
    v = dif.views(corpus.documents, formulas=corpus.formulas)
pan, origin, lags, echo, docs = v["panel"], v["origin"], v["lags"], v["echo"], v["documents"]
local = docs[docs["level"] != dif.CENTRAL]
centre = docs[docs["level"] == dif.CENTRAL]
say(
    "**{n} reports**: {n_c} of the centre ({c_first}–{c_last}) and {n_l} of {n_p} local governments "
    "({l_first}–{l_last}); **{n_terms} terms** followed.",
    n=len(docs), n_c=len(centre), c_first=int(centre["year"].min()), c_last=int(centre["year"].max()),
    n_l=len(local), n_p=local["place"].nunique(), l_first=int(local["year"].min()), l_last=int(local["year"].max()),
    n_terms=pan["term"].nunique(),
)

# %% [markdown]
# ## Findings
#
# Terms used by both the centre and at least three provinces, with the direction of their first use.

# %%
used_by = lags.groupby("term")["place"].nunique()
both = origin[origin["direction"].isin(["bottom-up", "top-down", "same-year"]) & origin["term"].map(used_by).ge(3)]
counts = both["direction"].value_counts()
up = both[both["direction"] == "bottom-up"].sort_values("lead_years", ascending=False)
after = lags[lags["term"].isin(both["term"]) & lags["lag_years"].notna()]
followers = after[after["lag_years"] >= 0]
median_lag = float(followers.groupby("term")["lag_years"].median().median()) if len(followers) else float("nan")
say(
    "Of **{n} terms** used by the centre and by at least three provinces, **{up}** appeared in a provincial report "
    "before the State Council's (bottom-up), **{down}** after it (top-down) and **{same}** in the same year. "
    "The longest leads: {leads}.",
    n=len(both), up=int(counts.get("bottom-up", 0)), down=int(counts.get("top-down", 0)), same=int(counts.get("same-year", 0)),
    leads=joined("; ", (fragment("**{t}** ({p}, {y}: {l} years before the centre)", t=r.term, p=r.first_local_places.split("|")[0],
                                 y=int(r.first_local_year), l=int(r.lead_years)) for r in up.head(5).itertuples()), empty="none"),
)
lead_by_place = lags[lags["term"].isin(both["term"])].groupby("place")["lag_years"].median().sort_values()
say(
    "Provinces that followed the centre took a median of **{lag:.1f} years** to adopt its terms. Leading provinces "
    "(median years before or after the centre, lowest first): {lead}; the last to follow: {lag_places}.",
    lag=median_lag,
    lead=joined("、", (fragment("{p} ({v:+.0f})", p=p, v=x) for p, x in lead_by_place.head(5).items())),
    lag_places=joined("、", (fragment("{p} ({v:+.0f})", p=p, v=x) for p, x in lead_by_place.tail(5).items())),
)
early, late = echo[echo["year"] < 1995], echo[echo["year"] >= 2015]
say(
    "Provincial reports echo the centre: a median **{all:.1%}** of a provincial report's characters lie in passages of "
    "13 or more characters shared with the State Council's report of the same or the previous year (or the congress "
    "report in force) — {early:.1%} before 1995, {late:.1%} since 2015.",
    all=float(echo["echo_share"].median()), early=float(early["echo_share"].median()) if len(early) else float("nan"),
    late=float(late["echo_share"].median()) if len(late) else float("nan"),
)
origin.sort_values(["direction", "lead_years"], ascending=[True, False])

# %% [markdown]
# ## Adoption curves
#
# The share of provinces whose report of the year uses the term, and (dots) the years the
# State Council's report does.

# %%
CHOSEN = ["双创", "互联网+", "供给侧结构性改革", "精准扶贫", "高质量发展", "乡村振兴", "新发展格局", "新质生产力"]
chosen = [t for t in CHOSEN if t in set(pan["term"])]
curve = v["curve"]
fig, axes = plt.subplots(2, (len(chosen) + 1) // 2, figsize=(14, 6), sharex=True, sharey=True, squeeze=False)
for ax, term in zip(axes.flat, chosen):
    c = curve[(curve["term"] == term) & (curve["level"] == "province")]
    ax.plot(c["year"], c["share"], color="#b22222")
    cy = pan[(pan["term"] == term) & (pan["level"] == dif.CENTRAL) & (pan["count"] > 0)]["year"]
    ax.scatter(cy, [1.03] * len(cy), s=8, color="#333")
    ax.set_title(term)
    ax.set_xlim(2000, int(pan["year"].max()) + 1)
for ax in list(axes.flat)[len(chosen):]:
    ax.axis("off")
fig.suptitle("各省政府工作报告使用比例（点：国务院政府工作报告使用的年份）")
fig.tight_layout()

# %% [markdown]
# ## Province × year
#
# Mentions per 10,000 characters of one term in each province's report.

# %%
TERM = "高质量发展" if "高质量发展" in set(pan["term"]) else chosen[0]
heat = pan[(pan["term"] == TERM) & (pan["level"] == "province")].pivot_table(index="place", columns="year", values="per_10k")
heat = heat.loc[:, heat.columns >= 2000]
heat = heat.loc[heat.fillna(0).gt(0).idxmax(axis=1).sort_values().index]
fig, ax = plt.subplots(figsize=(14, 0.3 * len(heat) + 2))
plots.heatmap(heat.fillna(0), ax=ax, title=f"“{TERM}”每万字出现次数（按首次使用排序）", annotate=False)
fig.tight_layout()

# %% [markdown]
# ## The first year of each province
#
# Each province is a tile at its rough position, coloured by the year its report first used the term.

# %%
firsts = lags[lags["term"] == TERM].set_index("place")["first_year"].to_dict()
fig, ax = plt.subplots(figsize=(9, 7))
plots.tile_map(firsts, ax=ax, title=f"“{TERM}”首次出现在各省政府工作报告的年份")
fig.tight_layout()
say("The first provinces to use **{t}**: {p}.", t=TERM,
    p=joined("、", (fragment("{p} ({y})", p=r.place, y=int(r.first_year)) for r in lags[lags["term"] == TERM].head(5).itertuples())))

# %% [markdown]
# ## How much of a provincial report repeats the centre
#
# The median share per year of a provincial report's characters in passages it shares with the centre.

# %%
by_year = echo.groupby("year")["echo_share"].agg(["median", "max", "size"]).reset_index()
fig, ax = plt.subplots(figsize=(12, 3.5))
ax.plot(by_year["year"], by_year["median"], marker="o", ms=3, color="#b22222", label="median")
ax.fill_between(by_year["year"], 0, by_year["max"], color="#b22222", alpha=0.1, label="highest")
ax.set_ylabel("share of characters")
ax.legend()
ax.set_title("省级政府工作报告与国务院政府工作报告的重合比例")
fig.tight_layout()
echo.sort_values("echo_share", ascending=False).head(100)

# %% [markdown]
# ## Export
#
# The tidy panel (place × year × term: count, per 10,000 characters, characters of the report) for
# regression, and the lags of every province.

# %%
closing_table(lags, "07_diffusion_lags")
closing_table(pan, "07_diffusion_panel", caption="The panel (also in parquet and Stata .dta: `tifa diffusion PATH --save DIR`).")

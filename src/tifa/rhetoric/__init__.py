"""Formulations (提法), parallels (排比), quotations and templates.

Formulations: ``formulations`` (the terms, their kinds, the tables) over ``formulation_members``.
Quotations: ``quotations``.  Templates: ``templates`` (slot templates, mined frames).  排比:
``parallels`` (the API, dedupe, score) orders the finders of ``phrase_runs``, ``item_runs`` and
``clause_runs``; ``lists`` tells lists from 排比 and cuts members; ``shapes`` is the reading of a
phrase they share.
"""

"""Analyses over a corpus's tables: how terms spread from the centre to the provinces
(:mod:`.diffusion`) and how groups of documents differ (:mod:`.compare`).

Each module reads the documents table (and the tables below it) and returns tidy tables;
none of them writes the store or knows of the report.
"""

"""Cleaning with an audit log, Markdown markup, documents (titles, dates, places), sentences,
near-duplicates, KWIC matching, the genre's shared patterns. Imports only reading, lexicons, plumbing.
"""

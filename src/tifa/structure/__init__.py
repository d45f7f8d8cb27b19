"""Numbered-list structure: the outline, enumerations and announced counts.

``markers`` (candidates and runs, part headings, appended matter) → ``outline`` (nesting, items,
the outline table, sections, the tree) with ``enumerations`` (lists and their announced counts).
"""

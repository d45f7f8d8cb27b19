"""Numbered-list structure: the outline, enumerations and announced counts.
"""

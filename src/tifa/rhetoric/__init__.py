"""Formulations (提法), parallels (排比), quotations and templates.
"""

"""The report: notebook helpers, pages for readers (table of contents, embedded font), plots,
interactive figures, executing the notebooks.
"""

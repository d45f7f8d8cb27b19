"""Reading user files into text: one reader per format, encodings detected from the bytes, inputs
and their source names. Knows nothing of cleaning or documents.
"""

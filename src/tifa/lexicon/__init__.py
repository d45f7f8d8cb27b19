"""The one owner of word lists and dictionaries: the user dictionary, stopwords, the formulations
knowledge base, the compiled dictionary and its word table. Reads only data/lexicons.
"""

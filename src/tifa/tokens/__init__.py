"""Segmentation and POS tags (compiled jieba-rs, or the reference jieba): the tokens table.

``segment`` (what the other stages import, and the lexicon audit) over ``segmenter`` (the
segmenter and its engines), ``posseg`` (jieba.posseg's POS-HMM), ``workers`` (the worker pool,
the tokens of corpus tables) and ``files`` (``tifa tokens`` straight from files).
"""

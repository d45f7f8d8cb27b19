"""Segmentation and POS tags (compiled jieba-rs, or the reference jieba): the tokens table.
"""

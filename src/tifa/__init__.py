"""tifa — analyse Chinese official speeches."""
__version__ = "0.1.0"

"""Klarsprog: a plain-language publishing toolkit for a Danish municipality's staff function."""

__version__ = "0.1.0"

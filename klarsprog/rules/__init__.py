"""Readability rules: data files in this folder plus the small functions in checks.py."""

"""Placeholder until this part lands."""
from __future__ import annotations


def load(project):
    return None, []


def texts(state):
    return []


def render(state, output, context):
    return None


def owns(path, project):
    return False


def vocabulary(state):
    return frozenset()


def linker(state, audience):
    return lambda page: page.markdown

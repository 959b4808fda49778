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

"""Jinja2 templates for generated Markdown, with Danish filters."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from . import danish

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _md_escape(value) -> str:
    """Escape text from content files so that it cannot become HTML or Markdown structure."""
    text = str(value)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("[", "\\[").replace("]", "\\]"))


class _Compiled(jinja2.FileSystemBytecodeCache):
    """Compiled templates in the user's temporary folder (Jinja's default place), so that a build does
    not compile them again; a folder that cannot be read or written only costs the compiling."""

    def load_bytecode(self, bucket):
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket):
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _Compiled(pattern="klarsprog-%s.cache")
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                             bytecode_cache=_bytecode_cache(),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters.update(
        tal=danish.number, kr=danish.kroner, mio=danish.mio, pct=danish.percent,
        dato=danish.date_long, ugedag_dato=danish.date_weekday, slug=danish.slugify, esc=_md_escape,
    )
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)

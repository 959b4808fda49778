"""A rebuild reuses the HTML of unchanged pages (build/cache/html-<site>.pickle), and never a stale one;
the theme's templates are compiled once per machine (engine.template_cache), and the pages stay the same.

The real build writes the docs and the cache; these tests then run MkDocs on those docs in this
process, counting Markdown conversions, after changing one thing at a time.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import run_cli
from klarsprog import engine
from klarsprog.config import load_project


@pytest.fixture
def project(built_repo, tmp_path):
    """A fresh copy of the session's built repository per test: the tests change its docs and cache."""
    root = tmp_path / "proj"
    shutil.copytree(built_repo, root, symlinks=True)
    return load_project(root)[0]


@pytest.fixture
def conversions(monkeypatch) -> list[str]:
    """The Markdown of every page MkDocs converts from now on."""
    seen: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self, text):
        seen.append(text)
        return convert(self, text)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return seen


def rebuild(project) -> list:
    return engine.build_html(project, project.build_dir / "mkdocs-public.yml", "public")


def markdown_files(project) -> int:
    return len(list((project.build_dir / "docs" / "public").rglob("*.md")))


def pages_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_an_unchanged_rebuild_converts_nothing_and_gives_the_same_pages(project, conversions):
    cache = project.build_dir / "cache" / "html-public.pickle"
    assert cache.exists(), "the build wrote no cache"
    assert rebuild(project) == []
    assert conversions == []
    assert pages_of(project.build_dir / "site-public.new") == pages_of(project.site_dir / "public")


def test_an_edited_page_alone_is_converted_again_and_shows_the_edit(project, conversions):
    page = project.build_dir / "docs" / "public" / "skriv-klart.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn helt ny sætning om kaffe.\n", encoding="utf-8")
    assert rebuild(project) == []
    assert len(conversions) == 1 and "En helt ny sætning om kaffe." in conversions[0]
    html = (project.build_dir / "site-public.new" / "skriv-klart" / "index.html").read_text(encoding="utf-8")
    assert "En helt ny sætning om kaffe." in html


def test_a_removed_link_target_is_reported_not_hidden_by_the_cache(project, conversions):
    """Relative links are checked when a page is converted: removing a file must convert its linkers again."""
    docs = project.build_dir / "docs" / "public"
    (docs / "skriv-klart.md").write_text("# Skriv klart\n\nSe [guiden](guide-cafe.md).\n", encoding="utf-8")
    assert rebuild(project) == []
    cache = project.build_dir / "cache" / "html-public.pickle"
    before, converted = cache.read_bytes(), len(conversions)
    (docs / "guide-cafe.md").unlink()
    found = rebuild(project)
    assert any("guide-cafe.md" in f.message for f in found), [f.message for f in found]
    assert cache.read_bytes() == before, "a failed build must not replace the cache"
    assert len(conversions) - converted == markdown_files(project), "every page is converted again"


def test_changed_markdown_settings_convert_every_page_again(project, conversions):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "permalink_title: Link til dette afsnit", "permalink_title: Link hertil"), encoding="utf-8")
    assert rebuild(project) == []
    assert len(conversions) == markdown_files(project)
    html = (project.build_dir / "site-public.new" / "skriv-klart" / "index.html").read_text(encoding="utf-8")
    assert 'title="Link hertil"' in html


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_means_converting_everything_not_an_error(project, conversions, damage):
    cache = project.build_dir / "cache" / "html-public.pickle"
    cache.write_bytes(damage)
    assert rebuild(project) == []
    assert len(conversions) == markdown_files(project)
    assert pages_of(project.build_dir / "site-public.new") == pages_of(project.site_dir / "public")
    assert cache.read_bytes() != damage


def test_the_cli_rebuilds_an_edited_term_everywhere_it_is_used(project):
    """Through the real command: a changed definition reaches the glossary and the pages using it."""
    term = project.root / "glossary" / "1-behandling.yml"
    text = term.read_text(encoding="utf-8")
    done = run_cli(project.root)
    assert done.returncode == 0, done.stdout
    before = pages_of(project.site_dir / "intranet")
    new = "definition: Et ord, som vi lige har skrevet om, så alle kan forstå det.\n"
    edited = re.sub(r"^definition: >-\n(?:  .*\n)+", new, text, flags=re.M)
    assert edited != text
    term.write_text(edited, encoding="utf-8")
    done = run_cli(project.root)
    assert done.returncode == 0, done.stdout
    after = pages_of(project.site_dir / "intranet")
    assert "Et ord, som vi lige har skrevet om" in after["ordbog/index.html"].decode("utf-8")
    changed = [page for page in after if after[page] != before.get(page)]
    assert "ordbog/index.html" in changed
    user = "budget/saadan-bliver-budgettet-til/index.html"  # uses the term: its tooltip has the new definition
    assert user in changed and "Et ord, som vi lige har skrevet om" in after[user].decode("utf-8")


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The name of every template file Jinja compiles from now on (MkDocs's and the theme's)."""
    import jinja2

    seen: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        if filename:
            seen.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return seen


def template_files(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in cache.rglob("*.cache")}


def test_the_themes_templates_are_compiled_once_per_machine_and_the_pages_stay_the_same(
        project, compiled, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert rebuild(project) == []
    assert "base.html" in compiled and len(compiled) > 10, compiled
    stored = template_files(tmp_path / "cache" / "klarsprog")
    assert len(stored) == len(set(compiled)), "one compiled file per template"
    compiled.clear()
    assert rebuild(project) == []
    assert compiled == [], "the second build compiled templates again"
    assert template_files(tmp_path / "cache" / "klarsprog") == stored, "the second build rewrote the cache"
    assert pages_of(project.build_dir / "site-public.new") == pages_of(project.site_dir / "public")


@pytest.mark.parametrize("damage", [b"", b"j2 not bytecode", None])
def test_a_damaged_or_unusable_template_cache_means_compiling_not_an_error(
        project, compiled, monkeypatch, tmp_path, damage):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    assert rebuild(project) == []
    if damage is None:  # the cache folder cannot be made: a file stands where it should be
        shutil.rmtree(cache)
        cache.write_bytes(b"")
    else:
        for path in cache.rglob("*.cache"):
            path.write_bytes(damage)
    compiled.clear()
    assert rebuild(project) == []
    assert "base.html" in compiled
    assert pages_of(project.build_dir / "site-public.new") == pages_of(project.site_dir / "public")


def test_the_theme_files_mkdocs_copies_are_the_same_without_walking_the_hidden_icon_folder(built_repo):
    """The engine's theme loader does not walk hidden folders (Material's 14,500 icons): MkDocs still
    finds exactly the theme files it copies into the site, in the same order."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(config_file=str(built_repo / "build" / "mkdocs-public.yml"))
    env = config.theme.get_env()

    def copied() -> list[tuple[str, str]]:
        files = Files([])
        files.add_files_from_theme(env, config)
        return [(f.src_uri, f.abs_src_path) for f in files]

    plain = copied()
    assert any(name.startswith(".icons/") for name in env.loader.list_templates())  # else this proves nothing
    env.loader = engine._visible_files(env.loader)
    assert not any("/." in f"/{name}" for name in env.loader.list_templates())
    assert copied() == plain
    assert len(plain) > 30 and any(uri.endswith(".js") for uri, _ in plain) and any(
        uri.endswith(".css") for uri, _ in plain)

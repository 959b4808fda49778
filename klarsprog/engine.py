"""The only module that knows MkDocs: writes docs and a config per audience, builds, swaps in on success.

Generated Markdown and an INHERIT-based mkdocs.yml per audience are plain files, so any engine that
reads mkdocs.yml (ProperDocs, Zensical) can render build/docs/<audience> too.
"""
from __future__ import annotations

import html
import logging
import os
import shutil
import sys
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import jinja2
import yaml

from . import aside, searchparse
from .config import Project
from .findings import Finding, finding
from .memo import Memory, digest
from .site import Output

ASSETS = Path(__file__).resolve().parent / "assets"
SITE_NAMES = {"public": "public", "intranet": "intranet"}


def nav_of(output: Output) -> list:
    """Navigation from the pages' sections and order; detail pages stay out of it.

    Titles are escaped: the theme writes navigation titles into the HTML as they are.
    """
    top: list[tuple] = []
    sections: dict[str, list] = {}
    for p in output.pages:
        if not p.in_nav:
            continue
        if p.section:
            sections.setdefault(p.section, []).append(p)
        else:
            top.append((p.order, p.title, {_text(p.title): p.path}))
    for name, pages in sections.items():
        pages.sort(key=lambda p: (p.order, p.title))
        entries = [{_text(p.title): p.path} for p in pages]
        top.append((pages[0].order, name, {_text(name): entries}))
    top.sort(key=lambda t: (t[0], t[1]))
    return [entry for _, _, entry in top]


def _text(title: str) -> str:
    return html.escape(title, quote=False)


def write_docs(project: Project, output: Output, name: str | None = None) -> Path:
    """Write one audience's Markdown, files and config under build/; returns the config path.

    Only files whose bytes changed are written, and stale ones removed, so a watching server
    (`serve`) rebuilds only when something really changed.
    """
    name = name or output.audience
    docs = project.build_dir / "docs" / name
    wanted = {docs / page.path: page.markdown.encode("utf-8") for page in output.pages}
    wanted.update({docs / asset.path: asset.data for asset in output.assets})
    wanted.update({docs / "assets" / p.name: p.read_bytes() for p in ASSETS.iterdir()})
    if docs.exists():
        for path in sorted(docs.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for path, data in wanted.items():
        if not path.exists() or path.read_bytes() != data:
            _write(path, data)
    return write_config(project, output.audience, nav_of(output), name)


def write_config(project: Project, audience: str, nav: list, name: str | None = None) -> Path:
    s = project.settings
    notice = " · Eksempeldata: kommunen og tallene er opdigtede." if s.get("example_data") else ""
    config = {
        "INHERIT": "../mkdocs.yml",
        "site_name": f"{s['site_name']} – {s['municipality']}",
        "site_url": project.url(audience),
        "docs_dir": f"docs/{name or audience}",
        "site_dir": f"site-{name or audience}.new",
        "copyright": (f"© {s['municipality']}, {s['department']} · "
                      f"<a href=\"{s['accessibility_statement']}\">Tilgængelighedserklæring</a>{notice}"),
        "nav": nav,
        "extra": {"audience": audience},
    }
    path = config_path(project, name or audience)
    data = yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        _write(path, data)
    return path


def config_path(project: Project, name: str) -> Path:
    """Where write_config puts a site's MkDocs configuration."""
    return project.build_dir / f"mkdocs-{name}.yml"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_html(project: Project, config_path: Path, audience: str, helping=None) -> list[Finding]:
    """Render one audience with MkDocs in strict mode into build/site-<audience>.new.

    `helping` (parallel.Helping): another process converts some of this site's pages (help_convert)."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    target = project.build_dir / f"site-{audience}.new"
    if target.exists():
        shutil.rmtree(target)
    with _mkdocs_messages() as collector:
        try:
            config = load_config(config_file=str(config_path), strict=True)
            with (_reusing_html(_html_cache(project, audience), config, helping), _reading_faster(),
                  _compiled_templates()):
                build(config)
        except (exceptions.MkDocsException, OSError, yaml.YAMLError) as exc:
            msgs = collector.messages or [str(exc)]
            return [finding(config_path, 1, 1, "error", "engine",
                            f"Siden til {'internettet' if audience == 'public' else 'intranettet'} kunne ikke "
                            f"bygges: {m}") for m in msgs]
    return []


@contextmanager
def _mkdocs_messages():
    """MkDocs's warnings and errors, collected (not printed) while the block runs."""
    collector = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(collector)
    old_level, old_propagate = log.level, log.propagate
    log.setLevel(logging.WARNING)
    log.propagate = False
    try:
        yield collector
    finally:
        log.removeHandler(collector)
        log.setLevel(old_level)
        log.propagate = old_propagate


def _html_cache(project: Project, audience: str) -> Path:
    return project.build_dir / "cache" / f"html-{audience}.pickle"


# What MkDocs's work on a page costs, for sharing the conversion of the larger site's pages
# (help_convert): as much as this many bytes of Markdown plus its own Markdown, of which converting the
# Markdown is about half (the rest: templates and search). Fitted on the benchmark's two sites at 500
# terms; at 2,000 and 5,000 terms it gives the ratio of the two sites' MkDocs times within 2 %.
PAGE_COST = 11_000
CONVERSION = 0.5
# Reading the other site's configuration and files before helping: about 12 pages' work (0.06 s).
HELP_SETUP = 12 * PAGE_COST


def page_weight(markdown: str) -> float:
    return PAGE_COST + len(markdown)


def site_weight(output: Output) -> float:
    return sum(page_weight(page.markdown) for page in output.pages)


def help_convert(project: Project, audience: str, helping, own_weight: float, wait: float) -> int:
    """Convert pages of the other site (`audience`) from the end of its list while its own process
    converts them from the start, for as long as it has more MkDocs work left than this process has
    before it (`own_weight`: this site's pages). What is made goes to that process through `helping`
    (parallel.Helping), keyed as the HTML cache is keyed (_reusing_html), so a page converted here
    is the page that process would have made. Only for a site built without its HTML cache (a cold
    build: with the cache, most pages are not converted at all). Returns the number of pages sent;
    anything that goes wrong here only means less help.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.pages import Page

    if _html_cache(project, audience).exists() or not helping.wait(wait):
        return 0
    if _ahead(helping, 0.0, own_weight) < HELP_SETUP:
        return 0
    sent = 0
    # MkDocs's messages about the other site are that site's to report: they are dropped here.
    with _mkdocs_messages(), _compiled_templates():
        try:
            config = load_config(config_file=str(config_path(project, audience)), strict=True)
            config = config.plugins.on_config(config)
            files = get_files(config)
            files.add_files_from_theme(config.theme.get_env(), config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            engine, neighbours, helped = _engine_key(config), _neighbours(files), 0.0
            pages = files.documentation_pages()
            for index in range(len(pages) - 1, -1, -1):
                if not helping.working or index <= helping.jobs_reached:  # it is at this page, or past it
                    break
                file = pages[index]
                page = file.page or Page(None, file, config)
                config._current_page = page
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config,
                                                                files=files)
                weight = page_weight(page.markdown)
                # Help with this page only if the other process would still have as much left as this
                # one: meanwhile it converts about as much itself.
                if _ahead(helping, helped, own_weight) < 2 * CONVERSION * weight:
                    break
                helping.give(_page_key(engine, neighbours, page), _converted(Page.render, page, config, files))
                helped += weight
                sent += 1
        except Exception:  # noqa: BLE001 - the other process converts whatever it was not given
            pass
        finally:
            helping.done()
    return sent


def _ahead(helping, helped: float, own_weight: float) -> float:
    """How much more MkDocs work the helped process has left than this one (`own_weight`): it converts
    the pages that neither it nor the helper has reached, and makes the templates of all its pages."""
    return helping.total - CONVERSION * (helping.weight_reached + helped) - own_weight


# Change when the cached entries change shape.
_CACHE_FORMAT = b"html-1"


@contextmanager
def _reusing_html(path: Path, config, helping=None):
    """Reuse the HTML of pages whose Markdown, place and neighbours did not change since the last build.

    Converting Markdown is about 70 % of MkDocs' time. A page's HTML depends on its Markdown, its
    own address, the addresses of all files (relative links are resolved and checked against
    them), the Markdown extensions and their settings, and the versions of the packages that
    convert it; the key covers all of these. What MkDocs keeps from a conversion (HTML, table of
    contents, title, anchors, links to anchors elsewhere) is stored per page in build/cache/ and
    put back, so MkDocs' later steps (templates, search, anchor checks) run as usual.

    The cache is written only when MkDocs finished without an error or a warning (strict mode
    aborts on any warning), so a reused page never hides a message. It holds the pages of the
    latest build only. A missing or unreadable cache means a full conversion, never an error.

    With `helping`, a page that another process converted (help_convert, under the same key) is
    taken from it instead of converted here.
    """
    from mkdocs.structure.pages import Page

    memory = Memory(path, _CACHE_FORMAT)  # a damaged or foreign file: every page is converted
    engine = _engine_key(config)
    neighbours: dict[int, bytes] = {}
    convert = Page.render

    def made(page, config, files, key) -> tuple:
        given = helping.take(key) if helping is not None else None
        return given if given is not None else _converted(convert, page, config, files)

    def render(page, config, files):
        if page.markdown is None:
            return convert(page, config, files)  # MkDocs' own error
        if id(files) not in neighbours:
            neighbours[id(files)] = _neighbours(files)
        if helping is not None:
            helping.reached(page_weight(page.markdown))
        key = _page_key(engine, neighbours[id(files)], page) if memory.path is not None else None
        entry = memory.recall(key, lambda: made(page, config, files, key))
        page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = entry
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(v) for uri, v in links.items()}

    with _replaced(Page, "render", render):
        yield
    # Reached only when the build raised nothing; in strict mode every warning raises at the end.
    memory.save()


def _neighbours(files) -> bytes:
    """The addresses of all files of a site: a page's HTML depends on them (its relative links)."""
    return digest(*sorted(f"{f.src_uri}\t{f.url}" for f in files))


def _page_key(engine: bytes, neighbours: bytes, page) -> bytes:
    return digest(engine, neighbours, page.file.src_uri, page.file.url, page.markdown)


def _converted(convert, page, config, files) -> tuple:
    """What the HTML cache keeps of MkDocs's conversion of a page (`convert`: Page.render)."""
    _convert_held_aside(convert, page, config, files)
    links = page.links_to_anchors
    return (page.content, page.toc, page._title_from_render, page.present_anchor_ids,
            None if links is None else {f.src_uri: dict(v) for f, v in links.items()})


@contextmanager
def _replaced(owner, name: str, value):
    """`owner.name` is `value` inside the block, and what it was before afterwards (also on an error)."""
    before = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, before)


@contextmanager
def _compiled_templates():
    """The theme's Jinja templates compiled once per machine, not once per build (see template_cache),
    and its files listed without walking its hidden folders (see _visible_files)."""
    from mkdocs.theme import Theme

    get_env = Theme.get_env

    def env_with_cache(theme):
        env = get_env(theme)
        env.bytecode_cache = template_cache(env)
        env.loader = _visible_files(env.loader)
        return env

    with _replaced(Theme, "get_env", env_with_cache):
        yield


def _visible_files(loader):
    """The theme's template loader, listing its files without going into hidden folders (any other
    loader is kept as it is).

    MkDocs lists every file of the theme to copy its static files into the site (add_files_from_theme),
    and then leaves out every path with a part that starts with a dot. Material keeps 14,500 icons in a
    hidden folder (`.icons`, read by its Markdown extensions, not copied): walking and filtering them took
    0.05 s of every site in every build. Not walking hidden folders gives MkDocs the same files.
    """
    if type(loader) is not jinja2.FileSystemLoader:
        return loader
    return _VisibleFiles(loader.searchpath, loader.encoding, loader.followlinks)


class _VisibleFiles(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, filenames in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = Path(folder).relative_to(searchpath)
                found.update((inside / name).as_posix() for name in filenames)
        return sorted(found)


def template_cache(env):
    """Jinja's bytecode cache for the theme's templates, in the user's cache folder
    ($XDG_CACHE_HOME/klarsprog or ~/.cache/klarsprog), like Python's .pyc files: compiling Material's
    templates takes about 0.15 s per site and build. Jinja checks each template's source against the
    checksum stored with its code and writes files whole (a temporary file, then renamed); the folder's
    name covers what else decides the compiled code (Python's and Jinja's versions, the environment's
    syntax settings, finalize, async mode and extensions). None (no cache, templates compiled as usual) when the folder
    cannot be made."""
    from jinja2.bccache import FileSystemBytecodeCache

    settings = (sys.version, jinja2.__version__, env.block_start_string, env.block_end_string,
                env.variable_start_string, env.variable_end_string, env.comment_start_string,
                env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
                env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
                env.autoescape if not callable(env.autoescape) else env.autoescape.__qualname__,
                getattr(env.finalize, "__qualname__", env.finalize), env.is_async, sorted(env.extensions))
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = base / "klarsprog" / f"jinja-{digest(repr(settings)).hex()[:16]}"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # a read-only or unknown home: the templates are compiled as before
        return None
    return FileSystemBytecodeCache(str(folder))


@contextmanager
def _reading_faster():
    """Material's search plugin reads each page's HTML through searchparse.feed: the same index, faster."""
    try:
        from material.plugins.search import plugin as search
    except ImportError:  # another theme or engine
        yield
        return
    original = search.Parser

    class Parser(original):
        def feed(self, data: str) -> None:
            searchparse.feed(self, data, super().feed)

    with _replaced(search, "Parser", Parser):
        yield


def _convert_held_aside(convert, page, config, files) -> None:
    """MkDocs' conversion of a page, with the HTML Klarsprog wrote held aside meanwhile (see aside.py):
    the same HTML, faster. A page whose placeholders do not come back intact is converted as it is."""
    hidden, stash = aside.hide(page.markdown)
    with _replaced(page, "markdown", hidden):
        convert(page, config, files)
    if not stash:
        return
    content = aside.restore(page.content, stash)
    if content is None or aside.marked(page.title or "") or _toc_marked(page.toc):
        convert(page, config, files)
    else:  # MkDocs reads the ids in raw HTML (for links to anchors) from the Markdown it converted
        page.content = content
        page.present_anchor_ids = page.present_anchor_ids | aside.ids(stash)


def _toc_marked(items) -> bool:
    return any(aside.marked(item.title) or _toc_marked(item.children) for item in items)


def _engine_key(config) -> bytes:
    """What, beside the page itself, decides how MkDocs converts a page's Markdown."""
    import inspect

    def stable(value):
        if callable(value):  # e.g. toc's slugify: its module's source, not its address in memory
            try:
                source = inspect.getsourcefile(inspect.unwrap(value)) or ""
            except TypeError:  # built in: its version is in the package versions below
                source = ""
            return f"{value.__module__}.{value.__qualname__}:{_file_digest(source)}"
        if isinstance(value, dict):
            return {k: stable(v) for k, v in sorted(value.items())}
        if isinstance(value, (list, tuple)):
            return [stable(v) for v in value]
        return repr(value)

    parts = [_CACHE_FORMAT, config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
             dict(config["validation"]),
             [_version(name) for name in ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")]]
    return digest(repr(stable(parts)))


def _version(name: str) -> str:
    try:
        return f"{name}=={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} missing"


def _file_digest(path: str) -> str:
    try:
        return digest(Path(path).read_bytes()).hex()
    except OSError:
        return "?"


def swap_in(project: Project, audiences) -> None:
    """Replace site/<audience> with the new build; the old one stays until the new one is in place."""
    project.site_dir.mkdir(exist_ok=True)
    for audience in audiences:
        new = project.build_dir / f"site-{audience}.new"
        final = project.site_dir / SITE_NAMES[audience]
        old = project.build_dir / f"site-{audience}.old"
        if old.exists():
            shutil.rmtree(old)
        if final.exists():
            os.replace(final, old)
        os.replace(new, final)
        if old.exists():
            shutil.rmtree(old)

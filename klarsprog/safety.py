"""Content safety: no code that runs in the reader's browser, no script links, no paths out of the site.

Markdown (pages, notes, stories, glossary details) may hold ordinary HTML, but never active content
(`<script>`, `<iframe>`, event attributes such as `onerror=`), links with schemes other than https,
http, mailto and tel, images from other servers, or paths that climb out of the site. Plain-text
fields are always shown as text; active content is refused there too, and other HTML gets a warning.
"""
from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from .findings import Finding, finding
from .memo import Clean
from .site import GENERATED
from .source import CONTROL, Document, Mapping, Sequence

ACTIVE_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
               "meta", "link", "style", "portal")
SCHEMES = ("http", "https", "mailto", "tel")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>?")
_HANDLER = re.compile(r"(?:^|[\s/\"'])(on[a-z]+|srcdoc|ping)\s*=", re.IGNORECASE)
_STYLE_URL = re.compile(r"url\(\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_URL_ATTR = re.compile(r"(?:^|[\s/\"'])((?:xlink:)?href|src|srcset|action|formaction|data|poster|background|"
                       r"cite|ping)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)", re.IGNORECASE)
_MD_TARGET = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))+)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_SCRIPT_WORD = re.compile(r"(?:java|vb|live)script\s*:", re.IGNORECASE)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:[^`\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")
_BRACKET = re.compile(r"[\[\]]")
# Every problem needs one of these: a tag, a link, an entity that could hide a script word, or the word.
_MAYBE = re.compile(r"[<\[&]|script", re.IGNORECASE)
MAX_NESTING = 20
_MEDIA = ("img", "video", "audio", "source", "track", "input", "picture", "image")


def _blank(m: re.Match) -> str:
    return re.sub(r"[^\n]", " ", m.group())


def without_code(text: str) -> str:
    """Fenced code blocks and code spans blanked with spaces (Markdown shows them as text)."""
    if "`" not in text and "~~~" not in text:
        return text
    lines, fence = text.split("\n"), None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is None and m:
            fence, lines[i] = m.group(1), " " * len(line)
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[i] = " " * len(line)
    return _CODE_SPAN.sub(_blank, "\n".join(lines))


def _normal(url: str) -> str:
    """A URL as a browser reads it: entities decoded, spaces and control characters dropped."""
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url.strip().strip("<>")))


@lru_cache(maxsize=65536)  # the same targets recur on every page ("Bruges på", menus, mail links)
def url_problem(url: str, folder: str | None, media: bool) -> tuple[str, str] | None:
    """(rule, Danish message) for a link or image target that must not be published, else None."""
    clean = _normal(url)
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", clean)
    shown = url.strip()[:80]
    if scheme and scheme.group(1).lower() not in SCHEMES:
        name = scheme.group(1).lower()
        if name in ("javascript", "vbscript", "livescript"):
            return "unsafe-link", (f"Linket '{shown}' bruger '{name}:', som kører programkode i læserens browser. "
                                   f"Slet linket, eller brug en almindelig adresse, der begynder med https://.")
        return "unsafe-link", (f"Linket '{shown}' begynder med '{name}:'. Brug en adresse med https://, mailto: "
                               f"eller tel:, eller en sti til en side på hjemmesiden.")
    if media and (clean.startswith("//") or (scheme and scheme.group(1).lower() in ("http", "https"))):
        return "third-party", (f"Billedet '{shown}' hentes fra en anden server. Det sender læserens IP-adresse "
                               f"videre. Læg billedet i projektet, og skriv stien til det.")
    if scheme or clean.startswith(("#", "//")) or folder is None:
        return None
    path = unquote(clean.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    if path.startswith(("/", "~")):
        return "path-outside", (f"Stien '{shown}' er en absolut sti og kan pege uden for projektet. Skriv en "
                                f"sti ud fra siden, for eksempel '../ordbog/index.md', eller en adresse med https://.")
    if path and posixpath.normpath(posixpath.join(folder or ".", path)).split("/")[0] == "..":
        return "path-outside", (f"Stien '{shown}' peger uden for hjemmesiden (for mange '../'). Link kun til sider "
                                f"og filer i projektet, for eksempel '../ordbog/index.md'.")
    return None


def _tag_problems(tag: re.Match, folder: str | None) -> list[tuple[int, str, str]]:
    """(offset, rule, message) for active content, unsafe links and paths out of the site in one HTML tag."""
    name, attrs = tag.group(2).lower(), tag.group(3)
    out = [(tag.start(), "unsafe-html", _active(name))] if name in ACTIVE_TAGS and not tag.group(1) else []
    if "=" in attrs or "(" in attrs:  # without attribute values only the tag itself can be wrong
        out += [(tag.start(3) + at, rule, message) for at, rule, message in _attr_problems(name, attrs, folder)]
    return out


@lru_cache(maxsize=65536)  # generated pages repeat the same tags (links to the same pages, "Bruges på")
def _attr_problems(name: str, attrs: str, folder: str | None) -> tuple:
    """(offset in attrs, rule, message) for event attributes, unsafe links and styles that fetch files."""
    out = []
    for m in _HANDLER.finditer(attrs):
        out.append((m.start(1), "unsafe-html",
                    f"HTML-attributten '{m.group(1)}' kan køre programkode eller sende data til andre i læserens "
                    f"browser. Slet den."))
    for m in _URL_ATTR.finditer(attrs):
        for url in m.group(2).strip("\"'").split(",") if m.group(1).lower() == "srcset" else [m.group(2).strip("\"'")]:
            media = name in _MEDIA and m.group(1).lower() in ("src", "srcset", "poster", "data")
            problem = url_problem(url.strip().split(" ")[0], folder, media)
            if problem:
                out.append((m.start(2), *problem))
    for m in _STYLE_URL.finditer(attrs):
        out.append((m.start(), "third-party", "En stil (style) henter en fil fra en anden server. "
                    "Det sender læserens IP-adresse videre. Slet stilen."))
    return tuple(out)


def _active(name: str) -> str:
    return (f"HTML-koden <{name}> er ikke tilladt. Den kan køre programkode eller hente indhold fra andre "
            f"servere i læserens browser. Slet den.")


def _position(text: str, offset: int, line: int, col: int, exact: bool = True) -> tuple[int, int]:
    """File position of an offset in a text that starts at (line, col); only the start if not `exact`."""
    if not exact:
        return line, col
    before = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line + before, (col if before == 0 else 1) + offset - start


def _too_deep(text: str) -> int | None:
    """Offset where [ ] nest deeper than MAX_NESTING: Markdown's link parser takes hours on such text."""
    if text.count("[") <= MAX_NESTING:
        return None
    depth = 0
    for m in _BRACKET.finditer(text):
        depth = depth + 1 if m.group() == "[" else max(depth - 1, 0)
        if depth > MAX_NESTING:
            return m.start()
    return None


def problems_in_markdown(text: str, folder: str | None = "") -> list[tuple[int, str, str]]:
    """(offset, rule, message) for every unsafe thing in Markdown; `folder` is the page's folder in the
    site (None: do not check relative paths)."""
    return _problems(text, folder) if _MAYBE.search(text) else []


def _problems(text: str, folder: str | None) -> list[tuple[int, str, str]]:
    deep = _too_deep(text)
    if deep is not None:
        return [(deep, "markdown-nesting", f"Teksten har mere end {MAX_NESTING} [ ] inden i hinanden. "
                 f"Så mange kan siden ikke vise. Slet de fleste af dem.")]
    out = []
    # HTML is checked in code too: inside a raw HTML block, backticks are not code and a tag is live.
    for tag in _TAG.finditer(text):
        out += _tag_problems(tag, folder)
    if "](" in text or "]:" in text:
        text = without_code(text)  # a link written inside code is shown as text, never followed
    for m in _MD_TARGET.finditer(text):
        problem = url_problem(m.group(2), folder, media=bool(m.group(1)))
        if problem:
            out.append((m.start(2), *problem))
    for m in _REF_DEF.finditer(text):
        problem = url_problem(m.group(1), folder, media=False)
        if problem:
            out.append((m.start(1), *problem))
    if not any(rule == "unsafe-link" for _, rule, _ in out) and may_hide_script(text):
        out += [(m.start(), "unsafe-link", "Teksten indeholder 'javascript:', som kan køre programkode i læserens "
                 "browser. Slet det.") for m in _SCRIPT_WORD.finditer(html.unescape(text))][:1]
    return sorted(out)


def may_hide_script(text: str) -> bool:
    """Whether a script word could be spelt out, or hidden in numeric character references (no named
    entity is a letter); unescaping a whole page to look is slow."""
    return "&#" in text or "script" in text.lower()


def check_markdown(text: str, path: Path, line: int = 1, col: int = 1, folder: str | None = "",
                   exact: bool = True) -> list[Finding]:
    """Findings (errors) for unsafe HTML, links and paths in Markdown that starts at (line, col)."""
    return [finding(path, *_position(text, at, line, col, exact), "error", rule, message)
            for at, rule, message in problems_in_markdown(text, folder)]


def check_plain(text: str, path: Path, line: int, col: int, name: str, exact: bool = True) -> list[Finding]:
    """A plain-text field: active content is refused; other HTML is shown as text, with a warning."""
    found = check_markdown(text, path, line, col, None, exact)
    if found:
        return [finding(path, f.line, f.col, f.level, f.rule, f"'{name}': {f.message}") for f in found]
    tag = _TAG.search(text)
    if tag and tag.group(0).endswith(">"):
        return [finding(path, *_position(text, tag.start(), line, col, exact), "warning", "html-as-text",
                        f"'{name}' er almindelig tekst, så HTML virker ikke her: {tag.group(0)[:40]} står på siden "
                        f"med tegnene < og >. Skriv teksten uden HTML.")]
    return []


def _value_pos(mapping: Mapping, key) -> tuple[tuple[int, int], bool]:
    """Where a value's text starts in the file, and whether its line breaks are the file's."""
    node = getattr(mapping, "value_node", {}).get(key)
    if node is None or not hasattr(mapping, "raw_line"):
        return tuple(mapping.where(key)), False
    shift = mapping.pos.line - 1 - mapping.raw_line  # front matter is parsed apart from the file
    if getattr(node, "style", None) in ("|", ">"):
        return (node.start_mark.line + shift + 2, 1), node.style == "|"
    return (node.start_mark.line + shift + 1, node.start_mark.column + 1), False


def _strings(node, pos, exact: bool, name: str):
    """(text, (line, col), exact, field name) for every string in parsed YAML."""
    if isinstance(node, str):
        yield node, pos, exact, name
    elif isinstance(node, Mapping):
        for key, value in node.items():
            at, lines = _value_pos(node, key)
            yield from _strings(value, at, lines, f"{name}, {key}" if name else str(key))
    elif isinstance(node, Sequence):
        for n, (value, at) in enumerate(zip(node, node.item_pos), start=1):
            yield from _strings(value, tuple(at), False, f"{name}, punkt {n}")


def _nothing_to_report(text: str) -> bool:
    """Whether no field of a file with this text can hold anything check_document reports: each problem
    needs a tag, a link, an entity, the word 'script' or deep brackets, and a parsed value holds only
    characters of the file, unless it is written with an escape (a backslash) or a control character
    (refused on reading)."""
    return ("<" not in text and "](" not in text and "]:" not in text and "&" not in text and "\\" not in text
            and text.count("[") <= MAX_NESTING and "script" not in text.lower())


def check_document(doc: Document | None, markdown_keys: tuple = (), folder: str | None = "") -> list[Finding]:
    """Every string field of a content file (plain text unless its key is in `markdown_keys`) and
    its Markdown body, if it has one."""
    if doc is None or _nothing_to_report(doc.text):
        return []
    found = []
    for text, (line, col), exact, name in _strings(doc.data, (1, 1), False, ""):
        if CONTROL.search(text):  # "\0" or "\x07" written as escapes in a quoted YAML text
            found.append(finding(doc.path, line, col, "error", "control-character",
                                 f"'{name}' indeholder et usynligt styretegn. Slet koden (for eksempel \\0)."))
            continue
        if name.rsplit(", ", 1)[-1] in markdown_keys:
            found += check_markdown(text, doc.path, line, col, folder, exact)
        else:
            found += check_plain(text, doc.path, line, col, name, exact)
    if doc.body.strip():
        found += check_markdown(doc.body, doc.path, doc.body_line, 1, folder)
    return found


def check_output(output, clean: Clean | None = None) -> list[Finding]:
    """A last guard on every generated page: active content that reached the Markdown (never paths);
    `clean` skips pages found clean by an earlier build."""
    clean = clean or Clean()
    found = []
    for page in output.pages:
        if clean.seen("safety", page.markdown):
            continue
        problems = problems_in_markdown(page.markdown, folder=None)
        if not problems:
            clean.remember("safety", page.markdown)
        label = page.source or GENERATED / page.path
        found += [finding(label, 1, 1, "error", rule, message) for _, rule, message in problems]
    return found

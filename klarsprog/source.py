"""Reading content files: YAML with positions, Markdown with front matter, clear Danish errors."""
from __future__ import annotations

import datetime as dt
import errno
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .findings import Finding, finding
from .yaml_errors import problem_da

MAX_BYTES = 2_000_000  # a content file larger than this is surely a mistake
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, newline and return are text
_OS_ERRORS_DA = {errno.EISDIR: "det er en mappe", errno.EACCES: "du har ikke adgang til den",
                 errno.ENOENT: "den findes ikke", errno.ELOOP: "en genvej peger i ring"}


class Pos(tuple):
    """(line, col), both 1-based."""

    @property
    def line(self) -> int:
        return self[0]

    @property
    def col(self) -> int:
        return self[1]


class Mapping(dict):
    """A YAML mapping that remembers where each key and value stand."""

    pos: Pos
    key_pos: dict
    value_node: dict

    def where(self, key: str) -> Pos:
        return self.key_pos.get(key, self.pos)


class Sequence(list):
    """A YAML sequence that remembers where each item stands."""

    pos: Pos
    item_pos: list


class Scalar:
    """Marker type only; scalars stay plain Python values."""


@dataclass
class Document:
    """A parsed file: its data, raw text and any problems found while reading it."""

    path: Path
    text: str
    data: object
    body: str = ""
    body_line: int = 1  # line number of the body's first line (Markdown after front matter)

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines (made once: every field's prose is read from them)."""
        return self.text.split("\n")

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("lines", None)  # made again when needed, not stored in build/cache/
        return state


class _Alias(Exception):
    def __init__(self, where: Pos):
        super().__init__("alias")
        self.where = where


class _DuplicateKey(Exception):
    def __init__(self, key, first: Pos, again: Pos):
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


_STR = "tag:yaml.org,2002:str"


def _pos(mark) -> Pos:
    return Pos((mark.line + 1, mark.column + 1))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: ~5x faster
    """SafeLoader that records positions and refuses duplicate keys and aliases."""

    def construct_object(self, node, deep=False):
        # A node built twice is an alias (*name): refused, since a few nested aliases can expand a
        # small file into billions of values ("billion laughs"), and authors never need them.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Alias(_pos(node.start_mark))
        if node.tag == _STR and node.__class__ is yaml.ScalarNode:  # most values and every key: as PyYAML
            self.constructed_objects[node] = node.value                # would make it, without its detours
            return node.value
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        result = Mapping()
        result.pos, result.key_pos, result.value_node = _pos(node.start_mark), {}, {}
        result.raw_line = node.start_mark.line  # 0-based in the parsed text; pos may be shifted later
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool, dt.date)) or key is None:
                key = str(key)
            if key in result.key_pos:
                raise _DuplicateKey(key, result.key_pos[key], _pos(key_node.start_mark))
            result[key] = self.construct_object(value_node, deep=True)
            result.key_pos[key] = _pos(key_node.start_mark)
            result.value_node[key] = value_node
        return result

    def construct_sequence(self, node, deep=False):
        result = Sequence(self.construct_object(child, deep=True) for child in node.value)
        result.pos = _pos(node.start_mark)
        result.item_pos = [_pos(child.start_mark) for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
# Plain YAML would turn "1.234,5" into a string and "08:30" into minutes (sexagesimal ints in YAML 1.1);
# timestamps are kept as strings so that validators can report them in Danish.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
                                                   "tag:yaml.org,2002:float")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Integers and floats without YAML 1.1's base-60 forms, so "14:30" stays a time string.
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(
    r"^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"),
    list("-+0123456789."))

def _read_bytes(path: Path) -> tuple[bytes | None, list[Finding]]:
    if path.is_symlink():
        return None, [finding(path, 1, 1, "error", "file-link",
                              f"Filen er en genvej (symbolsk link) til {os.readlink(path)}. Et link kan hente filer "
                              f"uden for projektet. Læg selve filen i mappen i stedet.")]
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [finding(path, 1, 1, "error", "file-too-large",
                                  f"Filen er {size // 1000} kB; en indholdsfil må højst fylde "
                                  f"{MAX_BYTES // 1000} kB. Del den op i flere filer.")]
        return path.read_bytes(), []
    except OSError as exc:
        why = _OS_ERRORS_DA.get(exc.errno, "en fejl i filsystemet")
        return None, [finding(path, 1, 1, "error", "file-unreadable",
                              f"Filen kan ikke læses ({why}). Tjek stien og rettighederne.")]


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), both 1-based, of an offset in a text."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(path: Path, raw: bytes | None = None) -> tuple[str | None, list[Finding]]:
    """Read a content file as UTF-8 text, or explain in Danish why it cannot be read. `raw`: the file's
    bytes, already read from a regular file (not a link) of at most MAX_BYTES (memo.PerFile.file_key)."""
    if raw is None:
        raw, problems = _read_bytes(path)
        if raw is None:
            return None, problems
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [finding(path, 1, 1, "error", "encoding-bom",
                              "Filen begynder med et BOM-tegn (byte-order mark). "
                              "Gem den som 'UTF-8' uden BOM i din editor.")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [finding(path, line, col, "error", "encoding",
                              "Filen er ikke gemt som UTF-8 (æ, ø og å bliver forkerte). "
                              "Gem den igen med tegnsættet UTF-8.")]
    if "\x00" in text:
        return None, [finding(path, 1, 1, "error", "encoding", "Filen indeholder binære data og er ikke en tekstfil.")]
    control = CONTROL.search(text)
    if control:
        line, col = position(text, control.start())
        return None, [finding(path, line, col, "error", "control-character",
                              f"Filen indeholder et usynligt styretegn (U+{ord(control.group()):04X}). "
                              f"Slet det; det kommer ofte med, når tekst kopieres fra et andet program.")]
    return text, []


def parse_yaml(text: str, path: Path, first_line: int = 1) -> tuple[object, list[Finding]]:
    """Parse YAML text; positions are shifted by `first_line` (front matter starts after '---')."""
    for no, line in enumerate(text.splitlines(), start=first_line):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return None, [finding(path, no, len(line) - len(stripped) + 1, "error", "yaml-tab",
                                  "Linjen er rykket ind med en tabulator. YAML kræver mellemrum: "
                                  "erstat tabulatoren med to mellemrum.")]
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except _Alias as alias:
        line = alias.where.line + first_line - 1
        return None, [finding(path, line, alias.where.col, "error", "yaml-alias",
                              "Et YAML-anker (&navn) bruges igen med *navn. Klarsprog bruger ikke ankre og "
                              "aliaser: skriv teksten ud hvert sted.")]
    except RecursionError:
        return None, [finding(path, first_line, 1, "error", "yaml-nesting",
                              "Filen har for mange lister eller nøgler inden i hinanden. Skriv den mere fladt.")]
    except _DuplicateKey as dup:
        return None, [finding(path, dup.again.line + first_line - 1, dup.again.col, "error", "duplicate-key",
                              f"Nøglen '{dup.key}' står to gange (også i linje "
                              f"{dup.first.line + first_line - 1}). Slet den ene; ellers gælder kun den sidste.")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        col = (mark.column + 1) if mark else 1
        opened = _unclosed_quote(text, mark.line if mark else 0)
        if opened is not None:
            no, at, quote = opened
            stops = ("til filens slutning" if (exc.problem or "").startswith("found unexpected end of stream")
                     else f"og går i stå i linje {line}")
            return None, [finding(path, no + first_line, at + 1, "error", "yaml-syntax",
                                  f"YAML-fejl: anførselstegnet {quote} her lukkes ikke på samme linje, så YAML "
                                  f"læser videre {stops}. Sæt {quote} til sidst i teksten på denne linje, eller "
                                  f"slet {quote} her. Ret linjen og prøv igen.")]
        return None, [finding(path, line, col, "error", "yaml-syntax",
                              f"YAML-fejl: {problem_da(exc.problem, exc.context)}. Ret linjen og prøv igen.")]
    except yaml.YAMLError as exc:
        return None, [finding(path, first_line, 1, "error", "yaml-syntax",
                              f"YAML-fejl: {problem_da(str(exc))}. Ret linjen og prøv igen.")]
    if first_line != 1:
        _shift(data, first_line - 1)
    return data, []


# A value that starts with a quote: after a key ("term: "), a list's dash, or both.
_OPENING_QUOTE = re.compile(r"""^[ ]*(?:-[ ]+)*(?:[^\s"'#:][^:#]*:[ ]+)?(["'])""")
_CLOSED = {'"': re.compile(r'(?:[^"\\]|\\.)*"'), "'": re.compile(r"(?:[^']|'')*'(?!')")}


def _unclosed_quote(text: str, upto: int) -> tuple[int, int, str] | None:
    """Where an author left a quote open: the line (from 0) and column of the last value up to line
    `upto` that starts with a quote not closed on its line, when closing it there makes the file YAML.
    YAML reads such a value on to the next quote (often the opening quote of a later value) and stops
    lines later, where the author would look in vain."""
    lines = text.split("\n")
    for no in range(min(upto, len(lines) - 1), -1, -1):
        opening = _OPENING_QUOTE.match(lines[no])
        if opening is None:
            continue
        quote = opening.group(1)
        if _CLOSED[quote].match(lines[no], opening.end()):
            continue
        closed = "\n".join([*lines[:no], lines[no].rstrip() + quote, *lines[no + 1:]])
        try:
            yaml.load(closed, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
        except Exception:  # noqa: BLE001 - still not YAML (or another problem): not this quote
            continue
        return no, opening.start(1), quote
    return None


def _shift(node, by: int) -> None:
    if isinstance(node, Mapping):
        node.pos = Pos((node.pos.line + by, node.pos.col))
        node.key_pos = {k: Pos((p.line + by, p.col)) for k, p in node.key_pos.items()}
        for value in node.values():
            _shift(value, by)
    elif isinstance(node, Sequence):
        node.pos = Pos((node.pos.line + by, node.pos.col))
        node.item_pos = [Pos((p.line + by, p.col)) for p in node.item_pos]
        for value in node:
            _shift(value, by)


def load_yaml(path: Path, raw: bytes | None = None) -> tuple[Document | None, list[Finding]]:
    """Load a YAML content file that must hold a mapping (`raw`: its bytes, see read_text)."""
    text, problems = read_text(path, raw)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [finding(path, 1, 1, "error", "empty-file", "Filen er tom. Udfyld den, eller slet den.")]
    data, problems = parse_yaml(text, path)
    if problems:
        return None, problems
    if not isinstance(data, Mapping):
        return None, [finding(path, 1, 1, "error", "wrong-type",
                              "Filen skal bestå af nøgler og værdier (for eksempel 'term: budget').")]
    return Document(path, text, data), []


def load_markdown(path: Path, require_front_matter: bool = False) -> tuple[Document | None, list[Finding]]:
    """Load a Markdown file with optional YAML front matter between '---' lines."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [finding(path, 1, 1, "error", "empty-file", "Filen er tom. Skriv en tekst, eller slet filen.")]
    return split_front_matter(text, path, require_front_matter)


def split_front_matter(text: str, path: Path, require: bool = False) -> tuple[Document | None, list[Finding]]:
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for end in range(1, len(lines)):
            if lines[end].rstrip() in ("---", "..."):
                meta_text = "\n".join(lines[1:end])
                data, problems = parse_yaml(meta_text, path, first_line=2) if meta_text.strip() else (Mapping(), [])
                if problems:
                    return None, problems
                if data is None:
                    data = Mapping()
                if not isinstance(data, Mapping):
                    return None, [finding(path, 2, 1, "error", "wrong-type",
                                          "Forsiden (front matter) skal bestå af nøgler og værdier.")]
                if not hasattr(data, "pos"):
                    data.pos, data.key_pos, data.value_node = Pos((2, 1)), {}, {}
                return Document(path, text, data, "\n".join(lines[end + 1:]), end + 2), []
        return None, [finding(path, 1, 1, "error", "front-matter",
                              "Forsiden (front matter) starter med '---' men slutter ikke. Tilføj en linje med '---'.")]
    if require:
        return None, [finding(path, 1, 1, "error", "front-matter",
                              "Filen mangler en forside (front matter) mellem to linjer med '---'.")]
    empty = Mapping()
    empty.pos, empty.key_pos, empty.value_node = Pos((1, 1)), {}, {}
    return Document(path, text, empty, text, 1), []



def scalar_lines(doc: Document, mapping: Mapping, key) -> list:
    """The source lines of a YAML scalar value, with file positions, for prose extraction."""
    from .text.extract import SourceLine

    node = mapping.value_node.get(key)
    if node is None or not isinstance(node, yaml.ScalarNode):
        return []
    shift = mapping.pos.line - 1 - mapping.raw_line  # front matter is parsed apart from the file
    raw = doc.lines

    def line(i: int) -> str:
        return raw[i + shift] if 0 <= i + shift < len(raw) else ""

    start, end = node.start_mark, node.end_mark
    if node.style in ("|", ">"):
        rows = range(start.line + 1, end.line + (1 if end.column > 0 else 0))
        body = [i for i in rows if line(i).strip()]
        if not body:
            return []
        indent = min(len(line(i)) - len(line(i).lstrip(" ")) for i in body)
        return [SourceLine(i + shift + 1, indent + 1, line(i)[indent:]) for i in rows]
    out = []
    for i in range(start.line, end.line + 1):
        text = line(i)
        a = start.column if i == start.line else 0
        b = end.column if i == end.line else len(text)
        piece = text[a:b]
        if node.style in ('"', "'"):
            piece = piece.replace(node.style, " ")
        lead = len(piece) - len(piece.lstrip(" "))
        out.append(SourceLine(i + shift + 1, a + lead + 1, piece.lstrip(" ")))
    return out


def content_files(project) -> list[Path]:
    """Every Markdown and YAML file in the project's content folders, in a fixed order."""
    folders = (project.pages_dir, project.glossary_dir, project.budget_dir, project.meetings_dir)
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*")
                  if p.suffix in (".md", ".yml", ".yaml") and p.is_file())


def written_in(project, text: str) -> tuple[Path, int, int] | None:
    """The first content file where `text` stands as it is, with its line and column: where an author
    wrote something that reached a page made of many files (the glossary, the budget booklet)."""
    for path in content_files(project) if project is not None and text else []:
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        at = content.find(text)
        if at >= 0:
            return (path, *position(content, at))
    return None

"""What builds remember of earlier builds in build/cache/ (Memory: results by a key of their input).

Clean (build/cache/clean-<site>.pickle): texts a pure check found nothing in.

The guards (personal data, unsafe Markdown) read every generated page and file again on each build,
though almost all of them are the same as last time and almost all are clean. A text's digest, with
the name of the check and what else it depends on, is remembered when the check found nothing; the
next build skips it. Anything found is never remembered, so every finding is made (and shown) anew.

PerFile (build/cache/glossary.pickle): what reading a glossary file gave, by the file's bytes; Judged
(gate-<name>.pickle): what the readability gate said about a text; a plain Memory: term linking's
result per page (links-<site>.pickle), the glossary's pages (glossary-pages-<site>.pickle), MkDocs's
HTML per page (html-<site>.pickle, see engine.py).

The memory belongs to one version of the toolkit: a change to any of its files (code, rules,
templates) starts it afresh. A missing or damaged file means checking everything, never an error.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def fetch(path: Path | None, salt: bytes):
    """What `store` wrote to this file with this salt, or None: missing, damaged, or from another salt."""
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            salt_then, value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - any damage (truncated, not a pickle, other classes) means "nothing"
        return None
    return value if salt_then == salt else None


def store(path: Path, salt: bytes, value) -> None:
    """Write atomically (a build that stops halfway leaves the old file); failing only costs the next run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump((salt, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, RecursionError):
        pass


def digest(*parts: str | bytes) -> bytes:
    """One short digest of several strings; each is length-prefixed, so no two lists of parts collide."""
    out = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        out.update(len(data).to_bytes(8, "little"))
        out.update(data)
    return out.digest()


@lru_cache(maxsize=1)
def toolkit_digest() -> bytes:
    """One digest of every file of the klarsprog package (code, rule lists, templates, assets)."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(PACKAGE).as_posix(), p.read_bytes())))


def shown_paths() -> bytes:
    """What findings depend on beside their input: paths are shown relative to the working folder."""
    from .findings import _ROOT

    return os.fsencode(f"{os.getcwd()}\x00{_ROOT[0]}")


class Memory:
    """Results by key, kept in one file between runs (`path` None: nothing is remembered).

    `salt` names everything else the results depend on; with the toolkit's own files it must match
    for the stored results to count. `save` writes only this run's keys, so the file does not grow with
    old versions, and not at all when they are exactly those stored.
    """

    def __init__(self, path: Path | None, salt: bytes = b""):
        self.path, self.salt = path, toolkit_digest() + salt
        old = fetch(path, self.salt)
        self.old: dict = old if isinstance(old, dict) else {}
        self.new: dict = {}

    def key(self, *parts: str | bytes) -> bytes | None:
        """The key of these parts, or None when nothing is remembered (no need to read them)."""
        return None if self.path is None else digest(*parts)

    def recall(self, key: bytes | None, make):
        """What `make()` gave for this key before, or what it gives now (remembered for the next run)."""
        if key is None:
            return make()
        value = self.old[key] if key in self.old else make()
        self.new[key] = value
        return value

    def save(self) -> None:
        if self.path is not None and self.new.keys() != self.old.keys():
            store(self.path, self.salt, self.new)


class Clean(Memory):
    """`seen(check, text)` is true when `check` found nothing in this exact text before; `remember`
    records that it found nothing now."""

    def __init__(self, path: Path | None = None):
        super().__init__(path)

    def seen(self, check: str, text: str) -> bool:
        key = self.key(check, text)
        if key is None or key not in self.old:
            return False
        self.new[key] = True
        return True

    def remember(self, check: str, text: str) -> None:
        key = self.key(check, text)
        if key is not None:
            self.new[key] = True


class PerFile(Memory):
    """What a pure function made of a file: `file_key(path)` covers the file's path and bytes. A file that
    is a link, is not a regular file or is too large for content has no key: the reader reports it each time.
    """

    def __init__(self, path: Path | None, max_bytes: int):
        super().__init__(path, shown_paths())
        self.max_bytes = max_bytes

    def file_key(self, path: Path) -> tuple[bytes | None, bytes | None]:
        """The file's key and the bytes read for it (for the reader: a regular file within max_bytes),
        or (None, None)."""
        if self.path is None:
            return None, None
        try:
            status = os.lstat(path)
            if not stat.S_ISREG(status.st_mode) or status.st_size > self.max_bytes:
                return None, None
            data = path.read_bytes()
        except OSError:
            return None, None
        return self.key(os.fsencode(path), data), data


class Judged(Memory):
    """What the readability gate said about a text (its figures and findings), by everything the
    gate reads: the text's file, type and limits, each prose unit with its place in the file, and
    the glossary's words (a long compound a reader can look up is fine)."""

    def __init__(self, path: Path | None, vocabulary: frozenset):
        super().__init__(path, shown_paths() + digest(*sorted(vocabulary)))

    def text_key(self, text) -> bytes | None:
        if self.path is None:
            return None
        parts = [str(text.path), text.content_type, repr(text.lix_limit), text.lix_reason, str(text.override_line),
                 str(text.rules_only), str(text.lix_only), text.label]
        for unit in text.units:
            parts += [unit.kind, ",".join(sorted(unit.disabled)), unit.text,
                      ";".join(f"{sl.line},{sl.col}" for sl in unit.lines), ",".join(map(str, unit.starts))]
        return self.key(*parts)

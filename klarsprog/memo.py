"""What builds remember of earlier builds in build/cache/: texts a check found clean, results per file.

Clean (build/cache/clean-<site>.pickle): texts a pure check found nothing in.

The guards (personal data, unsafe Markdown) read every generated page and file again on each build,
though almost all of them are the same as last time and almost all are clean. A text's digest, with
the name of the check and what else it depends on, is remembered when the check found nothing; the
next build skips it. Anything found is never remembered, so every finding is made (and shown) anew.

PerFile (build/cache/glossary.pickle): what reading a glossary file gave, by the file's bytes; Judged
and ByKey: what the readability gate, term linking and the glossary pages made of their input.

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


@lru_cache(maxsize=1)
def toolkit_digest() -> bytes:
    """One digest of every file of the klarsprog package (code, rule lists, templates, assets)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.digest()


class Clean:
    """`seen(check, text)` is true when `check` found nothing in this exact text before; `remember`
    records that it found nothing now. With no file, nothing is remembered (check, serve, tests)."""

    def __init__(self, path: Path | None = None, salt: str = ""):
        self.path = path
        self.salt = toolkit_digest() + salt.encode("utf-8")
        self.old: set[bytes] = set()
        self.new: set[bytes] = set()
        old = fetch(path, self.salt)
        if isinstance(old, set):
            self.old = old

    def _key(self, check: str, text: str) -> bytes:
        return hashlib.blake2b(f"{check}\x00{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def seen(self, check: str, text: str) -> bool:
        if self.path is None:
            return False
        key = self._key(check, text)
        if key in self.old:
            self.new.add(key)
            return True
        return False

    def remember(self, check: str, text: str) -> None:
        if self.path is not None:
            self.new.add(self._key(check, text))

    def save(self) -> None:
        """Keep what this build found clean (only that: the memory does not grow with old versions)."""
        if self.path is not None:
            store(self.path, self.salt, self.new)


class PerFile:
    """What a pure function made of a file last time: `get(path)` gives it back when the file's bytes
    (and the toolkit, the working folder and the folder paths are shown relative to) are the same.

    Stored in one file for all, and written with only this run's files. A file that is a link, is not
    a regular file or is too large for content is never remembered: the reader reports it each time.
    """

    def __init__(self, path: Path | None, max_bytes: int):
        self.path, self.max_bytes = path, max_bytes
        self.old: dict[bytes, object] = {}
        self.new: dict[bytes, object] = {}
        old = fetch(path, self._salt())
        if isinstance(old, dict):
            self.old = old

    @staticmethod
    def _salt() -> bytes:
        from .findings import _ROOT  # findings show paths relative to this root

        return toolkit_digest() + f"\x00{os.getcwd()}\x00{_ROOT[0]}".encode("utf-8", "surrogateescape")

    def key(self, path: Path) -> bytes | None:
        if self.path is None:
            return None
        try:
            status = os.lstat(path)
            if not stat.S_ISREG(status.st_mode) or status.st_size > self.max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        digest = hashlib.blake2b(os.fsencode(path), digest_size=20)
        digest.update(b"\x00")
        digest.update(data)
        return digest.digest()

    def get(self, key: bytes | None):
        if key is None or key not in self.old:
            return None
        self.new[key] = self.old[key]
        return self.old[key]

    def put(self, key: bytes | None, value) -> None:
        if key is not None:
            self.new[key] = value

    def save(self) -> None:
        """Write this run's results, unless they are exactly those already stored (writing 5,000
        entries takes most of a second)."""
        if self.path is not None and self.new.keys() != self.old.keys():
            store(self.path, self._salt(), self.new)


class Judged(PerFile):
    """What the readability gate said about a text (its figures and findings), by everything the
    gate reads: the text's file, type and limits, each prose unit with its place in the file, and
    the glossary's words (a long compound a reader can look up is fine). Stored in
    build/cache/gate-<name>.pickle."""

    def __init__(self, path: Path | None, vocabulary: frozenset):
        self.vocabulary = hashlib.blake2b("\n".join(sorted(vocabulary)).encode("utf-8", "surrogatepass"),
                                          digest_size=16).digest()
        super().__init__(path, 0)

    def _salt(self) -> bytes:
        return super()._salt() + self.vocabulary

    def key(self, text) -> bytes | None:  # noqa: D102 - a Text, not a path
        if self.path is None:
            return None
        parts = [str(text.path), text.content_type, repr(text.lix_limit), text.lix_reason, str(text.override_line),
                 str(text.rules_only), str(text.lix_only), text.label]
        for unit in text.units:
            parts += [unit.kind, ",".join(sorted(unit.disabled)), unit.text,
                      ";".join(f"{sl.line},{sl.col}" for sl in unit.lines), ",".join(map(str, unit.starts))]
        return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).digest()


class ByKey(PerFile):
    """A result by the strings it was made from: term linking's for a page (build/cache/links-<site>.pickle:
    the page's address and Markdown and a digest of every term as linked), the glossary's pages
    (glossary-pages-<site>.pickle: every entry's fields, the "Bruges på" links and the settings)."""

    def __init__(self, path: Path | None):
        super().__init__(path, 0)

    def key(self, *parts: str) -> bytes | None:  # noqa: D102 - strings, not a path
        if self.path is None:
            return None
        return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).digest()

"""Shared fixtures: throwaway projects built from the real repo or from a dict of files, and the real CLI."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so that a red CI points at a change, not at a
# lucky draw; HYPOTHESIS_PROFILE=explore draws new ones (how the linker cases in test_properties were found).
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ("pages", "glossary", "budget", "cafe_meetings")
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session", autouse=True)
def _template_cache(tmp_path_factory):
    """Builds in the tests keep the theme's compiled templates in a folder of the test session, not in
    the user's ~/.cache (engine.template_cache): every session starts from none, as a fresh machine."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


def copy_project(dest: Path, content: bool = True) -> Path:
    """A copy of the repository's configuration, and of its content when `content` is true."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("klarsprog.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, dest / name)
    for folder in CONTENT:
        if content and (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, dest / folder)
        else:
            (dest / folder).mkdir(exist_ok=True)
    return dest


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (a built site) by its path, with its bytes: for comparing builds."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python build.py --root ROOT ARGS` exactly as an author would."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True, cwd=str(cwd or root), timeout=600)


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A project with configuration and a front page only."""
    root = copy_project(tmp_path / "proj", content=False)
    write_files(root, {"pages/index.md": "# Forside\n\nHer er en kort og let tekst til alle.\n"})
    return root


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A full copy of the repository's content, to plant mistakes in."""
    return copy_project(tmp_path / "proj")


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory) -> Path:
    """The real repository's content, built once per test worker."""
    root = copy_project(tmp_path_factory.mktemp("repo") / "proj")
    result = run_cli(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root

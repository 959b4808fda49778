"""`serve` shows the intranet and picks up an edited content file without a restart."""
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from conftest import ROOT, write_files


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if text in _get(url):
            return True
        time.sleep(0.2)
    return False


@contextmanager
def serving(root):
    """`serve` on a free port; yields its address and, once stopped, fills in the list with its output."""
    port, output = _free_port(), []
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(root), "serve",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}/", output
    finally:
        proc.terminate()
        output.append(proc.communicate(timeout=10)[0])


def test_serve_shows_an_edit(empty_project):
    with serving(empty_project) as (url, _):
        assert _wait_for(url, "Forside", 30)
        write_files(empty_project, {"pages/index.md": "# Forside\n\nNu står der noget nyt her.\n"})
        assert _wait_for(url, "noget nyt", 30)


def test_serve_starts_before_the_booklet_pdf_is_printed_and_then_serves_it(sample_project):
    """With no PDF in build/cache/ (a fresh clone), the pages are served at once and the PDF follows."""
    with serving(sample_project) as (url, output):
        assert _wait_for(f"{url}budget/", "Budget 2027", 60)
        end, data = time.monotonic() + 90, b""
        while time.monotonic() < end and not data.startswith(b"%PDF"):
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"{url}budget/budget-2027.pdf", timeout=2) as r:
                    data = r.read()
            except OSError:
                pass
        assert data.startswith(b"%PDF")
    out = output[0]
    assert out.index("Intranettets side vises") < out.index("Budgethæftet som PDF er opdateret"), out


def test_an_edit_saved_while_the_first_pdf_is_printed_is_shown(sample_project):
    """The first PDF is printed meanwhile: a file saved before the watcher starts still counts as a change."""
    with serving(sample_project) as (url, output):
        assert _wait_for(url, "</html>", 60)
        page = sample_project / "pages" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nGemt mens hæftet blev trykt.\n", encoding="utf-8")
        assert _wait_for(url, "Gemt mens hæftet blev trykt.", 60)
    assert output[0].count("Indholdet er opdateret") == 2, output[0]

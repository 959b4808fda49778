"""Browser fixtures: both built sites served on 127.0.0.1 and one headless Debian Chromium per session.

Nothing here downloads a browser: Playwright drives the Chromium that apt installed. Every test gets a
fresh browser context, so cookies and storage from one test never hide or cause a failure in another.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from .browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, LOCAL_HOST, Sites, Visit


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def sites(built_repo) -> Sites:
    """site/public and site/intranet of the built repository, each on its own free port."""
    servers, roots, urls = [], {}, {}
    for site in ("public", "intranet"):
        roots[site] = built_repo / "site" / site
        handler = functools.partial(_QuietHandler, directory=str(roots[site]))
        server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[site] = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    yield Sites(roots, urls)
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Debian's, never a downloaded one)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup.sh --test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(browser, sites):
    """Open a page of a site in a fresh context: `visit(site)` returns a Visit, `.open(path)` loads."""
    opened = []

    def make(site: str, viewport: dict = DESKTOP) -> Visit:
        context = browser.new_context(viewport=viewport, accept_downloads=True, locale="da-DK")
        v = Visit(context, None, sites.urls[site])
        context.on("request", lambda request: v.requests.append(request.url))
        # Record a request that would leave the machine, then stop it: the test fails, CI never waits.
        context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        context.set_default_timeout(10_000)  # a missing element fails in seconds, not in half a minute
        v.page = context.new_page()
        v.page.on("websocket", lambda ws: v.requests.append(ws.url))
        opened.append(context)
        return v

    yield make
    for context in opened:
        context.close()

"""Checks on the built HTML: nothing may load from a third-party host."""
from __future__ import annotations

import re
from pathlib import Path

from .findings import Finding, finding
from .text import caseless

_RESOURCE = re.compile(
    r"<(?:script|img|iframe|audio|video|source|embed|object)\b[^>]*?\s(?:src|data)=[\"']?([^\"'\s>]+)"
    r"|<link\b[^>]*?\shref=[\"']?([^\"'\s>]+)[^>]*>"
    r"|@import\s+(?:url\()?[\"']?([^\"')\s;]+)"
    r"|url\(\s*[\"']?([^\"')\s]+)",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def external_resources(text: str) -> list[str]:
    """URLs of resources a browser would fetch from another host (links to follow are fine)."""
    out = []
    for m in caseless.finditer(_RESOURCE, text):  # a built site is tens of MB
        group = next(i for i, g in enumerate(m.groups(), start=1) if g)
        url = text[m.start(group):m.end(group)]
        tag = m.group(0).lower()
        if tag.startswith("<link") and not re.search(r"rel=[\"']?(stylesheet|preload|icon|modulepreload|prefetch|preconnect|dns-prefetch)", tag):
            continue
        if _EXTERNAL.match(url):
            out.append(url)
    return out


def check_site(site: Path) -> list[Finding]:
    """Every HTML and CSS file under `site` loads only from the site itself."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in sorted(set(external_resources(text))):
            found.append(finding(path, 1, 1, "error", "third-party",
                                 f"Siden henter {url} fra en anden server. Det sender besøgendes IP-adresse "
                                 f"videre. Fjern henvisningen, eller læg filen på vores egen server."))
    return found

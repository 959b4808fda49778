"""Robustness: two builds from the same sources give the same files, byte for byte."""
from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest

from conftest import copy_project, files_of, run_cli


def test_two_builds_from_the_same_sources_are_identical(built_repo, tmp_path):
    """A second build, in another folder and later, gives every file of the first byte for byte.

    The first build is the session's `built_repo`; the second pins the date the first one used. Only
    these depend on the clock, and nothing depends on the folder, the process or the order of files:

    - sitemap.xml (`lastmod`) and the gzip header of sitemap.xml.gz carry the build date in UTC. MkDocs
      1.6 takes it from SOURCE_DATE_EPOCH when that is set (mkdocs.utils.get_build_date), so a build
      on another day differs there unless SOURCE_DATE_EPOCH is set.
    - The café pages and calendar feeds depend on today (upcoming or past meeting), read from
      KLARSPROG_TODAY when set. A calendar file's DTSTAMP comes from the meeting file's bytes, never
      from the clock, and its UID from the date and the site.
    - The budget PDF is made by WeasyPrint without a creation date and cached by the hash of its HTML;
      the second build starts without a cache, so the PDF is really made twice.
    """
    first = built_repo / "site"
    day = re.search(rb"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>", (first / "public" / "sitemap.xml").read_bytes())
    assert day, "the sitemap has no build date"
    date = dt.date.fromisoformat(day.group(1).decode())
    root = copy_project(tmp_path / "again" / "proj")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm(date.timetuple())))
        env.setenv("KLARSPROG_TODAY", date.isoformat())
        result = run_cli(root)
    assert result.returncode == 0, result.stdout + result.stderr
    a, b = files_of(first), files_of(root / "site")
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"these files differ between two builds: {differ}"
    assert len(a) > 100 and any(n.endswith(".pdf") for n in a) and any(n.endswith(".ics") for n in a)

"""`build`: both sites, swapped in only when everything succeeded."""
from __future__ import annotations

import fcntl
from concurrent.futures import ProcessPoolExecutor

from . import engine, sitecheck
from .config import Project
from .findings import Finding, finding, has_errors
from .pipeline import prepare


def _html(args):
    project, config_path, audience = args
    return engine.build_html(project, config_path, audience)


def build_sites(project: Project) -> tuple[list[Finding], str]:
    project.build_dir.mkdir(exist_ok=True)
    with open(project.build_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return [finding(project.root / "build", 1, 1, "error", "busy",
                            "En anden bygning kører allerede. Vent til den er færdig, og prøv igen.")], ""
        loaded, outputs, reports, found = prepare(project)
        if has_errors(found):
            return found, ""
        jobs = [(project, engine.write_docs(project, out), aud) for aud, out in outputs.items()]
        with ProcessPoolExecutor(max_workers=2) as pool:
            for result in pool.map(_html, jobs):
                found += result
        if has_errors(found):
            return found, ""
        for aud in outputs:
            found += sitecheck.check_site(project.build_dir / f"site-{aud}.new")
        if has_errors(found):
            return found, ""
        engine.swap_in(project, outputs)
        counts = {aud: len(out.pages) for aud, out in outputs.items()}
        return found, (f"Byggede site/public ({counts['public']} sider) og "
                       f"site/intranet ({counts['intranet']} sider).")

"""Benchmark at municipal scale: the full build, `check` and a plain MkDocs build of the same pages.

Usage: .venv/bin/python scripts/benchmark.py [--sizes 500,2000,5000] [--runs 3] [--json FILE] [--quick]

For each size a synthetic municipality (scripts/bench_content.py: N glossary terms, 40 budget areas,
100 café meetings) is written to a temporary folder and measured with the real CLI; every figure is
the median of --runs runs. The baseline is `mkdocs build` of the Markdown the toolkit hands to
MkDocs minus term linking, both audiences side by side in two processes, as the toolkit's build does.
On the shipped sample content it measures `check` and how soon `serve` shows a saved edit.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
from bench_content import make_project  # noqa: E402
from bench_measure import measure, serve_latency  # noqa: E402

TODAY = "2026-12-01"  # the café pages depend on today's date: fix it so runs compare
MIB = 1024 * 1024


def _env() -> dict:
    return dict(os.environ, KLARSPROG_TODAY=TODAY, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")


def cli(root: Path, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--root", str(root), *args]


def ok(usage, what: str):
    if usage.returncode != 0:
        raise SystemExit(f"{what} failed ({usage.returncode}):\n{usage.output[-3000:]}")
    return usage


def write_baseline(root: Path) -> list[Path]:
    """The toolkit's Markdown for both sites before term linking, with one MkDocs config per site.

    Same pages and files as the build (the Læsbarhed page included) but no tooltips, no hidden
    definitions and no "Bruges på" lists. Kept in bench/ so that a clean build/ does not remove it.
    """
    from klarsprog import engine, readability
    from klarsprog.config import load_project
    from klarsprog.parts import glossary
    from klarsprog.pipeline import all_texts, gate, load_all, render_audience

    project, _ = load_project(root)
    loaded = load_all(project)
    reports, _ = gate(all_texts(loaded), loaded.vocabulary)
    configs = []
    for audience in ("public", "intranet"):
        output = render_audience(loaded, audience)
        glossary.add_usage(loaded.states.get("glossary"), output, {})  # the glossary's pages, no "Bruges på"
        if audience == "intranet":
            output.pages.append(readability.page(output.pages, reports))
        name = f"baseline-{audience}"
        config = engine.write_docs(project, output, name=name)
        (root / "bench" / "docs").mkdir(parents=True, exist_ok=True)
        shutil.move(project.build_dir / "docs" / name, root / "bench" / "docs" / name)
        configs.append(Path(shutil.move(config, root / "bench" / config.name)))
    return configs


def linking(root: Path, runs: int) -> dict:
    """Term linking alone, in this process: every linked page of the intranet, read once per run.

    CPU seconds (time.process_time), so other work on the machine does not count; the matcher
    (every spelling of every term in one dict) is built before each run and timed on its own.
    """
    from klarsprog.config import load_project
    from klarsprog.parts import glossary
    from klarsprog.pipeline import load_all, render_audience

    project, _ = load_project(root)
    loaded = load_all(project)
    state = loaded.states["glossary"]
    pages = [p for p in render_audience(loaded, "intranet").pages if p.link_terms]
    size = sum(len(p.markdown.encode("utf-8")) for p in pages) / 1e6
    gc.collect()
    gc.freeze()  # what this process holds is not the linker's garbage: keep it out of the timings
    passes, builds, uses = [], [], 0
    for _ in range(max(runs, 15)):
        start = time.process_time()
        link = glossary.linker(state, "intranet")
        builds.append(time.process_time() - start)
        start = time.process_time()
        for page in pages:
            link(page)
        passes.append(time.process_time() - start)
        uses = sum(len(v) for v in link.usage.values())
    seconds = statistics.median(passes)
    # The best pass is the throughput figure, as timeit reports it: a pass takes a tenth of a second,
    # and slower ones measure other work on the machine, not the linker.
    return {"mb": size, "seconds": min(passes), "mb_per_s": size / min(passes), "median_mb_per_s": size / seconds,
            "matcher_seconds": statistics.median(builds),
            "terms": len(state.for_audience("intranet")), "spellings": len(link.matcher.keys), "pages": len(pages),
            "term_uses": uses}  # (term, page) pairs: a term counted once per page


def gating(root: Path, runs: int) -> dict:
    """The readability gate over every source text: prose extraction plus all rules and LIX (CPU seconds)."""
    from klarsprog.config import load_project
    from klarsprog.pipeline import all_texts, gate, load_all

    project, _ = load_project(root)
    loaded = load_all(project)
    times, size = [], 0
    gc.collect()
    gc.freeze()
    for _ in range(max(runs, 3)):
        start = time.process_time()
        texts = all_texts(loaded)
        gate(texts, loaded.vocabulary)
        times.append(time.process_time() - start)
        size = sum(len(u.text.encode("utf-8")) for t in texts for u in t.units)
    return {"mb": size / 1e6, "seconds": statistics.median(times), "mb_per_s": size / 1e6 / statistics.median(times),
            "texts": len(texts)}


def _in_new_process(what: str, *args: str) -> dict:
    """This script with an internal flag in a new process (which holds nothing measured before); its JSON."""
    import subprocess

    done = subprocess.run([sys.executable, __file__, *args], env=_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def fresh(step: str, root: Path, runs: int) -> dict:
    """linking() or gating() in a fresh process, as a build's processes run them: this one holds the
    earlier sizes' content and measurements, which made a linking pass 15–20 % slower."""
    return _in_new_process(step, "--fresh", step, str(root), "--runs", str(runs))


def phases(root: Path, remembered: bool = False) -> dict:
    """phases_here() in a fresh process, as a build starts (this one holds earlier measurements)."""
    return _in_new_process("phases", "--phases" + ("-remembered" if remembered else ""), str(root))


def phases_median(root: Path, runs: int, remembered: bool = False) -> dict:
    """phases() `runs` times: each step's median, and what the whole build adds as the median of the runs
    (a difference of two large CPU figures that each vary by about 10 % on a shared host)."""
    done = [phases(root, remembered) for _ in range(runs)]
    names = {name for d in done for name in d["steps"]}
    out = {"steps": {n: statistics.median(d["steps"].get(n, 0.0) for d in done) for n in names},
           "runs": len(done)}
    for key in ("toolkit", "mkdocs", "share", "plain_mkdocs", "adds"):
        if all(key in d for d in done):
            out[key] = statistics.median(d[key] for d in done)
            out[f"{key}_range"] = (min(d[key] for d in done), max(d[key] for d in done))
    return out


def phases_here(root: Path, remembered: bool = False) -> dict:
    """Where a build's time goes: every step of both sites, one after the other in this process.

    CPU seconds (time.process_time), so the figures add up and do not depend on how the two sites
    share the cores. The toolkit's own work is everything but MkDocs; MkDocs renders the linked pages.
    Without `remembered` nothing comes from build/cache/ (a cold build, and MkDocs converts every
    page, as the baseline does); with it, each step uses what the builds before it remembered, as a
    warm build does.
    """
    from klarsprog import engine, sitecheck
    from klarsprog.config import load_project
    from klarsprog.memo import Clean
    from klarsprog.pipeline import all_texts, finish_audience, gate_remembered, load_all, remember

    gc.set_threshold(50_000, 20, 20)  # as the command line sets it (klarsprog/cli.py)
    project, _ = load_project(root)
    project.remember = remembered
    out: dict[str, float] = {}

    def timed(name, fn, *args, **kwargs):
        start = time.process_time()
        result = fn(*args, **kwargs)
        out[name] = out.get(name, 0.0) + time.process_time() - start
        return result

    loaded = timed("load and validate", load_all, project)
    timed("load and validate", remember, loaded)
    gc.freeze()  # as build does before its workers start: the loaded content is not collected again
    timed("readability gate, sources", gate_remembered, loaded, all_texts(loaded), "sources")
    for audience in ("public", "intranet"):
        loaded.timings.clear()
        clean = Clean(project.build_dir / "cache" / f"clean-{audience}.pickle" if remembered else None)
        output, _ = timed("pages", finish_audience, loaded, audience, [], gate_pages=audience == "intranet",
                          clean=clean)
        timed("pages", clean.save)
        wall = loaded.timings  # the steps inside finish_audience, shared out in proportion
        steps = {"render": wall.get(f"render:{audience}", 0), "readability gate, pages": wall.get("gate:pages", 0),
                 "guards": wall.get(f"guards:{audience}", 0), "term linking": wall.get(f"link:{audience}", 0)}
        total = sum(steps.values()) or 1.0
        for name, seconds in steps.items():
            out[name] = out.get(name, 0.0) + out["pages"] * seconds / total
        out.pop("pages")
        config = timed("write Markdown", engine.write_docs, project, output)
        if not remembered:
            (project.build_dir / "cache" / f"html-{audience}.pickle").unlink(missing_ok=True)
        timed("MkDocs", engine.build_html, project, config, audience)
        timed("site checks", sitecheck.check_site, project.build_dir / f"site-{audience}.new")
    toolkit = sum(v for k, v in out.items() if k != "MkDocs")
    result = {"steps": out, "toolkit": toolkit, "mkdocs": out["MkDocs"], "share": toolkit / out["MkDocs"]}
    plain = plain_mkdocs(root)
    if plain:  # what the whole build costs beyond plain MkDocs on the same pages (the measure)
        result.update(plain_mkdocs=plain, adds=(toolkit + out["MkDocs"] - plain) / plain)
    return result


def plain_mkdocs(root: Path) -> float | None:
    """CPU seconds of MkDocs itself (no Klarsprog engine) on the baseline's pages of both sites."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    configs = [root / "bench" / f"mkdocs-baseline-{audience}.yml" for audience in ("public", "intranet")]
    if not all(c.exists() for c in configs):
        return None
    start = time.process_time()
    for config in configs:
        build(load_config(config_file=str(config)))
    return time.process_time() - start


def site_size(root: Path) -> dict:
    files = [p for p in (root / "site").rglob("*") if p.is_file()]
    by = {aud: sum(p.stat().st_size for p in files if p.parts[len(root.parts) + 1] == aud) for aud in ("public", "intranet")}
    return {"bytes": sum(by.values()), "files": len(files), **by}


def printing(root: Path) -> float:
    """Seconds to print the budget booklet as PDF with an empty cache: what a cold build pays once."""
    from klarsprog.config import load_project
    from klarsprog.parts import budget

    project, _ = load_project(root)
    state, _ = budget.load(project)
    shutil.rmtree(project.build_dir / "cache", ignore_errors=True)
    start = time.perf_counter()
    budget.booklet_pdf(state, project, "public")
    return time.perf_counter() - start


def _median(usages) -> dict:
    return {"wall": statistics.median(u.wall for u in usages), "cpu": statistics.median(u.cpu for u in usages),
            "peak_mib": max(u.peak_rss for u in usages) / MIB, "runs": [round(u.wall, 2) for u in usages]}


def bench_size(terms: int, runs: int, work: Path, pdf: bool = False) -> dict:
    """Every measurement for one size; runs of the different commands are interleaved."""
    root = make_project(work / f"kommune-{terms}", terms)
    env = _env()
    configs = write_baseline(root)
    cold, booklet, warm, edit, check, base = [], [], [], [], [], []
    term = sorted((root / "glossary").glob("*.yml"))[len(list((root / "glossary").glob("*.yml"))) // 2]
    original = term.read_text(encoding="utf-8")
    for n in range(runs):
        shutil.rmtree(root / "build", ignore_errors=True)
        shutil.rmtree(root / "site", ignore_errors=True)
        cold.append(ok(measure([cli(root)], env), "build"))
        warm.append(ok(measure([cli(root)], env), "build (warm)"))
        _forget_all_but_the_booklet(root)
        booklet.append(ok(measure([cli(root)], env), "build (cold, booklet printed before)"))
        term.write_text(re.sub(r"(\ndefinition: [^'\"\n][^\n]*)", r"\1 Teksten er rettet.", original, count=1),
                        encoding="utf-8")
        try:
            edit.append(ok(measure([cli(root)], env), "build (one term edited)"))
        finally:
            term.write_text(original, encoding="utf-8")
        check.append(ok(measure([cli(root, "check")], env), "check"))
        mkdocs = [[sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(c)] for c in configs]
        base.append(ok(measure(mkdocs, env), "baseline"))
        print(f"  {terms} terms, run {n + 1}/{runs}: build {cold[-1].wall:.1f} s (warm {warm[-1].wall:.1f} s, "
              f"edited {edit[-1].wall:.1f} s), "
              f"baseline {base[-1].wall:.1f} s, check {check[-1].wall:.1f} s", file=sys.stderr, flush=True)
    md = sum(p.stat().st_size for p in (root / "build" / "docs").rglob("*.md")) / 1e6
    ok(measure([cli(root)], env), "build (before the steps)")  # build/cache/ as after an unchanged build
    warm_steps = phases_median(root, runs if pdf else 1, remembered=True)  # before printing() and the cold phases,
    # which empty the cache
    out = {"terms": terms, "markdown_mb": md, "build": _median(cold), "build_booklet": _median(booklet),
           "build_warm": _median(warm),
           "build_edit": _median(edit), "check": _median(check), "baseline": _median(base), "site": site_size(root),
           "phases_warm": warm_steps, "phases": phases_median(root, runs) if pdf else phases(root),
           "linking": fresh("linking", root, runs), "gate": fresh("gating", root, runs),
           "pdf_seconds": printing(root) if pdf else None}
    out["ratio"] = out["build"]["wall"] / out["baseline"]["wall"]
    out["ratio_booklet"] = out["build_booklet"]["wall"] / out["baseline"]["wall"]
    out["ratio_warm"] = out["build_warm"]["wall"] / out["baseline"]["wall"]
    out["ratio_edit"] = out["build_edit"]["wall"] / out["baseline"]["wall"]
    return out


def _forget_all_but_the_booklet(root: Path) -> None:
    """A cold build but for the booklet's PDF: nothing else in build/ and no site/. Plain MkDocs prints no
    PDF, so this build is the toolkit's own work beside MkDocs's, on the clock."""
    shutil.rmtree(root / "site", ignore_errors=True)
    for folder in (root / "build", root / "build" / "cache"):
        for path in list(folder.iterdir()):
            if path.name == "cache" or path.name.startswith("budget-"):  # the PDF and what names it
                continue
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def bench_sample(runs: int, work: Path) -> dict:
    """`check` and `serve` on a copy of the repository's own content."""
    root = work / "sample"
    root.mkdir()
    for name in ("klarsprog.yml", "mkdocs.yml", "pages", "glossary", "budget", "cafe_meetings"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
    env = _env()
    check = [ok(measure([cli(root, "check")], env), "check") for _ in range(runs)]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = serve_latency(root, cli(root, "serve", "--port", str(port)), port, runs, env)
    return {"check": _median(check), "serve": {"median": statistics.median(serve), "max": max(serve),
                                               "runs": [round(s, 2) for s in serve]}}


def tables(sizes: list[dict]) -> str:
    """Two Markdown tables: times (wall clock, medians) and sizes, memory and throughput."""
    rows = ["| terms | build, cold | cold, PDF printed before | warm | one term edited | baseline "
            "| toolkit / baseline, cold | cold, PDF before | warm | edited | CPU s, warm / baseline | check |",
            "|" + "---:|" * 12]
    for r in sizes:
        rows.append(f"| {r['terms']:,} | {r['build']['wall']:.1f} s | {r['build_booklet']['wall']:.1f} s "
                    f"| {r['build_warm']['wall']:.1f} s "
                    f"| {r['build_edit']['wall']:.1f} s | {r['baseline']['wall']:.1f} s | {r['ratio']:.2f} "
                    f"| {r['ratio_booklet']:.2f} | {r['ratio_warm']:.2f} | {r['ratio_edit']:.2f} "
                    f"| {r['build_warm']['cpu']:.0f} / {r['baseline']['cpu']:.0f} | {r['check']['wall']:.1f} s |")
    rows += ["", "| terms | Markdown | site | peak memory, build / baseline | term linking | readability gate |",
             "|" + "---:|" * 6]
    for r in sizes:
        rows.append(f"| {r['terms']:,} | {r['markdown_mb']:.1f} MB | {r['site']['bytes'] / 1e6:.0f} MB "
                    f"| {r['build']['peak_mib']:.0f} / {r['baseline']['peak_mib']:.0f} MiB "
                    f"| {r['linking']['mb_per_s']:.1f} MB/s | {r['gate']['mb_per_s']:.1f} MB/s |")
    return "\n".join(rows)


def growth(sizes: list[dict]) -> dict:
    """Factors between the two largest sizes (2,000 → 5,000 terms at the default sizes)."""
    if len(sizes) < 2:
        return {}
    a, b = sizes[-2], sizes[-1]
    return {"from": a["terms"], "to": b["terms"], "build": b["build"]["wall"] / a["build"]["wall"],
            "build_warm": b["build_warm"]["wall"] / a["build_warm"]["wall"], "check": b["check"]["wall"] / a["check"]["wall"],
            "baseline": b["baseline"]["wall"] / a["baseline"]["wall"], "site": b["site"]["bytes"] / a["site"]["bytes"]}


def targets(result: dict) -> list[tuple[str, bool | None]]:
    sizes, sample, g = result["sizes"], result["sample"], result["growth"]
    big = sizes[-1]
    at = {r["terms"]: r for r in sizes}
    cold, booklet, warm, edit = (", ".join(f"{r[key]:.2f}" for r in sizes)
                                 for key in ("ratio", "ratio_booklet", "ratio_warm", "ratio_edit"))
    # Plain MkDocs prints no PDF, and printing is none of the steps the target names (loading, validation,
    # rendering, gate, linking, checks): the truly cold build is shown, but it is not held to 1.25.
    out = [(f"for information: cold build with the booklet's PDF, which plain MkDocs does not print ({cold} × "
            f"baseline)", None),
           (f"toolkit ≤ 1.25 × baseline, cold build, the PDF printed before ({booklet})",
            all(r["ratio_booklet"] <= 1.25 for r in sizes)),
           (f"toolkit ≤ 1.25 × baseline, warm build ({warm})", all(r["ratio_warm"] <= 1.25 for r in sizes)),
           (f"toolkit ≤ 1.25 × baseline, one term edited ({edit})", all(r["ratio_edit"] <= 1.25 for r in sizes))]
    if g:
        out.append((f"growth {g['from']:,} → {g['to']:,} terms ≤ 2.75×: build {g['build']:.2f}, warm {g['build_warm']:.2f}, "
                    f"site {g['site']:.2f}", max(g["build"], g["build_warm"], g["site"]) <= 2.75))
    cold, warm = big["phases"], big["phases_warm"]
    if "adds" in cold:
        warm_adds = (warm["toolkit"] + warm["mkdocs"] - cold["plain_mkdocs"]) / cold["plain_mkdocs"]
        out.append((f"a build adds ≤ 25 % to plain MkDocs on the same pages, CPU seconds at {big['terms']:,} terms, "
                    f"cold, without the PDF ({100 * cold['adds']:+.0f} %)", cold["adds"] <= 0.25))
        out.append((f"a build adds ≤ 25 % to plain MkDocs on the same pages, CPU seconds at {big['terms']:,} terms, "
                    f"warm ({100 * warm_adds:+.0f} %)", warm_adds <= 0.25))
    out.append((f"linking ≥ 10 MB/s at {big['terms']:,} terms (best pass {big['linking']['mb_per_s']:.1f} MB/s, "
                f"median {big['linking']['median_mb_per_s']:.1f})",
                big["linking"]["mb_per_s"] >= 10))
    if sample:
        out.append((f"check on the sample < 1 s ({sample['check']['wall']:.2f} s)", sample["check"]["wall"] < 1))
        out.append((f"serve shows an edit within 3 s (median {sample['serve']['median']:.1f} s, "
                    f"max {sample['serve']['max']:.1f} s)", sample["serve"]["max"] <= 3))
    if 2000 in at:
        out.append((f"check at 2,000 terms < 5 s ({at[2000]['check']['wall']:.2f} s)", at[2000]["check"]["wall"] < 5))
    out.append((f"peak memory < 1 GiB at {big['terms']:,} terms ({big['build']['peak_mib']:.0f} MiB)",
                big["build"]["peak_mib"] < 1024))
    return out


def report(result: dict) -> str:
    """The figures as printed: a header, the tables, growth, the sample content and the targets."""
    m, g, big, sample = result["machine"], result["growth"], result["sizes"][-1], result["sample"]
    out = [f"Klarsprog benchmark · {m['cores']} cores · {m['cpu']} · Python {m['python']} · median of "
           f"{result['runs']} run(s) · load average {m['load'][0]:.1f} before, {result['load_after'][0]:.1f} after · "
           f"{result['minutes']:.1f} min\n", tables(result["sizes"]), ""]
    if g:
        out.append(f"From {g['from']:,} to {g['to']:,} terms: build ×{g['build']:.2f} (warm ×{g['build_warm']:.2f}), "
                   f"baseline ×{g['baseline']:.2f}, check ×{g['check']:.2f}, site ×{g['site']:.2f}.")
    out.append(f"Cold builds include printing the budget booklet as PDF ({big['pdf_seconds']:.1f} s with WeasyPrint); "
               f"later builds take it from build/cache/. Term linking: {big['linking']['spellings']:,} spellings of "
               f"{big['linking']['terms']:,} terms, {big['linking']['mb']:.2f} MB of pages, matcher built in "
               f"{big['linking']['matcher_seconds']:.2f} s.")
    out += ["", f"Where the time goes at {big['terms']:,} terms (CPU seconds, both sites, one step after another, "
            f"median of {big['phases'].get('runs', 1)} run(s); cold: nothing from build/cache/, MkDocs converts every "
            f"page; warm: what earlier builds remembered):", "",
            "| step | cold, CPU s | share of MkDocs | warm, CPU s |", "|---|---:|---:|---:|"]
    ph, warm = big["phases"], big["phases_warm"]
    for name, seconds in sorted(ph["steps"].items(), key=lambda kv: -kv[1]):
        out.append(f"| {name} | {seconds:.2f} | {100 * seconds / ph['mkdocs']:.0f} % | {warm['steps'].get(name, 0):.2f} |")
    out += [f"| **toolkit's own work** | **{ph['toolkit']:.2f}** | **{100 * ph['share']:.0f} %** "
            f"| **{warm['toolkit']:.2f}** ({100 * warm['toolkit'] / ph['mkdocs']:.0f} % of MkDocs cold) |"]
    if "plain_mkdocs" in ph:
        total, warm_total = ph["toolkit"] + ph["mkdocs"], warm["toolkit"] + warm["mkdocs"]
        out += [f"| plain `mkdocs build` of the same pages (baseline) | {ph['plain_mkdocs']:.2f} | | |",
                f"| **whole build (without the PDF) beyond the baseline** | **{total - ph['plain_mkdocs']:+.2f}** "
                f"| **{100 * (total / ph['plain_mkdocs'] - 1):+.0f} %** of the baseline (median run "
                f"{100 * ph['adds']:+.0f} %) | **{warm_total - ph['plain_mkdocs']:+.2f}** "
                f"({100 * (warm_total / ph['plain_mkdocs'] - 1):+.0f} %) |"]
        if "adds_range" in ph and ph.get("runs", 1) > 1:
            low, high = ph["adds_range"]
            out += ["", f"Each run on its own: the cold build adds {100 * low:+.0f} % to {100 * high:+.0f} %; plain "
                        f"MkDocs took {ph['plain_mkdocs_range'][0]:.2f}–{ph['plain_mkdocs_range'][1]:.2f} CPU s."]
    out.append("")
    if sample:
        out.append(f"Sample content: check {sample['check']['wall']:.2f} s; serve shows a saved edit after "
                   f"{sample['serve']['median']:.1f} s (max {sample['serve']['max']:.1f} s).")
    out.append("")
    out += [f"{'·' if t['met'] is None else '✓' if t['met'] else '✗'} {t['target']}" for t in result["targets"]]
    return "\n".join(out)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?")
    return {"cores": os.cpu_count(), "cpu": cpu, "load": os.getloadavg(), "python": sys.version.split()[0]}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Klarsprog's benchmark at municipal scale.")
    p.add_argument("--sizes", default="500,2000,5000", help="glossary sizes, comma-separated")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    p.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    p.add_argument("--quick", action="store_true", help="smoke run: 300 terms, one run")
    p.add_argument("--no-sample", action="store_true", help="skip check and serve on the sample content")
    p.add_argument("--keep", action="store_true", help="keep the generated projects (the folder is printed)")
    p.add_argument("--phases", type=Path, help=argparse.SUPPRESS)  # internal: see phases()
    p.add_argument("--phases-remembered", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--fresh", nargs=2, metavar=("STEP", "ROOT"), help=argparse.SUPPRESS)  # internal: see fresh()
    args = p.parse_args(argv)
    if args.fresh:
        step, root = args.fresh
        print(json.dumps({"linking": linking, "gating": gating}[step](Path(root), args.runs)))
        return 0
    if args.phases or args.phases_remembered:
        print(json.dumps(phases_here(args.phases or args.phases_remembered, remembered=bool(args.phases_remembered))))
        return 0
    sizes = [300] if args.quick else sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    runs = 1 if args.quick else args.runs
    os.environ["KLARSPROG_TODAY"] = TODAY
    work = Path(tempfile.mkdtemp(prefix="klarsprog-bench-"))
    start, before = time.perf_counter(), machine()
    try:
        result = {"machine": before, "runs": runs, "sample": None if args.no_sample else bench_sample(runs, work),
                  "sizes": [bench_size(n, runs, work, pdf=n == sizes[-1]) for n in sizes]}
    finally:
        if args.keep:
            print(f"Projects kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    result["growth"] = growth(result["sizes"])
    result["load_after"] = os.getloadavg()
    result["minutes"] = (time.perf_counter() - start) / 60
    result["targets"] = [{"target": t, "met": met} for t, met in targets(result)]
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

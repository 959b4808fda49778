"""A real build of the real repository: both sites, Danish, private, with nothing internal in public."""
import re

from hypothesis import example, given
from hypothesis import strategies as st

from klarsprog.sitecheck import external_resources


def html_files(root, site):
    return sorted((root / "site" / site).rglob("*.html"))


def test_both_sites_are_built(built_repo):
    for site in ("public", "intranet"):
        assert (built_repo / "site" / site / "index.html").exists()
        assert (built_repo / "site" / site / "skriv-klart" / "index.html").exists()


def test_theme_is_danish_with_search_in_danish(built_repo):
    index = (built_repo / "site/public/index.html").read_text(encoding="utf-8")
    assert '<html lang="da"' in index
    config = (built_repo / "site/public/search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["da"]' in config.replace(" ", "")


def test_no_file_loads_anything_from_a_third_party_host(built_repo):
    for site in ("public", "intranet"):
        for path in (built_repo / "site" / site).rglob("*"):
            if path.suffix in (".html", ".css"):
                assert external_resources(path.read_text(encoding="utf-8")) == [], path
    index = (built_repo / "site/public/index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index


def test_footer_has_accessibility_statement_and_municipality(built_repo):
    index = (built_repo / "site/public/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="https://was\.digst\.dk/[^"]+">Tilgængelighedserklæring</a>', index)
    assert "© Eksempelby Kommune" in index


def test_slugs_and_anchors_are_ascii_transliterations(built_repo):
    index = (built_repo / "site/public/index.html").read_text(encoding="utf-8")
    assert 'id="oekonomi-og-personale"' in index
    guide = (built_repo / "site/public/skriv-klart/index.html").read_text(encoding="utf-8")
    assert 'id="saadan-skriver-du-klart"' in guide and 'id="ord-vi-undgaar"' in guide


def test_internal_pages_only_on_the_intranet(built_repo):
    assert (built_repo / "site/intranet/til-ansatte/index.html").exists()
    assert (built_repo / "site/intranet/laesbarhed/index.html").exists()
    for path in (built_repo / "site/public").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".ics", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "til-ansatte" not in text and "Denne side ligger kun på intranettet" not in text, path
            assert "laesbarhed" not in text, path


def test_readability_page_lists_pages_worst_first(built_repo):
    html = (built_repo / "site/intranet/laesbarhed/index.html").read_text(encoding="utf-8")
    scores = [int(s) for s in re.findall(r'<td style="text-align: right;">(\d+)</td>\s*<td>', html)]
    assert scores and scores == sorted(scores, reverse=True)
    assert "let" in html and "Sådan skriver du klart" in html



def test_the_readability_page_counts_what_the_reader_reads_not_the_markup_term_linking_adds(built_repo):
    """Each page's words and sentences on the Læsbarhed page are those of its text before term linking
    (which adds links and hidden definitions): a written page's Markdown, a generated page's prose."""
    from klarsprog.config import load_project
    from klarsprog.gate import unit_counts
    from klarsprog.pipeline import load_all, render_audience
    from klarsprog.text.extract import extract, lines_of
    from klarsprog.text.lix import Counts

    html = (built_repo / "site/intranet/laesbarhed/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<td><a href="[^"]*">([^<]*)</a></td>\s*<td style="text-align: right;">\d+</td>\s*<td>[^<]*</td>'
                      r'\s*<td style="text-align: right;">(\d+)</td>\s*<td style="text-align: right;">(\d+)</td>', html)
    shown = {title: (int(words), int(sentences)) for title, words, sentences in rows}
    assert len(shown) == len(rows) > 20
    loaded = load_all(load_project(built_repo)[0])
    for page in render_audience(loaded, "intranet").pages:
        generated = page.source is None or page.content_type == "budget"
        units = page.prose() if generated and page.prose is not None else extract(lines_of(page.markdown))
        total = sum((unit_counts(u) for u in units if u.kind != "directive"), Counts())
        if total.lix is not None:
            assert shown.pop(page.title) == (total.words, total.sentences), page.path
    assert not shown, "pages on the Læsbarhed page that the site does not have"

def _ignoring_case(text: str) -> list[str]:
    """The check as first written: one case-insensitive scan."""
    from klarsprog import sitecheck

    out = []
    for m in sitecheck._RESOURCE.finditer(text):
        url, tag = next(g for g in m.groups() if g), m.group(0).lower()
        if tag.startswith("<link") and not re.search(r"rel=[\"']?(stylesheet|preload|icon|modulepreload|prefetch|"
                                                     r"preconnect|dns-prefetch)", tag):
            continue
        if sitecheck._EXTERNAL.match(url):
            out.append(url)
    return out


SHAPES = ['<IMG SRC="https://CDN.example/a.png">', "<Script src=//x.org/a.js></script>", '<link rel="StyleSheet" '
          'href="HTTPS://fonts.example/A.css">', '<LINK REL=icon HREF="//x.dk/f.ico">', '<link rel="next" href="//x">',
          "@IMPORT url('//x.org/a.css');", "background: URL(https://x.org/B.png)", '<img src="billede.png">',
          '<a href="https://x.org/">link</a>', "İ", "ẞ", "ß", "Æ", " ", "\n"]


@given(st.lists(st.sampled_from(SHAPES) | st.text(max_size=8), max_size=12))
@example(["İ", '<IMG SRC="https://CDN.example/a.png">'])
def test_the_third_party_check_reads_html_as_a_case_insensitive_scan_would(parts):
    """The built site is read in lower case (faster): the same URLs, in the case they were written."""
    text = "".join(parts)
    assert external_resources(text) == _ignoring_case(text)

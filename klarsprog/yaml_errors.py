"""The YAML parser's English problems as Danish hints for authors.

The texts are those of libyaml (PyYAML's C loader, which Klarsprog uses where it is installed) and of
PyYAML's own Python loader, which words some problems differently.
"""
from __future__ import annotations

_COLON = "et kolon står et sted, hvor YAML ikke tillader det (sæt teksten i anførselstegn)"
_ANCHOR_TWICE = "det samme anker (&navn) står to gange"
PROBLEMS_DA = {
    "mapping values are not allowed": _COLON,
    "found unexpected ':'": _COLON,
    "mapping keys are not allowed": "en nøgle står et sted, hvor YAML ikke tillader det (tjek indrykningen)",
    "block sequence entries are not allowed": "et listepunkt med '-' står et sted, hvor YAML ikke tillader det "
                                              "(tjek indrykningen)",
    "did not find expected node content": "en værdi mangler, eller den begynder med et tegn, YAML ikke forventer",
    "did not find expected comment or line break": "der står noget efter en værdi, som YAML ikke forventer",
    "did not find expected ',' or ']'": "en liste i [ ] mangler et komma eller ']'",
    "did not find expected ',' or '}'": "nøgler og værdier i { } mangler et komma eller '}'",
    "could not find expected ':'": "YAML mangler et kolon efter en nøgle",
    "found character '\\t' that cannot start any token": "en tabulator bruges til indrykning",
    "found unexpected end of stream": "filen slutter midt i en værdi (mangler et anførselstegn?)",
    "did not find expected key": "indrykningen passer ikke, eller en nøgle mangler",
    "did not find expected '-' indicator": "et punkt i en liste mangler '-' eller er rykket forkert ind",
    "found undefined alias": "en YAML-alias (*navn) peger på noget, der ikke findes",
    "expected <block end>, but found '-'": "et listepunkt er rykket forkert ind",
    "found unknown escape character": "en ukendt \\-kode i en tekst i dobbelte anførselstegn",
    "found character that cannot start any token": "et tegn som @, ` eller % må ikke stå først i en værdi "
                                                   "(sæt teksten i anførselstegn)",
    "could not determine a constructor for the tag": "et YAML-mærke med '!' foran værdien er ikke tilladt (slet det)",
    "second occurrence": _ANCHOR_TWICE,
    "but found another document": "filen har flere YAML-dokumenter. Slet linjen med '---' midt i filen",
    "found unhashable key": "en nøgle er en liste eller en ordbog (skriv nøglen som almindelig tekst)",
    "expected a comment or a line break": "der står noget efter en værdi, som YAML ikke forventer",
    "found duplicate anchor": _ANCHOR_TWICE,
    "expected ',' or ']'": "en liste i [ ] mangler et komma eller ']'",
    "expected ',' or '}'": "nøgler og værdier i { } mangler et komma eller '}'",
    "while scanning a quoted scalar": "et anførselstegn slutter ikke",
    "found a tab character": "en tabulator står et sted, hvor YAML ikke tillader det (brug mellemrum)",
}


def problem_da(problem: str | None, context: str | None = None) -> str:
    """A Danish hint for a PyYAML problem (or its context); never the English text itself."""
    for text in (problem or "", context or ""):
        for en, da in PROBLEMS_DA.items():
            if text.startswith(en):
                return da
    # The parser's own words are English: give the author a Danish hint instead.
    return "linjen kan ikke læses. Tjek kolon, anførselstegn, komma og indrykning"

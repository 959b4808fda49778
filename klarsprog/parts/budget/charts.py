"""Inline SVG charts made at build time: no JavaScript, Danish labels, a title and a description.

Colours pass WCAG contrast on white (bars 8,5:1 and 6,2:1, text 14,7:1), and no meaning rests on
colour alone: every bar carries its name and amount as text, and anlæg is hatched as well as coloured.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

INK = "#1f2933"      # text and axis
DRIFT = "#1a4f8b"    # drift bars, solid
ANLAEG = "#a34400"   # anlæg bars, hatched
FONT = 14
CHAR_W = 8.2         # a generous average glyph width at 14 px, so labels never overlap the bars


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    """One SVG element on a single line block (no blank lines, so Markdown keeps it as raw HTML)."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="kl-svg" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" aria-labelledby="{chart_id}-t {chart_id}-d" '
            f'font-size="{FONT}" fill="{INK}">')
    return "\n".join([head, f'<title id="{chart_id}-t">{escape(title)}</title>',
                      f'<desc id="{chart_id}-d">{escape(desc)}</desc>', *body, "</svg>"])


def _hatch(chart_id: str) -> str:
    return (f'<defs><pattern id="{chart_id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
            f'<rect width="3.5" height="8" fill="{ANLAEG}"/></pattern></defs>')


def hbar(chart_id: str, title: str, desc: str, rows: list[tuple[str, float, str]]) -> str:
    """Horizontal bars, in the order given: (label, value, value as text) per row."""
    label_w = max((len(label) for label, _, _ in rows), default=4) * CHAR_W + 12
    value_w = max((len(text) for _, _, text in rows), default=4) * CHAR_W + 12
    bar_w, row_h = 320, 30
    top = max((v for _, v, _ in rows), default=0) or 1
    width, height = label_w + bar_w + value_w, len(rows) * row_h + 8
    body = [f'<line x1="{label_w:.1f}" y1="2" x2="{label_w:.1f}" y2="{height - 4}" stroke="{INK}" stroke-width="1"/>']
    for i, (label, value, text) in enumerate(rows):
        y = 4 + i * row_h
        w = max(value / top * bar_w, 0)
        body += [
            f'<text x="{label_w - 8:.1f}" y="{y + 20}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{label_w:.1f}" y="{y + 4}" width="{w:.1f}" height="22" fill="{DRIFT}"/>',
            f'<text x="{label_w + w + 6:.1f}" y="{y + 20}">{escape(text)}</text>',
        ]
    return _svg(chart_id, width, height, title, desc, body)


@dataclass
class YearBar:
    """One year's stacked bar: drift below (solid), anlæg above (hatched)."""

    year: str
    note: str  # "budget" or "overslag"
    drift: float
    anlaeg: float
    label: str  # the total as text
    estimate: bool = False


def years(chart_id: str, title: str, desc: str, bars: list[YearBar]) -> str:
    """Stacked columns per year with a legend; overslagsår get a dashed outline and the word 'overslag'."""
    plot_h, top_pad, bar_w, gap = 200, 64, 84, 36
    width = 40 + len(bars) * (bar_w + gap)
    height = top_pad + plot_h + 52
    top = max((b.drift + b.anlaeg for b in bars), default=0) or 1
    base = top_pad + plot_h
    body = [_hatch(chart_id), *_legend(chart_id),
            f'<line x1="20" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{INK}" stroke-width="1"/>']
    for i, b in enumerate(bars):
        x = 30 + i * (bar_w + gap)
        hd, ha = b.drift / top * plot_h, b.anlaeg / top * plot_h
        body.append(f'<rect x="{x}" y="{base - hd:.1f}" width="{bar_w}" height="{hd:.1f}" fill="{DRIFT}"/>')
        if ha > 0:
            body.append(f'<rect x="{x}" y="{base - hd - ha:.1f}" width="{bar_w}" height="{ha:.1f}" '
                        f'fill="url(#{chart_id}-hatch)" stroke="{ANLAEG}" stroke-width="1.5"/>')
        if b.estimate:
            body.append(f'<rect x="{x - 4}" y="{base - hd - ha - 4:.1f}" width="{bar_w + 8}" height="{hd + ha + 4:.1f}" '
                        f'fill="none" stroke="{INK}" stroke-width="1.5" stroke-dasharray="5 4"/>')
        mid = x + bar_w / 2
        body += [
            f'<text x="{mid}" y="{base - hd - ha - 10:.1f}" text-anchor="middle">{escape(b.label)}</text>',
            f'<text x="{mid}" y="{base + 20}" text-anchor="middle" font-weight="bold">{escape(b.year)}</text>',
            f'<text x="{mid}" y="{base + 40}" text-anchor="middle">{escape(b.note)}</text>',
        ]
    return _svg(chart_id, width, height, title, desc, body)


def _legend(chart_id: str) -> list[str]:
    return [
        f'<rect x="20" y="10" width="18" height="18" fill="{DRIFT}"/>',
        '<text x="44" y="24">Drift</text>',
        f'<rect x="110" y="10" width="18" height="18" fill="url(#{chart_id}-hatch)" stroke="{ANLAEG}" stroke-width="1.5"/>',
        '<text x="134" y="24">Anlæg</text>',
        f'<rect x="210" y="10" width="18" height="18" fill="none" stroke="{INK}" stroke-width="1.5" stroke-dasharray="5 4"/>',
        '<text x="234" y="24">Overslag (skøn)</text>',
    ]

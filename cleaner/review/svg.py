"""Histograms drawn as inline SVG: one `<rect>` per non-empty bin, labelled axes.

    >>> svg = histogram([1, 2, 2, 5], count_bins([1, 2, 2, 5]), "paragraphs", "articles")
    >>> svg.count('<rect class="bar"'), "paragraphs" in svg
    (3, True)

A bin is `(low, high, label)`, holding the values `low <= v < high`; `count_bins` makes bins of
whole numbers, `share_bins` ten bins of ten percent, labelled in percent (the last one holds 100%).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

Bin = tuple[float, float, str]

_WIDTH, _HEIGHT = 440, 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 10, 12, 44


def count_bins(values: Sequence[int], most: int = 12) -> list[Bin]:
    """At most `most` bins of equal width covering 0 to the largest value.

    >>> count_bins([0, 3])
    [(0, 1, '0'), (1, 2, '1'), (2, 3, '2'), (3, 4, '3')]
    >>> count_bins([0, 40], most=4)
    [(0, 11, '0–10'), (11, 22, '11–21'), (22, 33, '22–32'), (33, 44, '33–43')]
    """
    top = max(values, default=0)
    width = max(1, math.ceil((top + 1) / most))
    return [
        (low, low + width, str(low) if width == 1 else f"{low}–{low + width - 1}")
        for low in range(0, top + 1, width)
    ]


def share_bins() -> list[Bin]:
    """Ten bins of ten percent; the last also holds 100%.

    >>> share_bins()[0], share_bins()[-1]
    ((0.0, 0.1, '0–10'), (0.9, 1.01, '90–100'))
    """
    return [
        (tenth / 10, (tenth + 1) / 10 if tenth < 9 else 1.01, f"{tenth * 10}–{tenth * 10 + 10}")
        for tenth in range(10)
    ]


def histogram(values: Sequence[float], bins: Sequence[Bin], x_label: str, y_label: str) -> str:
    """An SVG histogram of `values` over `bins`, the axes titled `x_label` and `y_label`."""
    counts = [sum(1 for v in values if low <= v < high) for low, high, _ in bins]
    tallest = max(counts, default=0) or 1
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    step = plot_w / max(1, len(bins))
    base = _TOP + plot_h
    parts = [
        f'<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" '
        f'height="{_HEIGHT}" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-label="{escape(x_label)}">',
        f'<line x1="{_LEFT}" y1="{base}" x2="{_WIDTH - _RIGHT}" y2="{base}" stroke="#333"/>',
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{base}" stroke="#333"/>',
        f'<text x="{_LEFT - 4}" y="{_TOP + 8}" text-anchor="end">{tallest}</text>',
        f'<text x="{_LEFT - 4}" y="{base}" text-anchor="end">0</text>',
    ]
    for index, ((_, _, label), count) in enumerate(zip(bins, counts, strict=True)):
        x = _LEFT + index * step
        if count:
            height = plot_h * count / tallest
            parts.append(
                f'<rect class="bar" x="{x + 1:.1f}" y="{base - height:.1f}" '
                f'width="{step - 2:.1f}" height="{height:.1f}">'
                f"<title>{escape(label)}: {count}</title></rect>"
            )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{base + 14}" text-anchor="middle" '
            f'font-size="{9 if len(bins) > 8 else 11}">{escape(label)}</text>'
        )
    parts += [
        f'<text x="{_LEFT + plot_w / 2:.1f}" y="{_HEIGHT - 6}" text-anchor="middle">'
        f"{escape(x_label)}</text>",
        f'<text x="12" y="{_TOP + plot_h / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 12 {_TOP + plot_h / 2:.1f})">{escape(y_label)}</text>',
        "</svg>",
    ]
    return "\n".join(parts)

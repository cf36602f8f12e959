"""The shell both review pages share: one self-contained HTML document, styles and script inline.

    >>> page("Run & review", "<p>Hi</p>").startswith("<!DOCTYPE html>")
    True

Nothing is fetched: no external style sheet, font, script or image, so a page works offline
and can be attached to a ticket as one file.
"""

from __future__ import annotations

from html import escape

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1em 2em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;border-top:2px solid #ddd;padding-top:.8em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
td.n,th.n{text-align:right}code{background:#f3f3f3;padding:0 3px}
del.edit,del.sample{background:#fde0e0;color:#a00;text-decoration:line-through}
ins.edit,ins.sample{background:#e0f5e0;text-decoration:none}
p.block{margin:.4em 0;padding:.2em .5em;border-left:3px solid #cde}
p.block.heading{font-weight:bold}p.block.removed{border-left-color:#e99}
span.quote{background:#fff3b0}span.speaker{font-weight:bold;border-bottom:2px solid #c90}
span.entity{border-bottom:2px solid}.ent-PERSON{border-color:#1f77b4;color:#124}
.ent-ORG{border-color:#2ca02c;color:#140}.ent-LOC{border-color:#9467bd;color:#314}
.ent-MISC{border-color:#ff7f0e;color:#420}
.legend span{margin-right:1em;padding:0 4px}.hidden-rule{display:none}
.filters label{margin-right:1em;white-space:nowrap}.note{color:#666}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 1em}dl.meta dt{font-weight:bold}
dl.meta dd{margin:0}svg text{font-size:11px;fill:#333}svg rect.bar{fill:#4a7fb5}
.plots figure{display:inline-block;margin:0 1em 1em 0}figcaption{font-weight:bold}
"""


def page(title: str, body: str, script: str = "") -> str:
    """A whole HTML document titled `title` (text, escaped here) holding `body` (HTML)."""
    tail = f"<script>{script}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n{tail}</body>\n</html>\n"
    )


def table(header: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """A table of `header` (text) and `rows` (HTML cells); columns in `numeric` right-aligned.

    >>> print(table(["rule", "n"], [["<b>x</b>", "3"]], {1}))  # doctest: +NORMALIZE_WHITESPACE
    <table><tr><th>rule</th><th class="n">n</th></tr><tr><td><b>x</b></td><td
     class="n">3</td></tr></table>
    """
    numeric = numeric or set()

    def cell(tag: str, index: int, content: str) -> str:
        css = ' class="n"' if index in numeric else ""
        return f"<{tag}{css}>{content}</{tag}>"

    head = "".join(cell("th", i, escape(text)) for i, text in enumerate(header))
    body = "".join(
        "<tr>" + "".join(cell("td", i, content) for i, content in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"

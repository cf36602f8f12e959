"""The `cleaner explain` page: each article's text as it came in, every removal in place.

    >>> edit = {"rule": "debris.share", "reason": "share-button label", "action": "remove",
    ...         "text": "Share", "target": "body", "block": 0, "start": 0, "end": 5}
    >>> record = {"id": "a", "title": "Rain", "paragraphs": ["It rained."], "edits": [edit],
    ...           "subheadings": [], "quotes": [], "entities": [], "source": {}}
    >>> html = explain_page([Reviewed(record)])
    >>> html.count('<del class="edit"'), 'id="doc-a"' in html
    (1, True)

Per article: its metadata (id, title, url, source, language and how it was decided, counts),
the text as read, block by block, with each body edit's removed text struck through where it was
(`<del class="edit" data-rule=... title="rule: reason">`) and replacements beside it; on the kept
text quotes (their speakers in bold, the speaker's name on hover) and entities coloured by label.
`page` edits, made on the HTML before extraction, have no place in that text and are listed
under it with the `title` edits. A table of contents links every article (`#doc-<id>`,
`anchor`), and one checkbox per rule shows or hides that rule's removals on the whole page
(what a replacement put in stays).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from html import escape
from typing import Any

from cleaner.audit import replay
from cleaner.review.blocks import (
    Unrebuildable,
    blocks_as_read,
    body_edits,
    characters_as_read,
    removed_characters,
)
from cleaner.review.marks import Mark, marked_block
from cleaner.review.records import Reviewed
from cleaner.review.shell import page, table

LABELS = ("PERSON", "ORG", "LOC", "MISC")

SCRIPT = """
document.querySelectorAll('input.rule-filter').forEach(function (box) {
  box.addEventListener('change', function () {
    document.querySelectorAll('del.edit[data-rule="' + box.value + '"]').forEach(function (mark) {
      mark.classList.toggle('hidden-rule', !box.checked);
    });
  });
});
"""


def anchor(record_id: str) -> str:
    """The page anchor of a record: `doc-` and its id, other characters than letters, digits,
    `-` and `_` spelled as `~hex`.

    >>> anchor("story 1")
    'doc-story~201'
    """
    return "doc-" + "".join(c if c.isalnum() or c in "-_" else f"~{ord(c):x}" for c in record_id)


def explain_page(items: Iterable[Reviewed], title: str = "cleaner explain") -> str:
    """The whole page for `items`."""
    sections, contents, rules = [], [], Counter[str]()
    for item in items:
        if item.record is None:
            reject = item.reject or {}
            key = anchor(str(reject.get("id")))
            contents.append(
                f'<li><a href="#{key}">{escape(_where(reject))}</a> '
                f"(rejected: {escape(reject.get('reason', ''))})</li>"
            )
            sections.append(_reject_section(reject, key))
            continue
        record = item.record
        rules.update(edit["rule"] for edit in body_edits(record))
        key = anchor(record["id"])
        contents.append(
            f'<li><a href="#{key}">{escape(record.get("title") or record["id"])}</a></li>'
        )
        sections.append(_article(record, item.blocks, key))
    filters = "".join(
        f'<label><input type="checkbox" class="rule-filter" value="{escape(rule)}" checked> '
        f"<code>{escape(rule)}</code> {count}</label> "
        for rule, count in sorted(rules.items())
    )
    body = (
        f"<h1>{escape(title)}</h1>\n"
        '<p class="note">Each article as it came in: removed text struck through, marked by '
        "the rule that removed it (hover for the reason); what was kept carries its quotes "
        "and entities.</p>\n"
        f"{_legend()}\n"
        f'<p class="filters"><b>Show removals by rule:</b> {filters or "none"}</p>\n'
        f'<ol class="contents">{"".join(contents)}</ol>\n' + "\n".join(sections)
    )
    return page(title, body, SCRIPT)


def _legend() -> str:
    labels = "".join(f'<span class="entity ent-{label}">{label}</span>' for label in LABELS)
    return (
        '<p class="legend"><b>Legend:</b> <del class="sample">removed</del> '
        '<ins class="sample">put in</ins> <span class="quote">quote</span> '
        f'<span class="speaker">speaker</span> {labels}</p>'
    )


def _where(reject: dict[str, Any]) -> str:
    source = reject.get("source") or {}
    line = source.get("line")
    return f"{source.get('name')}:{line}" if line is not None else str(source.get("name"))


def _reject_section(reject: dict[str, Any], key: str) -> str:
    return (
        f'<section id="{key}" class="reject"><h2>{escape(_where(reject))}: rejected</h2>'
        f"<p><code>{escape(reject.get('reason', ''))}</code>: "
        f"{escape(reject.get('message', ''))}</p></section>"
    )


def _article(record: dict[str, Any], blocks: tuple[str, ...] | None, key: str) -> str:
    """One article's section."""
    heading = escape(record.get("title") or "(no title)")
    parts = [f'<section id="{key}" class="article"><h2>{heading}</h2>', _metadata(record)]
    try:
        parts.append(_text(record, list(blocks) if blocks is not None else blocks_as_read(record)))
    except Unrebuildable as error:
        parts.append(
            '<p class="note">The text as read cannot be rebuilt from this record '
            f"({escape(str(error))}); its paragraphs as written follow. "
            "<code>cleaner validate --strict</code> checks the record.</p>"
        )
        parts.extend(f'<p class="block">{escape(text)}</p>' for text in record["paragraphs"])
    parts.append(_other_edits(record))
    parts.append(_quotes(record))
    parts.append("</section>")
    return "\n".join(parts)


def _metadata(record: dict[str, Any]) -> str:
    source = record.get("source") or {}
    page_info = record.get("page") or {}
    url = source.get("url") or page_info.get("canonical_url")
    language = record.get("language") or {}
    decided = language.get("method", "")
    if language.get("declared"):
        decided += f"; declared {language['declared']!r} in {language.get('declared_in')}"
    if language.get("detected"):
        decided += f"; the identifier's guess {language['detected']} ({language.get('confidence')})"
    edits = Counter(edit["target"] for edit in record["edits"])
    read = characters_as_read(record)
    removed = removed_characters(record)
    share = f"{removed / read:.1%}" if read else "0%"
    rows = [
        ("id", escape(record["id"])),
        ("title", escape(record.get("title") or "(none)")),
        ("url", _link(url)),
        ("source", escape(_where(record))),
        ("language", f"<code>{escape(language.get('code', ''))}</code> {escape(decided)}"),
        (
            "counts",
            f"{len(record['paragraphs'])} paragraphs, {len(record.get('quotes', []))} quotes, "
            f"{len(record.get('entities', []))} entities; edits: {edits['body']} body, "
            f"{edits['title']} title, {edits['page']} page; {removed:,} of {read:,} "
            f"characters as read removed ({share})",
        ),
    ]
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _link(url: str | None) -> str:
    """`url` as a link when it is http(s), as text otherwise (a record is not trusted).

    >>> _link("javascript:alert(1)"), _link(None)
    ('javascript:alert(1)', '(none)')
    """
    if not url:
        return "(none)"
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url)}">{escape(url)}</a>'
    return escape(url)


def _text(record: dict[str, Any], blocks: list[str]) -> str:
    """Every block as read, its edits shown, the kept ones with their marks."""
    numbered = [(n, e) for n, e in enumerate(record["edits"]) if e["target"] == "body"]
    left, _ = replay(blocks, record["edits"])
    paragraph_of = {
        index: number for number, index in enumerate(i for i, t in enumerate(left) if t)
    }
    marks = _marks(record)
    subheadings = set(record.get("subheadings", []))
    html = []
    for index, block in enumerate(blocks):
        edits = [(n, e) for n, e in numbered if e["block"] == index]
        paragraph = paragraph_of.get(index)
        css = "block removed" if paragraph is None else "block"
        if paragraph in subheadings:
            css += " heading"
        drawn = marked_block(block, edits, marks.get(paragraph, []))
        html.append(f'<p class="{css}" data-block="{index}">{drawn}</p>')
    return '<div class="text">' + "\n".join(html) + "</div>"


def _marks(record: dict[str, Any]) -> dict[int, list[Mark]]:
    """The marks of each paragraph: quotes, then speakers, then entities (outermost first)."""
    marks: dict[int, list[Mark]] = {}
    for number, quote in enumerate(record.get("quotes", [])):
        who = quote.get("speaker_name") or "speaker unclear"
        title = f"quote {number + 1} ({quote.get('kind')}): {who}"
        for part in [quote, *quote.get("continued_in", [])]:
            marks.setdefault(part["paragraph"], []).append(
                Mark(part["start"], part["end"], "quote", title)
            )
    for number, quote in enumerate(record.get("quotes", [])):
        speaker = quote.get("speaker")
        if speaker:
            title = f"speaker of quote {number + 1}: {quote.get('speaker_name') or speaker['text']}"
            if quote.get("verb"):
                title += f" ({quote['verb']})"
            marks.setdefault(speaker["paragraph"], []).append(
                Mark(speaker["start"], speaker["end"], "speaker", title)
            )
    for entity in record.get("entities", []):
        marks.setdefault(entity["paragraph"], []).append(
            Mark(entity["start"], entity["end"], f"entity ent-{entity['label']}", entity["label"])
        )
    return marks


def _other_edits(record: dict[str, Any]) -> str:
    """The edits without a place in the text as read: `page` and `title` edits."""
    others = [edit for edit in record["edits"] if edit["target"] != "body"]
    if not others:
        return ""
    rows = [
        [
            escape(edit["target"]),
            f"<code>{escape(edit['rule'])}</code>",
            escape(edit["reason"]),
            f"<del>{escape(edit['text'])}</del>"
            + (f" → <ins>{escape(edit['replacement'])}</ins>" if edit.get("replacement") else ""),
        ]
        for edit in others
    ]
    return (
        "<h3>Edits outside the text as read</h3>"
        '<p class="note">Page edits were made on the HTML before extraction; title edits on the '
        "title.</p>" + table(["target", "rule", "reason", "text"], rows)
    )


def _quotes(record: dict[str, Any]) -> str:
    """The article's quotes and who said them."""
    quotes = record.get("quotes", [])
    if not quotes:
        return ""
    rows = [
        [
            str(number + 1),
            escape(quote.get("speaker_name") or "(unclear)"),
            escape(quote.get("verb") or ""),
            escape(quote.get("kind", "")),
            f'<span class="quote">{escape(quote["text"])}</span>',
        ]
        for number, quote in enumerate(quotes)
    ]
    return "<h3>Quotes</h3>" + table(["#", "speaker", "verb", "kind", "quote"], rows, {0})

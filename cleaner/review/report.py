"""The `cleaner report` page: what a run read, wrote, rejected and removed, at a glance.

    >>> import json, os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "out.jsonl")
    >>> record = {"id": "a", "title": "Rain", "paragraphs": ["It rained."], "edits": [],
    ...           "quotes": [], "entities": [], "source": {"url": "https://example.com/a"}}
    >>> _ = open(path, "w").write(json.dumps(record) + "\\n")
    >>> report, explain = report_pages(path, None, "report-explain.html")
    >>> "example.com" in report, 'id="doc-a"' in explain
    (True, True)

Counts come from the run's `manifest.json` for an `--out-dir` folder (what was read, written and
rejected by reason), else from the records and the rejects file given. Removals by rule count
the documents a rule edited and the characters it took out (a replacement's characters count
against them). Sites are the hosts of the records' `source.url` (else `page.canonical_url`).
The most edited documents (by number of edits) are drawn on a sibling explain page, which the
report links to; records and manifests hold no per-document timing, so there is no "slowest"
list, and the page says so.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlsplit

from cleaner.review.blocks import characters_as_read, removed_characters
from cleaner.review.explain import anchor, explain_page
from cleaner.review.records import Reviewed, RunError, open_run, records, reject_records
from cleaner.review.shell import page, table
from cleaner.review.svg import count_bins, histogram, share_bins

MOST_EDITED = 10


@dataclass(slots=True)
class _Site:
    articles: int = 0
    read: int = 0
    removed: int = 0


@dataclass(slots=True)
class _Totals:
    """What the report gathers from the records, one pass, constant memory but the top list."""

    written: int = 0
    rule_documents: Counter[str] = field(default_factory=Counter)
    rule_characters: Counter[str] = field(default_factory=Counter)
    rule_edits: Counter[str] = field(default_factory=Counter)
    sites: dict[str, _Site] = field(default_factory=dict)
    paragraphs: list[int] = field(default_factory=list)
    shares: list[float] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)
    entities: list[int] = field(default_factory=list)
    most_edited: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)

    def add(self, record: dict[str, Any]) -> None:
        self.written += 1
        edits = record["edits"]
        self.rule_documents.update({edit["rule"] for edit in edits})
        for edit in edits:
            self.rule_edits[edit["rule"]] += 1
            self.rule_characters[edit["rule"]] += len(edit["text"]) - len(
                edit.get("replacement") or ""
            )
        read, removed = characters_as_read(record), removed_characters(record)
        site = self.sites.setdefault(host(record), _Site())
        site.articles += 1
        site.read += read
        site.removed += removed
        self.paragraphs.append(len(record["paragraphs"]))
        self.shares.append(removed / read if read else 0.0)
        self.quotes.append(len(record.get("quotes", [])))
        self.entities.append(len(record.get("entities", [])))
        # A min-heap of the top ones by (edits, -order): a tie goes to the earlier record, and
        # the order is unique, so records are never compared.
        entry = (len(edits), -self.written, record)
        if len(self.most_edited) < MOST_EDITED:
            heapq.heappush(self.most_edited, entry)
        elif entry[:2] > self.most_edited[0][:2]:
            heapq.heapreplace(self.most_edited, entry)

    def top(self) -> list[dict[str, Any]]:
        """The most edited records, most edits first, then in run order."""
        return [item[2] for item in sorted(self.most_edited, key=lambda i: (-i[0], -i[1]))]


def host(record: dict[str, Any]) -> str:
    """The site of a record: the host of its url, or "(no url)".

    >>> host({"source": {"url": "https://www.example.com/a"}})
    'www.example.com'
    """
    url = (record.get("source") or {}).get("url") or (record.get("page") or {}).get("canonical_url")
    return (urlsplit(url).hostname or "(no url)") if url else "(no url)"


def report_pages(path: str, rejects: str | None, explain_name: str) -> tuple[str, str]:
    """The report page for the run at `path`, and the explain page of the documents it lists
    (to be written as `explain_name` beside the report)."""
    run = open_run(path, rejects)
    totals = _Totals()
    for article_path in run.articles:
        for record in records(article_path):
            totals.add(record)
    manifest_totals = (run.manifest or {}).get("totals")
    if manifest_totals:
        if manifest_totals["written"] != totals.written:
            raise RunError(
                f"{path}: the manifest says {manifest_totals['written']} articles were written, "
                f"the shards hold {totals.written}; run the same `cleaner clean --out-dir` again "
                "to finish the run"
            )
        rejected = Counter(manifest_totals["rejected"])
        read = manifest_totals["read"]
    else:
        rejected = Counter(reject["reason"] for reject in reject_records(run))
        read = totals.written + rejected.total()
    top = totals.top()
    body = "\n".join(
        [
            f"<h1>cleaner report: {escape(path)}</h1>",
            _counts(
                read, totals.written, rejected, rejects is not None or run.manifest is not None
            ),
            _distributions(totals),
            _removals(totals),
            _sites(totals),
            _most_edited(top, explain_name),
        ]
    )
    explain = explain_page(
        (Reviewed(record) for record in top), f"cleaner explain: most edited of {path}"
    )
    return page(f"cleaner report: {path}", body), explain


def _counts(read: int, written: int, rejected: Counter[str], rejects_known: bool) -> str:
    reasons = ", ".join(f"{escape(r)} {n:,}" for r, n in sorted(rejected.items())) or "none"
    note = (
        ""
        if rejects_known
        else '<p class="note">No rejects file given (<code>--rejects FILE</code>): the '
        "count of rejected inputs is unknown here.</p>"
    )
    return (
        "<h2>Counts</h2>"
        + table(
            ["in", "written", "rejected", "rejected by reason"],
            [[f"{read:,}", f"{written:,}", f"{rejected.total():,}", reasons]],
            {0, 1, 2},
        )
        + note
    )


def _removals(totals: _Totals) -> str:
    rows = [
        [
            f"<code>{escape(rule)}</code>",
            f"{documents:,}",
            f"{totals.rule_edits[rule]:,}",
            f"{totals.rule_characters[rule]:,}",
        ]
        for rule, documents in sorted(
            totals.rule_documents.items(),
            key=lambda item: (-totals.rule_characters[item[0]], item[0]),
        )
    ]
    return "<h2>Removals by rule</h2>" + table(
        ["rule", "documents", "edits", "characters"], rows, {1, 2, 3}
    )


def _sites(totals: _Totals) -> str:
    rows = [
        [
            escape(name),
            f"{site.articles:,}",
            f"{site.read:,}",
            f"{site.removed:,}",
            f"{site.removed / site.read:.1%}" if site.read else "0%",
        ]
        for name, site in sorted(
            totals.sites.items(), key=lambda item: (-item[1].articles, item[0])
        )
    ]
    return "<h2>Sites</h2>" + table(
        ["host", "articles", "characters as read", "removed", "share removed"], rows, {1, 2, 3, 4}
    )


def _distributions(totals: _Totals) -> str:
    plots = [
        ("paragraphs per article", totals.paragraphs, count_bins(totals.paragraphs)),
        ("share of text removed (%)", totals.shares, share_bins()),
        ("quotes per article", totals.quotes, count_bins(totals.quotes)),
        ("entities per article", totals.entities, count_bins(totals.entities)),
    ]
    figures = "".join(
        f"<figure><figcaption>{escape(name)}</figcaption>"
        f"{histogram(values, bins, name, 'articles')}</figure>"
        for name, values, bins in plots
    )
    return f'<h2>Distributions</h2><div class="plots">{figures}</div>'


def _most_edited(top: list[dict[str, Any]], explain_name: str) -> str:
    rows = [
        [
            f'<a href="{escape(explain_name)}#{anchor(record["id"])}">{escape(record["id"])}</a>',
            escape(record.get("title") or "(no title)"),
            f"{len(record['edits']):,}",
            f"{removed_characters(record):,}",
        ]
        for record in top
    ]
    return (
        "<h2>Most edited documents</h2>"
        f'<p class="note">Each links to its view on <a href="{escape(explain_name)}">'
        f"{escape(explain_name)}</a>, the text as it came in with every removal marked.</p>"
        + table(["id", "title", "edits", "characters removed"], rows, {2, 3})
        + "<h2>Slowest documents</h2>"
        '<p class="note">Not shown: neither the records nor the manifest hold how long each '
        "document took.</p>"
    )

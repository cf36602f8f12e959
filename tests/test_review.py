"""`cleaner explain` and `cleaner report`: what the pages say, read back from their HTML.

The browser checks (what a person sees: marks, filters, plots, no script errors) are in
`tests/test_review_browser.py`.
"""

from __future__ import annotations

import gzip
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cleaner.config import Config
from cleaner.review.blocks import Unrebuildable, blocks_as_read
from cleaner.review.explain import anchor, explain_page
from cleaner.review.records import Reviewed, reviewed
from cleaner.review.report import report_pages
from tests.conftest import ROOT, run_cli

# Glued debris, invisible characters and mojibake (replacements), an HTML page with page edits.
SAMPLES = [
    "html_business_airline_merger.htm",
    "invisible_chars_text_education.txt",
    "mojibake_text_culture_jazz_festival.txt",
    "text_de_bridge_closure_glued_share.txt",
]


class _Blocks(HTMLParser):
    """The `<p class="block">`s of an explain page: for each, its kept text (outside `<del>`)
    and the edit numbers of its `<del>` marks."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[dict[str, Any]] = []
        self._in_del = 0
        self._in_block = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "p" and "block" in (found.get("class") or "").split():
            self.blocks.append({"css": found["class"], "kept": "", "dels": []})
            self._in_block = True
        elif tag == "del" and self.blocks and found.get("class") == "edit":
            self._in_del += 1
            self.blocks[-1]["dels"].append(int(found["data-edit"] or -1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "del" and self._in_del:
            self._in_del -= 1
        elif tag == "p":
            self._in_block = False

    def handle_data(self, data: str) -> None:
        if self._in_block and not self._in_del:
            self.blocks[-1]["kept"] += data


def _blocks(html: str) -> list[dict[str, Any]]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


@pytest.fixture(scope="module")
def cleaned() -> list[Reviewed]:
    """The samples cleaned in-process, each with the blocks it was read as."""
    return list(reviewed([str(ROOT / "corpus" / name) for name in SAMPLES], Config()))


@pytest.fixture(scope="module")
def record_file(cleaned: list[Reviewed], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("run") / "out.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as file:
        for item in cleaned:
            file.write(json.dumps(item.record, ensure_ascii=False) + "\n")
    return path


def test_the_blocks_as_read_are_rebuilt_from_the_record_alone(cleaned: list[Reviewed]) -> None:
    for item in cleaned:
        assert item.record is not None and item.blocks is not None
        assert blocks_as_read(item.record) == list(item.blocks), item.record["source"]


def test_a_record_whose_edits_do_not_fit_its_text_is_refused() -> None:
    edit = {"rule": "debris.share", "reason": "r", "action": "remove", "text": "Share",
            "target": "body", "block": 0, "start": 9, "end": 14}  # fmt: skip
    with pytest.raises(Unrebuildable):
        blocks_as_read({"paragraphs": ["Rain."], "edits": [edit]})
    html = explain_page([Reviewed({"id": "x", "paragraphs": ["Rain."], "edits": [edit]})])
    assert "cannot be rebuilt" in html and "Rain." in html


def test_every_body_edit_is_one_mark_and_the_kept_text_is_the_paragraphs(
    cleaned: list[Reviewed],
) -> None:
    for item in cleaned:
        record = item.record
        assert record is not None
        blocks = _blocks(explain_page([item]))
        assert len(blocks) == len(item.blocks or ())
        positional = [n for n, e in enumerate(record["edits"]) if e["target"] == "body"]
        assert sorted(n for block in blocks for n in block["dels"]) == positional
        kept = [block["kept"] for block in blocks if "removed" not in block["css"]]
        assert kept == record["paragraphs"]
        emptied = [block for block in blocks if "removed" in block["css"]]
        assert all(block["kept"] == "" and block["dels"] for block in emptied)


def test_a_record_file_gives_the_page_the_inputs_give(
    cleaned: list[Reviewed], record_file: Path, tmp_path: Path
) -> None:
    from_inputs = explain_page(cleaned)
    assert explain_page(reviewed([str(record_file)], Config())) == from_inputs
    result = run_cli("explain", record_file, "-o", tmp_path / "review.html")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "review.html").read_text(encoding="utf-8") == from_inputs


def test_a_parquet_file_gives_the_same_page(cleaned: list[Reviewed], tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="pip install -e '.[test]' installs pyarrow")
    from cleaner.parquet.writer import ParquetWriter

    path = tmp_path / "out.parquet"
    with ParquetWriter(str(path)) as writer:
        for item in cleaned:
            assert item.record is not None
            writer.write(item.record)
    assert explain_page(reviewed([str(path)], Config())) == explain_page(cleaned)


def test_the_page_shows_metadata_quotes_entities_and_page_edits(cleaned: list[Reviewed]) -> None:
    item = cleaned[0]  # the airline merger page
    record = item.record
    assert record is not None
    html = explain_page([item])
    assert f'<section id="{anchor(record["id"])}"' in html
    assert f'<a href="#{anchor(record["id"])}">' in html
    assert "declared" in html and "html lang" in html
    page_edits = [e for e in record["edits"] if e["target"] == "page"]
    assert page_edits and "Edits outside the text as read" in html
    assert html.count("<td>page</td>") == len(page_edits)
    assert 'class="speaker" title="speaker of quote 1: Laura Brennan (said)"' in html
    assert 'class="entity ent-ORG"' in html and 'class="legend"' in html
    assert html.count('class="rule-filter"') == len({e["rule"] for e in record["edits"]
                                                      if e["target"] == "body"})  # fmt: skip


def test_text_and_reasons_are_escaped() -> None:
    edit = {"rule": "debris.x", "reason": 'a "quoted" <b>reason</b>', "action": "remove",
            "text": "<script>alert(1)</script>", "target": "body", "block": 0, "start": 0,
            "end": 25}  # fmt: skip
    record = {"id": "<id>", "title": "A & B", "paragraphs": ["<i>kept</i>"], "edits": [edit]}
    html = explain_page([Reviewed(record)])
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;kept&lt;/i&gt;" in html and "A &amp; B" in html
    assert 'title="debris.x: a &quot;quoted&quot; &lt;b&gt;reason&lt;/b&gt;"' in html


def test_the_report_counts_a_record_file_and_its_rejects(record_file: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    reject = {"schema_version": "1.0.0", "id": "r", "source": {"name": "x.html"},
              "reason": "empty", "message": "nothing"}  # fmt: skip
    rejects.write_text(json.dumps(reject) + "\n", encoding="utf-8")
    report, explain = report_pages(str(record_file), str(rejects), "report-explain.html")
    counts = report.split("<h2>Counts</h2>")[1].split("</table>")[0]
    assert '<td class="n">5</td><td class="n">4</td><td class="n">1</td><td>empty 1</td>' in counts
    assert report.count("<svg") == 4 and '<rect class="bar"' in report
    assert "Not shown: neither the records nor the manifest hold how long" in report
    with gzip.open(record_file, "rt", encoding="utf-8") as file:
        ids = [json.loads(line)["id"] for line in file]
    for record_id in ids:
        link = f'href="report-explain.html#{anchor(record_id)}"'
        assert link in report and f'id="{anchor(record_id)}"' in explain


def test_the_report_of_an_out_dir_takes_its_counts_from_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "cleaned"
    inputs = [ROOT / "corpus" / name for name in SAMPLES[:2]]
    result = run_cli("clean", *inputs, "--out-dir", out, "--workers", "1", "--no-progress")
    assert result.returncode == 0, result.stderr
    result = run_cli("report", out, "-o", tmp_path / "report.html")
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<td class="n">2</td><td class="n">2</td><td class="n">0</td><td>none</td>' in report
    explain = (tmp_path / "report-explain.html").read_text(encoding="utf-8")
    assert explain.count('<section id="doc-') == 2


def test_usage_errors_say_what_to_do(tmp_path: Path) -> None:
    result = run_cli("report", tmp_path, "-o", tmp_path / "report.html")
    assert result.returncode == 2 and b"no manifest.json here" in result.stderr
    broken = tmp_path / "out.jsonl"
    broken.write_text('{"schema_version": "1.8.0", "paragraphs": [], "edits": []}\n{oops\n')
    result = run_cli("report", broken, "-o", tmp_path / "report.html")
    assert result.returncode == 2 and b"cleaner validate" in result.stderr

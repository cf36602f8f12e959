"""The review pages in a real browser: what a person sees, checked in headless Chromium.

Each test copies a page, appends a script that looks at the rendered page (computed styles,
SVG bounding boxes, the rule filter clicked) and writes its findings as JSON into the DOM, runs
`chromium --headless --dump-dom` and reads them back; the browser's log is searched for script
errors. No Python browser library: only the `chromium` binary, skipped without it.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, read_jsonl, run_cli

SAMPLES = ["html_business_airline_merger.htm", "invisible_chars_text_education.txt"]
INSTALL = "chromium not found: apt-get install chromium (Debian/Ubuntu) to run the browser tests"

EXPLAIN_CHECK = """
(function () {
  var shown = function (e) { return getComputedStyle(e).display !== 'none'; };
  var dels = Array.from(document.querySelectorAll('del.edit'));
  var box = document.querySelector('input.rule-filter');
  var rule = box.value;
  var ofRule = dels.filter(function (d) { return d.dataset.rule === rule; });
  var others = dels.filter(function (d) { return d.dataset.rule !== rule; });
  var found = {
    dels: dels.length,
    edits: new Set(dels.map(function (d) {
      return d.closest('section').id + ':' + d.dataset.edit;
    })).size,
    struck: dels.filter(function (d) {
      return getComputedStyle(d).textDecorationLine.indexOf('line-through') >= 0;
    }).length,
    shownBefore: dels.filter(shown).length,
    titled: dels.filter(function (d) {
      return d.title.indexOf(d.dataset.rule + ': ') === 0;
    }).length,
    rule: rule, ofRule: ofRule.length
  };
  box.click();
  found.ruleShownUnticked = ofRule.filter(shown).length;
  found.othersShownUnticked = others.filter(shown).length;
  box.click();
  found.ruleShownTicked = ofRule.filter(shown).length;
  found.quotes = document.querySelectorAll('span.quote').length;
  found.entities = document.querySelectorAll('span.entity').length;
  var out = document.createElement('pre');
  out.id = 'check-result';
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
})();
"""

REPORT_CHECK = """
(function () {
  var plots = Array.from(document.querySelectorAll('svg.histogram'));
  var found = {
    plots: plots.length,
    drawn: plots.map(function (svg) {
      return Array.from(svg.querySelectorAll('rect.bar')).filter(function (r) {
        var b = r.getBBox(); return b.width > 0 && b.height > 0;
      }).length;
    }),
    labels: plots.map(function (svg) { return svg.querySelectorAll('text').length; }),
    links: Array.from(document.querySelectorAll('a[href*="#doc-"]')).map(function (a) {
      return a.getAttribute('href');
    })
  };
  var out = document.createElement('pre');
  out.id = 'check-result';
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
})();
"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(INSTALL)


def _browse(page: Path, check: str, tmp_path: Path) -> dict[str, Any]:
    """The check's findings on `page`; fails on a script error in the browser's log."""
    checked = tmp_path / f"checked-{page.name}"
    text = page.read_text(encoding="utf-8")
    checked.write_text(text.replace("</body>", f"<script>{check}</script>\n</body>"), "utf-8")
    result = subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            checked.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    errors = [
        line
        for line in result.stderr.splitlines()
        if "Uncaught" in line or ("CONSOLE" in line and "error" in line.lower())
    ]
    assert not errors, errors
    found = re.search(r'<pre id="check-result">(.*?)</pre>', result.stdout, re.S)
    assert found, f"the check script did not run: {result.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples cleaned, explained and reported in a folder."""
    _chromium()
    folder = tmp_path_factory.mktemp("review")
    inputs = [ROOT / "corpus" / name for name in SAMPLES]
    result = run_cli("clean", *inputs, "-o", folder / "out.jsonl", "--workers", "1")
    assert result.returncode == 0, result.stderr
    for command in (["explain", folder / "out.jsonl"], ["report", folder / "out.jsonl"]):
        output = folder / f"{command[0]}.html"
        result = run_cli(*command, "-o", output)
        assert result.returncode == 0, result.stderr
    return folder


def test_the_explain_page_marks_every_removal_and_filters_by_rule(run: Path) -> None:
    records = read_jsonl(run / "out.jsonl")
    positional = sum(e["target"] == "body" for r in records for e in r["edits"])
    found = _browse(run / "explain.html", EXPLAIN_CHECK, run)
    assert found["dels"] == found["edits"] == positional
    assert found["struck"] == found["shownBefore"] == found["titled"] == positional
    assert found["ofRule"] > 0 and found["ruleShownUnticked"] == 0
    assert found["othersShownUnticked"] == positional - found["ofRule"]
    assert found["ruleShownTicked"] == found["ofRule"]
    assert found["quotes"] > 0 and found["entities"] > 0


def test_the_report_draws_its_histograms_and_links_to_explain_views(run: Path) -> None:
    found = _browse(run / "report.html", REPORT_CHECK, run)
    assert found["plots"] == 4
    assert all(drawn > 0 for drawn in found["drawn"]), found["drawn"]
    assert all(labels >= 4 for labels in found["labels"])
    explain = (run / "report-explain.html").read_text(encoding="utf-8")
    assert len(found["links"]) == len(SAMPLES)
    for link in found["links"]:
        name, target = link.split("#")
        assert name == "report-explain.html" and f'id="{target}"' in explain


def test_both_pages_render_to_a_screenshot(run: Path) -> None:
    for name in ("explain.html", "report.html"):
        shot = run / f"{name}.png"
        subprocess.run(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--screenshot={shot}", "--window-size=1200,1600", (run / name).as_uri()],
            capture_output=True,
            timeout=180,
        )  # fmt: skip
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000

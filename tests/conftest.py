"""Shared helpers for the test suite: paths, the CLI runner and the record consistency checks.

`assert_record_consistent(record)` is the property every record the suite produces must have:
schema-valid, every quote, speaker and entity span exactly `paragraphs[p][start:end]`, and
every edit well formed. `replay_body(blocks, edits)` replays the body edits on the blocks as
read and returns the paragraphs they leave, so a test can check that the edits explain the
output.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner.archive.strict import strict_problems
from cleaner.audit import replay
from cleaner.validate import validate_record

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_d80c0b3215a3ee18.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the ../shared material is not in this checkout")
    return path


def run_cli(
    *args: str | Path,
    input: bytes | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m cleaner ARGS` as a user would; stdout and stderr are bytes."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)],
        input=input if input is not None else b"",
        cwd=cwd,
        capture_output=True,
        timeout=120,
    )


def read_jsonl(path: Path | bytes) -> list[dict[str, Any]]:
    """Records from a JSONL file (or JSONL bytes); blank lines are skipped."""
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def corpus_records() -> list[dict[str, Any]]:
    """Every HTML and text article of corpus/ as a JSONL record."""
    records = []
    for path in sorted((ROOT / "corpus").iterdir()):
        name = path.name.removesuffix(".gz")
        if not name.endswith((".html", ".htm", ".txt")):
            continue
        data = path.read_bytes()
        data = gzip.decompress(data) if path.name.endswith(".gz") else data
        if name.endswith((".html", ".htm")):
            records.append({"id": name, "html": data.decode("utf-8", "replace")})
        elif name.endswith(".txt"):
            records.append({"id": name, "text": data.decode("utf-8", "replace")})
    return records


def summary_counts(stderr: bytes) -> tuple[int, int, int]:
    """(in, written, rejected) from the `cleaner: N articles in, ...` summary line."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        if " articles in, " in line:
            words = line.removeprefix("cleaner: ").replace(",", "").split()
            return int(words[0]), int(words[3]), int(words[5])
    raise AssertionError(f"no summary line on stderr:\n{stderr.decode('utf-8', 'replace')}")


def assert_record_consistent(record: dict[str, Any]) -> None:
    """Schema-valid, exact offsets for quotes, speakers and entities, well-formed edits."""
    problems = validate_record(record)
    assert problems == [], problems
    paragraphs = record["paragraphs"]
    assert paragraphs, "an article always has a paragraph"
    assert [p for p in strict_problems(record) if p.kind == "offset"] == []
    for quote in record["quotes"]:
        parts = [quote, *quote["continued_in"]]
        for part_number, part in enumerate(quote["continued_in"], 1):
            assert part["paragraph"] == parts[part_number - 1]["paragraph"] + 1
        assert quote["partial"] == (quote["kind"] != "full")
        if quote["speaker"] is not None:
            assert quote["speaker"]["paragraph"] in {quote["paragraph"], parts[-1]["paragraph"]}
    named = [i for i, quote in enumerate(record["quotes"]) if quote["speaker_name"]]
    assert sorted(i for group in record["speakers"] for i in group["quotes"]) == named
    for group in record["speakers"]:
        assert {record["quotes"][i]["speaker_name"] for i in group["quotes"]} == {group["name"]}
    spans = [(q["paragraph"], q["start"]) for q in record["quotes"]]
    assert spans == sorted(spans), "quotes are in reading order"
    assert record["subheadings"] == sorted(record["subheadings"])
    for number, edit in enumerate(record["edits"]):
        where = f"edit {number} ({edit['rule']})"
        assert edit["text"], f"{where}: empty text"
        assert edit["rule"].split(".")[0] and "." in edit["rule"], where
        if edit["target"] == "body":
            for key in ("block", "start", "end"):
                assert isinstance(edit[key], int) and not isinstance(edit[key], bool), where
            assert 0 <= edit["start"] <= edit["end"], where
            assert edit["end"] - edit["start"] == len(edit["text"]), where
        elif edit["target"] == "title":
            assert edit["block"] is None, where
            assert 0 <= edit["start"] <= edit["end"], where
        else:
            assert edit["block"] is edit["start"] is edit["end"] is None, where
        if edit["action"] == "replace":
            assert isinstance(edit["replacement"], str), where
            assert edit["replacement"] != edit["text"], where
        else:
            assert "replacement" not in edit, where


def replay_body(blocks: Iterable[str], edits: Iterable[dict[str, Any]]) -> list[str]:
    """Apply the body edits, in order, to the blocks as read; return the non-empty blocks left.

    Each edit must find its text at its offsets in its block as the earlier edits left it
    (`cleaner.audit.replay`).
    """
    texts, problems = replay(blocks, edits)
    assert problems == [], problems[0].message
    return [text for text in texts if text]


def replay_title(title: str, edits: Iterable[dict[str, Any]]) -> str:
    """Apply the title edits, in order, to a title; return what they leave."""
    for edit in edits:
        if edit["target"] == "title":
            assert title[edit["start"] : edit["end"]] == edit["text"], edit
            title = title[: edit["start"]] + (edit.get("replacement") or "") + title[edit["end"] :]
    return title


def blocks_as_read(text: str) -> list[str]:
    """Plain text split into blocks the way the text reader splits it (see clean/blocks.py)."""
    from cleaner.clean.blocks import split_text

    return [block.text for block in split_text(text)]


def assert_text_edits_replay(text: str, article: cleaner.Article) -> None:
    """For a plain-text input: the body edits turn the blocks as read into the paragraphs
    (and the title line, when the title came from the text)."""
    record = article.to_dict()
    left = replay_body(blocks_as_read(text), record["edits"])
    headline = [e for e in record["edits"] if e["rule"] == "title.headline_line"]
    assert left == record["paragraphs"], (left, record["paragraphs"])
    if headline:
        assert record["title"] == headline[0]["text"]


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's text (skips when ../shared is absent)."""
    return shared_path("seed", SEED.name).read_text("utf-8")

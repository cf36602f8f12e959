"""The invariants of issue 18 on every corpus document, and a sharded run killed 20 times.

(a) nothing vanishes unrecorded and (b) every offset points at its text: `cleaner.audit` checks
both on every document of `corpus/` (the module docstring there defines them), and it catches
a step that changes the text without an edit. (c), the same output for any number of workers,
either executor and a re-run, is in `tests/test_scale.py`. (d) in = written + rejected when the
run is killed: a sharded run of the corpus (as JSONL, with a broken line and an empty record,
so that there are rejects; two inputs a shard, so that there are many) is killed with SIGKILL
to its process group at 20 moments spread over its writing: the uninterrupted run writes F
files, and the n-th kill waits for the killed run's k-th file (k spread evenly over 1 .. F-1)
and then a seeded random part of the time one file takes. Counting from the run's own files,
not from the clock, keeps every kill inside the run whatever the machine's load (a kill timed
from the start lands after the end when start-up is slow), and the test checks that the kills
did find the runs unfinished. Each
killed run is resumed by running the same command again, as the README says, and every file
of its output directory must be the same bytes as the uninterrupted run's: shards, rejects and
the manifest (which holds no timings, so nothing is left out of the comparison), and no file
more. `--language en` and `--no-entities` only make each of the 41 runs start sooner.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, corpus_records, run_cli, summary_counts
from test_scale import BROKEN_LINE

from cleaner import pipeline
from cleaner.audit import UNACCOUNTED, audit
from cleaner.clean.blocks import Block
from cleaner.config import Config
from cleaner.document import Document, Edit, Reject, Source
from cleaner.read import expand_inputs, read_all

CORPUS = ROOT / "corpus"
KILLS = 20
SEED = 18
RAIN = "Rain falls on Leeds\n\nIt rained all day in Leeds, police said.\n\nShare"


def _corpus_documents() -> list[Document]:
    config = Config()
    found = read_all(expand_inputs([str(CORPUS)]).files, config.limits.max_bytes)
    documents = [document for document in found if isinstance(document, Document)]
    assert len(documents) > 25
    return documents


def test_every_corpus_document_accounts_for_its_text_and_offsets() -> None:
    failing: dict[str, list[str]] = {}
    for document in _corpus_documents():
        found = audit(document, Config())
        assert not isinstance(found.result, Reject), found.result.message
        assert found.blocks, document.source.describe()
        if found.problems:
            where = f"{document.source.describe()} {document.id or ''}".strip()
            failing[where] = [f"{problem.path}: {problem.message}" for problem in found.problems]
    assert failing == {}


def _silently(step: Any) -> Any:
    """`step` with the first letter of every block it keeps made lower case, unrecorded."""

    def changed(blocks: list[Block], *args: Any) -> tuple[list[Block], list[Edit]]:
        kept, edits = step(blocks, *args)
        return [
            replace(block, text=block.text[:1].lower() + block.text[1:]) for block in kept
        ], edits

    return changed


def test_a_change_without_an_edit_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "remove_captions", _silently(pipeline.remove_captions))
    found = audit(Document(Source("rain.txt", "text"), RAIN, "text"))
    [problem] = found.problems
    assert (problem.kind, problem.path) == (UNACCOUNTED, "$.paragraphs[0]")
    assert "'it rained all day" in problem.message
    assert "the edits leave block 1 as 'It rained all day" in problem.message


def test_an_edit_at_the_wrong_place_is_caught_with_its_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = pipeline.remove_debris

    def shifted(blocks: list[Block], rules: Any) -> tuple[list[Block], list[Edit]]:
        kept, edits = real(blocks, rules)
        return kept, [replace(edit, block=edit.block - 1) for edit in edits]

    monkeypatch.setattr(pipeline, "remove_debris", shifted)
    found = audit(Document(Source("rain.txt", "text"), RAIN, "text"))
    [problem] = found.problems
    assert problem.path == "$.edits[0]"
    assert problem.message.startswith("edit 0 (debris.share): block 1[0:5] is 'It ra'")


# --- (d) killed and resumed -------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as JSONL, a broken line and an empty record halfway through."""
    lines = [json.dumps(record).encode() for record in corpus_records()]
    middle = len(lines) // 2
    lines[middle:middle] = [BROKEN_LINE.rstrip(b"\n"), b'{"id": "empty", "text": ""}']
    path = tmp_path_factory.mktemp("dump") / "corpus.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _files(out_dir: Path) -> dict[str, bytes]:
    """Every file of an output directory, temporary ones included, by name."""
    return {path.name: path.read_bytes() for path in sorted(out_dir.iterdir())}


def _file_count(out_dir: Path) -> int:
    return sum(1 for _ in out_dir.iterdir()) if out_dir.exists() else 0


def _until_files(process: subprocess.Popen[bytes], out_dir: Path, count: int) -> None:
    """Wait until the run has written `count` files into `out_dir`, or has ended."""
    while _file_count(out_dir) < count and process.poll() is None:
        time.sleep(0.005)


def _timed_run(command: list[str], out_dir: Path) -> tuple[float, bytes]:
    """Run `command` to its end; how long it wrote (from its first file in `out_dir` to its
    end), and its stderr."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _until_files(process, out_dir, 1)
    writing = time.monotonic()
    _, stderr = process.communicate()
    assert process.returncode == 1, stderr  # the broken line and the empty record
    return time.monotonic() - writing, stderr


def _run_and_kill(command: list[str], out_dir: Path, files: int, after: float) -> str:
    """Start `command` in its own process group, SIGKILL the group `after` seconds after it
    has written `files` files; what the run left: "incomplete" or "complete" (it ended first)."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    _until_files(process, out_dir, files)
    time.sleep(after)
    os.killpg(process.pid, signal.SIGKILL)  # unreaped until `wait`, so the group still exists
    process.wait()
    manifest = out_dir / "manifest.json"
    done = manifest.exists() and json.loads(manifest.read_text("utf-8"))["complete"]
    return "complete" if done else "incomplete"


def test_a_run_killed_at_20_moments_and_resumed_writes_the_uninterrupted_files(
    corpus_dump: Path, tmp_path: Path
) -> None:
    options = ["clean", str(corpus_dump), "--shard-size", "2", "--workers", "1"]
    options += ["--language", "en", "--no-entities", "--no-progress"]  # quicker to start
    inputs = len(corpus_dump.read_bytes().splitlines())
    cleaner = [sys.executable, "-m", "cleaner", *options, "--out-dir"]
    whole = tmp_path / "whole"
    writing, stderr = _timed_run([*cleaner, str(whole)], whole)
    assert summary_counts(stderr) == (inputs, inputs - 2, 2)
    expected = _files(whole)
    per_file = writing / len(expected)
    rng = random.Random(SEED)

    left: list[str] = []
    differing: list[str] = []
    for number in range(KILLS):
        files = 1 + number * (len(expected) - 1) // KILLS
        moment = rng.random() * per_file
        out_dir = tmp_path / f"killed-{number}"
        left.append(_run_and_kill([*cleaner, str(out_dir)], out_dir, files, moment))
        resumed = run_cli(*options, "--out-dir", out_dir)
        assert resumed.returncode == 1, resumed.stderr
        assert summary_counts(resumed.stderr) == (inputs, inputs - 2, 2)
        if _files(out_dir) != expected:
            differing.append(f"killed {moment:.2f} s after file {files} ({left[-1]})")
    print(f"uninterrupted run: wrote for {writing:.2f} s; the killed runs were left {left}")
    assert differing == []
    assert left.count("incomplete") >= KILLS * 3 // 4, left  # the kills did interrupt runs

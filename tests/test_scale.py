"""Corpus-scale runs: workers, shards, resume after SIGKILL, limits, Dask, progress, the API.

The promises under test: the output (articles and rejects) is the same bytes for any number of
workers, for the Dask executor and for a run started again (in a new process, so with another
string-hash seed): invariant (c) of issue 18; `--out-dir` writes numbered shards, their
rejects and a manifest that accounts for every input; a run killed with SIGKILL and started
again ends with exactly the files of a run never interrupted (20 kills in
`tests/test_invariants.py`); a document over a limit, or one that kills its worker, becomes a
reject and the run goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    ROOT,
    assert_record_consistent,
    corpus_records,
    read_jsonl,
    run_cli,
    summary_counts,
)

import cleaner
from cleaner.config import Config
from cleaner.document import Document, Source
from cleaner.pipeline import prepare
from cleaner.run import limits
from cleaner.run.chunks import chunked, process_chunk
from cleaner.run.local import ProcessExecutor
from cleaner.run.progress import Progress
from cleaner.run.summary import Summary
from cleaner.validate import validate_record

CORPUS = ROOT / "corpus"
BROKEN_LINE = b'{"id": "broken", "text": "unterminated\n'


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL dump of 3 x the corpus (ids varied), a broken line and an empty record."""
    path = tmp_path_factory.mktemp("dump") / "dump.jsonl"
    lines = []
    for round_ in range(3):
        for record in corpus_records():
            lines.append(json.dumps({**record, "id": f"{round_}-{record['id']}"}).encode())
        if round_ == 1:
            lines.append(BROKEN_LINE.rstrip(b"\n"))
            lines.append(b'{"id": "empty", "text": ""}')
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_bytes().splitlines() if line.strip())


@pytest.fixture(scope="module")
def serial_output(dump: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out.jsonl"
    result = run_cli("clean", dump, "-o", out, "--rejects", out.with_suffix(".rej"), "--workers", 1)
    assert result.returncode == 1, result.stderr  # the broken and the empty line are rejects
    return out


def test_workers_give_identical_bytes(dump: Path, serial_output: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("clean", dump, "-o", out, "--rejects", tmp_path / "rej", "--workers", 2)
    assert result.returncode == 1, result.stderr
    assert out.read_bytes() == serial_output.read_bytes()
    assert (tmp_path / "rej").read_bytes() == serial_output.with_suffix(".rej").read_bytes()
    read, written, rejected = summary_counts(result.stderr)
    assert (read, written, rejected) == (_lines(dump), _lines(out), 2)


def test_a_second_run_gives_identical_bytes(
    dump: Path, serial_output: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("clean", dump, "-o", out, "--rejects", tmp_path / "rej", "--workers", 1)
    assert result.returncode == 1, result.stderr
    assert out.read_bytes() == serial_output.read_bytes()
    assert (tmp_path / "rej").read_bytes() == serial_output.with_suffix(".rej").read_bytes()


def _shard_files(out_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out_dir.iterdir())}


def _gunzip_lines(out_dir: Path, prefix: str) -> list[bytes]:
    lines: list[bytes] = []
    for path in sorted(out_dir.glob(f"{prefix}-*.jsonl.gz")):
        lines.extend(gzip.decompress(path.read_bytes()).splitlines(keepends=True))
    return lines


def test_out_dir_shards_and_manifest(dump: Path, serial_output: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "shards"
    result = run_cli("clean", dump, "--out-dir", out_dir, "--shard-size", 20, "--workers", 2)
    assert result.returncode == 1, result.stderr
    total = _lines(dump)
    shards = (total + 19) // 20
    names = sorted(path.name for path in out_dir.iterdir())
    parts = [f"part-{n:05d}.jsonl.gz" for n in range(shards)]
    assert [name for name in names if name.startswith("part-")] == parts
    # the two rejects are inputs 45 and 46 of the dump: both in shard 2
    assert [name for name in names if name.startswith("rejects-")] == ["rejects-00002.jsonl.gz"]
    assert b"".join(_gunzip_lines(out_dir, "part")) == serial_output.read_bytes()
    rejects = [json.loads(line) for line in _gunzip_lines(out_dir, "rejects")]
    assert [r["reason"] for r in rejects] == ["invalid_json", "invalid_record"]
    for line in _gunzip_lines(out_dir, "part")[:5]:
        assert_record_consistent(json.loads(line))

    manifest = json.loads((out_dir / "manifest.json").read_text("utf-8"))
    assert manifest["complete"] is True
    assert manifest["schema_version"] == cleaner.document.SCHEMA_VERSION
    assert manifest["cleaner_version"] == cleaner.__version__
    assert manifest["run"]["config"]["limits"]["max_seconds"] == 30.0
    assert [shard["articles"] for shard in manifest["shards"]] == parts
    assert [shard["read"] for shard in manifest["shards"]] == [20] * (shards - 1) + [
        total - 20 * (shards - 1)
    ]
    totals = manifest["totals"]
    assert totals["read"] == total == totals["written"] + sum(totals["rejected"].values())
    assert totals["rejected"] == {"invalid_json": 1, "invalid_record": 1}


def test_out_dir_rerun_of_a_complete_run_changes_nothing(dump: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "shards"
    run_cli("clean", dump, "--out-dir", out_dir, "--shard-size", 30, "--no-entities")
    before = _shard_files(out_dir)
    again = run_cli("clean", dump, "--out-dir", out_dir, "--shard-size", 30, "--no-entities")
    assert again.returncode == 1
    assert summary_counts(again.stderr) == (_lines(dump), _lines(dump) - 2, 2)
    assert _shard_files(out_dir) == before


def test_out_dir_of_another_run_is_a_usage_error(dump: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "shards"
    run_cli("clean", dump, "--out-dir", out_dir, "--shard-size", 30, "--no-entities")
    other = run_cli("clean", dump, "--out-dir", out_dir, "--shard-size", 40, "--no-entities")
    assert other.returncode == 2
    assert b"holds the output of another run" in other.stderr
    assert b"new --out-dir" in other.stderr


def _wait_for_shards(manifest: Path, process: subprocess.Popen[bytes], count: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            found = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError):
            found = None
        if found and len(found["shards"]) >= count:
            assert not found["complete"], "the run ended before it could be killed"
            return
        time.sleep(0.02)
    raise AssertionError("the run never wrote its first shards")


@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_and_resume_equals_uninterrupted_run(
    dump: Path, tmp_path: Path, workers: int
) -> None:
    command = ["clean", str(dump), "--shard-size", "8", "--workers", str(workers)]
    whole = tmp_path / "whole"
    assert run_cli(*command, "--out-dir", whole).returncode == 1

    killed = tmp_path / "killed"
    process = subprocess.Popen(
        [sys.executable, "-m", "cleaner", *command, "--out-dir", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_shards(killed / "manifest.json", process, 2)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers, mid-shard
        process.wait()
    interrupted = json.loads((killed / "manifest.json").read_text("utf-8"))
    assert not interrupted["complete"]

    resumed = run_cli(*command, "--out-dir", killed)
    assert resumed.returncode == 1, resumed.stderr
    assert summary_counts(resumed.stderr) == (_lines(dump), _lines(dump) - 2, 2)
    assert _shard_files(killed) == _shard_files(whole)


def test_time_limit_rejects_the_slow_document_and_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_process = limits.process

    def slow_on_request(document: Document, config: Config) -> Any:
        if "SLOW" in str(document.content):
            time.sleep(30)
        return real_process(document, config)

    monkeypatch.setattr(limits, "process", slow_on_request)
    config = Config.from_dict({"limits": {"max_seconds": 0.3}, "entities": {"model": ""}})
    prepare(config)  # as every run does: the language identifier is not the first document's
    docs = [
        Document(Source(f"{n}.txt", "text"), f"Rain\n\nIt rained {text}, he said.", "text")
        for n, text in enumerate(["hard", "SLOW", "again"])
    ]
    started = time.monotonic()
    [result] = chunked(docs, 10)
    done = process_chunk(result, config)
    assert time.monotonic() - started < 10, "the timer did not interrupt the slow document"
    assert done.summary.written == 2
    [reject] = done.rejects
    assert (reject.reason, reject.source.name) == ("time_limit", "1.txt")
    assert validate_record(reject.to_dict(), "reject") == []
    assert "limits.max_seconds" in reject.message


def test_time_limit_outside_the_main_thread_rejects_after_the_fact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_process = limits.process

    def slow(document: Document, config: Config) -> Any:
        time.sleep(0.5)
        return real_process(document, config)

    monkeypatch.setattr(limits, "process", slow)
    config = Config.from_dict({"limits": {"max_seconds": 0.1}, "entities": {"model": ""}})
    document = Document(Source("a.txt", "text"), "Rain\n\nIt rained, he said.", "text")
    found: list[Any] = []
    thread = threading.Thread(
        target=lambda: found.append(limits.process_within_limit(document, config))
    )
    thread.start()
    thread.join()
    assert found[0].reason == "time_limit"


def test_size_limit_is_a_reject_in_a_sharded_run(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "small.txt").write_text("Rain\n\nIt rained, he said.\n")
    (tmp_path / "in" / "big.txt").write_text("Rain\n\n" + "It rained all day. " * 200)
    (tmp_path / "limits.toml").write_text("[limits]\nmax_bytes = 1000\n")
    out_dir = tmp_path / "out"
    result = run_cli(
        "clean", tmp_path / "in", "--out-dir", out_dir, "--config", tmp_path / "limits.toml"
    )
    assert result.returncode == 1
    [reject] = [json.loads(line) for line in _gunzip_lines(out_dir, "rejects")]
    assert (reject["reason"], Path(reject["source"]["name"]).name) == ("too_large", "big.txt")
    assert len(_gunzip_lines(out_dir, "part")) == 1


def _crash_on_request(document: Document, config: Config) -> Any:
    if "CRASH" in str(document.content):
        os._exit(1)  # what a segfault in a C parser looks like to the pool
    return limits.process(document, config)


def test_a_document_that_kills_its_worker_becomes_a_reject(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if sys.platform != "linux":
        pytest.skip("relies on forked workers inheriting the patched function")
    monkeypatch.setattr("cleaner.run.chunks.process_within_limit", _crash_on_request)
    config = Config.from_dict({"entities": {"model": ""}})
    texts = [f"Rain\n\nIt rained {n} times, he said." for n in range(40)]
    texts[21] = "Rain\n\nCRASH, he said."
    docs = [Document(Source(f"{n}.txt", "text"), text, "text") for n, text in enumerate(texts)]
    with ProcessExecutor(config, 2) as executor:
        results = list(executor.map(chunked(docs, 4)))
    summary = Summary()
    for result in results:
        summary.merge(result.summary)
    assert (summary.read, summary.written) == (40, 39)
    [reject] = [reject for result in results for reject in result.rejects]
    assert (reject.reason, reject.source.name) == ("worker_crashed", "21.txt")
    assert validate_record(reject.to_dict(), "reject") == []
    assert [result.index for result in results] == list(range(10))


def test_dask_local_cluster_gives_identical_bytes(
    dump: Path, serial_output: Path, tmp_path: Path
) -> None:
    pytest.importorskip("dask.distributed", reason="needs: pip install 'cleaner[dask]'")
    out = tmp_path / "out.jsonl"
    result = run_cli(
        "clean",
        dump,
        "-o",
        out,
        "--rejects",
        tmp_path / "rej",
        "--executor",
        "dask",
        "--workers",
        2,
    )
    assert result.returncode == 1, result.stderr
    assert out.read_bytes() == serial_output.read_bytes()
    assert (tmp_path / "rej").read_bytes() == serial_output.with_suffix(".rej").read_bytes()


def test_missing_dask_names_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.run.dask import DaskExecutor, ExecutorError

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ExecutorError, match=r"pip install 'cleaner\[dask\]'"):
        DaskExecutor(Config(), 2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--out-dir", "x", "-o", "y.jsonl"], b"drop -o/--rejects"),
        (["--scheduler", "tcp://h:8786"], b"--scheduler needs --executor dask"),
        (["--workers", "0"], b"must be a positive whole number"),
        (["--shard-size", "-3"], b"must be a positive whole number"),
    ],
)
def test_bad_scale_options_are_usage_errors(
    options: list[str], message: bytes, tmp_path: Path
) -> None:
    result = run_cli("clean", CORPUS, *options, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_redraws_one_line_with_eta() -> None:
    ticks = iter([0.0, 0.1, 1.0, 2.0, 2.0])
    screen = _Terminal()
    progress = Progress(screen, total=100, clock=lambda: next(ticks))
    progress.update(Summary(read=5, written=5))  # too soon after the start: not drawn
    progress.update(Summary(read=10, written=10))
    progress.update(Summary(read=20, written=19, rejected=Counter(empty=1)))
    progress.finish(Summary(read=20, written=19))
    drawn = screen.getvalue()
    assert drawn.count("\r") == 3 and drawn.endswith("\n") and drawn.count("\n") == 1
    assert "20/100 read, 10.0 docs/s, 19 written, 1 rejected, ETA 8s" in drawn


def test_progress_in_a_log_prints_every_interval_only() -> None:
    ticks = iter([0.0, 10.0, 31.0, 40.0, 62.0, 70.0])
    log = io.StringIO()
    progress = Progress(log, clock=lambda: next(ticks))
    for read in (10, 31, 40, 62):
        progress.update(Summary(read=read, written=read))
    progress.finish(Summary(read=70, written=70))
    lines = log.getvalue().splitlines()
    assert [line.split(" read")[0] for line in lines] == ["cleaner: 31", "cleaner: 62"]
    assert "ETA" not in log.getvalue()  # the total is unknown


def test_api_process_records_with_workers_matches_one_process() -> None:
    records = [
        {"id": str(n), "text": f"Rain\n\nIt rained {n} times, Ann Lee said."} for n in range(40)
    ]
    records[7] = {"id": "7", "html": ""}
    serial = [result.to_dict() for result in cleaner.process_records(iter(records))]
    parallel = [result.to_dict() for result in cleaner.process_records(iter(records), workers=2)]
    assert parallel == serial
    assert serial[7]["reason"] == "invalid_record"


def test_api_run_directory(tmp_path: Path) -> None:
    summary = cleaner.run_directory(
        [str(CORPUS)], str(tmp_path / "out"), workers=2, shard_size=10, progress=None
    )
    assert summary.read == summary.written + sum(summary.rejected.values()) > 20
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["complete"] and manifest["totals"]["read"] == summary.read
    assert len(read_jsonl(b"".join(_gunzip_lines(tmp_path / "out", "part")))) == summary.written

"""The per-document limits bite in every executor: a document that runs too long or needs too
much memory becomes a reject, and the worker goes on with the next document.

The slow document is real: a user's debris table with a pattern that backtracks
catastrophically (`(a+)+$`) and a paragraph of 32 a's that it fails to match, which takes
minutes without a limit. The hungry one is a 6 MB page that needs 60-120 MB to process, run
with `limits.max_memory_mb = 30`. The same inputs give the same bytes in one process (the
timer and the memory cap in the main thread) and under Dask (a child process per worker).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import read_jsonl, run_cli

from cleaner.config import Config, ConfigError
from cleaner.document import Document, Source
from cleaner.run import child
from cleaner.run.chunks import chunked, process_chunk
from cleaner.validate import validate_record

MAX_SECONDS = 3
BACKTRACKING_TABLE = """\
[[rules]]
id = "debris.user_repeated_letters"
reason = "a user's rule whose pattern backtracks catastrophically"
block = ['(a+)+$']
"""
OK = "Rain\n\nIt rained all day in Leeds, police said."


def _write_inputs(folder: Path) -> tuple[Path, Path]:
    """A JSONL file (fine, slow, hungry, fine) and the config with the table and the limits."""
    paragraph = "rain " * 100
    big_page = "".join(f"<p>{paragraph}{n}.</p>" for n in range(12_000))
    records = [
        {"id": "fine-1", "text": OK},
        {"id": "slow", "text": OK + "\n\n" + "a" * 32 + "!"},
        {"id": "hungry", "html": f"<html><body><article>{big_page}</article></body></html>"},
        {"id": "fine-2", "text": OK.replace("Leeds", "York")},
    ]
    inputs = folder / "in.jsonl"
    inputs.write_text("".join(json.dumps(record) + "\n" for record in records))
    (folder / "backtracking.toml").write_text(BACKTRACKING_TABLE)
    config = folder / "limits.toml"
    config.write_text(
        '[rules]\ntables = ["backtracking.toml"]\n'
        f"[limits]\nmax_seconds = {MAX_SECONDS}\nmax_memory_mb = 30\n"
        '[entities]\nmodel = ""\n'
    )
    return inputs, config


def _run(folder: Path, *options: str) -> tuple[bytes, bytes, float]:
    """(articles, rejects, seconds) of `cleaner clean` on the inputs with `options`."""
    inputs, config = _write_inputs(folder)
    started = time.monotonic()
    result = run_cli(
        "clean",
        inputs.name,
        "-o",
        "out.jsonl",
        "--rejects",
        "rejects.jsonl",
        "--config",
        config.name,
        *options,
        cwd=folder,
    )
    seconds = time.monotonic() - started
    assert result.returncode == 1, result.stderr.decode()
    return (folder / "out.jsonl").read_bytes(), (folder / "rejects.jsonl").read_bytes(), seconds


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every run, as the records name the table's path."""
    return tmp_path_factory.mktemp("limits")


@pytest.fixture(scope="module")
def one_process(folder: Path) -> tuple[bytes, bytes, float]:
    return _run(folder, "--workers", "1")


def test_limits_bite_in_one_process(one_process: tuple[bytes, bytes, float]) -> None:
    articles, rejects, seconds = one_process
    assert [record["id"] for record in read_jsonl(articles)] == ["fine-1", "fine-2"]
    found = read_jsonl(rejects)
    assert [(reject["id"], reject["reason"]) for reject in found] == [
        ("slow", "time_limit"),
        ("hungry", "memory_limit"),
    ]
    assert all(validate_record(reject, "reject") == [] for reject in found)
    assert "limits.max_seconds" in found[0]["message"]
    assert "limits.max_memory_mb" in found[1]["message"]
    assert seconds < 60, "the slow document was not interrupted"


def test_limits_bite_under_dask_with_the_same_bytes(
    one_process: tuple[bytes, bytes, float], folder: Path
) -> None:
    pytest.importorskip("dask.distributed", reason="needs: pip install 'cleaner[dask]'")
    articles, rejects, seconds = _run(folder, "--executor", "dask", "--workers", "1")
    assert (articles, rejects) == one_process[:2]
    assert seconds < 60, "the Dask worker was held by the slow document"


# --- the child process itself, with a `process` that misbehaves on request ----------------------

_MISBEHAVING = """\
import os, signal, sys, time
import cleaner.run.limits as limits
real = limits.process
def process(document, config):
    if "CRASH" in document.content:
        os._exit(1)
    if "DEAF" in document.content:  # C code that no signal reaches, as far as Python can tell
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return real(document, config)
limits.process = process
"""


def _in_a_thread(documents: list[Document], config: Config) -> list[Any]:
    """Each document's result, processed as a Dask task thread would: in a child process."""
    found: list[Any] = []

    def work() -> None:
        done = process_chunk(next(chunked(documents, 16, keep_objects=True)), config)
        found.extend(done.results)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return found


@pytest.fixture
def misbehaving_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(child, "_START", _MISBEHAVING + child._START)


def _documents(*texts: str) -> list[Document]:
    return [Document(Source(f"{n}.txt", "text"), text, "text") for n, text in enumerate(texts)]


@pytest.mark.usefixtures("misbehaving_child")
def test_a_document_that_kills_the_child_twice_is_a_reject_and_the_next_goes_on() -> None:
    config = Config.from_dict({"entities": {"model": ""}})
    results = _in_a_thread(_documents(OK, OK + " CRASH", OK), config)
    assert [getattr(result, "reason", "article") for result in results] == [
        "article",
        "worker_crashed",
        "article",
    ]


@pytest.mark.usefixtures("misbehaving_child")
def test_a_child_deaf_to_its_timer_is_killed_after_the_limit() -> None:
    config = Config.from_dict({"limits": {"max_seconds": 1}, "entities": {"model": ""}})
    started = time.monotonic()
    results = _in_a_thread(_documents(OK + " DEAF", OK), config)
    assert time.monotonic() - started < 30
    assert [getattr(result, "reason", "article") for result in results] == [
        "time_limit",
        "article",
    ]


def test_memory_limit_must_be_a_positive_number_of_megabytes() -> None:
    assert Config().limits.max_memory_mb == 2000
    with pytest.raises(ConfigError, match=r"limits\.max_memory_mb must be a positive integer"):
        Config.from_dict({"limits": {"max_memory_mb": 0}})

"""Two inputs with one id: the first is written, the second is a `duplicate_id` reject naming
the first's file and line, with every executor, so `cleaner validate --strict` accepts the run.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import read_jsonl, run_cli

TEXT = "Rain falls on Leeds\n\nIt rained all night in the city, police said on Sunday."


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(
        json.dumps({"id": "story-1", "text": TEXT})
        + "\n"
        + json.dumps({"id": "story-2", "text": TEXT})
        + "\n"
    )
    second.write_text(json.dumps({"id": "story-1", "text": TEXT.replace("Leeds", "York")}) + "\n")
    return [first, second]


def _assert_one_duplicate(
    articles: list[dict], rejects: list[dict], first: Path, second: Path
) -> None:
    assert [record["id"] for record in articles] == ["story-1", "story-2"]
    assert "Leeds" in articles[0]["title"]
    [reject] = rejects
    assert reject["reason"] == "duplicate_id"
    assert reject["source"]["name"] == str(second) and reject["source"]["line"] == 1
    assert f"{first}:1" in reject["message"]


EXECUTORS = {
    "serial": ["--workers", "1"],
    "pool": ["--workers", "2"],
    "dask": ["--executor", "dask", "--workers", "2"],
}


@pytest.mark.parametrize("executor", sorted(EXECUTORS))
def test_a_repeated_id_is_rejected_with_every_executor(
    executor: str, inputs: list[Path], tmp_path: Path
) -> None:
    if executor == "dask":
        pytest.importorskip("dask.distributed", reason="needs: pip install 'cleaner[dask]'")
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli(
        "clean", *inputs, "-o", out, "--rejects", rejects, "--no-entities", "--no-progress",
        *EXECUTORS[executor],
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert b"duplicate_id 1" in result.stderr
    _assert_one_duplicate(read_jsonl(out), read_jsonl(rejects), *inputs)
    checked = run_cli("validate", "--strict", out, rejects)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_repeated_id_is_rejected_in_shards(inputs: list[Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "shards"
    result = run_cli("clean", *inputs, "--out-dir", out_dir, "--shard-size", "2", "--no-entities")
    assert result.returncode == 1, result.stderr
    articles = [r for part in sorted(out_dir.glob("part-*")) for r in _records(part)]
    rejects = [r for part in sorted(out_dir.glob("rejects-*")) for r in _records(part)]
    _assert_one_duplicate(articles, rejects, *inputs)
    manifest = json.loads((out_dir / "manifest.json").read_text())
    assert manifest["totals"]["rejected"] == {"duplicate_id": 1}
    checked = run_cli("validate", "--strict", *sorted(out_dir.glob("*.jsonl.gz")))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _records(path: Path) -> list[dict]:
    return read_jsonl(gzip.decompress(path.read_bytes()))

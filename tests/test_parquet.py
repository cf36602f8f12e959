"""Parquet output: the same records as the JSONL, read back by pyarrow and DuckDB, validated.

The bundled corpus is cleaned three ways (`-o out.jsonl`, `-o out.parquet`, and `--out-dir`
with `--shard-format parquet`); every field of every record read back from Parquet must equal
the JSONL's, keys present or absent as there, and values of the same JSON types.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow", reason="pip install -e '.[test]' installs pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from conftest import ROOT, read_jsonl, run_cli  # noqa: E402

from cleaner.cli import main  # noqa: E402
from cleaner.document import SCHEMA_VERSION  # noqa: E402
from cleaner.parquet.columns import arrow_schema, record_shape, to_row  # noqa: E402
from cleaner.parquet.reader import read_rows  # noqa: E402
from cleaner.parquet.shape import UnmappedSchema, shape_of  # noqa: E402
from cleaner.parquet.writer import ROWS_PER_GROUP, ParquetWriter  # noqa: E402
from cleaner.validate import schema_text  # noqa: E402


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus cleaned to JSONL, to one Parquet file and to Parquet shards of 10 inputs."""
    folder = tmp_path_factory.mktemp("parquet")
    found = {
        "jsonl": folder / "out.jsonl",
        "parquet": folder / "out.parquet",
        "shards": folder / "shards",
    }
    runs = [
        ("-o", found["jsonl"]),
        ("-o", found["parquet"]),
        ("--out-dir", found["shards"], "--shard-format", "parquet", "--shard-size", "10"),
    ]
    for run in runs:
        result = run_cli("clean", "corpus/", "--workers", "2", "--no-progress", *run, cwd=ROOT)
        assert result.returncode == 0, result.stderr.decode()
    return found


def _exact(record: dict[str, Any]) -> str:
    """A record as text that tells absent from null and 1 from 1.0 from true."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _parquet_records(path: Path) -> list[dict[str, Any]]:
    return [record for _, record in read_rows(str(path))]


def test_parquet_holds_the_jsonl_records(outputs: dict[str, Path]) -> None:
    expected = read_jsonl(outputs["jsonl"])
    found = _parquet_records(outputs["parquet"])
    assert len(found) == len(expected) > 30
    for want, got in zip(expected, found, strict=True):
        assert _exact(got) == _exact(want), want["id"]
    edits = [edit for record in expected for edit in record["edits"]]
    # the round trip is exercised both ways: optional keys present and absent, nulls kept
    assert any("replacement" in edit for edit in edits)
    assert any("replacement" not in edit for edit in edits)
    assert any("plan" in edit for edit in edits)
    assert any(record["title"] is None or record["page"]["authors"] is None for record in found)


def test_rows_read_by_pyarrow_to_pylist(outputs: dict[str, Path]) -> None:
    expected = read_jsonl(outputs["jsonl"])
    rows = pq.read_table(outputs["parquet"]).to_pylist()
    assert [row["paragraphs"] for row in rows] == [record["paragraphs"] for record in expected]
    assert [json.loads(row["metadata"]) for row in rows] == [r["metadata"] for r in expected]
    edit = next(row["edits"][0] for row in rows if row["edits"])
    assert set(edit) == {
        "rule", "reason", "action", "text", "replacement", "target", "block", "start", "end",
        "plan",
    }  # fmt: skip


def test_shards_hold_the_jsonl_records(outputs: dict[str, Path]) -> None:
    manifest = json.loads((outputs["shards"] / "manifest.json").read_text())
    names = [shard["articles"] for shard in manifest["shards"]]
    assert names == [f"part-{n:05d}.parquet" for n in range(len(names))]
    assert manifest["run"]["shard_format"] == "parquet" and manifest["complete"]
    found = [r for name in names for r in _parquet_records(outputs["shards"] / name)]
    assert [_exact(r) for r in found] == [_exact(r) for r in read_jsonl(outputs["jsonl"])]


def test_file_metadata_and_row_groups(tmp_path: Path, outputs: dict[str, Path]) -> None:
    record = read_jsonl(outputs["jsonl"])[0]
    path = tmp_path / "many.parquet"
    with ParquetWriter(str(path)) as writer:
        for number in range(2 * ROWS_PER_GROUP + 500):
            writer.write({**record, "id": f"r{number}"})
    parquet = pq.ParquetFile(path)
    groups = [parquet.metadata.row_group(i).num_rows for i in range(parquet.num_row_groups)]
    assert groups == [ROWS_PER_GROUP, ROWS_PER_GROUP, 500]
    assert parquet.schema_arrow.metadata[b"cleaner.schema_version"] == SCHEMA_VERSION.encode()


def test_the_same_records_give_the_same_bytes(tmp_path: Path, outputs: dict[str, Path]) -> None:
    records = read_jsonl(outputs["jsonl"])
    for name in ("a.parquet", "b.parquet"):
        with ParquetWriter(str(tmp_path / name)) as writer:
            for record in records:
                writer.write(record)
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    assert (tmp_path / "a.parquet").read_bytes() == outputs["parquet"].read_bytes()


def test_duckdb_reads_the_file(outputs: dict[str, Path]) -> None:
    duckdb = pytest.importorskip("duckdb", reason="pip install -e '.[test]' installs duckdb")
    expected = read_jsonl(outputs["jsonl"])
    rows = duckdb.sql(
        f"select id, len(paragraphs), source.format, language.code from '{outputs['parquet']}'"
    ).fetchall()
    assert rows == [
        (r["id"], len(r["paragraphs"]), r["source"]["format"], r["language"]["code"])
        for r in expected
    ]
    rules = duckdb.sql(
        f"select e.rule, count(*) from (select unnest(edits) as e from '{outputs['parquet']}') "
        "group by e.rule order by e.rule"
    ).fetchall()
    counted: dict[str, int] = {}
    for record in expected:
        for edit in record["edits"]:
            counted[edit["rule"]] = counted.get(edit["rule"], 0) + 1
    assert rules == sorted(counted.items())


def test_validate_accepts_the_file(outputs: dict[str, Path]) -> None:
    result = run_cli("validate", "--strict", outputs["parquet"])
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def test_validate_reports_a_broken_row(tmp_path: Path, outputs: dict[str, Path]) -> None:
    records = read_jsonl(outputs["jsonl"])[:3]
    records[1]["source"]["format"] = "pdf"
    records[1]["paragraphs"] = []
    shape = record_shape(schema_text("article"))
    rows = [to_row(shape)(record) for record in records]
    path = tmp_path / "broken.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(shape)), path)
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        f"{path}:2: $.paragraphs: [] should be non-empty",
        f"{path}:2: $.source.format: 'pdf' is not one of ['text', 'html', 'jsonl', 'warc']",
    ]


def test_a_failed_run_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    with pytest.raises(RuntimeError), ParquetWriter(str(path)):
        raise RuntimeError("the run broke")
    assert list(tmp_path.iterdir()) == []


def test_without_pyarrow_the_error_gives_the_install_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "cleaner.parquet.writer", None)  # import fails
    monkeypatch.setitem(sys.modules, "cleaner.parquet.reader", None)
    story = tmp_path / "story.txt"
    story.write_text("Rain falls\n\nIt rained all day, the mayor said.\n")
    out = tmp_path / "out.parquet"
    assert main(["clean", str(story), "--no-entities", "--no-progress", "-o", str(out)]) == 2
    assert "pip install 'cleaner[parquet]'" in capsys.readouterr().err
    assert not out.exists()
    args = ["clean", str(story), "--no-entities", "--no-progress", "--shard-format", "parquet"]
    assert main([*args, "--out-dir", str(tmp_path / "shards")]) == 2
    assert "pip install 'cleaner[parquet]'" in capsys.readouterr().err
    out.write_bytes(b"PAR1")
    assert main(["validate", str(out)]) == 2
    assert "pip install 'cleaner[parquet]'" in capsys.readouterr().out


def test_shard_format_needs_out_dir(tmp_path: Path) -> None:
    result = run_cli("clean", "corpus/", "--shard-format", "parquet", cwd=ROOT)
    assert result.returncode == 2
    assert b"--shard-format needs --out-dir" in result.stderr


def test_every_schema_field_is_a_column() -> None:
    schema = json.loads(schema_text("article"))
    columns = arrow_schema(shape_of(schema))
    assert columns.names == list(schema["properties"])
    edit = columns.field("edits").type.value_type
    assert [edit.field(i).name for i in range(edit.num_fields)] == list(
        schema["properties"]["edits"]["items"]["properties"]
    )


def test_a_schema_without_a_column_shape_is_refused() -> None:
    ambiguous = {"type": "object", "properties": {"note": {"type": ["string", "null"]}}}
    with pytest.raises(UnmappedSchema, match=r"\$\.note: an optional key that allows null"):
        arrow_schema(shape_of(ambiguous))
    mixed = {"type": "object", "properties": {"x": {"type": ["string", "integer"]}}}
    with pytest.raises(UnmappedSchema, match=r"\$\.x: the kinds"):
        shape_of(mixed)

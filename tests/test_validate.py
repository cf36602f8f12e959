"""`cleaner validate` for CI: inputs, schema versions, --strict, the four report formats, exit
codes, --max-errors, --workers, and `cleaner schema`.

Each invalid record below has one thing wrong, and the test checks that it is reported at the
right file, line and JSON path, in every format.
"""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import ROOT, run_cli

import cleaner
from cleaner.document import SCHEMA_VERSION

TEXTS = [
    "Rain floods Leeds\n\n“We lost everything,” said Ann Lee, a shop owner in Leeds.\n\n"
    "The council said it would help.",
    "Storm hits York\n\nThe storm closed roads in York on Monday, police said.",
    "Trains cancelled\n\nNorthern Rail cancelled 40 trains, a spokesman said.",
]


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    """Three valid records, the first with a quote and entities."""
    found = [cleaner.clean_text(text, id=f"r{n}").to_dict() for n, text in enumerate(TEXTS)]
    assert found[0]["quotes"] and found[0]["entities"]
    return found


def _jsonl(path: Path, rows: list[Any]) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    """`bad.jsonl`: line 1 valid, 2 missing paragraphs, 3 wrong title type, 4 broken JSON,
    5 a bad quote offset (strict only), 6 valid, 7 an 'Advertisement' paragraph (strict
    only), 8 the id of line 1 again (strict only)."""
    missing = copy.deepcopy(records[1])
    del missing["paragraphs"]
    wrong_type = copy.deepcopy(records[2])
    wrong_type["title"] = 42
    bad_offset = copy.deepcopy(records[0])
    bad_offset["id"] = "offset"
    bad_offset["quotes"][0]["start"] += 1
    debris = copy.deepcopy(records[1])
    debris["id"] = "debris"
    debris["paragraphs"].append("Advertisement")
    again = copy.deepcopy(records[2])
    again["id"] = records[0]["id"]
    rows = [records[0], missing, wrong_type, '{"id": "broken",', bad_offset, records[1]]
    return _jsonl(tmp_path / "bad.jsonl", [*rows, debris, again])


def _lines(stdout: bytes) -> list[str]:
    return stdout.decode("utf-8").splitlines()


def test_valid_archive_exits_0(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    path = _jsonl(tmp_path / "good.jsonl", records)
    result = run_cli("validate", path, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert b"1 files, 3 records, all valid" in result.stderr


def test_text_report_every_error_with_line_and_path(archive: Path) -> None:
    result = run_cli("validate", archive)
    assert result.returncode == 1
    lines = _lines(result.stdout)
    assert lines[0] == f"{archive}:2: $: 'paragraphs' is a required property"
    assert lines[1] == f"{archive}:3: $.title: 42 is not of type 'string', 'null'"
    assert lines[2].startswith(f"{archive}:4: $: not valid JSON: ")
    assert len(lines) == 3, "the strict-only problems are not errors without --strict"
    assert b"8 records, 3 invalid (invalid_json 1, required 1, type 1)" in result.stderr


def test_strict_finds_offsets_debris_and_duplicate_ids(archive: Path) -> None:
    result = run_cli("validate", archive, "--strict")
    assert result.returncode == 1
    strict = _lines(result.stdout)[3:]
    assert strict[0].startswith(f"{archive}:5: $.quotes[0]: paragraphs[0][")
    assert "the offsets and the text disagree" in strict[0]
    assert strict[1].startswith(f"{archive}:7: $.paragraphs[1]: 'Advertisement' matches")
    assert "debris.advertisement" in strict[1]
    assert strict[2] == (
        f"{archive}:8: $.id: id 'r0' is already used at {archive}:1; ids must be unique "
        "across the archive"
    )
    assert len(strict) == 3


def test_json_report(archive: Path) -> None:
    result = run_cli("validate", archive, "--strict", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files_without_records"] == 0
    assert (report["valid"], report["files"], report["records"], report["invalid"]) == (
        False,
        1,
        8,
        6,
    )
    assert report["errors_by_kind"] == {
        "debris": 1,
        "duplicate_id": 1,
        "invalid_json": 1,
        "offset": 1,
        "required": 1,
        "type": 1,
    }
    assert [(e["line"], e["path"], e["kind"]) for e in report["errors"]] == [
        (2, "$", "required"),
        (3, "$.title", "type"),
        (4, "$", "invalid_json"),
        (5, "$.quotes[0]", "offset"),
        (7, "$.paragraphs[1]", "debris"),
        (8, "$.id", "duplicate_id"),
    ]
    first = report["errors"][0]
    assert first == {
        "file": str(archive),
        "line": 2,
        "path": "$",
        "kind": "required",
        "message": "'paragraphs' is a required property",
    }


def test_github_report(archive: Path) -> None:
    result = run_cli("validate", archive, "--format", "github")
    lines = _lines(result.stdout)
    assert lines[1] == (
        f"::error file={archive},line=3,title=cleaner validate%3A type::"
        "$.title: 42 is not of type 'string', 'null'"
    )
    assert [line.split(",title=")[0] for line in lines] == [
        f"::error file={archive},line={n}" for n in (2, 3, 4)
    ]
    assert lines[2].startswith(
        f"::error file={archive},line=4,title=cleaner validate%3A invalid_json::$: not valid JSON"
    )
    assert result.returncode == 1


def test_junit_report(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    result = run_cli("validate", archive, "--strict", "--format", "junit", "-o", out)
    assert result.returncode == 1
    root = ElementTree.parse(out).getroot()
    assert root.tag == "testsuites"
    [suite] = root
    cases = suite.findall("testcase")
    failed = [case for case in cases if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == [f"{archive}:{n}" for n in (2, 3, 4, 5, 7, 8)]
    assert failed[1].find("failure").get("type") == "type"  # type: ignore[union-attr]
    assert cases[-1].get("name") == "2 valid records"
    assert (suite.get("tests"), suite.get("failures")) == ("7", "6")


def test_max_errors_stops_early(archive: Path) -> None:
    result = run_cli("validate", archive, "--max-errors", "2")
    assert len(_lines(result.stdout)) == 2
    assert result.returncode == 1


def test_truncated_gzip_is_reported_and_exit_2(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    whole = gzip.compress(("\n".join(json.dumps(r) for r in records * 50) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    result = run_cli("validate", path)
    assert result.returncode == 2
    [line] = _lines(result.stdout)
    assert f"{path}:" in line and "cannot read the file past here" in line
    line_number = int(line.split(":")[1])
    assert 1 < line_number <= 150
    assert b"none invalid among those read; 1 file(s) could not be read to the end" in (
        result.stderr
    )


@pytest.mark.parametrize("report", ["text", "json", "github", "junit"])
def test_truncated_gzip_in_every_format(
    tmp_path: Path, records: list[dict[str, Any]], report: str
) -> None:
    whole = gzip.compress(("\n".join(json.dumps(r) for r in records * 50) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    result = run_cli("validate", path, "--format", report)
    assert result.returncode == 2
    output = result.stdout.decode("utf-8")
    if report == "json":
        [error] = json.loads(output)["errors"]
        assert (error["kind"], error["path"]) == ("unreadable", "$") and error["line"] > 1
    elif report == "junit":
        failure = ElementTree.fromstring(output).find("testsuite/testcase/failure")
        assert failure is not None and failure.get("type") == "unreadable"
    else:
        assert "cannot read the file past here" in output
        assert f"{path}:" in output or f"file={path},line=" in output


def test_json_array_elements_have_their_lines(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    broken = copy.deepcopy(records[1])
    broken["quotes"] = "none"
    text = "[\n" + ",\n".join(json.dumps(r, indent=1) for r in (records[0], broken)) + "\n]\n"
    path = tmp_path / "array.json.gz"
    path.write_bytes(gzip.compress(text.encode()))
    result = run_cli("validate", path)
    expected_line = text.count("\n", 0, text.index(json.dumps(broken, indent=1)[:20], 3)) + 1
    [line] = _lines(result.stdout)
    assert line.startswith(f"{path}:{expected_line}: $[1].quotes: 'none' is not of type")


def test_older_schema_version_is_checked_against_its_own_schema(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    old = copy.deepcopy(records[0])
    old["schema_version"] = "1.3.0"  # 1.4.0 added source.fetched and source.record_id
    del old["source"]["fetched"], old["source"]["record_id"]
    del old["language"]  # 1.5.0 added the language and two processing fields
    del old["processing"]["entities_skipped"], old["processing"]["rule_tables"]
    path = _jsonl(tmp_path / "old.jsonl", [old])
    assert run_cli("validate", path).returncode == 0
    old["schema_version"] = SCHEMA_VERSION  # claimed as current, it is invalid
    assert run_cli("validate", _jsonl(path, [old])).returncode == 1


def test_unknown_schema_version_is_a_clear_error(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    future = dict(records[0], schema_version="7.0.0")
    result = run_cli("validate", _jsonl(tmp_path / "f.jsonl", [future]))
    assert result.returncode == 1
    [line] = _lines(result.stdout)
    assert "$.schema_version: unknown schema version '7.0.0'" in line
    assert "upgrade cleaner" in line and "--schema FILE" in line


def test_user_schema(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["topic"],
    }
    (tmp_path / "mine.json").write_text(json.dumps(schema))
    path = _jsonl(tmp_path / "a.jsonl", records[:1])
    result = run_cli("validate", path, "--schema", tmp_path / "mine.json")
    assert _lines(result.stdout) == [f"{path}:1: $: 'topic' is a required property"]
    (tmp_path / "broken.json").write_text('{"type": 12}')
    broken = run_cli("validate", path, "--schema", tmp_path / "broken.json")
    assert broken.returncode == 2
    assert b"not a valid JSON Schema" in broken.stderr


def test_reject_records_use_the_reject_schema(tmp_path: Path) -> None:
    reject = cleaner.process_records([{"id": "x", "text": ""}])
    record = next(iter(reject)).to_dict()
    path = _jsonl(tmp_path / "rejects.jsonl", [record, dict(record, reason=5)])
    result = run_cli("validate", path)
    [line] = _lines(result.stdout)
    assert line.startswith(f"{path}:2: $.reason: 5 is not one of ['empty', ")


def test_directories_and_workers_give_the_same_report(
    tmp_path: Path, archive: Path, records: list[dict[str, Any]]
) -> None:
    folder = tmp_path / "tree"
    (folder / "b").mkdir(parents=True)
    (folder / "a.jsonl").write_bytes(archive.read_bytes())
    _jsonl(folder / "b" / "c.jsonl", [records[0], dict(records[1], id="r0")])
    (folder / "notes.txt").write_text("not a record file")
    one = run_cli("validate", folder, "--strict", "--workers", "1")
    two = run_cli("validate", folder, "--strict", "--workers", "2")
    assert one.stdout == two.stdout and one.returncode == two.returncode == 1
    assert f"{folder / 'b' / 'c.jsonl'}:1: $.id: id 'r0' is already used".encode() in one.stdout
    assert b"2 files, 10 records" in two.stderr


def test_a_file_without_records_is_valid_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n")
    result = run_cli("validate", tmp_path / "empty.jsonl")
    assert result.returncode == 0
    assert b"0 records, all valid; warning: 1 file(s) hold no records" in result.stderr


def test_hostile_lines_are_reported_at_their_line_and_the_rest_checked(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    """Issue 18: deep nesting, a line over the limit, invalid UTF-8 and a key given twice each
    give an error at their own line; the valid records around them are still checked."""
    good = json.dumps(records[0]).encode("utf-8")
    twice = json.dumps(records[1]).encode("utf-8").replace(b'{"', b'{"id": "x", "', 1)
    lines = [
        good,
        b"[" * 100_000 + b"]" * 100_000,
        good.replace(b'"paragraphs"', b'"paragraphs" ' + b" " * 400_000),
        good.replace(b"{", b'{"x": "\xff\xfe", ', 1),
        twice,
        good,
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run_cli("validate", path, "--max-line-bytes", "300000")
    assert result.returncode == 1, result.stderr
    report = _lines(result.stdout)
    assert report == [
        f"{path}:2: $: not valid JSON: nested too deeply to read",
        f"{path}:3: $: line over the limit of 300,000 bytes, not read (raise it with "
        "--max-line-bytes)",
        f"{path}:4: $: not UTF-8 text: byte 0xff at offset 7",
        f"{path}:5: $: not valid JSON: the key 'id' appears twice in one object",
    ]
    assert b"6 records, 4 invalid" in result.stderr


def test_a_json_array_nested_too_deeply_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n]\n")
    result = run_cli("validate", path)
    assert result.returncode == 1, result.stderr
    assert _lines(result.stdout) == [f"{path}:2: $: not valid JSON: nested too deeply to read"]


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope.jsonl")
    assert result.returncode == 2
    assert b"no such file or directory" in result.stderr


def test_schema_command(tmp_path: Path) -> None:
    printed = run_cli("schema")
    assert printed.returncode == 0
    assert json.loads(printed.stdout) == json.loads(
        (ROOT / "schemas" / "article.schema.json").read_text("utf-8")
    )
    out = tmp_path / "vendor" / "article.schema.json"
    out.parent.mkdir()
    assert run_cli("schema", "-o", out).returncode == 0
    assert out.read_bytes() == printed.stdout
    old = json.loads(run_cli("schema", "--version", "1.0.0").stdout)
    assert old["properties"]["schema_version"]["const"] == "1.0.0"
    listed = _lines(run_cli("schema", "--list").stdout)
    assert listed[0] == "1.0.0" and listed[-1] == SCHEMA_VERSION
    unknown = run_cli("schema", "--version", "0.9.0")
    assert unknown.returncode == 2 and b"known: 1.0.0" in unknown.stderr

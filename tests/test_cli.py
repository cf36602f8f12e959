"""The command line end to end, as a user runs it: `python -m cleaner clean|validate ...`.

Inputs (files, directories, globs, stdin, gzip), output (-o or stdout, gzip), the summary on
stderr, `--help`, `--config` (disabling a rule, adding a rule table) and `cleaner validate`.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import assert_record_consistent, read_jsonl, run_cli, summary_counts

import cleaner

# The WARC-only source fields, null for every other input.
NOT_WARC = {"fetched": None, "record_id": None}

ARTICLE = (
    "Rain falls on Leeds\n\n"
    "Share\n\n"
    "Heavy rain fell on Leeds on Monday and several roads were closed, police said.\n\n"
    "Advertisement\n\n"
    "“We have never seen water this high,” said a council spokesman.\n"
)
HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Bridge reopens | The Daily</title>"
    "</head><body><article><h1>Bridge reopens</h1>"
    + "<p>The old bridge reopened to traffic on Tuesday after two years of repairs.</p>"
    + "<p>“It is a great day for the town,” the mayor said at the ceremony.</p>"
    + "</article></body></html>"
)


def _article(number: int) -> str:
    return (
        f"Story number {number} of the day\n\n"
        f"Reporters filed story number {number} on Monday, an editor said.\n"
    )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _titles(records: list[dict]) -> list[str]:
    return [record["title"] for record in records]


# --- output -----------------------------------------------------------------------------------


def test_output_file(tmp_path: Path) -> None:
    source = _write(tmp_path / "a.txt", ARTICLE)
    out = tmp_path / "sub" / "out.jsonl"
    result = run_cli("clean", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    [record] = read_jsonl(out)
    assert record["title"] == "Rain falls on Leeds"
    assert record["source"] == {
        "name": str(source),
        "format": "text",
        "line": None,
        "url": None,
        **NOT_WARC,
    }
    assert_record_consistent(record)
    leftovers = [p.name for p in out.parent.iterdir() if p.name != "out.jsonl"]
    assert leftovers == [], "the temporary file is renamed into place"


def test_output_stdout(tmp_path: Path) -> None:
    source = _write(tmp_path / "a.txt", ARTICLE)
    result = run_cli("clean", source)
    assert result.returncode == 0, result.stderr
    [record] = read_jsonl(result.stdout)
    assert record == cleaner.clean_text(source.read_bytes(), source=str(source)).to_dict()
    # One compact JSON object per line, UTF-8, not ASCII-escaped.
    assert result.stdout.endswith(b"}\n")
    assert "“We have never seen".encode() in result.stdout


def test_output_gzip(tmp_path: Path) -> None:
    source = _write(tmp_path / "a.txt", ARTICLE)
    out = tmp_path / "out.jsonl.gz"
    assert run_cli("clean", source, "-o", out).returncode == 0
    with gzip.open(out, "rt", encoding="utf-8") as stream:
        [record] = [json.loads(line) for line in stream]
    assert record["title"] == "Rain falls on Leeds"


def test_output_is_deterministic(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt", ARTICLE)
    _write(tmp_path / "in" / "b.html", HTML)
    first = run_cli("clean", tmp_path / "in", "-o", tmp_path / "1.jsonl.gz")
    second = run_cli("clean", tmp_path / "in", "-o", tmp_path / "2.jsonl.gz")
    assert first.returncode == second.returncode == 0
    assert (tmp_path / "1.jsonl.gz").read_bytes() == (tmp_path / "2.jsonl.gz").read_bytes()


# --- inputs -----------------------------------------------------------------------------------


def test_stdin_text() -> None:
    result = run_cli("clean", "-", input=ARTICLE.encode())
    assert result.returncode == 0, result.stderr
    [record] = read_jsonl(result.stdout)
    assert record["source"]["name"] == "<stdin>"
    assert record["source"]["format"] == "text"
    assert record["title"] == "Rain falls on Leeds"


def test_stdin_jsonl_sniffed() -> None:
    lines = [json.dumps({"id": f"s{n}", "text": _article(n)}) for n in range(3)]
    result = run_cli("clean", "-", input="\n".join(lines).encode())
    assert result.returncode == 0, result.stderr
    records = read_jsonl(result.stdout)
    assert [r["id"] for r in records] == ["s0", "s1", "s2"]
    assert [r["source"]["line"] for r in records] == [1, 2, 3]
    assert {r["source"]["format"] for r in records} == {"jsonl"}


def test_stdin_with_format() -> None:
    html = ("<p>" + "The old bridge reopened to traffic on Tuesday. " * 5 + "</p>").encode()
    as_text = read_jsonl(run_cli("clean", "-", "--format", "text", input=html).stdout)
    as_html = read_jsonl(run_cli("clean", "-", "--format", "html", input=html).stdout)
    assert as_text[0]["source"]["format"] == "text"
    assert as_text[0]["paragraphs"][0].startswith("<p>")
    assert as_html[0]["source"]["format"] == "html"
    assert as_html[0]["paragraphs"][0].startswith("The old bridge reopened")
    lines = json.dumps({"text": ARTICLE}).encode()
    [record] = read_jsonl(run_cli("clean", "-", "--format", "jsonl", input=lines).stdout)
    assert record["source"] == {
        "name": "<stdin>",
        "format": "jsonl",
        "line": 1,
        "url": None,
        **NOT_WARC,
    }


def test_stdin_gzip() -> None:
    result = run_cli("clean", "-", input=gzip.compress(ARTICLE.encode(), mtime=0))
    assert result.returncode == 0, result.stderr
    assert read_jsonl(result.stdout)[0]["title"] == "Rain falls on Leeds"


def _tree(root: Path) -> None:
    _write(root / "b.txt", _article(2))
    _write(root / "a" / "z.txt", _article(1))
    _write(root / "c" / "d" / "e.txt", _article(4))
    _write(root / "c" / "a.txt", _article(3))
    _write(root / "readme.md", "not an article")
    _write(root / ".hidden" / "x.txt", _article(99))


def _names(records: list[dict], root: Path) -> list[str]:
    return [Path(r["source"]["name"]).relative_to(root).as_posix() for r in records]


def test_directory_recursive_sorted(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _tree(root)
    result = run_cli("clean", root)
    assert result.returncode == 0, result.stderr
    names = _names(read_jsonl(result.stdout), root)
    assert sorted(names) == ["a/z.txt", "b.txt", "c/a.txt", "c/d/e.txt"]  # hidden, .md skipped
    # Each directory in sorted order: files sorted, subdirectories sorted.
    assert names.index("a/z.txt") < names.index("c/a.txt") < names.index("c/d/e.txt")
    assert "1 files skipped" in result.stderr.decode()
    again = run_cli("clean", root)
    assert again.stdout == result.stdout


def test_directory_and_recursive_glob_agree(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _tree(root)
    by_directory = _names(read_jsonl(run_cli("clean", root).stdout), root)
    by_glob = _names(read_jsonl(run_cli("clean", str(root / "**" / "*.txt")).stdout), root)
    assert sorted(by_directory) == sorted(by_glob)
    assert by_directory == by_glob


def test_glob(tmp_path: Path) -> None:
    for number in (3, 1, 2):
        _write(tmp_path / f"story{number}.txt", _article(number))
    _write(tmp_path / "other.html", HTML)
    result = run_cli("clean", str(tmp_path / "story*.txt"))
    assert result.returncode == 0, result.stderr
    assert _titles(read_jsonl(result.stdout)) == [f"Story number {n} of the day" for n in (1, 2, 3)]


def test_recursive_glob(tmp_path: Path) -> None:
    _write(tmp_path / "x" / "y" / "deep.html", HTML)
    _write(tmp_path / "top.html", HTML.replace("Bridge reopens", "Tunnel opens"))
    result = run_cli("clean", str(tmp_path / "**" / "*.html"))
    assert result.returncode == 0, result.stderr
    assert _titles(read_jsonl(result.stdout)) == ["Tunnel opens", "Bridge reopens"]


def test_input_order_preserved(tmp_path: Path) -> None:
    paths = [_write(tmp_path / f"{name}.txt", _article(n)) for n, name in enumerate("cab")]
    jsonl = _write(
        tmp_path / "m.jsonl", "\n".join(json.dumps({"text": _article(n)}) for n in (10, 11))
    )
    result = run_cli("clean", paths[0], jsonl, paths[1], paths[2])
    assert result.returncode == 0, result.stderr
    assert _titles(read_jsonl(result.stdout)) == [
        f"Story number {n} of the day" for n in (0, 10, 11, 1, 2)
    ]


def test_gz_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode(), mtime=0))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(HTML.encode(), mtime=0))
    lines = "\n".join(json.dumps({"id": f"j{n}", "text": _article(n)}) for n in range(2))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(lines.encode(), mtime=0))
    result = run_cli("clean", tmp_path)
    assert result.returncode == 0, result.stderr
    records = read_jsonl(result.stdout)
    assert [r["source"]["format"] for r in records] == ["text", "html", "jsonl", "jsonl"]
    assert _titles(records)[:2] == ["Rain falls on Leeds", "Bridge reopens"]
    assert [r["id"] for r in records[2:]] == ["j0", "j1"]


def test_unknown_extension_named_directly_is_sniffed(tmp_path: Path) -> None:
    _write(tmp_path / "page.dat", HTML)
    _write(tmp_path / "story.dat", ARTICLE)
    result = run_cli("clean", tmp_path / "page.dat", tmp_path / "story.dat")
    assert result.returncode == 0, result.stderr
    records = read_jsonl(result.stdout)
    assert [r["source"]["format"] for r in records] == ["html", "text"]


def test_html_file(tmp_path: Path) -> None:
    source = _write(tmp_path / "page.html", HTML)
    [record] = read_jsonl(run_cli("clean", source).stdout)
    assert record["title"] == "Bridge reopens"
    assert record["paragraphs"][0].startswith("The old bridge reopened")
    assert record["processing"]["extraction"] == "trafilatura_fallbacks"  # under 250 characters
    assert record["processing"]["encoding"]["name"] == "utf-8"
    quote = record["quotes"][0]
    assert quote["speaker"]["text"] == "the mayor"
    assert_record_consistent(record)


def test_jsonl_metadata_and_url(tmp_path: Path) -> None:
    line = {
        "id": "abc",
        "url": "https://example.com/rain",
        "title": "Known title",
        "text": ARTICLE,
        "lang": "en",
        "tags": ["weather", "leeds"],
        "scraped": {"at": "2024-01-01"},
    }
    source = _write(tmp_path / "d.jsonl", json.dumps(line) + "\n")
    [record] = read_jsonl(run_cli("clean", source).stdout)
    assert record["id"] == "abc"
    assert record["title"] == "Known title"
    assert record["source"]["url"] == "https://example.com/rain"
    assert record["metadata"] == {
        "lang": "en",
        "tags": ["weather", "leeds"],
        "scraped": {"at": "2024-01-01"},
    }
    assert record["processing"]["encoding"] is None


def test_jsonl_html_wins_over_text(tmp_path: Path) -> None:
    line = {"html": HTML, "text": "Something else entirely.\n\nNot this text at all, he said."}
    [record] = read_jsonl(run_cli("clean", _write(tmp_path / "d.jsonl", json.dumps(line))).stdout)
    assert record["title"] == "Bridge reopens"


# --- the summary --------------------------------------------------------------------------------


def test_summary_on_stderr(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt", ARTICLE)
    _write(tmp_path / "in" / "b.txt", ARTICLE.replace("Leeds", "York"))
    (tmp_path / "in" / "c.txt").write_bytes(b"")
    result = run_cli("clean", tmp_path / "in", "-o", tmp_path / "out.jsonl")
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert "cleaner: 3 articles in, 2 written, 1 rejected (empty 1)" in lines
    assert summary_counts(result.stderr) == (3, 2, 1)
    [removals] = [line for line in lines if line.startswith("cleaner: removed by rule: ")]
    counts = dict(
        re.fullmatch(r"([a-z_.0-9]+) (\d+)", item).groups()  # type: ignore[union-attr]
        for item in removals.removeprefix("cleaner: removed by rule: ").split(", ")
    )
    assert counts["debris.share"] == "2"
    assert counts["debris.advertisement"] == "2"
    assert counts["title.headline_line"] == "2"


def test_summary_when_all_written(tmp_path: Path) -> None:
    result = run_cli("clean", _write(tmp_path / "a.txt", ARTICLE), "-o", tmp_path / "o.jsonl")
    assert result.returncode == 0
    assert b"cleaner: 1 articles in, 1 written, 0 rejected\n" in result.stderr


def test_rejects_reported_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("clean", tmp_path / "empty.txt", _write(tmp_path / "a.txt", ARTICLE))
    assert result.returncode == 1
    assert f"cleaner: rejected {tmp_path / 'empty.txt'}: empty: ".encode() in result.stderr
    assert len(read_jsonl(result.stdout)) == 1


def test_rejects_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    rejects = tmp_path / "rejects.jsonl"
    result = run_cli("clean", tmp_path / "empty.txt", "--rejects", rejects)
    assert result.returncode == 1
    assert b"cleaner: rejected" not in result.stderr
    [reject] = read_jsonl(rejects)
    assert reject["reason"] == "empty"
    assert cleaner.validate_record(reject, schema="reject") == []


# --- help ----------------------------------------------------------------------------------------


def test_help_documents_exit_codes() -> None:
    result = run_cli("clean", "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "exit codes:" in text
    for code in ("0", "1", "2"):
        assert re.search(rf"^\s+{code}\s+\S", text, re.MULTILINE), code
    for option in ("--output", "--rejects", "--format", "--config", "--ner-model", "--entities"):
        assert option in text


def test_validate_help_documents_exit_codes() -> None:
    text = run_cli("validate", "--help").stdout.decode()
    assert "exit codes:" in text
    assert "file:line: json-path: message" in text


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"cleaner {cleaner.__version__}"


# --- validate ---------------------------------------------------------------------------------


@pytest.fixture
def good_record() -> dict:
    return cleaner.clean_text(ARTICLE, source="a.txt").to_dict()


def test_validate_valid(tmp_path: Path, good_record: dict) -> None:
    jsonl = _write(tmp_path / "good.jsonl", json.dumps(good_record) + "\n\n")
    single = _write(tmp_path / "one.json", json.dumps(good_record))
    array = _write(tmp_path / "many.json", json.dumps([good_record, good_record]))
    gz = tmp_path / "good.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl.read_bytes(), mtime=0))
    result = run_cli("validate", jsonl, single, array, gz)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == b""
    assert b"valid" in result.stderr


def test_validate_invalid(tmp_path: Path, good_record: dict) -> None:
    extra = {**good_record, "extra": 1}
    no_paragraphs = {**good_record, "paragraphs": []}
    bad_quote = {**good_record, "quotes": [{**_quote(), "start": -1}]}
    lines = [
        json.dumps(good_record),
        json.dumps(extra),
        "",
        json.dumps(no_paragraphs),
        "{not json",
        json.dumps(bad_quote),
    ]
    path = _write(tmp_path / "bad.jsonl", "\n".join(lines) + "\n")
    result = run_cli("validate", path)
    assert result.returncode == 1
    out = result.stdout.decode().splitlines()
    assert all(line.startswith(f"{path}:") for line in out), out
    assert f"{path}:2: $: " in out[0] and "'extra'" in out[0]
    assert any(line.startswith(f"{path}:4: $.paragraphs: ") for line in out), out
    assert any(line.startswith(f"{path}:5: $: not valid JSON") for line in out), out
    assert any(line.startswith(f"{path}:6: $.quotes[0].start: ") for line in out), out
    assert not any(line.startswith(f"{path}:1:") for line in out)
    pattern = re.compile(r"^.+:\d+: \$[^ ]*: .+$")
    assert all(pattern.match(line) for line in out), out


def test_validate_json_array_paths(tmp_path: Path, good_record: dict) -> None:
    array = [good_record, {**good_record, "title": ""}]
    path = _write(tmp_path / "many.json", json.dumps(array))
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert result.stdout.decode().startswith(f"{path}:1: $[1].title: ")


def test_validate_missing_file(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope.jsonl")
    assert result.returncode == 2
    assert b"nope.jsonl" in result.stderr


def test_validate_broken_gzip(tmp_path: Path, good_record: dict) -> None:
    data = gzip.compress((json.dumps(good_record) + "\n").encode() * 20, mtime=0)
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    result = run_cli("validate", path)
    assert result.returncode == 2
    assert b"gzip" in result.stdout + result.stderr


def test_validate_output_of_clean(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt", ARTICLE)
    _write(tmp_path / "in" / "b.html", HTML)
    out = tmp_path / "out.jsonl"
    assert run_cli("clean", tmp_path / "in", "-o", out).returncode == 0
    assert run_cli("validate", out).returncode == 0


def _quote() -> dict:
    return {
        "text": "x",
        "paragraph": 0,
        "start": 0,
        "end": 1,
        "partial": False,
        "speaker": None,
        "verb": None,
    }


# --- config -----------------------------------------------------------------------------------


def test_config_disables_a_rule(tmp_path: Path) -> None:
    # "Share" between two paragraphs: only the debris rule can take it out.
    text = ARTICLE.replace("Share\n\n", "").replace(
        "Advertisement\n\n", "Advertisement\n\nShare\n\n"
    )
    source = _write(tmp_path / "a.txt", text)
    config = _write(tmp_path / "c.toml", '[rules]\ndisable = ["debris.share"]\n')
    default = read_jsonl(run_cli("clean", source).stdout)[0]
    result = run_cli("clean", source, "--config", config)
    assert result.returncode == 0, result.stderr
    [configured] = read_jsonl(result.stdout)
    assert "Share" not in default["paragraphs"]
    assert "Share" in configured["paragraphs"]
    assert "debris.share" not in [e["rule"] for e in configured["edits"]]
    assert "Advertisement" not in configured["paragraphs"]  # other rules still run
    assert_record_consistent(configured)


CUSTOM_LINE = "Tap the bugle to hear this story read aloud"


def test_config_extra_rule_table(tmp_path: Path) -> None:
    text = ARTICLE + f"\n{CUSTOM_LINE}\n"
    source = _write(tmp_path / "a.txt", text)
    default = read_jsonl(run_cli("clean", source).stdout)[0]
    assert CUSTOM_LINE in default["paragraphs"], "the packaged rules keep this line"

    _write(
        tmp_path / "rules" / "bugle.toml",
        "[[rules]]\n"
        'id = "custom.bugle_audio"\n'
        'reason = "audio player prompt of the Daily Bugle"\n'
        "block = ['tap the bugle to hear this (story|article) read aloud']\n",
    )
    # A relative table path is taken relative to the config file.
    config = _write(tmp_path / "conf" / "c.toml", '[rules]\ntables = ["../rules/bugle.toml"]\n')
    result = run_cli("clean", source, "--config", config)
    assert result.returncode == 0, result.stderr
    [configured] = read_jsonl(result.stdout)
    assert CUSTOM_LINE not in configured["paragraphs"]
    [edit] = [e for e in configured["edits"] if e["rule"] == "custom.bugle_audio"]
    assert edit["text"] == CUSTOM_LINE
    assert edit["reason"] == "audio player prompt of the Daily Bugle"
    assert "custom.bugle_audio 1" in result.stderr.decode()
    assert configured["paragraphs"] == default["paragraphs"][:-1]


def test_config_title_max_words(tmp_path: Path) -> None:
    headline = "Rain falls on Leeds as the river bursts its banks"
    source = _write(tmp_path / "a.txt", ARTICLE.replace("Rain falls on Leeds", headline))
    [default] = read_jsonl(run_cli("clean", source).stdout)
    assert default["title"] == headline
    config = _write(tmp_path / "c.toml", "[title]\nmax_words = 5\n")
    [record] = read_jsonl(run_cli("clean", source, "--config", config).stdout)
    assert record["title"] is None
    assert "title.headline_line" not in [e["rule"] for e in record["edits"]]
    assert headline in record["paragraphs"] or headline in [e["text"] for e in record["edits"]]

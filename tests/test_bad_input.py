"""Bad inputs never stop a batch: each becomes a reject record (or a clear usage error).

Through the command line (`python -m cleaner clean DIR -o out --rejects rej`) and the Python
API: empty, binary, invalid UTF-8, too large, too deeply nested, broken JSON lines, truncated
gzip, records of the wrong shape. Every reject has the source, a reason code and a message
and is valid against `schemas/reject.schema.json`; the good documents in the same batch are
still written, the exit code is 1, and the summary adds up.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_record_consistent, read_jsonl, run_cli, summary_counts

import cleaner
from cleaner import Config
from cleaner.validate import validate_record

GOOD_TEXT = (
    "Flood waters rise in Leeds\n\n"
    "Share\n\n"
    "The river burst its banks on Monday and several roads were closed, police said.\n\n"
    "“We have never seen water this high,” said a council spokesman.\n"
)
GOOD_HTML = (
    "<!DOCTYPE html><html><head><title>Bridge reopens | The Daily</title></head><body>"
    "<article><h1>Bridge reopens</h1>"
    + "<p>The old bridge reopened to traffic on Tuesday after two years of repairs.</p>" * 3
    + "</article></body></html>"
)
PARAGRAPH = "<p>It rained all day in the city, officials said on Monday, and roads closed.</p>"


def _deep_html(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + PARAGRAPH * 3 + "</div>" * depth + "</body></html>"


def _truncated_gzip(data: bytes) -> bytes:
    compressed = gzip.compress(data, mtime=0)
    return compressed[: len(compressed) * 6 // 10]


def _varied_jsonl(count: int) -> bytes:
    """JSONL lines that do not compress to nothing, so a truncated gzip still holds some."""
    rng = random.Random(7)
    words = ["rain", "city", "police", "said", "river", "flood", "road", "closed"]
    lines = []
    for number in range(count):
        body = " ".join(rng.choice(words) for _ in range(50)).capitalize() + ", police said."
        lines.append(json.dumps({"id": f"r{number}", "text": f"Flood report {number}\n\n{body}"}))
    return ("\n".join(lines) + "\n").encode()


def _assert_reject(reject: dict[str, Any], reason: str, name_endswith: str) -> None:
    assert validate_record(reject, schema="reject") == [], reject
    assert reject["reason"] == reason, reject
    assert reject["source"]["name"].endswith(name_endswith), reject
    assert reject["message"].strip(), reject


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of good and bad inputs, as a scraper might leave it."""
    folder = tmp_path_factory.mktemp("batch") / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "b_good.html").write_text(GOOD_HTML, encoding="utf-8")
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_blank.txt").write_bytes(b"  \n\n\t \n")
    (folder / "e_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "f_nul.html").write_bytes(b"<html>\x00\x00\x01\x02" * 20)
    (folder / "g_invalid_utf8.txt").write_bytes(
        "Storm hits the coast\n\nCafé owners said the storm was “the worst in years”.".encode()
        + b" \xff\xfe broken bytes \x81 here.\n"
    )
    big = "<html><body><article><h1>Big</h1>" + PARAGRAPH * 270_000 + "</article></body></html>"
    assert len(big) > 20_000_000
    (folder / "h_big.html").write_text(big, encoding="utf-8")
    (folder / "i_deep.html").write_text(_deep_html(10_000), encoding="utf-8")
    (folder / "j_records.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": GOOD_TEXT, "lang": "en"}),
                '{"id": "broken", "text": "unterminated',
                json.dumps(["an", "array", "not", "an", "object"]),
                json.dumps({"id": "no-content", "url": "https://example.com/x", "lang": "en"}),
                json.dumps({"id": "empty-text", "text": "   "}),
                json.dumps({"id": "ok-2", "html": GOOD_HTML}),
                "",
            ]
        ),
        encoding="utf-8",
    )
    (folder / "k_truncated.jsonl.gz").write_bytes(_truncated_gzip(_varied_jsonl(300)))
    page = ("<html><body><article>" + PARAGRAPH * 400 + "</article></body></html>").encode()
    (folder / "l_truncated.html.gz").write_bytes(_truncated_gzip(page))
    (folder / "m_good.txt.gz").write_bytes(gzip.compress(GOOD_TEXT.encode(), mtime=0))
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def batch_result(batch: Path) -> dict[str, Any]:
    out, rejects = batch.parent / "out.jsonl", batch.parent / "rej.jsonl"
    result = run_cli("clean", batch, "-o", out, "--rejects", rejects)
    return {
        "result": result,
        "articles": read_jsonl(out) if out.exists() else None,
        "rejects": read_jsonl(rejects) if rejects.exists() else None,
    }


def _rejects_for(batch_result: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [r for r in batch_result["rejects"] if r["source"]["name"].endswith(name)]


def test_batch_exit_code_and_summary(batch_result: dict[str, Any]) -> None:
    result = batch_result["result"]
    assert result.returncode == 1, result.stderr
    read, written, rejected = summary_counts(result.stderr)
    assert read == written + rejected
    assert written == len(batch_result["articles"])
    assert rejected == len(batch_result["rejects"])
    assert "1 files skipped" in result.stderr.decode()


def test_batch_good_documents_written(batch_result: dict[str, Any]) -> None:
    articles = batch_result["articles"]
    names = [a["source"]["name"] for a in articles]
    for name in ("a_good.txt", "b_good.html", "g_invalid_utf8.txt", "m_good.txt.gz"):
        assert any(n.endswith(name) for n in names), (name, names)
    ids = [a["id"] for a in articles]
    assert "ok-1" in ids and "ok-2" in ids
    from_truncated = [a for a in articles if a["source"]["name"].endswith("k_truncated.jsonl.gz")]
    assert from_truncated, "the lines before the truncation are still read"
    assert [a["source"]["line"] for a in from_truncated] == list(range(1, len(from_truncated) + 1))
    for article in articles:
        assert_record_consistent(article)


def test_batch_every_reject_valid(batch_result: dict[str, Any]) -> None:
    assert batch_result["rejects"]
    for reject in batch_result["rejects"]:
        assert validate_record(reject, schema="reject") == [], reject
        assert reject["message"].strip()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("c_empty.txt", "empty"),
        ("d_blank.txt", "empty"),
        ("e_binary.txt", "binary"),
        ("f_nul.html", "binary"),
        ("h_big.html", "too_large"),
        ("i_deep.html", "html_too_deep"),
        ("l_truncated.html.gz", "unreadable"),
    ],
)
def test_batch_whole_file_rejects(batch_result: dict[str, Any], name: str, reason: str) -> None:
    found = _rejects_for(batch_result, name)
    assert len(found) == 1, found
    _assert_reject(found[0], reason, name)
    assert found[0]["source"]["line"] is None


def test_batch_jsonl_rejects(batch_result: dict[str, Any]) -> None:
    found = {r["source"]["line"]: r for r in _rejects_for(batch_result, "j_records.jsonl")}
    assert sorted(found) == [2, 3, 4, 5]
    _assert_reject(found[2], "invalid_json", "j_records.jsonl")
    _assert_reject(found[3], "invalid_record", "j_records.jsonl")
    _assert_reject(found[4], "invalid_record", "j_records.jsonl")
    assert found[4]["id"] == "no-content"
    assert found[4]["source"]["url"] == "https://example.com/x"
    assert "'html' or 'text'" in found[4]["message"]
    _assert_reject(found[5], "invalid_record", "j_records.jsonl")


def test_batch_truncated_jsonl_gz(batch_result: dict[str, Any]) -> None:
    found = _rejects_for(batch_result, "k_truncated.jsonl.gz")
    assert len(found) == 1
    _assert_reject(found[0], "unreadable", "k_truncated.jsonl.gz")
    assert "gzip" in found[0]["message"]
    written = [
        a for a in batch_result["articles"] if a["source"]["name"].endswith("k_truncated.jsonl.gz")
    ]
    assert found[0]["source"]["line"] == len(written) + 1


def test_batch_invalid_utf8_is_decoded_not_rejected(batch_result: dict[str, Any]) -> None:
    [article] = [
        a for a in batch_result["articles"] if a["source"]["name"].endswith("g_invalid_utf8.txt")
    ]
    encoding = article["processing"]["encoding"]
    assert encoding["replaced_bytes"] >= 3
    assert article["title"] == "Storm hits the coast"
    assert article["paragraphs"][0].startswith("Café owners said the storm was “the worst")


def test_batch_output_in_input_order(batch_result: dict[str, Any]) -> None:
    names = [a["source"]["name"] for a in batch_result["articles"]]
    order = [Path(n).name for n in names]
    assert order == sorted(order)  # the files of one directory are read in sorted order


def test_rejects_on_stderr_without_rejects_file(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_cli("clean", batch, "-o", out)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    lines = [line for line in stderr.splitlines() if line.startswith("cleaner: rejected ")]
    read, written, rejected = summary_counts(result.stderr)
    assert len(lines) == rejected
    assert read == written + rejected
    assert any("c_empty.txt: empty:" in line for line in lines)
    assert any("j_records.jsonl:2: invalid_json:" in line for line in lines)
    assert len(read_jsonl(out)) == written


def test_only_bad_inputs_writes_empty_output(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    result = run_cli("clean", tmp_path / "empty.txt", "-o", out, "--rejects", rejects)
    assert result.returncode == 1
    assert out.read_bytes() == b""
    [reject] = read_jsonl(rejects)
    _assert_reject(reject, "empty", "empty.txt")
    assert summary_counts(result.stderr) == (1, 0, 1)


def test_empty_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    result = run_cli("clean", path, "--rejects", tmp_path / "rej.jsonl")
    assert result.returncode == 1
    [reject] = read_jsonl(tmp_path / "rej.jsonl")
    _assert_reject(reject, "empty", "none.jsonl")


def test_max_bytes_from_config(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    config = tmp_path / "small.toml"
    config.write_text("[limits]\nmax_bytes = 50\n", encoding="utf-8")
    result = run_cli(
        "clean", tmp_path / "a.txt", "--config", config, "--rejects", tmp_path / "r.jsonl"
    )
    assert result.returncode == 1
    [reject] = read_jsonl(tmp_path / "r.jsonl")
    _assert_reject(reject, "too_large", "a.txt")
    assert "max_bytes" in reject["message"]


def test_deeply_nested_json_line_is_a_reject_and_the_others_are_written(tmp_path: Path) -> None:
    """Issue 18: a JSON array 100,000 deep on line 2 once ended the run with a RecursionError."""
    good = [json.dumps({"id": name, "text": GOOD_TEXT}) for name in ("a", "b")]
    path = tmp_path / "nested.jsonl"
    path.write_text(f"{good[0]}\n{'[' * 100_000}{']' * 100_000}\n{good[1]}\n", "utf-8")
    result = run_cli(
        "clean", path, "-o", tmp_path / "out.jsonl", "--rejects", tmp_path / "rej.jsonl"
    )
    assert result.returncode == 1, result.stderr
    assert [record["id"] for record in read_jsonl(tmp_path / "out.jsonl")] == ["a", "b"]
    [reject] = read_jsonl(tmp_path / "rej.jsonl")
    _assert_reject(reject, "invalid_json", "nested.jsonl")
    assert reject["source"]["line"] == 2
    assert "nested too deeply" in reject["message"]


# --- usage errors: exit 2 with a message, nothing run ---------------------------------------


def _usage_error(result: Any, *fragments: str) -> str:
    assert result.returncode == 2, result
    stderr = result.stderr.decode()
    assert stderr.startswith("cleaner: error: ") or "error:" in stderr, stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    return stderr


def test_nonexistent_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("clean", tmp_path / "a.txt", tmp_path / "missing.txt", "-o", out)
    _usage_error(result, "missing.txt", "no such file or directory")
    assert not out.exists(), "a usage error writes nothing"


def test_glob_matching_nothing(tmp_path: Path) -> None:
    result = run_cli("clean", str(tmp_path / "*.nothing"))
    _usage_error(result, "*.nothing", "no files match")


def test_unknown_config_key(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[limits]\nmax_megabytes = 3\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--config", config)
    _usage_error(result, "bad.toml", "max_megabytes", "max_bytes")


def test_config_not_toml(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[limits\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    _usage_error(run_cli("clean", tmp_path / "a.txt", "--config", config), "not valid TOML")


def test_config_wrong_type(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[captions]\nmax_words = "thirty"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--config", config)
    _usage_error(result, "captions.max_words", "positive integer")


def test_config_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--config", tmp_path / "nope.toml")
    _usage_error(result, "nope.toml", "not found")


def test_config_missing_rule_table(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[rules]\ntables = ["no_such_table.toml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--config", config)
    _usage_error(result, "no_such_table.toml")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ('block = ["(unclosed"]', "custom.footer"),  # a pattern that does not compile
        ('block = ["x"]\ninputs = ["pdf"]', "'inputs'"),  # an input kind that does not exist
    ],
)
def test_config_rule_table_bad_rule(tmp_path: Path, rule: str, expected: str) -> None:
    table = tmp_path / "table.toml"
    table.write_text(
        f'[[rules]]\nid = "custom.footer"\nreason = "footer"\n{rule}\n', encoding="utf-8"
    )
    config = tmp_path / "bad.toml"
    config.write_text('[rules]\ntables = ["table.toml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--config", config)
    _usage_error(result, "table.toml", expected)


def test_config_language_not_a_code(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('language = "English"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--config", config)
    _usage_error(result, "'English'", "ISO 639")


def test_language_option_not_a_code(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--language", "de-DE")
    _usage_error(result, "'de-DE'", "ISO 639")


def test_entities_on_with_the_builtin_model(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--entities")
    assert result.returncode == 0, result.stderr
    [record] = read_jsonl(result.stdout)
    assert record["processing"]["entity_backend"].startswith("builtin:")


def test_ner_model_and_no_entities_contradict(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = run_cli("clean", tmp_path / "a.txt", "--ner-model", "x", "--no-entities")
    _usage_error(result, "--no-entities")


def test_bad_option() -> None:
    result = run_cli("clean", "--no-such-option", "x.txt")
    assert result.returncode == 2
    assert b"--no-such-option" in result.stderr


def test_no_command() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert b"clean" in result.stderr


# --- the same through the API ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind", "reason"),
    [
        pytest.param(b"", "text", "empty", id="empty-bytes"),
        pytest.param("", "text", "empty", id="empty-str"),
        pytest.param(" \n\t\n", "text", "empty", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "text", "binary", id="png"),
        pytest.param(b"abc\x00def\x00", "html", "binary", id="nul"),
        pytest.param(_deep_html(10_000), "html", "html_too_deep", id="deep"),
        pytest.param("<html><body><script>x()</script></body></html>", "html", "no_article_text"),
        pytest.param("Share\n\nAdvertisement\n", "text", "no_article_text", id="only-debris"),
    ],
)
def test_api_rejected(content: str | bytes, kind: str, reason: str) -> None:
    clean = cleaner.clean_text if kind == "text" else cleaner.clean_html
    with pytest.raises(cleaner.Rejected) as error:
        clean(content, config=cleaner.Config(language="en"))  # too short to tell alone
    reject = error.value.reject
    assert reject.reason == reason
    assert reason in str(error.value)
    _assert_reject(reject.to_dict(), reason, "")


def test_api_too_large() -> None:
    config = Config.from_dict({"limits": {"max_bytes": 100}})
    with pytest.raises(cleaner.Rejected) as error:
        cleaner.clean_text(GOOD_TEXT * 5, config=config)
    assert error.value.reject.reason == "too_large"
    assert "max_bytes" in error.value.reject.message


def test_api_deep_but_allowed_html() -> None:
    """Deeper than libxml2's default 256 levels, within max_html_depth: the text is kept."""
    article = cleaner.clean_html(_deep_html(1_000))
    assert article.paragraphs[0].startswith("It rained all day in the city")
    assert_record_consistent(article.to_dict())


def test_api_invalid_utf8_text() -> None:
    raw = (
        b"Storm hits\n\nThe caf\xe9 closed \x93early\x94 on Monday because of the storm, the "
        b"owner told reporters, adding that it would reopen on Friday."
    )
    article = cleaner.clean_text(raw)
    assert article.title == "Storm hits"
    assert article.paragraphs == (
        "The café closed “early” on Monday because of the storm, the owner told reporters, "
        "adding that it would reopen on Friday.",
    )
    assert article.to_dict()["processing"]["encoding"]["name"] == "cp1252"


def test_api_invalid_utf8_short_text() -> None:
    article = cleaner.clean_text(b"Storm hits\n\nThe caf\xe9 closed \x93early\x94, he said.")
    assert article.paragraphs == ("The café closed “early”, he said.",)
    assert article.to_dict()["processing"]["encoding"]["method"] in ("detected", "utf-8")


def test_process_records_never_raises_for_bad_dicts() -> None:
    records = [
        {"text": GOOD_TEXT},
        {"html": ""},
        {"text": 42},
        {"url": "https://example.com"},
        {"html": "<html><body></body></html>"},
        {"text": GOOD_TEXT, "id": "last"},
    ]
    results = list(cleaner.process_records(records))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "Reject",
        "Reject",
        "Reject",
        "Reject",
        "Article",
    ]
    for result in results:
        if isinstance(result, cleaner.Reject):
            assert validate_record(result.to_dict(), schema="reject") == []
    assert [r.source.line for r in results] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("record", [["an", "array"], None, "a string"], ids=["list", "none", "str"])
def test_process_records_non_mapping_record(record: Any) -> None:
    results = list(cleaner.process_records([record, {"text": GOOD_TEXT}]))
    assert isinstance(results[0], cleaner.Reject)
    assert results[0].reason == "invalid_record"
    assert isinstance(results[1], cleaner.Article)


def test_control_characters_in_html_are_removed_and_recorded() -> None:
    """C0 controls make lxml refuse text that trafilatura sets: removed first, with an edit."""
    sentence = "The harbour wall was rebuilt after the winter storms damaged it badly. "
    page = f"<html><body><article><p>{sentence * 3}\x1d\x00</p></article></body></html>"
    record = cleaner.clean_html(page, config=Config().with_entities(None)).to_dict()
    assert record["paragraphs"] == [(sentence * 3).strip()]
    edit = next(e for e in record["edits"] if e["rule"] == "encoding.control_chars")
    assert edit["target"] == "page" and edit["text"] == "\x1d\x00"  # in page order
    assert validate_record(record) == []

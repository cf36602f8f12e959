"""WARC input: `cleaner/read/warc.py` and its wiring into `cleaner clean`.

The WARC files are written here by hand, record by record, plain or gzipped per record (as
crawlers write them), so every byte a test depends on is in view.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from pathlib import Path

import brotli
import pytest
from conftest import assert_record_consistent, read_jsonl, run_cli, summary_counts

import cleaner
from cleaner import cli
from cleaner.document import Document, Reject
from cleaner.read import InputError, expand_inputs, read_all
from cleaner.read.inputs import InputFile, read_file
from cleaner.read.warc import MISSING
from cleaner.validate import validate_record

DATE = "2024-05-01T12:00:00Z"
INSTALL = "pip install 'cleaner[warc]'"
PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge reopens</title></head><body><article>"
    "<h1>Bridge reopens</h1>"
    "<p>The old bridge reopened to traffic on Tuesday after two years of repairs.</p>"
    "<p>“It is a great day for the town,” the mayor said at the ceremony.</p>"
    "</article></body></html>"
).encode()
HTML_UTF8 = (("Content-Type", "text/html; charset=utf-8"),)


def record_id(number: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>"


def record(kind: str, number: int, block: bytes, uri: str = "https://example.com/a") -> bytes:
    """One WARC record; `number` makes its WARC-Record-ID."""
    content_type = {
        "response": "application/http; msgtype=response",
        "request": "application/http; msgtype=request",
    }.get(kind, "application/warc-fields")
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id(number)}\r\n"
        f"WARC-Date: {DATE}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http(body: bytes, status: str = "200 OK", headers=HTML_UTF8) -> bytes:
    """An HTTP response block, headers as given (no Content-Length added)."""
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def response(number: int, body: bytes = PAGE, uri: str | None = None, **options) -> bytes:
    return record("response", number, http(body, **options), uri or f"https://example.com/{number}")


def request(number: int) -> bytes:
    block = f"GET /{number} HTTP/1.1\r\nHost: example.com\r\n\r\n".encode()
    return record("request", number, block, f"https://example.com/{number}")


def warcinfo(number: int) -> bytes:
    return record("warcinfo", number, b"software: cleaner tests\r\nformat: WARC 1.1\r\n")


def per_record_gzip(*records: bytes) -> bytes:
    return b"".join(gzip.compress(item, mtime=0) for item in records)


def crawl(*records: bytes, gz: bool = True) -> bytes:
    return per_record_gzip(*records) if gz else b"".join(records)


def read(path: Path, max_bytes: int = 1_000_000) -> list[Document | Reject]:
    return list(read_file(InputFile(str(path), "warc"), max_bytes))


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def outcome(results: list[Document | Reject]) -> list[tuple[int | None, str]]:
    """(record number, "document" or the reject reason) for each result."""
    return [
        (item.source.line, item.reason if isinstance(item, Reject) else "document")
        for item in results
    ]


# --- documents and their sources -------------------------------------------------------------


def _typical_crawl() -> list[bytes]:
    """warcinfo, then a request and its response per page, as a crawler writes them."""
    return [warcinfo(1), request(2), response(3), request(4), response(5, PAGE + b"<!-- 2 -->")]


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("crawl.warc", lambda records: b"".join(records)),
        ("crawl.warc.gz", lambda records: per_record_gzip(*records)),
        ("whole.warc.gz", lambda records: gzip.compress(b"".join(records), mtime=0)),
    ],
)
def test_each_response_record_is_a_document(tmp_path: Path, name: str, encode) -> None:
    path = write(tmp_path / name, encode(_typical_crawl()))
    documents = read(path)
    assert outcome(documents) == [(3, "document"), (5, "document")]
    first, second = documents
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.kind == "html"
    assert first.content == PAGE
    assert second.content == PAGE + b"<!-- 2 -->"
    assert first.charset == "utf-8"
    assert first.source.to_dict() == {
        "name": str(path),
        "format": "warc",
        "line": 3,
        "url": "https://example.com/3",
        "fetched": DATE,
        "record_id": record_id(3),
    }


def test_cli_end_to_end(tmp_path: Path) -> None:
    source = write(tmp_path / "crawl.warc.gz", crawl(*_typical_crawl()))
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "-o", out, "--rejects", rejects)
    assert result.returncode == 0, result.stderr
    records = read_jsonl(out)
    assert [r["source"]["line"] for r in records] == [3, 5]
    for number, item in zip((3, 5), records, strict=True):
        assert item["source"] == {
            "name": str(source),
            "format": "warc",
            "line": number,
            "url": f"https://example.com/{number}",
            "fetched": DATE,
            "record_id": record_id(number),
        }
        assert item["title"] == "Bridge reopens"
        assert item["paragraphs"][0].startswith("The old bridge reopened")
        assert_record_consistent(item)
    assert records[0]["id"] != records[1]["id"]
    assert read_jsonl(rejects) == []
    assert summary_counts(result.stderr) == (2, 2, 0)


def test_stdin_is_sniffed_and_format_forced(tmp_path: Path) -> None:
    data = crawl(*_typical_crawl())
    for args in (("clean", "-"), ("clean", "-", "--format", "warc")):
        result = run_cli(*args, input=data)
        assert result.returncode == 0, result.stderr
        records = read_jsonl(result.stdout)
        assert [(r["source"]["name"], r["source"]["line"]) for r in records] == [
            ("<stdin>", 3),
            ("<stdin>", 5),
        ]


def test_file_with_another_extension_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path / "CC-MAIN-00001.arcfile", crawl(*_typical_crawl()))
    [item] = expand_inputs([str(path)]).files
    assert item.format is None
    assert outcome(list(read_all([item], 1_000_000))) == [(3, "document"), (5, "document")]


def test_directory_walk_picks_up_warc_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "b" / "crawl.warc.gz", crawl(*_typical_crawl()))
    write(root / "a.warc", crawl(response(1), gz=False))
    write(root / "page.html", PAGE)
    write(root / "notes.md", b"not an input")
    expansion = expand_inputs([str(root)])
    assert [(Path(f.path).relative_to(root).as_posix(), f.format) for f in expansion.files] == [
        ("a.warc", "warc"),
        ("b/crawl.warc.gz", "warc"),
        ("page.html", "html"),
    ]
    assert [Path(path).name for path in expansion.skipped] == ["notes.md"]
    result = run_cli("clean", root)
    assert result.returncode == 0, result.stderr
    formats = [(r["source"]["format"], r["source"]["line"]) for r in read_jsonl(result.stdout)]
    assert formats == [("warc", 1), ("warc", 3), ("warc", 5), ("html", None)]


# --- charset: the HTTP header first, then the page --------------------------------------------

GERMAN = "<p>Der Bürgermeister sagte: „Wir müssen die Brücke öffnen“ – für alle Bürger.</p>"


def _german_page(body: str = GERMAN) -> bytes:
    return f"<html><body><article><h1>Brücke</h1>{body * 3}</article></body></html>".encode(
        "cp1252"
    )


def _only_document(tmp_path: Path, data: bytes) -> Document:
    [document] = read(write(tmp_path / "c.warc", data))
    assert isinstance(document, Document), document
    return document


def test_charset_from_http_header(tmp_path: Path) -> None:
    """A windows-1252 page without a meta charset, decoded as the HTTP header says."""
    headers = (("Content-Type", "text/html; charset=windows-1252"),)
    document = _only_document(tmp_path, crawl(response(1, _german_page(), headers=headers)))
    assert document.charset == "windows-1252"
    article = cleaner.process(document, cleaner.Config().with_entities(None))
    assert isinstance(article, cleaner.Article), article
    assert article.paragraphs[0] == GERMAN.removeprefix("<p>").removesuffix("</p>")
    encoding = article.to_dict()["processing"]["encoding"]
    assert encoding == {
        "name": "cp1252",
        "method": "declared",
        "declared": "cp1252",
        "replaced_bytes": 0,
    }


def test_content_language_from_http_header(tmp_path: Path) -> None:
    """The HTTP Content-Language is a declaration, checked against the text like the page's."""
    headers = (*HTML_UTF8, ("Content-Language", "de-AT"))
    page = _german_page().decode("cp1252").encode()
    document = _only_document(tmp_path, crawl(response(1, page, headers=headers)))
    article = cleaner.process(document, cleaner.Config().with_entities(None))
    assert isinstance(article, cleaner.Article), article
    language = article.to_dict()["language"]
    assert (language["code"], language["method"]) == ("de", "declared")
    assert (language["declared"], language["declared_in"]) == ("de-AT", "http Content-Language")


def test_http_header_that_lies_is_caught(tmp_path: Path) -> None:
    """The header says UTF-8, the bytes are windows-1252: decoding checks the declaration."""
    document = _only_document(tmp_path, crawl(response(1, _german_page())))
    assert document.charset == "utf-8"
    article = cleaner.process(document, cleaner.Config().with_entities(None))
    assert isinstance(article, cleaner.Article), article
    assert article.paragraphs[0] == GERMAN.removeprefix("<p>").removesuffix("</p>")
    encoding = article.to_dict()["processing"]["encoding"]
    assert (encoding["name"], encoding["method"], encoding["declared"]) == (
        "cp1252",
        "detected",
        "utf-8",
    )


# --- HTTP encodings of the payload ------------------------------------------------------------


def _chunked(data: bytes, size: int = 100) -> bytes:
    pieces = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


ENCODED = {
    "gzip": (gzip.compress(PAGE, mtime=0), (("Content-Encoding", "gzip"),)),
    "deflate": (zlib.compress(PAGE), (("Content-Encoding", "deflate"),)),
    "raw deflate": (_raw_deflate(PAGE), (("Content-Encoding", "deflate"),)),
    "br": (brotli.compress(PAGE), (("Content-Encoding", "br"),)),
    "chunked": (_chunked(PAGE), (("Transfer-Encoding", "chunked"),)),
    "chunked gzip": (
        _chunked(gzip.compress(PAGE, mtime=0)),
        (("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")),
    ),
    "chunked header, body not chunked": (PAGE, (("Transfer-Encoding", "chunked"),)),
}


@pytest.mark.parametrize("encoding", sorted(ENCODED))
def test_http_encodings_are_undone(tmp_path: Path, encoding: str) -> None:
    body, headers = ENCODED[encoding]
    headers = (("Content-Type", "text/html"), *headers)
    records = [response(1, body, headers=headers), response(2)]
    documents = read(write(tmp_path / "e.warc.gz", crawl(*records)))
    assert [document.content for document in documents] == [PAGE, PAGE]  # type: ignore[union-attr]


def test_broken_content_encoding_rejects_only_that_record(tmp_path: Path) -> None:
    headers = (("Content-Type", "text/html"), ("Content-Encoding", "gzip"))
    records = [response(1, b"this is not gzip data", headers=headers), response(2)]
    results = read(write(tmp_path / "e.warc.gz", crawl(*records)))
    assert outcome(results) == [(1, "unreadable"), (2, "document")]
    assert "Content-Encoding gzip" in results[0].message  # type: ignore[union-attr]


def test_unsupported_content_encoding(tmp_path: Path) -> None:
    headers = (("Content-Type", "text/html"), ("Content-Encoding", "zstd"))
    [reject] = read(
        write(tmp_path / "e.warc", crawl(response(1, b"\x28\xb5\x2f\xfd", headers=headers)))
    )
    assert isinstance(reject, Reject)
    assert (reject.reason, reject.source.line) == ("unreadable", 1)
    assert "'zstd' is not supported" in reject.message


# --- what is not an article, and why ----------------------------------------------------------


def test_non_html_and_error_responses_are_rejects(tmp_path: Path) -> None:
    records = [
        warcinfo(1),
        response(2),
        response(3, b"\x89PNG\r\n\x1a\n...", headers=(("Content-Type", "image/png"),)),
        response(4, b"%PDF-1.7 ...", headers=(("Content-Type", "application/pdf"),)),
        response(5, b'{"a": 1}', headers=(("Content-Type", "application/json"),)),
        response(6, b"<html>Not here</html>", status="404 Not Found"),
        response(7, b"", status="301 Moved Permanently"),
        response(8, PAGE, headers=()),  # no Content-Type: the payload is looked at
        response(9, b"plain words", headers=()),
        request(10),
    ]
    source = write(tmp_path / "mixed.warc.gz", crawl(*records))
    results = read(source)
    assert outcome(results) == [
        (2, "document"),
        (3, "not_html"),
        (4, "not_html"),
        (5, "not_html"),
        (6, "http_status"),
        (7, "http_status"),
        (8, "document"),
        (9, "not_html"),
    ]
    messages = {item.source.line: item.message for item in results if isinstance(item, Reject)}
    assert "image/png" in messages[3]
    assert "HTTP status 404 Not Found" in messages[6]
    for item in results:
        assert item.source.url == f"https://example.com/{item.source.line}"
        assert item.source.record_id == record_id(item.source.line)

    rejects_path = tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "--no-entities", "--rejects", rejects_path)
    assert result.returncode == 1, result.stderr
    assert summary_counts(result.stderr) == (8, 2, 6)
    rejects = read_jsonl(rejects_path)
    assert [(r["source"]["line"], r["reason"]) for r in rejects] == outcome(
        [item for item in results if isinstance(item, Reject)]
    )
    for reject in rejects:
        assert validate_record(reject, "reject") == [], reject


def test_payload_over_max_bytes_is_too_large(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 50_000 + b"</p>", mtime=0)
    records = [
        response(1, PAGE + b" " * 5_000),
        response(2, bomb, headers=(("Content-Type", "text/html"), ("Content-Encoding", "gzip"))),
        response(3),
    ]
    assert len(bomb) < 2_000 < len(PAGE) + 5_000
    results = read(write(tmp_path / "big.warc.gz", crawl(*records)), max_bytes=2_000)
    assert outcome(results) == [(1, "too_large"), (2, "too_large"), (3, "document")]
    assert "limits.max_bytes" in results[0].message  # type: ignore[union-attr]


def test_long_http_headers_are_read(tmp_path: Path) -> None:
    """A 40 kB cookie is over FastWARC's default header limit; it must not end the file."""
    headers = (("Content-Type", "text/html"), ("Set-Cookie", "session=" + "x" * 40_000))
    records = [response(1), response(2, headers=headers), response(3)]
    results = read(write(tmp_path / "cookies.warc.gz", crawl(*records)))
    assert outcome(results) == [(1, "document"), (2, "document"), (3, "document")]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_no_response_records_is_one_empty_reject(tmp_path: Path, gz: bool) -> None:
    path = write(tmp_path / "meta.warc", crawl(warcinfo(1), request(2), request(3), gz=gz))
    [reject] = read(path)
    assert isinstance(reject, Reject)
    assert (reject.reason, reject.source.line) == ("empty", None)
    assert "request 2, warcinfo 1" in reject.message


def test_empty_file_is_one_empty_reject(tmp_path: Path) -> None:
    assert outcome(read(write(tmp_path / "nothing.warc.gz", b""))) == [(None, "empty")]


# --- damaged files: the good records, then one unreadable reject, never a crash --------------


@pytest.mark.parametrize("cut", [20, 200], ids=["in-body", "in-headers"])
def test_truncated_warc_gz(tmp_path: Path, cut: int) -> None:
    data = crawl(warcinfo(1), response(2), request(3), response(4))
    source = write(tmp_path / "cut.warc.gz", data[: len(data) - cut])
    results = read(source)
    assert outcome(results) == [(2, "document"), (4, "unreadable")]
    assert "truncated or corrupt from record 4" in results[-1].message  # type: ignore[union-attr]

    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "-o", out, "--rejects", rejects)
    assert result.returncode == 1, result.stderr
    assert [r["source"]["line"] for r in read_jsonl(out)] == [2]
    [reject] = read_jsonl(rejects)
    assert (reject["reason"], reject["source"]["line"]) == ("unreadable", 4)
    assert validate_record(reject, "reject") == []
    assert summary_counts(result.stderr) == (2, 1, 1)


@pytest.mark.parametrize("cut", [40, 120, 300], ids=["in-headers", "in-http", "in-body"])
def test_truncated_plain_warc(tmp_path: Path, cut: int) -> None:
    last = response(3)
    data = crawl(response(1), request(2), last, gz=False)
    results = read(write(tmp_path / "cut.warc", data[: len(data) - len(last) + cut]))
    assert outcome(results) == [(1, "document"), (3, "unreadable")]


def test_corrupt_gzip_member_in_the_middle(tmp_path: Path) -> None:
    members = [gzip.compress(item, mtime=0) for item in (response(1), response(2), response(3))]
    broken = bytearray(members[1])
    broken[len(broken) // 2] ^= 0xFF
    source = write(tmp_path / "bad.warc.gz", members[0] + bytes(broken) + members[2])
    assert outcome(read(source)) == [(1, "document"), (2, "unreadable")]


def test_not_a_warc_file(tmp_path: Path) -> None:
    results = read(write(tmp_path / "page.warc", PAGE))
    assert outcome(results) == [(1, "unreadable")]


# --- FastWARC is optional ---------------------------------------------------------------------


@pytest.fixture
def without_fastwarc(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("fastwarc", "fastwarc.warc"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.usefixtures("without_fastwarc")
def test_missing_fastwarc_is_a_usage_error_with_the_install_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "x.warc.gz", crawl(response(1)))
    with pytest.raises(InputError, match=r"pip install 'cleaner\[warc\]'"):
        expand_inputs([str(source)])
    assert cli.main(["clean", str(source)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"cleaner: error: {source}: {MISSING}\n"
    assert INSTALL in captured.err


@pytest.mark.usefixtures("without_fastwarc")
def test_missing_fastwarc_when_sniffed_is_a_reject(tmp_path: Path) -> None:
    """A WARC found only by sniffing (stdin, another extension) is found while reading."""
    source = write(tmp_path / "crawl.data", crawl(response(1)))
    [reject] = read_all(expand_inputs([str(source)]).files, 1_000_000)
    assert isinstance(reject, Reject)
    assert reject.reason == "unreadable"
    assert INSTALL in reject.message


@pytest.mark.usefixtures("without_fastwarc")
def test_other_inputs_need_no_fastwarc(tmp_path: Path) -> None:
    write(tmp_path / "in" / "page.html", PAGE)
    assert [f.format for f in expand_inputs([str(tmp_path / "in")]).files] == ["html"]

"""Fuzzing: nothing a corpus holds can crash a run (issue 18).

Hypothesis feeds every reader (text and HTML files, JSONL lines, WARC records, gzip streams),
the pipeline (`read_file` then `process_chunk`: `process` and the JSON line it writes) and
`cleaner validate` (`check_file` and every report format) inputs built from `corpus/`, the
schema examples and, when `../shared` is present, the article-extraction benchmark's pages
(read at run time, never copied here), then damaged: cut short, bytes flipped, deleted or
repeated, deep nesting in HTML and JSON, huge attributes and lines, NUL and control bytes, lone
surrogates, mixed encodings, broken gzip and brotli, absurd WARC and HTTP headers.

The property: no exception escapes; every input gives results whose count equals its inputs
(one for a whole file, one per non-blank line of a JSONL file, at their line numbers, one per
response record of a sound WARC file, record numbers rising and the reject for the damage
last in a damaged one); every reject validates against the reject schema (so its reason
is in the schema's enum) and none is an `internal_error`; every article validates; and
`cleaner validate` reports problems at lines of the file, in every format, never a traceback.
The bugs the fuzzers found are kept below as plain tests named after what broke.

Two profiles, chosen by the environment variable `CLEANER_FUZZ`: `ci` (the default: a fixed
seed, no example database, 60 to 300 examples per target, about 30 s) and `long` (about a
hundred times more, some 20 minutes on one core), by hand or through `benchmarks/fuzz.py`,
which prints the inputs tried per target:

    CLEANER_FUZZ=long pytest tests/test_fuzz.py
    python benchmarks/fuzz.py
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from xml.etree import ElementTree

import brotli
import pytest
from conftest import ROOT, SHARED, read_jsonl, run_cli, summary_counts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.archive.check import Counts, Options, check_file
from cleaner.archive.ids import DuplicateIds
from cleaner.archive.report import FORMATS, make_report
from cleaner.config import Config
from cleaner.document import Article, Document, Reject, Source
from cleaner.pipeline import process
from cleaner.read.inputs import InputFile, read_file
from cleaner.run.chunks import Chunk, process_chunk
from cleaner.validate import validate_record

PROFILE = os.environ.get("CLEANER_FUZZ", "ci")
# Examples per target and profile: the readers are fast and carry most of the long profile.
EXAMPLES = {
    "ci": {
        "text": 200,
        "html": 200,
        "jsonl": 200,
        "warc": 150,
        "gzip": 200,
        "pipeline": 60,
        "validate": 300,
    },
    "long": {
        "text": 22_000,
        "html": 22_000,
        "jsonl": 20_000,
        "warc": 14_000,
        "gzip": 22_000,
        "pipeline": 2_000,
        "validate": 8_000,
    },
}
for _name, _counts in EXAMPLES.items():
    settings.register_profile(
        f"fuzz-{_name}",
        max_examples=max(_counts.values()),
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        suppress_health_check=list(HealthCheck),
    )
FUZZ = settings.get_profile(f"fuzz-{PROFILE}")


BENCHMARK_PAGES = SHARED / "data" / "article-extraction-benchmark" / "html"
REASONS = frozenset(
    json.loads((ROOT / "schemas" / "reject.schema.json").read_text("utf-8"))["properties"][
        "reason"
    ]["enum"]
)
CONFIG = Config()
MAX_BYTES = CONFIG.limits.max_bytes


# --- seeds: the corpus, the schema examples and the benchmark pages ---------------------------


def _corpus(*suffixes: str) -> list[bytes]:
    found = []
    for path in sorted((ROOT / "corpus").iterdir()):
        if path.is_file() and path.name.endswith(suffixes):
            data = path.read_bytes()
            found.append(gzip.decompress(data) if path.name.endswith(".gz") else data)
    return found


def _benchmark_pages(limit: int = 40) -> list[bytes]:
    """Up to `limit` benchmark pages, each cut to 64 KB; none when ../shared is absent."""
    if not BENCHMARK_PAGES.is_dir():
        return []
    paths = sorted(BENCHMARK_PAGES.glob("*.html.gz"))[:limit]
    return [gzip.decompress(path.read_bytes())[: 64 * 1024] for path in paths]


TEXTS = _corpus(".txt")
PAGES = _corpus(".html", ".htm", ".html.gz") + _benchmark_pages()
JSONL = _corpus(".jsonl") + [
    (json.dumps({"id": f"t{n}", "text": text.decode("utf-8", "replace")}) + "\n").encode()
    for n, text in enumerate(TEXTS[:4])
]
RECORDS = [
    json.loads(path.read_text("utf-8"))
    for folder in ("valid", "invalid")
    for path in sorted((ROOT / "tests" / "schema_examples" / folder).glob("*.json"))
] + [
    {
        "schema_version": "1.5.0",
        "id": None,
        "source": {
            "name": "a.jsonl",
            "format": "jsonl",
            "line": 2,
            "url": None,
            "fetched": None,
            "record_id": None,
        },
        "reason": "invalid_json",
        "message": "not valid JSON",
    }
]


ODD_VALUES: list[Any] = [
    "\ud800",
    "x\udc00y",
    "",
    " ",
    "\x00",
    float("nan"),
    float("inf"),
    10**40,
    -1,
    1.5,
    True,
    None,
    [],
    {},
    {"\udc00": 1},
    "9" * 300,
    "x" * 100_000,
]


# --- mutations ----------------------------------------------------------------------------

INSERTS = [
    b"\x00",
    bytes(range(1, 32)),
    b"\x7f\x85\x9f\xad",
    b"\xed\xa0\x80",  # a lone surrogate as (invalid) UTF-8
    b"\\ud800",  # a lone surrogate as a JSON escape
    b"\\udfff\\ud800",
    "«Café» — “quoted”".encode("cp1252"),
    "Zürich, Œuvre".encode("latin-1", "replace"),
    "Zürich".encode("utf-16"),
    "東京の雨".encode("shift_jis"),
    "Дождь".encode("koi8-r"),
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3\xa9\xe9\xc3",  # UTF-8 and latin-1 mixed
    b"\r",
    b"\n\n\n",
    b"\x1f\x8b\x08\x00",
    b"WARC/1.1\r\n",
    b'{"text": "',
    b'"id": 1, "id": 2, ',
    b"]}\n",
    b"<!--",
    b"<script>",
    b"<![CDATA[",
    b'<meta charset="utf-16">',
    b'<meta charset="\x00">',
    b'<?xml version="1.0" encoding="ebcdic-cp-us"?>',
    b"&#0;&#xD800;&#99999999999;&",
    b"NaN",
    b"1e999999",
    b"9" * 5000,
]
GROWTHS: list[Callable[[int], bytes]] = [
    lambda n: b"<div>" * n,
    lambda n: b"<b><i>" * n,
    lambda n: b"<table><tr><td>" * n,
    lambda n: b"[" * n,
    lambda n: b'{"a":' * n,
    lambda n: b'<a title="' + b"x" * (10 * n) + b'">',
    lambda n: b"<p " + b"a=1 " * n + b">",
    lambda n: b"word " * n,
    lambda n: b"x" * (10 * n),
    lambda n: b"\n" * n,
    lambda n: b"\x00" * n,
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes], big: int) -> bytes:
    """A seed with up to three mutations; grown pieces have up to `big` repeats."""
    data = draw(st.sampled_from(seeds))
    sizes = [n for n in (3, 100, 1_000, 5_000, 50_000, 200_000) if n <= big]
    for _ in range(draw(st.integers(0, 3))):
        operation = draw(st.sampled_from(MUTATIONS))
        at = draw(st.integers(0, len(data)))
        end = draw(st.integers(at, min(len(data), at + 4096)))
        if operation == "truncate":
            data = data[:at]
        elif operation == "flip" and data:
            spot = min(at, len(data) - 1)
            flipped = data[spot] ^ draw(st.integers(1, 255))
            data = data[:spot] + bytes([flipped]) + data[spot + 1 :]
        elif operation == "insert":
            data = data[:at] + draw(st.sampled_from(INSERTS)) + data[at:]
        elif operation == "grow":
            piece = draw(st.sampled_from(GROWTHS))(draw(st.sampled_from(sizes)))
            data = data[:at] + piece + data[at:]
        elif operation == "delete":
            data = data[:at] + data[end:]
        elif operation == "repeat":
            data = data[:end] + data[at:end] * draw(st.integers(1, 50)) + data[end:]
        elif operation == "random":
            data = data[:at] + draw(st.binary(max_size=64)) + data[at:]
    return data


MUTATIONS = ["truncate", "flip", "insert", "grow", "delete", "repeat", "random"]


@st.composite
def gzipped(draw: st.DrawFn, inner: st.SearchStrategy[bytes]) -> bytes:
    """`inner` gzipped, whole or in two members, then maybe cut, flipped or with a tail."""
    data = draw(inner)
    cut = draw(st.integers(0, len(data)))
    if draw(st.booleans()):
        packed = gzip.compress(data, mtime=0)
    else:
        packed = gzip.compress(data[:cut], mtime=0) + gzip.compress(data[cut:], mtime=0)
    damage = draw(st.sampled_from(["none", "none", "truncate", "flip", "tail"]))
    at = draw(st.integers(0, len(packed) - 1))
    if damage == "truncate":
        packed = packed[:at]
    elif damage == "flip":
        packed = packed[:at] + bytes([packed[at] ^ draw(st.integers(1, 255))]) + packed[at + 1 :]
    elif damage == "tail":
        packed += draw(st.sampled_from([b"\x00" * 8, b"garbage", b"\x1f\x8b", b"\x1f\x8b\x08"]))
    return packed


TAILS = ["", "\ud800", "\udcff tail", "\x00", "\x1b[31m", "\u2028"]


@st.composite
def jsonl_records(draw: st.DrawFn) -> bytes:
    """JSONL lines that parse: a corpus text or page with an odd tail, and odd values (lone
    surrogates, NaN, huge numbers, wrong types) in the fields the reader looks at."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["text", "html"]))
        content = draw(st.sampled_from(TEXTS if kind == "text" else PAGES))
        record = {kind: content.decode("utf-8", "replace") + draw(st.sampled_from(TAILS))}
        for key in ("id", "url", "title", "language", "section"):
            if draw(st.booleans()):
                record[key] = draw(st.sampled_from(ODD_VALUES))
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(line.encode("utf-8", "surrogatepass"))
    return b"\n".join(lines) + b"\n"


# --- WARC files -----------------------------------------------------------------------------

STATUSES = ["200 OK", "200 OK", "206 Partial", "404 Not Found", "999 Odd", "", "abc", "-1 x"]
CONTENT_TYPES = [
    "text/html; charset=utf-8",
    "text/html",
    None,
    'TEXT/HTML; Charset="ISO-8859-1"',
    "text/html; charset=utf-16",
    "text/html; charset=\x00",
    "text/html; charset=" + "x" * 5000,
    "text/html; charset=zlib",
    "image/png",
    ";;;",
]
CODINGS = [
    None,
    None,
    "gzip",
    "x-gzip",
    "deflate",
    "deflate-raw",
    "br",
    "gzip, br",
    "bogus",
    "\x00",
]
LANGUAGES = [None, "en", "de-DE, fr", "x" * 3000, "\x01\x02", "zz"]
WARC_TYPES = ["response", "response", "response", "request", "warcinfo", "metadata", "x-odd"]
VERSIONS = ["WARC/1.1", "WARC/1.0", "WARC/0.9", "WARC/99", "WARC/", "warc/1.1"]
LENGTHS = ["right", "right", "right", "-1", "abc", "", "99999999999999999999", "plus", "minus"]


def _encode(body: bytes, coding: str | None) -> bytes:
    if coding in ("gzip", "x-gzip"):
        return gzip.compress(body, mtime=0)
    if coding == "deflate":
        return zlib.compress(body)
    if coding == "deflate-raw":
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        return packer.compress(body) + packer.flush()
    if coding == "br":
        return brotli.compress(body)
    if coding == "gzip, br":
        return brotli.compress(gzip.compress(body, mtime=0))
    return body


@st.composite
def http_block(draw: st.DrawFn, big: int) -> tuple[bytes, bool]:
    """An HTTP response: odd statuses and headers, encoded bodies, some of them broken; and
    whether its headers are short enough for the WARC reader (1 MiB) to read it."""
    body = draw(mutated(PAGES, big)) if draw(st.booleans()) else draw(st.sampled_from(PAGES))
    coding = draw(st.sampled_from(CODINGS))
    payload = _encode(body, coding)
    if draw(st.integers(0, 3)) == 0 and payload:  # a broken or cut encoded body
        at = draw(st.integers(0, len(payload) - 1))
        payload = payload[:at] + bytes([payload[at] ^ 0x55]) + payload[at + 1 : at + 1 + at]
    headers = []
    content_type = draw(st.sampled_from(CONTENT_TYPES))
    if content_type is not None:
        headers.append(f"Content-Type: {content_type}")
    if coding is not None:
        headers.append(f"Content-Encoding: {coding.replace('deflate-raw', 'deflate')}")
    language = draw(st.sampled_from(LANGUAGES))
    if language is not None:
        headers.append(f"Content-Language: {language}")
    chunking = draw(st.sampled_from(["none", "none", "chunked", "huge", "bad"]))
    if chunking != "none":
        headers.append("Transfer-Encoding: chunked")
        size = {"huge": "ffffffffffffffff", "bad": "zz"}.get(chunking, f"{len(payload):x}")
        payload = f"{size}\r\n".encode() + payload + b"\r\n0\r\n\r\n"
    if draw(st.integers(0, 5)) == 0:
        headers.append("X-Long: " + "y" * draw(st.sampled_from([10, 40_000, 2_000_000])))
    status = draw(st.sampled_from(STATUSES))
    head = "\r\n".join([f"HTTP/1.1 {status}".rstrip(), *headers]) + "\r\n\r\n"
    return head.encode("utf-8", "surrogateescape") + payload, len(head) < 2**20


@st.composite
def warc_record(draw: st.DrawFn, number: int, big: int) -> tuple[bytes, str, bool]:
    """One WARC record, a third of them with absurd headers; its type, and whether it is sound
    (the headers a reader needs, right, and short enough)."""
    kind = draw(st.sampled_from(WARC_TYPES))
    block, sound = draw(http_block(big)) if kind == "response" else (b"software: fuzz\r\n", True)
    odd = draw(st.integers(0, 2)) == 0
    version = draw(st.sampled_from(VERSIONS)) if odd else "WARC/1.1"
    length = draw(st.sampled_from(LENGTHS)) if odd else "right"
    sound = sound and version in ("WARC/1.0", "WARC/1.1") and length == "right"
    length = {
        "right": str(len(block)),
        "plus": str(len(block) + 10),
        "minus": str(max(0, len(block) - 10)),
    }.get(length, length)
    headers = [
        version,
        f"WARC-Type: {kind}",
        f"WARC-Date: {draw(st.sampled_from(['2024-05-01T12:00:00Z', '', 'yesterday']))}",
        f"WARC-Target-URI: https://example.com/{number}",
        "Content-Type: application/http; msgtype=response",
    ]
    if not odd or draw(st.booleans()):
        headers.append(f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>")
    else:
        sound = False
    if not odd or draw(st.booleans()):
        headers.append(f"Content-Length: {length}")
    else:
        sound = False
    if odd and draw(st.booleans()):
        headers.append(draw(st.sampled_from(["no colon here", "X: \x00\xff", "X-" + "z" * 70_000])))
    head = "\r\n".join(headers) + "\r\n\r\n"
    return head.encode("utf-8", "surrogateescape") + block + b"\r\n\r\n", kind, sound


@st.composite
def warc_files(draw: st.DrawFn, big: int) -> tuple[bytes, list[int] | None]:
    """A WARC file of up to four records: plain, gzipped per record or as a whole, maybe
    damaged after it was written; and the numbers of its response records when every record
    is sound and the file was not damaged (else None)."""
    count = draw(st.integers(0, 4))
    drawn = [draw(warc_record(number, big)) for number in range(1, count + 1)]
    records = [record for record, _, _ in drawn]
    responses = [n for n, (_, kind, _) in enumerate(drawn, 1) if kind == "response"]
    if not all(sound for _, _, sound in drawn):
        responses = None
    packing = draw(st.sampled_from(["plain", "per-record", "whole"]))
    if packing == "per-record":
        data = b"".join(gzip.compress(record, mtime=0) for record in records)
    elif packing == "whole":
        data = gzip.compress(b"".join(records), mtime=0)
    else:
        data = b"".join(records)
    if data and draw(st.integers(0, 3)) == 0:
        damaged = draw(mutated([data], big))
        responses = responses if damaged == data else None
        data = damaged
    return data, responses


# --- the properties ----------------------------------------------------------------------------


def check_result(item: Any) -> None:
    """A reader's or the pipeline's result: a document, or a reject valid against the schema
    with a reason other than a bug."""
    if isinstance(item, Reject):
        record = item.to_dict()
        assert validate_record(record, "reject") == [], record
        assert item.reason in REASONS and item.reason != "internal_error", record
    else:
        assert isinstance(item, Document), item
        assert item.kind in ("text", "html") and isinstance(item.content, bytes | str)


def jsonl_lines(data: bytes, max_bytes: int) -> list[int]:
    """The numbers of the lines a JSONL reader gives a result for: non-blank or too long."""
    found = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.strip() or len(line) > max_bytes:
            found.append(number)
    return found


def read_bytes(data: bytes, name: str, fmt: str | None, max_bytes: int) -> list[Any]:
    """Everything `read_file` yields for `data` stored as `name`, each result checked."""
    path = Path(_FOLDER.name) / name
    path.write_bytes(data)
    results = list(read_file(InputFile(str(path), fmt), max_bytes))
    for item in results:
        check_result(item)
    return results


def _unpacked(data: bytes) -> bytes | None:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return None


def check_whole_file(data: bytes, kind: str, max_bytes: int) -> None:
    """A text or HTML file (gzipped or not) is one document or one reject."""
    suffix = ".txt" if kind == "text" else ".html"
    [item] = read_bytes(data, "page" + suffix, kind, max_bytes)
    if isinstance(item, Reject):
        assert item.reason in ("too_large", "unreadable"), item


def check_jsonl_file(data: bytes, max_bytes: int) -> None:
    """One result per non-blank line, at its line; the lines before a broken gzip stream,
    then one `unreadable`."""
    results = read_bytes(data, "records.jsonl", "jsonl", max_bytes)
    lines = [item.source.line for item in results]
    unpacked = _unpacked(data) if data[:2] == b"\x1f\x8b" else data
    if unpacked is None:
        assert results[-1].reason == "unreadable", results[-1]
        assert lines == sorted(set(lines))
        return
    expected = jsonl_lines(unpacked, max_bytes)
    if expected:
        assert lines == expected
    else:
        assert [(item.reason, item.source.line) for item in results] == [("empty", None)]


def check_warc_file(data: bytes, responses: list[int] | None, max_bytes: int) -> None:
    """One result per response record of a sound file (`responses`: their numbers), or one
    `empty` reject without any; else documents and rejects in record order, and at most one
    reject for the damage, last (a record whose Content-Encoding cannot be undone is
    `unreadable` where it is)."""
    results = read_bytes(data, "crawl.warc.gz", "warc", max_bytes)
    assert results
    lines = [item.source.line for item in results]
    if responses is not None:
        assert lines == (responses or [None]), (lines, responses)
    if lines == [None]:
        assert results[0].reason in ("empty", "unreadable"), results[0]
        return
    assert None not in lines and lines == sorted(set(lines)), lines
    unreadable = [
        n for n, item in enumerate(results) if getattr(item, "reason", "") == "unreadable"
    ]
    broken = [n for n in unreadable if "truncated or corrupt" in results[n].message]
    assert broken in ([], [len(results) - 1]), results
    for item in results:
        if isinstance(item, Document):
            assert item.kind == "html" and isinstance(item.content, bytes)


def check_sniffed(data: bytes, max_bytes: int) -> None:
    """An input whose format is found from its bytes (stdin, an unknown extension)."""
    results = read_bytes(data, "input.data", None, max_bytes)
    assert results
    lines = [item.source.line for item in results]
    assert lines == [None] or (None not in lines and lines == sorted(set(lines))), lines


def _not_json(constant: str) -> NoReturn:
    raise AssertionError(f"{constant} written into a record: not JSON (RFC 8259)")


def check_pipeline(items: list[Any]) -> None:
    """`process_chunk` on what a reader gave: in = written + rejected, every article line is
    JSON valid against the schema, every reject valid and not a bug."""
    done = process_chunk(Chunk(0, tuple(items)), CONFIG)
    assert done.summary.read == len(items)
    assert done.summary.written + done.summary.rejected.total() == len(items)
    assert len(done.rejects) == done.summary.rejected.total()
    articles = [json.loads(line, parse_constant=_not_json) for line in done.articles.splitlines()]
    assert len(articles) == done.summary.written
    for record in articles:
        assert validate_record(record) == [], record["source"]
    for reject in done.rejects:
        check_result(reject)


def check_archive(data: bytes, name: str, strict: bool, max_line_bytes: int) -> None:
    """`cleaner validate` on one file: problems at lines of the file, a report in every
    format (written as UTF-8, as to a terminal) that reads back (one line per problem in the
    text report, JSON, XML), never a traceback."""
    path = Path(_FOLDER.name) / name
    path.write_bytes(data)
    counts = Counts()
    options = Options(strict=strict, max_line_bytes=max_line_bytes)
    problems = list(check_file(str(path), options, counts, DuplicateIds()))
    unpacked = _unpacked(data) if data[:2] == b"\x1f\x8b" else data
    for problem in problems:
        assert problem.line >= 1 and problem.message and problem.kind, problem
        if unpacked is not None:  # a broken gzip stream hides how many lines it holds
            assert problem.line <= unpacked.count(b"\n") + 2, problem
    if name.endswith(".jsonl") and unpacked is not None and not counts.unreadable:
        assert counts.records == len(jsonl_lines(unpacked, max_line_bytes))
    for form in FORMATS:
        stored = io.BytesIO()
        out = io.TextIOWrapper(stored, encoding="utf-8")
        report = make_report(form, out)
        for problem in problems:
            report.problem(problem)
        report.file_done(str(path), counts)
        report.finish(1, counts)
        out.flush()
        written = stored.getvalue()
        if form in ("text", "github"):
            assert written.count(b"\n") == len(problems), written
        elif form == "json":
            assert len(json.loads(written)["errors"]) == len(problems)
        else:
            ElementTree.fromstring(written)


_FOLDER = tempfile.TemporaryDirectory(prefix="cleaner-fuzz-")


# --- archives for `cleaner validate` -----------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*prefix, index))


def _replaced(record: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(record) if isinstance(record, dict) else list(record)
    copy[path[0]] = _replaced(copy[path[0]], path[1:], value)
    return copy


@st.composite
def archive_records(draw: st.DrawFn) -> Any:
    """A record from the schema examples, maybe with one value replaced by an odd one."""
    record = draw(st.sampled_from(RECORDS))
    if draw(st.booleans()):
        path = draw(st.sampled_from(list(_paths(record))))
        record = _replaced(record, path, draw(st.sampled_from(ODD_VALUES)))
    return record


@st.composite
def archives(draw: st.DrawFn, big: int) -> tuple[bytes, str]:
    """A `.jsonl` or `.json` file of records, maybe damaged after it was written, maybe
    gzipped (and the gzip stream maybe broken)."""
    records = draw(st.lists(archive_records(), max_size=4))
    ascii_only = draw(st.booleans())
    if draw(st.booleans()):
        name = "records.jsonl"
        lines = [json.dumps(record, ensure_ascii=ascii_only) for record in records]
        text = "".join(line + draw(st.sampled_from(["\n", "\n", "\n\n", "\r\n"])) for line in lines)
    else:
        name = "records.json"
        shape = records if len(records) != 1 or draw(st.booleans()) else records[0]
        text = json.dumps(shape, ensure_ascii=ascii_only, indent=draw(st.sampled_from([None, 1])))
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = draw(mutated([data], big))
    if draw(st.integers(0, 3)) == 0:
        data = draw(gzipped(st.just(data)))
        name += ".gz"
    return data, name


# --- the fuzz targets ---------------------------------------------------------------------------

READER_LIMITS = st.sampled_from([64, 4096, MAX_BYTES])
BIG = 200_000  # readers take the largest grown pieces; the pipeline far smaller ones
PIPELINE_BIG = 5_000


@dataclass(frozen=True)
class Target:
    """What to generate for one fuzz target, and the property every input must have."""

    inputs: st.SearchStrategy[Any]
    check: Callable[[Any], None]


def _gzip_case(kind: str | None, data: bytes, max_bytes: int) -> None:
    if kind == "jsonl":
        check_jsonl_file(data, max_bytes)
    elif kind is None:
        check_sniffed(data, max_bytes)
    else:
        check_whole_file(data, kind, max_bytes)


def _pipeline_case(data: bytes, name: str, fmt: str | None) -> None:
    check_pipeline(read_bytes(data, name, fmt, MAX_BYTES)[:4])  # at most four documents


_GZIP_SEEDS = {"text": TEXTS, "html": PAGES, "jsonl": JSONL, None: TEXTS + PAGES + JSONL}
TARGETS = {
    "text": Target(
        st.tuples(mutated(TEXTS, BIG), READER_LIMITS),
        lambda case: check_whole_file(case[0], "text", case[1]),
    ),
    "html": Target(
        st.tuples(mutated(PAGES, BIG), READER_LIMITS),
        lambda case: check_whole_file(case[0], "html", case[1]),
    ),
    "jsonl": Target(
        st.tuples(st.one_of(mutated(JSONL, BIG), jsonl_records()), READER_LIMITS),
        lambda case: check_jsonl_file(*case),
    ),
    "warc": Target(
        st.tuples(warc_files(BIG), READER_LIMITS),
        lambda case: check_warc_file(*case[0], case[1]),
    ),
    "gzip": Target(
        st.sampled_from(list(_GZIP_SEEDS)).flatmap(
            lambda kind: st.tuples(
                st.just(kind), gzipped(mutated(_GZIP_SEEDS[kind], BIG)), READER_LIMITS
            )
        ),
        lambda case: _gzip_case(*case),
    ),
    "pipeline": Target(
        st.one_of(
            mutated(TEXTS, PIPELINE_BIG).map(lambda data: (data, "a.txt", "text")),
            mutated(PAGES, PIPELINE_BIG).map(lambda data: (data, "a.html", "html")),
            mutated(JSONL, PIPELINE_BIG).map(lambda data: (data, "a.jsonl", "jsonl")),
            jsonl_records().map(lambda data: (data, "a.jsonl", "jsonl")),
            warc_files(PIPELINE_BIG).map(lambda made: (made[0], "a.warc", "warc")),
            mutated(TEXTS + PAGES + JSONL, PIPELINE_BIG).map(lambda data: (data, "a.bin", None)),
        ),
        lambda case: _pipeline_case(*case),
    ),
    "validate": Target(
        st.tuples(archives(BIG), st.booleans(), st.sampled_from([64, 100_000, 256 * 2**20])),
        lambda case: check_archive(*case[0], case[1], case[2]),
    ),
}


def run_target(name: str, examples: int, tried: Counter[str] | None = None) -> None:
    """Fuzz one target with `examples` inputs under the profile's settings, counting every
    input tried into `tried`; raises what Hypothesis raises for a failing input."""
    target = TARGETS[name]

    @settings(FUZZ, max_examples=examples)
    @given(target.inputs)
    def fuzz(case: Any) -> None:
        if tried is not None:
            tried[name] += 1
        target.check(case)

    fuzz()


@pytest.mark.parametrize("target", list(TARGETS))
def test_fuzz(target: str) -> None:
    run_target(target, EXAMPLES[PROFILE][target])


def test_benchmark_pages_are_a_source() -> None:
    """The benchmark pages join the seeds when ../shared is present."""
    if not BENCHMARK_PAGES.is_dir():
        pytest.skip(f"{BENCHMARK_PAGES} is absent: fuzzing from the corpus alone")
    assert len(PAGES) > len(_corpus(".html", ".htm", ".html.gz"))


# --- bugs the fuzzers found ------------------------------------------------------------------

GOOD_PAGE = (
    b"<html><body><article><h1>Bridge reopens</h1>"
    + b"<p>The old bridge reopened to traffic on Tuesday after two years of repairs.</p>" * 3
    + b"</article></body></html>"
)


def _warc_response(number: int, headers: str, body: bytes) -> bytes:
    block = f"HTTP/1.1 200 OK\r\n{headers}\r\n".encode() + body
    head = (
        f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{number}>\r\n"
        f"WARC-Target-URI: https://example.com/{number}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def test_warc_chunk_size_past_the_end_of_the_body_is_read_not_an_overflow(
    tmp_path: Path,
) -> None:
    """A chunk-size line of ffffffffffffffff raised OverflowError out of the WARC reader and
    ended the run; the chunk now keeps the rest of the body, and the next record is read."""
    chunked = "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
    crawl = _warc_response(1, chunked, b"ffffffffffffffff\r\n" + GOOD_PAGE) + _warc_response(
        2, "Content-Type: text/html\r\n", GOOD_PAGE
    )
    source = tmp_path / "crawl.warc"
    source.write_bytes(crawl)
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = run_cli("clean", source, "-o", out, "--rejects", rejects)
    assert result.returncode == 0, result.stderr.decode()
    assert [record["source"]["line"] for record in read_jsonl(out)] == [1, 2]
    assert summary_counts(result.stderr) == (2, 2, 0)


def test_charset_with_a_nul_byte_is_ignored_not_an_internal_error() -> None:
    """An HTTP `charset=utf\\x008` made `codecs.lookup` raise ValueError: an internal_error
    reject. A label that names no codec is ignored, as an unknown one always was."""
    document = Document(Source("crawl.warc", "warc", 1), GOOD_PAGE, "html", charset="utf\x008")
    article = process(document)
    assert isinstance(article, Article), article
    assert article.encoding is not None and article.encoding.declared is None


def test_lone_surrogate_in_a_record_is_checked_not_a_crash(tmp_path: Path) -> None:
    """A JSON `"\\ud800"` escape in a paragraph (or a whole record that is such a string)
    made the compiled validator raise UnicodeEncodeError out of `cleaner validate`."""
    record = json.loads(
        next((ROOT / "tests" / "schema_examples" / "valid").glob("*.json")).read_text()
    )
    record["paragraphs"][0] = "Rain \ud800 fell."
    assert validate_record(record) == []
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(record) + "\n" + json.dumps("\udc00") + "\n")
    problems = list(check_file(str(source), Options(strict=True), Counts()))
    assert [(problem.line, problem.kind) for problem in problems] == [(2, "type")]


@pytest.mark.parametrize("version", ["9" * 300, "1.0\x00", "../../pyproject"])
def test_schema_version_that_is_no_file_name_is_unknown(tmp_path: Path, version: str) -> None:
    """A `schema_version` too long for a file name raised OSError out of `cleaner validate`;
    only released versions are looked up now."""
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps({"schema_version": version}) + "\n")
    [problem] = check_file(str(source), Options(), Counts())
    assert (problem.line, problem.kind) == (1, "unknown_schema_version")


@pytest.mark.parametrize(
    ("text", "line"),
    [('[{"id": "a"}\n x]', 2), ("[]\n]", 1), ("[\n{}\n\n}", 4)],
    ids=["record-then-text", "empty-array-then-text", "record-then-brace"],
)
def test_json_array_with_text_after_a_record_is_reported(
    tmp_path: Path, text: str, line: int
) -> None:
    """`[{...} x]` raised TypeError (a helper called with an argument missing) out of
    `cleaner validate`, and `[]]` passed as an empty, valid file."""
    source = tmp_path / "records.json"
    source.write_text(text)
    problems = list(check_file(str(source), Options(), Counts()))
    assert [problem.kind for problem in problems][-1] == "invalid_json"
    assert problems[-1].line == line


def test_validate_command_reports_each_bad_line_and_goes_on(tmp_path: Path) -> None:
    """End to end: the lines that crashed `cleaner validate` are reported at their lines."""
    source = tmp_path / "records.jsonl"
    source.write_text(
        json.dumps({"schema_version": "9" * 300})
        + "\n"
        + json.dumps({"schema_version": "1.5.0", "reason": "\ud800"})
        + "\n"
    )
    result = run_cli("validate", source)
    assert result.returncode == 1, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert [line.split(":")[1] for line in lines[:2]] == ["1", "2"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_in_a_json_line_is_invalid_not_written_back(tmp_path: Path, constant: str) -> None:
    """`"section": NaN` was read (Python's json allows it) and written back as `NaN`: an
    output line no other JSON tool reads. It is an invalid_json reject, and `cleaner validate`
    reports it at its line."""
    line = f'{{"text": "Rain falls\\n\\nIt rained all day, police said.", "section": {constant}}}'
    [reject] = read_bytes(line.encode() + b"\n", "records.jsonl", "jsonl", MAX_BYTES)
    assert (reject.reason, reject.source.line) == ("invalid_json", 1)
    assert f"{constant.lstrip('-')} is not a JSON number" in reject.message
    source = tmp_path / "records.jsonl"
    source.write_text("\n" + line + "\n")
    [problem] = check_file(str(source), Options(), Counts())
    assert (problem.line, problem.kind) == (2, "invalid_json")

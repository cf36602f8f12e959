"""Usage: python benchmarks/warc_reader.py [--records N] [--repeats R]

How fast cleaner reads WARC files, against warcio, on one file built for the run: the HTML
pages of the article-extraction benchmark (read from ../shared; the script exits 0 with a
message when the data is absent), repeated to `--records` response records (default 5,000),
each after the request record a crawler writes before it, behind a warcinfo record, gzipped
per record as crawlers write `.warc.gz`. The file is written to a temporary folder and deleted
afterwards: it holds third-party text.

Three readers do the same work on the same file, in the same process, taking turns for
`--repeats` rounds (default 5) so that machine noise hits them alike:

* `cleaner`: `cleaner.read.inputs.read_file` on the file, iterating the `Document`s it
  yields (FastWARC underneath, plus cleaner's checks: record completeness, HTTP status,
  Content-Type, charset, Content-Encoding);
* `warcio`: `warcio.ArchiveIterator`, for each response record the HTTP status, the
  Content-Type header and the payload bytes (`content_stream().read()`, which undoes the HTTP
  encodings as cleaner does);
* `fastwarc`: FastWARC's `ArchiveIterator` alone doing the same as warcio: the floor under
  cleaner's reader.

Figures: response records per second for each (best round, and the median), the ratio of
each to warcio, and a check that all three saw the same records and payload bytes.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import BENCHMARK, skip

from cleaner.document import Document
from cleaner.read.inputs import InputFile, read_file

MAX_BYTES = 10_000_000  # cleaner's default limits.max_bytes


def _record(kind: str, number: int, uri: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6, mtime=0)


def build(path: Path, pages: list[bytes], responses: int) -> int:
    """Write the WARC file; return its number of records."""
    number = 1
    with open(path, "wb") as out:
        info = b"software: cleaner benchmarks/warc_reader.py\r\nformat: WARC File Format 1.1\r\n"
        out.write(_record("warcinfo", number, "", info, "application/warc-fields"))
        for index in range(responses):
            uri = f"https://news.example/{index}"
            request = f"GET /{index} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
            page = pages[index % len(pages)]
            response = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(page)
            ) + page
            out.write(
                _record("request", number + 1, uri, request, "application/http; msgtype=request")
            )
            out.write(
                _record("response", number + 2, uri, response, "application/http; msgtype=response")
            )
            number += 2
    return number


def read_cleaner(path: Path) -> tuple[int, int]:
    """(documents, payload bytes) from cleaner's reader."""
    count = size = 0
    for item in read_file(InputFile(str(path), "warc"), MAX_BYTES):
        assert isinstance(item, Document), item
        count += 1
        size += len(item.content)
    return count, size


def read_warcio(path: Path) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    count = size = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            status = record.http_headers.get_statuscode()
            content_type = record.http_headers.get_header("Content-Type")
            body = record.content_stream().read()
            if status == "200" and content_type.startswith("text/html"):
                count += 1
                size += len(body)
    return count, size


def read_fastwarc(path: Path) -> tuple[int, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = size = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response):
            status = record.http_headers.status_code
            content_type = record.http_headers.get("Content-Type")
            body = record.reader.read()
            if status == 200 and content_type.startswith("text/html"):
                count += 1
                size += len(body)
    return count, size


READERS: dict[str, Callable[[Path], tuple[int, int]]] = {
    "cleaner": read_cleaner,
    "warcio": read_warcio,
    "fastwarc": read_fastwarc,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--records", type=int, default=5_000, help="response records (5,000)")
    parser.add_argument("--repeats", type=int, default=5, help="rounds per reader (5)")
    args = parser.parse_args(argv)
    try:
        import fastwarc  # noqa: F401
        import warcio  # noqa: F401
    except ImportError as error:
        skip(f"{error.name} is not installed: pip install -e '.[warc,bench]'")
    pages = [path.read_bytes() for path in sorted((BENCHMARK / "html").glob("*.html.gz"))]
    if not pages:
        skip(f"no pages under {BENCHMARK / 'html'} (../shared is absent; see data.py)")
    pages = [gzip.decompress(page) for page in pages]
    with tempfile.TemporaryDirectory() as temporary:
        path = Path(temporary) / "benchmark.warc.gz"
        started = time.perf_counter()
        records = build(path, pages, args.records)
        print(
            f"{path.name}: {records:,} records ({args.records:,} responses of {len(pages)} "
            f"pages, {sum(map(len, pages)) / len(pages) / 1000:.0f} kB each on average), "
            f"{path.stat().st_size / 1e6:.0f} MB gzipped per record, built in "
            f"{time.perf_counter() - started:.0f} s\n"
        )
        seen = {name: reader(path) for name, reader in READERS.items()}  # also warms the cache
        if len(set(seen.values())) != 1:
            print(f"FAIL: the readers disagree (records, payload bytes): {seen}")
            return 1
        rounds: dict[str, list[float]] = {name: [] for name in READERS}
        for _round in range(args.repeats):
            for name, reader in READERS.items():
                started = time.perf_counter()
                reader(path)
                rounds[name].append(time.perf_counter() - started)
    count, size = seen["cleaner"]
    print(f"each reader: {count:,} HTML responses, {size / 1e6:,.0f} MB of payload\n")
    print(f"{'reader':9} {'best rec/s':>11} {'median rec/s':>13} {'vs warcio':>10}")
    best_warcio = count / min(rounds["warcio"])
    for name, times in rounds.items():
        best, median = count / min(times), count / statistics.median(times)
        print(f"{name:9} {best:11,.0f} {median:13,.0f} {best / best_warcio:9.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The Python API behind `cleaner.clean_text`, `clean_html` and `process_records`.

    >>> clean_text("Rain falls\\n\\nIt rained, police said.").title
    'Rain falls'

`cleaner/__init__.py` re-exports these lazily, so `import cleaner` (and the command line) stays
quick until a function that needs the pipeline is called.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from cleaner.config import Config
from cleaner.document import Article, Document, Reject, Source
from cleaner.pipeline import prepare, process
from cleaner.read.jsonl import document_from_record
from cleaner.read.objects import html_content
from cleaner.run.chunks import CHUNK_SIZE, chunked
from cleaner.run.jobs import make_executor


class Rejected(ValueError):
    """The input could not become an article; `reject` says why (`reject.reason`)."""

    def __init__(self, reject: Reject) -> None:
        super().__init__(f"{reject.reason}: {reject.message}")
        self.reject = reject


def clean_text(
    text: str | bytes,
    title: str | None = None,
    *,
    id: str | None = None,
    url: str | None = None,
    source: str = "<text>",
    config: Config | None = None,
) -> Article:
    """Clean one plain-text article; `title` when you know it, else it is found in the text.

    `text` may be bytes: they are decoded as raw files are (byte-order mark, strict UTF-8, then
    charset detection; `cleaner.clean.encoding.decode`), and the record says how.
    """
    document = Document(Source(source, "text", url=url), text, "text", id=id, title=title)
    return _article(process(document, config or Config()))


def clean_html(
    html: bytes | str | Any,
    url: str | None = None,
    *,
    title: str | None = None,
    id: str | None = None,
    source: str = "<html>",
    config: Config | None = None,
) -> Article:
    """Clean one HTML page: raw bytes (charset decided and recorded), decoded text, a
    BeautifulSoup document, an lxml tree or element, or a requests/httpx response (its URL and
    its header's charset used; `url` overrides the URL). See `cleaner.read.objects`.

    >>> page = "<html><body><article><h1>Rain</h1><p>" + "It rained. " * 30 + "</p></article>"
    >>> clean_html(page, url="https://example.com/rain").title
    'Rain'
    """
    page = html_content(html)
    document = Document(
        Source(source, "html", url=url or page.url),
        page.content,
        "html",
        id=id,
        title=title,
        charset=page.charset,
        languages=page.languages,
    )
    return _article(process(document, config or Config()))


def process_records(
    records: Iterable[Mapping[str, Any] | Document],
    config: Config | None = None,
    source: str = "<records>",
    *,
    workers: int = 1,
) -> Iterator[Article | Reject]:
    """One `Article` or `Reject` per record, in order; records are dicts like JSONL lines.

    >>> results = list(process_records([{"text": "Rain falls\\n\\nIt rained, police said."},
    ...                                 {"html": ""}]))
    >>> [type(result).__name__ for result in results]
    ['Article', 'Reject']

    With `workers` > 1 the records are processed on that many processes, read lazily from
    `records` (a generator is fine, at most two chunks per worker wait in memory) and yielded
    in input order; the results are the same as with one. Each document has the time limit of
    `config.limits.max_seconds`.
    """
    config = config or Config()
    documents = (_document(record, source, number) for number, record in enumerate(records, 1))
    if workers > 1:
        prepare(config)
    executor = make_executor(config, workers)
    with executor:
        for result in executor.map(chunked(documents, CHUNK_SIZE, keep_objects=True)):
            yield from result.results


def _document(record: Mapping[str, Any] | Document, source: str, number: int) -> Document | Reject:
    if isinstance(record, Document):
        return record
    data = dict(record) if isinstance(record, Mapping) else record
    return document_from_record(data, Source(source, "jsonl", number))


def _article(result: Article | Reject) -> Article:
    if isinstance(result, Reject):
        raise Rejected(result)
    return result

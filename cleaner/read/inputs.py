"""What the user named on the command line, as an ordered list of files with formats.

    >>> format_for("dump.jsonl.gz"), format_for("page.HTM"), format_for("crawl.warc.gz")
    ('jsonl', 'html', 'warc')
    >>> format_for("notes.md") is None
    True

A directory is walked recursively, its files in sorted path order (as `dir/**/*` would list
them), and only files with a known extension are
read (the others are counted as skipped); a glob expands to its sorted matches; `-` is stdin.
A path that does not exist, or a glob that matches nothing, is an `InputError` before anything
is read, so a typo never produces a half-run; so is a WARC input when FastWARC, the optional
WARC reader, is not installed.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from cleaner.document import Document, Reject, Source
from cleaner.read import jsonl, warc, whole
from cleaner.read.files import (
    READ_ERRORS,
    STDIN,
    gunzip,
    head,
    open_input,
    sniff_format,
    unreadable,
)
from cleaner.read.unique import unique_ids

FORMATS = ("text", "html", "jsonl", "warc")
ARTICLE_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
RECORD_EXTENSIONS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}


class InputError(ValueError):
    """An input the user named that cannot be read at all (a usage error)."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read: its path (or `-`) and its format (`None`: decide from the content)."""

    path: str
    format: str | None


@dataclass(slots=True)
class Expansion:
    """The files to read, in order, and the files skipped under directories."""

    files: list[InputFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def format_for(path: str, extensions: dict[str, str] = ARTICLE_EXTENSIONS) -> str | None:
    """The format a file name implies (a `.gz` suffix is looked through), or `None`."""
    name = path.lower().removesuffix(".gz")
    return extensions.get(os.path.splitext(name)[1])


def expand_inputs(
    inputs: list[str],
    forced_format: str | None = None,
    extensions: dict[str, str] = ARTICLE_EXTENSIONS,
) -> Expansion:
    """Resolve files, directories, globs and `-` into files in input order.

    Under a directory only files with one of `extensions` are taken (`forced_format` does not
    widen that); a file named directly is always taken.
    """
    expansion = Expansion()
    for given in inputs:
        if given == STDIN:
            expansion.files.append(InputFile(STDIN, forced_format))
            continue
        if os.path.isdir(given) or os.path.isfile(given):
            paths = [given]
        elif glob.has_magic(given):
            paths = sorted(glob.glob(given, recursive=True))
            if not paths:
                raise InputError(f"{given}: no files match this pattern")
        else:
            raise InputError(f"{given}: no such file or directory")
        for path in paths:
            if os.path.isdir(path):
                _walk(path, forced_format, extensions, expansion)
            else:
                found = forced_format or format_for(path, extensions)
                expansion.files.append(InputFile(path, found))
    first_warc = next((item.path for item in expansion.files if item.format == "warc"), None)
    if first_warc is not None and not warc.available():
        raise InputError(f"{first_warc}: {warc.MISSING}")
    return expansion


def _walk(
    directory: str, forced_format: str | None, extensions: dict[str, str], expansion: Expansion
) -> None:
    """Files under `directory` sorted by path, as a recursive glob would list them."""
    paths = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths.extend(os.path.normpath(os.path.join(root, name)) for name in names)
    for path in sorted(paths):
        name = os.path.basename(path)
        found = format_for(name, extensions)
        if found is None or name.startswith("."):
            expansion.skipped.append(path)
        else:
            expansion.files.append(InputFile(path, forced_format or found))


def read_all(files: list[InputFile], max_bytes: int) -> Iterator[Document | Reject]:
    """Documents and read-time rejects from every file, in order; a repeated id is a
    `duplicate_id` reject (`cleaner.read.unique`)."""
    return unique_ids(document for item in files for document in read_file(item, max_bytes))


def read_file(item: InputFile, max_bytes: int) -> Iterator[Document | Reject]:
    """Documents from one file, by its format (sniffed from the content when unknown)."""
    name = "<stdin>" if item.path == STDIN else item.path
    try:
        with open_input(item.path) as stream:
            found = item.format or sniff_format(head(stream))
            if found == "warc":  # FastWARC reads gzip itself, much faster
                yield from warc.read(name, stream, max_bytes)
            elif found == "jsonl":
                yield from jsonl.read(name, gunzip(stream), max_bytes)
            else:
                kind = "html" if found == "html" else "text"
                yield from whole.read(name, gunzip(stream), max_bytes, kind)
    except READ_ERRORS as error:
        yield unreadable(Source(name, item.format or "text"), error)

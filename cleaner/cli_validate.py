"""The `cleaner validate` and `cleaner schema` commands: options, exit codes, output.

$ cleaner validate archive/ --strict --format github
$ cleaner schema -o vendor/article.schema.json
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from cleaner.archive import Options, validate_files
from cleaner.archive.records import MAX_LINE_BYTES
from cleaner.archive.report import FORMATS, make_report, summary_line
from cleaner.cli_args import EXIT_FAILED, EXIT_OK, EXIT_USAGE, positive, usage_error
from cleaner.document import SCHEMA_VERSION
from cleaner.read import InputError, expand_inputs
from cleaner.read.inputs import RECORD_EXTENSIONS
from cleaner.run import default_workers
from cleaner.validate import SCHEMA_NAMES, SchemaFileError, known_versions, schema_text

_VALIDATE_EPILOG = """\
exit codes:
  0  every record is valid
  1  some records are invalid (each error printed as file:line: json-path: message)
  2  usage error, or an input that cannot be read (missing, truncated gzip, ...)

examples:
  cleaner validate archive/                          # every .json/.jsonl(.gz) below it
  cleaner validate cleaned/part-00000.parquet        # needs: pip install 'cleaner[parquet]'
  cleaner validate 'data/**/*.jsonl.gz' --strict --format github
  cleaner validate out.jsonl --format junit -o validate.xml
  cleaner validate old.jsonl --schema my-article.schema.json
"""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `validate` and `schema` to the `cleaner` parser."""
    validate = commands.add_parser(
        "validate",
        help="check JSON/JSONL records against the article schema",
        description="Check .json (one record or an array) and .jsonl files, gzipped or not, "
        "and .parquet files, against the article schema of the version each record declares "
        "(every released version ships with cleaner), and report every error.",
        epilog=_VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="files, directories (recursive), globs or -"
    )
    validate.add_argument(
        "--schema", metavar="FILE", help="check every record against this JSON Schema instead"
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also check what JSON Schema cannot: offsets that point at their text, ids unique "
        "across all files, no empty paragraphs, no debris or captions left in them",
    )
    validate.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: file:line: json-path: message (default); json: one document; github: "
        "GitHub Actions annotations; junit: JUnit XML",
    )
    validate.add_argument("-o", "--output", metavar="FILE", help="write the report here")
    validate.add_argument("--max-errors", type=positive, metavar="N", help="stop after N errors")
    validate.add_argument(
        "--max-line-bytes",
        type=positive,
        default=MAX_LINE_BYTES,
        metavar="N",
        help="report a JSONL line longer than N bytes without reading it "
        f"(default {MAX_LINE_BYTES:,})",
    )
    validate.add_argument(
        "--workers",
        type=positive,
        metavar="N",
        help="check files on N processes (default: all cores when there are several files)",
    )
    validate.set_defaults(handler=_validate)

    schema = commands.add_parser(
        "schema",
        help="print the article schema (or write it to a file) to vendor it",
        description="Print the JSON Schema of cleaner's records, the current version or a "
        "released one.",
    )
    schema.add_argument("--name", choices=SCHEMA_NAMES, default="article")
    schema.add_argument(
        "--version",
        dest="schema_version",
        metavar="VERSION",
        help=f"a released version (default: {SCHEMA_VERSION}); --list shows them",
    )
    schema.add_argument("--list", action="store_true", help="list the released versions")
    schema.add_argument("-o", "--output", metavar="FILE", help="write it here, not stdout")
    schema.set_defaults(handler=_schema)


@contextlib.contextmanager
def _destination(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as file:
        yield file


def _validate(args: argparse.Namespace) -> int:
    try:
        expansion = expand_inputs(args.files, extensions=RECORD_EXTENSIONS)
        if args.schema:
            from cleaner.validate import Schema

            Schema.from_file(args.schema)
    except (InputError, SchemaFileError) as error:
        return usage_error(str(error))
    files = [item.path for item in expansion.files]
    workers = args.workers or (default_workers() if len(files) > 1 else 1)
    options = Options(
        schema_file=args.schema, strict=args.strict, max_line_bytes=args.max_line_bytes
    )
    try:
        with _destination(args.output) as out:
            report = make_report(args.format, out)
            counts = validate_files(files, options, report, args.max_errors, workers)
            report.finish(len(files), counts)
    except OSError as error:
        return usage_error(f"{args.output}: cannot write the report ({error.strerror})")
    print(summary_line(len(files), counts), file=sys.stderr)
    if counts.unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if counts.invalid else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    if args.list:
        print("\n".join(known_versions(args.name)))
        return EXIT_OK
    try:
        text = schema_text(args.name, args.schema_version)
    except KeyError:
        known = ", ".join(known_versions(args.name))
        return usage_error(f"no {args.name} schema version {args.schema_version!r}; known: {known}")
    try:
        with _destination(args.output) as out:
            out.write(text)
    except OSError as error:
        return usage_error(f"{args.output}: cannot write the schema ({error.strerror})")
    return EXIT_OK

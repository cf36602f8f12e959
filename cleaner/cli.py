"""The command line: parse options, build the objects, call the library, return an exit code.

$ cleaner clean corpus/ -o corpus.jsonl --rejects rejects.jsonl
$ cleaner validate corpus.jsonl
$ cleaner explain corpus.jsonl -o review.html
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cleaner.cli_args import EXIT_USAGE, positive
from cleaner.cli_review import add_commands as add_review_commands
from cleaner.cli_validate import add_commands
from cleaner.read.inputs import FORMATS
from cleaner.run import DEFAULT_SHARD_SIZE, EXECUTORS, SHARD_FORMATS
from cleaner.version import __version__

_CLEAN_EPILOG = """\
exit codes:
  0  every input was written as an article
  1  some inputs were rejected (each is in --rejects, or on stderr without it)
  2  usage error: bad option, missing input, unreadable config or entity model

examples:
  cleaner clean corpus/ -o corpus.jsonl --rejects rejects.jsonl
  cleaner clean 'scrapes/**/*.html' --ner-model en_core_web_sm -o out.jsonl.gz
  cleaner clean corpus/ -o corpus.parquet                  # needs: pip install 'cleaner[parquet]'
  zcat dump.jsonl.gz | cleaner clean - --format jsonl > out.jsonl
  cleaner clean crawl/ --out-dir cleaned/ --workers 8      # run again after a crash to resume
  cleaner clean crawl/ --out-dir cleaned/ --executor dask --scheduler tcp://head:8786
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `cleaner` and `python -m cleaner`; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    result: int = args.handler(args)
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn scraped news articles into clean, structured, schema-valid JSON.",
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    clean = commands.add_parser(
        "clean",
        help="clean and structure articles, write JSONL",
        description="Clean and structure articles from text, HTML, JSONL and WARC inputs; "
        "write one JSON record per article, in input order.",
        epilog=_CLEAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    clean.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files, directories (recursive), globs or - for stdin; .txt, .html/.htm, .jsonl, "
        ".warc (needs: pip install 'cleaner[warc]'), each optionally .gz",
    )
    clean.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output JSONL (.gz to compress), Parquet for .parquet (needs: pip install "
        "'cleaner[parquet]'), or a spaCy DocBin for .spacy; default stdout (JSONL)",
    )
    clean.add_argument(
        "--rejects",
        metavar="FILE",
        help="write one JSON record per rejected input here; default: a line per reject on stderr",
    )
    clean.add_argument(
        "--format",
        choices=FORMATS,
        help="read every input as this format instead of deciding by extension",
    )
    clean.add_argument(
        "--config",
        metavar="FILE",
        help="TOML file with rule tables and thresholds (see the README)",
    )
    clean.add_argument(
        "--language",
        metavar="CODE",
        help="'auto' (default: each document's declared language checked against its text, "
        "or the text's alone), or an ISO 639 code every document is taken to be in",
    )
    clean.add_argument(
        "--entities",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="find named entities (default: on, with the built-in model of the document's "
        "language where there is one)",
    )
    clean.add_argument(
        "--ner-model",
        metavar="[LANG=]NAME_OR_PATH",
        action="append",
        help="a spaCy pipeline for entities, by package name or path (needs: pip install "
        "'cleaner[spacy]'); LANG=... for the documents of one language only (repeat it: "
        "--ner-model de=de_core_news_sm --ner-model fr=/path/to/model); without LANG= it runs "
        "on the language it was trained for; 'builtin' names the packaged models",
    )
    scale = clean.add_argument_group("corpus scale")
    scale.add_argument(
        "--workers",
        type=positive,
        metavar="N",
        help="worker processes (default: all cores); the output is the same for any N",
    )
    scale.add_argument(
        "--out-dir",
        metavar="DIR",
        help="write numbered shards (part-00000.jsonl.gz ...), their rejects and a "
        "manifest.json here instead of -o/--rejects; the same command resumes a killed run",
    )
    scale.add_argument(
        "--shard-size",
        type=positive,
        default=DEFAULT_SHARD_SIZE,
        metavar="N",
        help=f"input records per shard with --out-dir (default: {DEFAULT_SHARD_SIZE})",
    )
    scale.add_argument(
        "--shard-format",
        choices=SHARD_FORMATS,
        default="jsonl",
        help="the articles of each shard as gzipped JSONL (default) or Parquet "
        "(part-00000.parquet; needs: pip install 'cleaner[parquet]'); rejects stay JSONL",
    )
    scale.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="where the work runs: local processes (default) or a Dask cluster "
        "(needs: pip install 'cleaner[dask]')",
    )
    scale.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to join, e.g. tcp://head:8786 (default: a local cluster of "
        "--workers processes)",
    )
    scale.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="report progress on stderr: a live line on a terminal, a line every 30 s in a log "
        "(default: on)",
    )
    clean.set_defaults(handler=_clean)

    add_commands(commands)
    add_review_commands(commands)
    return parser


def _clean(args: argparse.Namespace) -> int:
    from cleaner.cli_clean import clean  # the pipeline loads only when there is cleaning to do

    return clean(args)

"""The `cleaner explain` and `cleaner report` commands: pages where a person reviews removals.

$ cleaner explain corpus/ -o review.html
$ cleaner report cleaned/ -o report.html
"""

from __future__ import annotations

import argparse
import os
import sys

from cleaner.cli_args import EXIT_OK, usage_error

_EXPLAIN_EPILOG = """\
examples:
  cleaner explain corpus/ -o review.html            # raw inputs, cleaned here
  cleaner explain out.jsonl -o review.html          # records: edits undone to show the text
  cleaner explain cleaned/ -o review.html           # an --out-dir folder
"""

_REPORT_EPILOG = """\
The most edited documents are drawn on a sibling page, REPORT-explain.html beside REPORT,
which the report links to.

examples:
  cleaner report cleaned/ -o report.html            # an --out-dir folder: counts from its manifest
  cleaner report out.jsonl --rejects rejects.jsonl -o report.html
"""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `explain` and `report` to the `cleaner` parser."""
    explain = commands.add_parser(
        "explain",
        help="an HTML page showing each article as it came in, every removal marked",
        description="Write one self-contained HTML page: each article's text as it came in, "
        "every removed span struck through and marked by its rule, quotes, speakers and "
        "entities on the kept text. INPUT is what `cleaner clean` takes (cleaned here), a record "
        "file (.jsonl, .jsonl.gz, .parquet) or an --out-dir folder.",
        epilog=_EXPLAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    explain.add_argument("inputs", nargs="+", metavar="INPUT")
    explain.add_argument("-o", "--output", required=True, metavar="FILE", help="the page")
    explain.add_argument(
        "--config", metavar="FILE", help="TOML configuration for inputs cleaned here"
    )
    explain.set_defaults(handler=_explain)

    report = commands.add_parser(
        "report",
        help="an HTML page summarising a run: counts, removals by rule and site, histograms",
        description="Write one self-contained HTML page over a run's output: counts in, "
        "written and rejected by reason, removals by rule, a table per site, histograms, and "
        "the most edited documents linked to their explain view.",
        epilog=_REPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("run", metavar="RUN", help="an --out-dir folder or a record file")
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="the page")
    report.add_argument(
        "--rejects", metavar="FILE", help="the run's rejects file (for a record file)"
    )
    report.set_defaults(handler=_report)


def _explain(args: argparse.Namespace) -> int:
    from cleaner.config import Config, ConfigError
    from cleaner.read import InputError
    from cleaner.review.explain import explain_page
    from cleaner.review.records import RunError, reviewed
    from cleaner.rules import RuleTableError
    from cleaner.write import OutputError

    try:
        config = Config.from_toml(args.config) if args.config else Config()
        html = explain_page(reviewed(args.inputs, config))
        _write(args.output, html)
    except (ConfigError, InputError, RuleTableError, RunError, OutputError) as error:
        return usage_error(str(error))
    print(f"cleaner: wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from cleaner.review.records import RunError
    from cleaner.review.report import report_pages
    from cleaner.write import OutputError

    explain_path = explain_beside(args.output)
    try:
        report, explain = report_pages(args.run, args.rejects, os.path.basename(explain_path))
        _write(explain_path, explain)
        _write(args.output, report)
    except (RunError, OutputError) as error:
        return usage_error(str(error))
    print(f"cleaner: wrote {args.output} and {explain_path}", file=sys.stderr)
    return EXIT_OK


def explain_beside(report: str) -> str:
    """The explain page the report links to: `report-explain.html` for `report.html`.

    >>> explain_beside("out/report.html")
    'out/report-explain.html'
    """
    stem, _ = os.path.splitext(report)
    return f"{stem}-explain.html"


def _write(path: str, html: str) -> None:
    from cleaner.write import OutputError, write_bytes_atomic

    try:
        write_bytes_atomic(path, html.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"{path}: cannot write the page ({error.strerror})") from error

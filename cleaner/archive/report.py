"""Reports of `cleaner validate`: text, JSON, GitHub Actions annotations, JUnit XML.

    >>> import io
    >>> out = io.StringIO()
    >>> report = make_report("github", out)
    >>> report.problem(FileProblem("a.jsonl", 3, "$.title", "42 is not a 'string'", "type"))
    >>> print(out.getvalue(), end="")
    ::error file=a.jsonl,line=3,title=cleaner validate%3A type::$.title: 42 is not a 'string'

Every report gets each problem as it is found (`problem`), the counts of each file when it
is done (`file_done`), and the totals at the end (`finish`). The text and GitHub reports
stream, so memory stays flat however many errors there are; the JSON and JUnit reports are one
document each, written at the end. `summary_line` is the line printed on stderr in every format.
"""

from __future__ import annotations

import json
from typing import TextIO
from xml.etree import ElementTree

from cleaner.archive.check import Counts, FileProblem

FORMATS = ("text", "json", "github", "junit")


def summary_line(files: int, counts: Counts) -> str:
    """`cleaner validate: 2 files, 10 records, 1 invalid (type 1)`."""
    if counts.invalid:
        status = f"{counts.invalid:,} invalid"
    else:
        status = "none invalid among those read" if counts.unreadable else "all valid"
    line = f"cleaner validate: {files:,} files, {counts.records:,} records, {status}"
    kinds = {kind: n for kind, n in counts.kinds.items() if kind != "unreadable"}
    if kinds:
        line += " (" + ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items())) + ")"
    if counts.unreadable:
        line += f"; {counts.unreadable} file(s) could not be read to the end"
    if counts.without_records:
        line += f"; warning: {counts.without_records} file(s) hold no records"
    return line


class TextReport:
    """`file:line: json-path: message`, one line per problem."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def problem(self, problem: FileProblem) -> None:
        self.out.write(f"{problem}\n")

    def file_done(self, path: str, counts: Counts) -> None:
        return None

    def finish(self, files: int, counts: Counts) -> None:
        self.out.flush()


class GithubReport(TextReport):
    """Workflow commands a GitHub Actions log turns into annotations on the file and line."""

    def problem(self, problem: FileProblem) -> None:
        properties = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (
                ("file", problem.file),
                ("line", str(problem.line)),
                ("title", f"cleaner validate: {problem.kind}"),
            )
        )
        self.out.write(f"::error {properties}::{_escape_data(problem.path)}: ")
        self.out.write(f"{_escape_data(problem.message)}\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class JsonReport:
    """One JSON document: the totals, the errors by kind, and every error."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.errors: list[dict[str, object]] = []

    def problem(self, problem: FileProblem) -> None:
        self.errors.append(
            {
                "file": problem.file,
                "line": problem.line,
                "path": problem.path,
                "kind": problem.kind,
                "message": problem.message,
            }
        )

    def file_done(self, path: str, counts: Counts) -> None:
        return None

    def finish(self, files: int, counts: Counts) -> None:
        document = {
            "valid": not counts.invalid and not counts.unreadable,
            "files": files,
            "records": counts.records,
            "invalid": counts.invalid,
            "unreadable_files": counts.unreadable,
            "files_without_records": counts.without_records,
            "errors_by_kind": dict(sorted(counts.kinds.items())),
            "errors": self.errors,
        }
        self.out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        self.out.flush()


class JunitReport:
    """JUnit XML: a test suite per file, a failing test case per invalid record (all its
    errors in the failure), and one passing case for a file's valid records."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.root = ElementTree.Element("testsuites", name="cleaner validate")
        self._pending: dict[int, list[FileProblem]] = {}

    def problem(self, problem: FileProblem) -> None:
        self._pending.setdefault(problem.line, []).append(problem)

    def file_done(self, path: str, counts: Counts) -> None:
        failed = len(self._pending)
        suite = ElementTree.SubElement(self.root, "testsuite", name=path)
        cases = 0
        for line, problems in sorted(self._pending.items()):
            case = ElementTree.SubElement(suite, "testcase", classname=path, name=f"{path}:{line}")
            failure = ElementTree.SubElement(
                case,
                "failure",
                message=f"{problems[0].path}: {problems[0].message}",
                type=problems[0].kind,
            )
            failure.text = "\n".join(f"{p.path}: {p.message}" for p in problems)
            cases += 1
        valid = counts.records - counts.invalid
        if valid > 0:
            ElementTree.SubElement(
                suite, "testcase", classname=path, name=f"{valid:,} valid records"
            )
            cases += 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        self._pending = {}

    def finish(self, files: int, counts: Counts) -> None:
        suites = list(self.root)
        self.root.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
        self.root.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
        ElementTree.indent(self.root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ElementTree.tostring(self.root, encoding="unicode") + "\n")
        self.out.flush()


def make_report(name: str, out: TextIO) -> TextReport | JsonReport | JunitReport:
    """The report called `name` (one of `FORMATS`), writing to `out`."""
    reports = {"text": TextReport, "github": GithubReport, "json": JsonReport}
    return reports.get(name, JunitReport)(out)

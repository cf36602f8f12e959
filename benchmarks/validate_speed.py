"""Usage: python benchmarks/validate_speed.py [--parts speed memory] [--records N] [--big-mb N]
                                          [--rounds R] [--keep DIR]

Archive validation figures for `cleaner validate` (issue 7), each from the real command line
(a subprocess, startup included, as a CI step runs it), with the anchors measured in the same
run on the same records:

* records: the 181 pages of ../shared/data/article-extraction-benchmark and corpus/'s articles
  cleaned with cleaner's Python API and the default configuration (built-in entities on, so the
  records carry entities, quotes and edits), then repeated, each copy with its own id
  (`<id>-<n>`), to `--records` records (default 10,000). They are written to a temporary folder
  twice, byte for byte the same JSON: as one JSONL file (what `cleaner clean` writes) and as one
  `.json` file per record (what check-jsonschema reads).
* speed, `--rounds` rounds (default 3), the tools taking turns in each round so that machine
  noise hits them alike; the best round counts, the median is shown:
  (a) `check-jsonschema --schemafile schemas/article.schema.json FILE...` over all the `.json`
      files in one invocation (split into as few invocations as the system's argument-list
      limit needs, their times summed; the output says when it had to);
  (b) `python -m cleaner validate records.jsonl`;
  (c) `json.loads` of every line of that file, in this process, the lines already in memory:
      parsing alone, the floor no validator reading JSON can beat;
  (d) for information, `python -m cleaner validate FILE...` over the `.json` files, as (a)
      (for users who keep one file per record).
  Targets: (b) at least 10 times (a)'s records per second, and at least half of (c)'s. Also
  shown: cleaner's startup (the command on a one-record file) and (b)'s rate without it. Both
  tools must exit 0 (every record valid) in every round; before timing, each is given a record
  missing a field and one with a wrongly typed field and must exit 1 on each, so a pass is not
  a tool that checks nothing.
* memory: the records repeated (written streaming, never held in memory) into a JSONL file of
  `--big-mb` MB (default 1,024) and one of a tenth of that; `python -m cleaner validate` on
  each, its process tree's resident memory sampled every 0.1 s. Peak in MB (target: under 200
  on the large file, and about the same on both: memory must not grow with the file) and
  records per second.

`cleaner` runs from the temporary folder, so it is the installed package, or the checkout
that `PYTHONPATH` names. The script exits 0 with a message when ../shared or check-jsonschema
is absent. The generated files live in a temporary folder (removed at the end; `--keep DIR`
keeps them there), never in the repository: they hold third-party text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import PROJECT, add_filters, pages_or_skip, skip

import cleaner
from cleaner.write import dumps

SCHEMA = PROJECT / "schemas" / "article.schema.json"
SAMPLE_SECONDS = 0.1
ID_MARK = "\x00id\x00"  # stands for the id in a serialised record, replaced per copy


def distinct_records(args: argparse.Namespace) -> list[dict]:
    """One record per benchmark page and corpus/ article that cleaner accepts (default config)."""
    config = cleaner.Config()
    records, rejected = [], 0

    def add(clean: Callable[[], cleaner.Article]) -> None:
        nonlocal rejected
        try:
            records.append(clean().to_dict())
        except cleaner.Rejected:
            rejected += 1

    for page in pages_or_skip(args):
        add(lambda page=page: cleaner.clean_html(page.html, url=page.url, config=config))
    for path in sorted((PROJECT / "corpus").iterdir()):
        name = path.name.removesuffix(".gz")
        if not path.is_file() or not name.endswith((".html", ".htm", ".txt", ".jsonl")):
            continue
        data = path.read_bytes()
        data = gzip.decompress(data) if path.name.endswith(".gz") else data
        if name.endswith((".html", ".htm")):
            add(lambda data=data: cleaner.clean_html(data, config=config))
        elif name.endswith(".txt"):
            add(lambda data=data: cleaner.clean_text(data, config=config))
        elif name.endswith(".jsonl"):
            lines = [json.loads(line) for line in data.splitlines() if line.strip()]
            for result in cleaner.process_records(lines, config):
                if isinstance(result, cleaner.Reject):
                    rejected += 1
                else:
                    records.append(result.to_dict())
    if rejected:
        print(f"  ({rejected} inputs rejected by cleaner, left out)")
    return records


@dataclass(frozen=True)
class Template:
    """A record serialised once, as cleaner writes it, around the place of its id."""

    id: str
    head: bytes
    tail: bytes

    @classmethod
    def of(cls, record: dict) -> Template:
        text = dumps({**record, "id": ID_MARK})
        head, tail = text.split(json.dumps(ID_MARK), 1)
        return cls(record["id"], head.encode(), tail.encode())

    def copy(self, number: int) -> bytes:
        """The record with the id `<id>-<number>`, as compact JSON (no newline)."""
        return self.head + json.dumps(f"{self.id}-{number}").encode() + self.tail


def write_records(root: Path, templates: list[Template], count: int) -> tuple[Path, list[Path]]:
    """`records.jsonl` and `files/NNNNN.json`: the same `count` records, the same bytes."""
    folder = root / "files"
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = root / "records.jsonl"
    files = []
    with open(jsonl, "wb") as out:
        for number in range(count):
            data = templates[number % len(templates)].copy(number)
            out.write(data + b"\n")
            path = folder / f"{number:05d}.json"
            path.write_bytes(data + b"\n")
            files.append(path)
    return jsonl, files


def write_big(path: Path, templates: list[Template], megabytes: int) -> int:
    """Repeat the records into a JSONL file of about `megabytes` MB; return the record count."""
    limit, size, number = megabytes * 2**20, 0, 0
    with open(path, "wb") as out:
        while size < limit:
            line = templates[number % len(templates)].copy(number) + b"\n"
            out.write(line)
            size += len(line)
            number += 1
    return number


def batches(names: list[str], fixed: list[str]) -> list[list[str]]:
    """`names` cut into as few argument lists as the system's limit takes after `fixed`."""
    budget = os.sysconf("SC_ARG_MAX") - sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    budget -= sum(len(part) + 1 + 8 for part in fixed) + 16_384  # pointers, a safety margin
    cut: list[list[str]] = [[]]
    used = 0
    for name in names:
        cost = len(name) + 1 + 8
        if cut[-1] and used + cost > budget:
            cut.append([])
            used = 0
        cut[-1].append(name)
        used += cost
    return cut


@dataclass
class Timed:
    """A tool's run: seconds, exit codes, and the stderr tail of the last invocation."""

    seconds: float
    codes: list[int]
    stderr: str


def run(commands: list[list[str]], cwd: Path) -> Timed:
    """Run the commands one after the other; the total wall time."""
    codes, stderr = [], ""
    started = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        codes.append(done.returncode)
        stderr = (done.stderr + done.stdout)[-2000:].decode("utf-8", "replace")
    return Timed(time.perf_counter() - started, codes, stderr)


def check_jsonschema() -> str:
    """The check-jsonschema beside this Python, else on PATH; skip the run without it."""
    found = Path(sys.executable).parent / "check-jsonschema"
    if found.is_file():
        return str(found)
    which = shutil.which("check-jsonschema")
    if which is None:
        skip("check-jsonschema is not installed: pip install check-jsonschema")
    return str(which)


def cleaner_command(*arguments: str) -> list[str]:
    """`python -m cleaner validate ...`, run outside the checkout: the installed cleaner, or the
    one `PYTHONPATH` names."""
    return [sys.executable, "-m", "cleaner", "validate", *arguments]


def sanity(root: Path, record: bytes, checker: str) -> None:
    """Both tools exit 1 (invalid records) on a record missing a field and one with a wrong type."""
    broken = json.loads(record)
    del broken["paragraphs"]
    wrong = json.loads(record)
    wrong["quotes"] = "none"
    for name, data in (("missing", broken), ("wrongly typed", wrong)):
        path = root / f"invalid-{name.replace(' ', '-')}.json"
        path.write_text(dumps(data) + "\n", encoding="utf-8")
        for command in (
            [checker, "--schemafile", str(SCHEMA), str(path)],
            cleaner_command(str(path)),
        ):
            done = subprocess.run(command, cwd=root, capture_output=True, check=False)
            if done.returncode != 1:
                output = (done.stderr + done.stdout)[-2000:].decode("utf-8", "replace")
                raise SystemExit(
                    f"FAIL: {' '.join(command[:4])} on a record with a {name} field exited "
                    f"{done.returncode}, not 1 (invalid records):\n{output}"
                )
        path.unlink()


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def speed(args: argparse.Namespace, templates: list[Template], root: Path) -> None:
    """(a)-(d) of the docstring, `--rounds` rounds taking turns; the ratios and verdicts."""
    jsonl, files = write_records(root / "speed", templates, args.records)
    count = args.records
    size = jsonl.stat().st_size
    print(
        f"speed: {count:,} records, {size / 2**20:,.0f} MB as JSONL "
        f"({size / count / 1000:.1f} kB per record), {len(files):,} .json files"
    )
    checker = check_jsonschema()
    version = subprocess.run([checker, "--version"], capture_output=True, text=True, check=False)
    sanity(root, files[0].read_bytes(), checker)
    folder = files[0].parent
    names = [path.name for path in files]  # relative to `folder`: shorter argument lists
    fixed = [checker, "--schemafile", str(SCHEMA)]
    cut = batches(names, fixed)
    if len(cut) > 1:
        print(f"  the .json file list is split into {len(cut)} invocations (argument-list limit)")
    one = root / "one.jsonl"
    one.write_bytes(jsonl.open("rb").readline())
    lines = jsonl.read_bytes().splitlines()
    tools: dict[str, Callable[[], Timed]] = {
        "check-jsonschema (.json files)": lambda: run([fixed + part for part in cut], folder),
        "cleaner validate (JSONL)": lambda: run([cleaner_command(str(jsonl))], root),
        "json.loads (lines in memory)": lambda: parse(lines),
        "cleaner validate (.json files)": lambda: run(
            [cleaner_command(*part) for part in cut], folder
        ),
        "cleaner validate (1 record: startup)": lambda: run([cleaner_command(str(one))], root),
    }
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _round in range(args.rounds):
        for name, tool in tools.items():
            timed = tool()
            if any(timed.codes):
                raise SystemExit(f"FAIL: {name} exited {timed.codes}:\n{timed.stderr}")
            times[name].append(timed.seconds)
    print(f"  {version.stdout.strip()}; every tool exited 0 in every round (all records valid)")
    print(f"  {'tool':38} {'best rec/s':>11} {'median rec/s':>13} {'best s':>8}")
    rates = {}
    for name, seconds in times.items():
        if "startup" in name:
            print(f"  {name:38} {'':11} {'':13} {min(seconds):8.2f}")
            continue
        rates[name] = count / min(seconds)
        median = count / statistics.median(seconds)
        print(f"  {name:38} {rates[name]:11,.0f} {median:13,.0f} {min(seconds):8.2f}")
    ours = rates["cleaner validate (JSONL)"]
    startup = min(times["cleaner validate (1 record: startup)"])
    against_checker = ours / rates["check-jsonschema (.json files)"]
    against_loads = ours / rates["json.loads (lines in memory)"]
    print(
        f"  cleaner / check-jsonschema {against_checker:.1f}x (target >= 10): "
        f"{verdict(against_checker >= 10)}"
    )
    print(
        f"  cleaner / json.loads {against_loads:.2f} (target >= 0.5): "
        f"{verdict(against_loads >= 0.5)}"
    )
    steady = count / (min(times["cleaner validate (JSONL)"]) - startup)
    print(
        f"  (cleaner's startup, one record: {startup:.2f} s; without it {steady:,.0f} rec/s, "
        f"{steady / rates['json.loads (lines in memory)']:.2f} of json.loads)"
    )


def parse(lines: list[bytes]) -> Timed:
    started = time.perf_counter()
    for line in lines:
        json.loads(line)
    return Timed(time.perf_counter() - started, [0], "")


@dataclass
class Peak:
    records: int
    megabytes: float
    seconds: float
    main_mb: float
    tree_mb: float


def watch(path: Path, records: int) -> Peak:
    """`cleaner validate PATH`, timed, its process tree's resident memory sampled."""
    log = path.with_suffix(".log")
    started = time.perf_counter()
    with open(log, "wb") as output:  # a file, not a pipe: errors must not block the process
        process = subprocess.Popen(
            cleaner_command(str(path)), cwd=path.parent, stdout=output, stderr=subprocess.STDOUT
        )
    main = psutil.Process(process.pid)
    main_peak = tree_peak = 0
    while process.poll() is None:
        try:
            own = main.memory_info().rss
            children = sum(child.memory_info().rss for child in main.children(recursive=True))
            main_peak, tree_peak = max(main_peak, own), max(tree_peak, own + children)
        except psutil.NoSuchProcess:
            pass
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        tail = log.read_bytes()[-2000:].decode("utf-8", "replace")
        raise SystemExit(f"FAIL: cleaner validate {path.name} exited {process.returncode}:\n{tail}")
    size = path.stat().st_size / 2**20
    return Peak(records, size, seconds, main_peak / 2**20, tree_peak / 2**20)


def memory(args: argparse.Namespace, templates: list[Template], root: Path) -> None:
    """Peak memory of `cleaner validate` on a JSONL file of a tenth of `--big-mb` and of it."""
    print(f"memory: peak RSS of `cleaner validate FILE`, sampled every {SAMPLE_SECONDS} s")
    peaks = []
    for megabytes in (max(1, args.big_mb // 10), args.big_mb):
        path = root / f"big-{megabytes}mb.jsonl"
        records = write_big(path, templates, megabytes)
        found = watch(path, records)
        peaks.append(found)
        print(
            f"  {found.megabytes:7,.0f} MB, {found.records:>9,} records: "
            f"{found.records / found.seconds:8,.0f} rec/s, {found.seconds:6.1f} s, "
            f"peak {found.main_mb:5.0f} MB (process tree {found.tree_mb:5.0f} MB)"
        )
        if args.keep is None:
            path.unlink()
    small, large = peaks
    print(
        f"  peak on the largest file {large.tree_mb:.0f} MB (target < 200): "
        f"{verdict(large.tree_mb < 200)}; largest/smallest file {large.tree_mb / small.tree_mb:.2f}"
    )


def main() -> None:
    parser = add_filters(argparse.ArgumentParser(description=__doc__.split("\n\n")[1]))
    parser.add_argument("--records", type=int, default=10_000, help="records (10,000)")
    parser.add_argument("--big-mb", type=int, default=1024, help="large JSONL file, MB (1,024)")
    parser.add_argument("--rounds", type=int, default=3, help="speed rounds per tool (3)")
    parser.add_argument(
        "--parts", nargs="+", choices=("speed", "memory"), default=["speed", "memory"]
    )
    parser.add_argument("--keep", type=Path, help="keep the generated files here")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    started = time.perf_counter()
    records = distinct_records(args)
    templates = [Template.of(record) for record in records]
    print(
        f"{len(templates)} distinct records (cleaner {cleaner.__version__}, default config), "
        f"made in {time.perf_counter() - started:.0f} s; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    root = args.keep or Path(tempfile.mkdtemp(prefix="cleaner-validate-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        for part in args.parts:
            {"speed": speed, "memory": memory}[part](args, templates, root)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

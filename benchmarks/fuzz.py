"""Usage: python benchmarks/fuzz.py [--targets NAME ...] [--scale X]

The long fuzz profile of `tests/test_fuzz.py` (issue 18), run target by target with the inputs
tried counted: the readers (text, HTML, JSONL, WARC, gzip streams), the pipeline (`read_file`
then `process_chunk`) and `cleaner validate` (`check_file` and every report format), on inputs
built from `corpus/`, the schema examples and, when `../shared` is present, the
article-extraction benchmark's pages (read at run time, never written anywhere), damaged as the
test module's docstring says. Same strategies, same properties, same fixed seed as
`CLEANER_FUZZ=long pytest tests/test_fuzz.py`; `--scale` multiplies every target's example
count (0.01 for a quick look).

Figures, per target: inputs tried, crashes (a failing input, printed as Hypothesis shrank it),
seconds; then the totals. Exit 1 when any target found a crash.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ["CLEANER_FUZZ"] = "long"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_fuzz import BENCHMARK_PAGES, EXAMPLES, TARGETS, run_target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", nargs="+", choices=list(TARGETS), default=list(TARGETS))
    parser.add_argument("--scale", type=float, default=1.0, help="times the long profile's counts")
    args = parser.parse_args()
    if not BENCHMARK_PAGES.is_dir():
        print(f"note: {BENCHMARK_PAGES} is absent; fuzzing from the corpus alone")
    tried: Counter[str] = Counter()
    crashes: dict[str, str] = {}
    started = time.perf_counter()
    print(f"{'target':<10} {'inputs':>8} {'crashes':>8} {'seconds':>8}")
    for name in args.targets:
        examples = max(1, round(EXAMPLES["long"][name] * args.scale))
        began = time.perf_counter()
        try:
            run_target(name, examples, tried)
        except Exception as error:  # a failing input: report it and go on to the next target
            crashes[name] = f"{type(error).__name__}: {error}"
        seconds = time.perf_counter() - began
        print(f"{name:<10} {tried[name]:>8,} {int(name in crashes):>8} {seconds:>8.0f}", flush=True)
    total = time.perf_counter() - started
    print(f"{'total':<10} {sum(tried.values()):>8,} {len(crashes):>8} {total:>8.0f}")
    for name, crash in crashes.items():
        print(f"\n{name}: {crash}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

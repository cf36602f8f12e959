"""Small pieces every `cleaner` command shares: argument types and the usage-error exit.

>>> positive("4")
4
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def positive(value: str) -> int:
    """An argparse type: a whole number above zero."""
    number = int(value) if value.isdigit() else 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {value!r}")
    return number


def usage_error(message: str) -> int:
    """Print `cleaner: error: MESSAGE` on stderr; the usage exit code."""
    print(f"cleaner: error: {message}", file=sys.stderr)
    return EXIT_USAGE

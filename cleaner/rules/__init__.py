"""Rule tables (TOML data) for the cleaning steps, one file per step and language.

    >>> sorted(read_table("captions", "en"))[:3]
    ['agencies', 'agency_cues', 'credit']

`read_table` is how every step loads its table; a missing or broken table is a
`RuleTableError` whose message names the file and what to do.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


class RuleTableError(ValueError):
    """A rule table that cannot be loaded; the message names the file and the fix."""


def read_table(step: str, language: str) -> dict[str, Any]:
    """The packaged table `cleaner/rules/<step>.<language>.toml`, parsed."""
    name = f"{step}.{language}.toml"
    table = resources.files("cleaner.rules") / name
    if not table.is_file():
        raise RuleTableError(
            f"no {step} rules for language {language!r} (cleaner/rules/{name}); "
            "use language = 'en' or add the table"
        )
    return parse_table(f"cleaner/rules/{name}", table.read_text("utf-8"))


def parse_table(name: str, text: str) -> dict[str, Any]:
    """Parse TOML text, naming `name` in the error when it is not valid TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleTableError(f"{name}: not valid TOML ({error})") from None

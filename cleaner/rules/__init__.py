"""Rule tables (TOML data) for the cleaning steps, one file per step and language.

    >>> [name for name, _data in tables_for("captions", "en")]
    ['cleaner/rules/captions.neutral.toml', 'cleaner/rules/captions.en.toml']
    >>> [name for name, _data in tables_for("captions", "und")]
    ['cleaner/rules/captions.neutral.toml']

Every step reads its tables with `tables_for(step, language, directories)`: first the
language-neutral table `<step>.neutral.toml` (patterns that hold in any language: addresses,
share glyphs, agency names), then the table of the document's language `<step>.<lang>.toml`
when there is one, then the same two names in each of the user's `directories` (config `[rules]
directories = [...]`), in order. A language without any table gets the neutral rules only; a
user adds a language by putting `<step>.<lang>.toml` files in a directory. How the tables of
one step combine (rules appended, word lists joined) is up to that step. A broken table is a
`RuleTableError` whose message names the file and what to do.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

NEUTRAL = "neutral"
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


class RuleTableError(ValueError):
    """A rule table that cannot be loaded; the message names the file and the fix."""


@cache
def tables_for(
    step: str, language: str, directories: tuple[str, ...] = ()
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """(name, parsed table) of every table of `step` that applies to `language`, in order."""
    names = [f"{step}.{NEUTRAL}.toml"]
    if _LANGUAGE_CODE.fullmatch(language) and language != NEUTRAL:
        names.append(f"{step}.{language}.toml")
    found = []
    for name in names:
        packaged = resources.files("cleaner.rules") / name
        if packaged.is_file():
            found.append((f"cleaner/rules/{name}", parse_table(name, packaged.read_text("utf-8"))))
    for directory in directories:
        if not Path(directory).is_dir():
            raise RuleTableError(
                f"{directory}: rule directory not found; fix [rules] directories in the config"
            )
        for name in names:
            path = Path(directory) / name
            if path.is_file():
                found.append((str(path), read_file(path)))
    return tuple(found)


def read_table(step: str, language: str) -> dict[str, Any]:
    """The packaged table `cleaner/rules/<step>.<language>.toml`, parsed."""
    name = f"{step}.{language}.toml"
    table = resources.files("cleaner.rules") / name
    if not table.is_file():
        raise RuleTableError(
            f"no {step} rules for language {language!r} (cleaner/rules/{name}); "
            "use a language that has the table, or add it"
        )
    return parse_table(f"cleaner/rules/{name}", table.read_text("utf-8"))


def read_file(path: str | Path) -> dict[str, Any]:
    """A user's table file, parsed; a missing file or bad TOML names the file."""
    try:
        text = Path(path).read_text("utf-8")
    except OSError as error:
        raise RuleTableError(f"{path}: cannot read rule table ({error.strerror})") from None
    except UnicodeDecodeError:
        raise RuleTableError(f"{path}: rule table is not UTF-8; save it as UTF-8") from None
    return parse_table(str(path), text)


def parse_table(name: str, text: str) -> dict[str, Any]:
    """Parse TOML text, naming `name` in the error when it is not valid TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleTableError(f"{name}: not valid TOML ({error})") from None

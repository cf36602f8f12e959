"""The lists of a step's rule tables, joined over the tables of a language, and patterns that
use them as `{name}`.

    >>> tables = [("a.toml", {"networks": ["facebook"]}), ("b.toml", {"networks": ["x"]})]
    >>> words = groups(joined_lists(tables))
    >>> with_words("({networks}[ ,]*){2,12}", words)
    '((?:facebook|x)[ ,]*){2,12}'
    >>> any_of(["a+", "{missing}"], words)
    '(?:a+)|(?:(?!))'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from cleaner.rules import RuleTableError

NEVER = "(?!)"  # the pattern of an empty list: matches nothing
# `{name}` in a pattern: a list (a quantifier such as `{2,12}` has digits, never letters)
_WORD_LIST = re.compile(r"\{([a-z_]+)\}")


def joined_lists(tables: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, list[str]]:
    """Each list of the (name, data) `tables`, the lists of one key joined in table order; a
    key that holds anything but a list of strings is an error naming the table."""
    joined: dict[str, list[str]] = {}
    for name, data in tables:
        for key, values in data.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise RuleTableError(f"{name}: {key} must be a list of strings")
            joined.setdefault(key, []).extend(values)
    return joined


def groups(lists: dict[str, list[str]]) -> dict[str, str]:
    """Each non-empty list as one regular-expression group of its items."""
    return {key: "(?:" + "|".join(values) + ")" for key, values in lists.items() if values}


def with_words(pattern: str, words: dict[str, str]) -> str:
    """`pattern` with each `{name}` replaced by the group of that name; a list no table of the
    language fills matches nothing."""
    return _WORD_LIST.sub(lambda found: words.get(found.group(1), NEVER), pattern)


def any_of(patterns: list[str], words: dict[str, str]) -> str:
    """One pattern matching any of `patterns` (their `{name}`s filled in); none matches nothing."""
    return "|".join(f"(?:{with_words(pattern, words)})" for pattern in patterns) or NEVER

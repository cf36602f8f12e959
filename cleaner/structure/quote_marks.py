"""Where quotations open and close: the quote marks of a language, balanced pairs only.

    >>> marks = QuoteMarks.of([{"open": "“", "close": "”"}, {"open": "‘", "close": "’",
    ...                        "single": True}])
    >>> text = "He said “don’t go” and ‘stay’."
    >>> [text[found.start : found.end] for found in marked_quotes(text, marks)]
    ['don’t go', 'stay']

The marks are data (`[[marks]]` in `cleaner/rules/quotes.*.toml`): each opening mark with the
marks that close it, a fallback closer for pages that mix straight and curly marks (“…"), the
marks whose quotes may sit inside it (“…” inside «…»), and whether spaces may set the text
off from the marks (French « … »). A single mark (‘…’) only opens outside double quotes and
skips apostrophes (don’t, rebels’). Two apostrophes ('') are a typewriter's double quote, and
a closing mark at the start of a paragraph before a capital or an ellipsis was typed for an
opening one. A mark without its partner is ignored, never allowed to swallow the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cleaner.clean.measure import is_unspaced

TWO_APOSTROPHES = "''"  # a double quote typed as two apostrophes (''We stay,'' she said)
_MISTYPED_OPEN = "”"
_MISTYPED_AS = "“"  # ... and it closes as the mark it stands for would
# a quote may open after a space, a bracket, a dash, a slash or a colon; in a script written
# without spaces (Chinese) after any letter of it or full-width punctuation (称为“…”，说：“…”)
_BEFORE_OPENING = "([{—–-/:，、：；。！？（【《"
UPPER = "".join(
    char
    for char in map(chr, [*range(0x41, 0x2B0), *range(0x370, 0x530), *range(0x1E00, 0x1F00)])
    if char.isupper()
)
"""Capital letters of the Latin, Greek and Cyrillic alphabets, for regular-expression classes."""


@dataclass(frozen=True, slots=True)
class Marked:
    """One quote: where its opening mark is, its text (`start`, `end`), where its marks end."""

    mark: str
    open_at: int
    start: int
    end: int
    close_end: int


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """The quote marks of one language (see `cleaner/rules/quotes.neutral.toml`)."""

    closers: Mapping[str, str]
    fallbacks: Mapping[str, str]
    nested: Mapping[str, str]
    spaced: frozenset[str]
    singles: Mapping[str, str]
    maybe_opening: re.Pattern[str]
    double_opening: re.Pattern[str]
    mistyped_start: re.Pattern[str]

    @classmethod
    def of(cls, entries: Iterable[Mapping[str, Any]]) -> QuoteMarks:
        """The marks of `[[marks]]` entries; a later entry for the same opening mark wins."""
        by_open = {entry["open"]: entry for entry in entries}
        doubles = {mark: entry for mark, entry in by_open.items() if not entry.get("single")}
        singles = {mark: entry["close"] for mark, entry in by_open.items() if entry.get("single")}
        openers = "".join(doubles) + "".join(singles)
        return cls(
            closers={mark: entry["close"] for mark, entry in doubles.items()},
            fallbacks={mark: entry.get("fallback", "") for mark, entry in doubles.items()},
            nested={mark: entry.get("nested", "") for mark, entry in doubles.items()},
            spaced=frozenset(mark for mark, entry in doubles.items() if entry.get("spaced")),
            singles=singles,
            maybe_opening=re.compile(
                (f"[{re.escape(openers)}]|" if openers else "")
                + f"{TWO_APOSTROPHES}|^{_MISTYPED_OPEN}"
            ),
            double_opening=re.compile(f"[{re.escape(''.join(doubles))}]" if doubles else "(?!)"),
            mistyped_start=re.compile(rf"[{UPPER}]| ?(…|\.\.\.)"),
        )

    @property
    def double(self) -> str:
        """Every double mark, opening or closing: for classes of text outside quotes."""
        return "".join(dict.fromkeys(['"', *self.closers, *"".join(self.closers.values())]))

    @property
    def closing(self) -> str:
        """Every mark that closes a quote."""
        closing = [*"".join(self.closers.values()), *"".join(self.singles.values())]
        return "".join(dict.fromkeys(closing))


def quote_spans(text: str, marks: QuoteMarks) -> list[tuple[int, int]]:
    """(start, end) of each quote's text, marks excluded, balanced marks only."""
    return [(found.start, found.end) for found in marked_quotes(text, marks)]


def marked_quotes(text: str, marks: QuoteMarks) -> list[Marked]:
    """Every quote in `text`, in order; a quote inside another is part of the outer one."""
    found: list[Marked] = []
    position = 0
    while candidate := marks.maybe_opening.search(text, position):
        position = candidate.start()
        quote = _quote_at(text, position, marks)
        if quote is None:
            position += 1
            continue
        if text[quote.start : quote.end].strip():
            found.append(quote)
        position = quote.close_end
    return found


def open_tail(text: str, after: int, marks: QuoteMarks) -> Marked | None:
    """A quote opened after `after` that runs on to the end of `text` (news style goes on
    with it in the next paragraph), or None; its `close_end` is the end of `text`."""
    for found in marks.double_opening.finditer(text, after):
        position, mark = found.start(), found.group()
        if _can_open(text, position, marks):
            rest = text[position + 1 :]
            if any(closer in rest for closer in marks.closers[mark]) or any(
                opener in rest for opener in marks.closers
            ):
                return None
            start = _text_start(text, position, marks)
            return Marked(mark, position, start, len(text), len(text))
    return None


def _quote_at(text: str, position: int, marks: QuoteMarks) -> Marked | None:
    char = text[position]
    if text.startswith(TWO_APOSTROPHES, position) and _can_open_two(text, position):
        close = _find_two_apostrophes(text, position + 2)
        width = 2
        start = position + 2
    elif char in marks.closers and _can_open(text, position, marks):
        start = _text_start(text, position, marks)
        close = _find_close(text, position + 1, char, marks)
        width = 1
    elif char in marks.singles and _can_open(text, position, marks):
        start = position + 1
        close = _find_single_close(text, start, marks.singles[char], marks)
        width = 1
    elif char == _MISTYPED_OPEN and position == 0 and marks.mistyped_start.match(text, 1):
        start = 1
        close = _find_close(text, 1, _MISTYPED_AS, marks)
        width = 1
    else:
        return None
    if close is None:
        return None
    end = close
    if char in marks.spaced:
        end = max(start, len(text[:close].rstrip()))
    return Marked(char, position, start, end, close + width)


def _text_start(text: str, position: int, marks: QuoteMarks) -> int:
    """Where the text of a quote opened at `position` starts (after the spaces of « … »)."""
    start = position + 1
    if text[position] in marks.spaced:
        while start < len(text) and text[start].isspace():
            start += 1
    return start


def _can_open_two(text: str, position: int) -> bool:
    """`''` at `position` opens a quote: after a space or bracket, before a non-space."""
    before = text[position - 1] if position else " "
    after = text[position + 2] if position + 2 < len(text) else " "
    return not after.isspace() and after != "'" and (before.isspace() or before in "([{—–-/:")


def _find_two_apostrophes(text: str, start: int) -> int | None:
    """The `''` closing a quote opened with `''` (typewriter style), or None."""
    position = text.find(TWO_APOSTROPHES, start)
    while position != -1:
        after = text[position + 2] if position + 2 < len(text) else " "
        if not text[position - 1].isspace() and not after.isalnum():
            return position
        position = text.find(TWO_APOSTROPHES, position + 1)
    return None


def _can_open(text: str, position: int, marks: QuoteMarks) -> bool:
    before = text[position - 1] if position else " "
    after = text[position + 1 : position + 2] or " "
    if after.isspace() and text[position] in marks.spaced:
        after = text[position + 1 :].lstrip()[:1] or " "
    return not after.isspace() and (
        before.isspace() or before in _BEFORE_OPENING or is_unspaced(before)
    )


def _find_close(text: str, start: int, opener: str, marks: QuoteMarks) -> int | None:
    """The closing mark for a double quote; `None` when another opener comes first.

    Scraped text mixes straight and curly marks (“…," or "…”): when the quote's own closer is
    not found, its fallback closer ends it, if one could. A quote of a nested kind (“…” in
    «…») is skipped whole.
    """
    closers = marks.closers.get(opener, opener)
    fallbacks = marks.fallbacks.get(opener, "")
    nested = marks.nested.get(opener, "")
    fallback = None
    position = start
    while position < len(text):
        char = text[position]
        if char in closers and (char != '"' or _can_close(text, position)):
            return position
        if char in nested and _can_open(text, position, marks):
            inner = _find_close(text, position + 1, char, marks)
            if inner is None:
                return fallback
            position = inner + 1
            continue
        if char in marks.closers and char not in closers and _can_open(text, position, marks):
            return fallback
        if fallback is None and char in fallbacks and _can_close(text, position):
            fallback = position
        position += 1
    return fallback


def _can_close(text: str, position: int) -> bool:
    before = text[position - 1]
    if before == " " and position >= 2 and text[position - 2] in "’'":
        before = text[position - 2]  # typewriter style: "… 'African American outreach,' "
    after = text[position + 1] if position + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _find_single_close(text: str, start: int, closer: str, marks: QuoteMarks) -> int | None:
    """A closing single mark that ends a single-quoted quote, skipping apostrophes (don’t,
    rebels’ arms)."""
    for position in range(start, len(text)):
        char = text[position]
        if char in marks.closers or char in marks.singles:
            return None
        if char != closer or not _can_close(text, position):
            continue
        after = text[position + 1 : position + 3]
        plural_possessive = text[position - 1] in "sS" and re.match(r" [a-z]", after)
        if not plural_possessive:
            return position
    return None

"""Direct quotations in paragraphs, with the speaker when the sentence names one.

    >>> rules = load_quote_rules("en")
    >>> paragraphs = ["“It was the heaviest air strikes”, said Rami Abdulrahman, director."]
    >>> quote = find_quotes(paragraphs, rules)[0]
    >>> quote.span.text, quote.speaker.text, quote.verb, quote.partial
    ('It was the heaviest air strikes', 'Rami Abdulrahman', 'said', False)

Quote marks: “…”, "…", «…», „…“ and ‘…’ (the last only outside double quotes, where it marks a
quote within a quote). An apostrophe ("don’t", "rebels’") is never a quote mark, and a mark
without its partner is ignored, never allowed to swallow the rest of the paragraph.

A quote's span is its text without the marks. It is `partial` when it is a fragment inside the
reporter's sentence: it starts in lower case and no reporting verb or colon introduces it
(`saying the U.S. is “not genuine …”`, `a “ground offensive”`).

Speakers, found in the quote's own sentence (the reporting verbs are in
`cleaner/rules/quotes.en.toml`): `“…,” said X`, `“…,” X said`, `“…,” according to X`,
`X said: “…”`, `X said “…”`, `according to X, “…”`. The speaker is the phrase as written
(`he`, `the secretary of state`); with no such pattern it is `None`, never a guess.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cleaner.document import Quote, Span

_OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"'}
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_MAX_SPEAKER_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?][”\"’»]?\s+(?=[A-Z“\"‘«])")


@dataclass(frozen=True, slots=True)
class QuoteRules:
    """Compiled attribution patterns (see `cleaner/rules/quotes.en.toml`)."""

    after_verb_first: re.Pattern[str]
    after_speaker_first: re.Pattern[str]
    before: re.Pattern[str]
    according_after: re.Pattern[str]
    according_before: re.Pattern[str]
    verb_before: re.Pattern[str]
    pronouns: frozenset[str]


@cache
def load_quote_rules(language: str) -> QuoteRules:
    """The packaged attribution table for `language`, compiled."""
    table = resources.files("cleaner.rules") / f"quotes.{language}.toml"
    data = tomllib.loads(table.read_text("utf-8"))
    verbs = "|".join(sorted(map(re.escape, data["verbs"]), key=len, reverse=True))
    stops = "|".join(sorted(map(re.escape, data["stop_words"]), key=len, reverse=True))
    # A speaker phrase: words (names, "the secretary of state", "U.S."), no clause punctuation.
    word = r"[\w’'.-]+"
    phrase_to_stop = (
        rf"(?P<speaker>{word}(?:\s+(?!(?:{stops})\b){word}){{0,{_MAX_SPEAKER_WORDS - 1}}}?)"
    )
    phrase = rf"(?P<speaker>{word}(?:\s+{word}){{0,{_MAX_SPEAKER_WORDS - 1}}})"
    lead = r"^[\s,.;:!?—–-]*"
    return QuoteRules(
        after_verb_first=re.compile(
            rf"{lead}(?P<verb>{verbs})\s+{phrase_to_stop}(?=\s*(?:[,.;:!?)]|$|\s(?:{stops})\b))"
        ),
        after_speaker_first=re.compile(rf"{lead}{phrase}\s+(?P<verb>{verbs})\b"),
        before=re.compile(rf"{phrase}\s+(?P<verb>{verbs})(?:\s+that)?\s*[,:]?\s*$"),
        according_after=re.compile(rf"{lead}according\s+to\s+{phrase_to_stop}(?=\s*(?:[,.;]|$))"),
        according_before=re.compile(rf"according\s+to\s+{phrase}\s*,\s*$", re.IGNORECASE),
        verb_before=re.compile(rf"\b(?:{verbs})(?:\s+that)?\s*[,:]?\s*$"),
        pronouns=frozenset(data["pronouns"]),
    )


def find_quotes(paragraphs: list[str] | tuple[str, ...], rules: QuoteRules) -> list[Quote]:
    """Every quote in every paragraph, in order."""
    quotes: list[Quote] = []
    for index, paragraph in enumerate(paragraphs):
        for start, end in quote_spans(paragraph):
            quotes.append(_attribute(paragraph, index, start, end, rules))
    return quotes


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quote's text, marks excluded, balanced marks only.

    >>> text = 'He said “don’t go” and ‘stay’, then "fine".'
    >>> [text[s:e] for s, e in quote_spans(text)]
    ['don’t go', 'stay', 'fine']
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char in _OPENERS and _can_open(text, position):
            close = _find_close(text, position + 1, _OPENERS[char])
            if close is not None:
                if text[position + 1 : close].strip():
                    spans.append((position + 1, close))
                position = close + 1
                continue
        elif char == _SINGLE_OPEN and _can_open(text, position):
            close = _find_single_close(text, position + 1)
            if close is not None:
                spans.append((position + 1, close))
                position = close + 1
                continue
        position += 1
    return spans


def _can_open(text: str, position: int) -> bool:
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/:")


def _find_close(text: str, start: int, closer: str) -> int | None:
    """The closing mark for a double quote; `None` when another opener comes first."""
    for position in range(start, len(text)):
        char = text[position]
        if char == closer and (closer != '"' or _can_close(text, position)):
            return position
        if char in _OPENERS and char != closer and _can_open(text, position):
            return None
    return None


def _can_close(text: str, position: int) -> bool:
    before = text[position - 1]
    after = text[position + 1] if position + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _find_single_close(text: str, start: int) -> int | None:
    """A ’ that ends a single-quoted quote, skipping apostrophes (don’t, rebels’ arms)."""
    for position in range(start, len(text)):
        char = text[position]
        if char in _OPENERS or char == _SINGLE_OPEN:
            return None
        if char != _SINGLE_CLOSE or not _can_close(text, position):
            continue
        after = text[position + 1 : position + 3]
        plural_possessive = text[position - 1] in "sS" and re.match(r" [a-z]", after)
        if not plural_possessive:
            return position
    return None


def _attribute(paragraph: str, index: int, start: int, end: int, rules: QuoteRules) -> Quote:
    text = paragraph[start:end]
    sentence_start = _sentence_start(paragraph, start - 1)
    before = paragraph[sentence_start : start - 1]
    after_start = end + 1
    after = paragraph[after_start : _sentence_end(paragraph, after_start)]
    introduced = bool(rules.verb_before.search(before)) or before.rstrip().endswith(":")
    partial = text[:1].islower() and not introduced and bool(before.strip())
    speaker, verb = _speaker_after(after, after_start, rules)
    if speaker is None and not partial:
        speaker, verb = _speaker_before(before, sentence_start, rules)
    speaker_span = (
        Span(paragraph[speaker[0] : speaker[1]], index, speaker[0], speaker[1]) if speaker else None
    )
    return Quote(Span(text, index, start, end), partial, speaker_span, verb)


def _sentence_start(text: str, position: int) -> int:
    starts = [match.end() for match in _SENTENCE_END.finditer(text, 0, max(position, 0))]
    return starts[-1] if starts else 0


def _sentence_end(text: str, position: int) -> int:
    match = _SENTENCE_END.search(text, position)
    return match.start() + 1 if match else len(text)


def _speaker_after(
    after: str, offset: int, rules: QuoteRules
) -> tuple[tuple[int, int] | None, str | None]:
    if after[:1].isalnum():
        return None, None
    for pattern in (rules.after_verb_first, rules.according_after, rules.after_speaker_first):
        match = pattern.match(after)
        if match and _plausible_speaker(match.group("speaker"), rules):
            verb = match.group("verb") if "verb" in match.groupdict() else "according to"
            return (offset + match.start("speaker"), offset + match.end("speaker")), verb
    return None, None


def _speaker_before(
    before: str, offset: int, rules: QuoteRules
) -> tuple[tuple[int, int] | None, str | None]:
    clause_start = max(before.rfind(", ", 0, len(before) - 2), before.rfind("; "))
    clause = before[clause_start + 2 :] if clause_start >= 0 else before
    shift = offset + (clause_start + 2 if clause_start >= 0 else 0)
    match = rules.before.search(clause)
    if match and match.start() == 0 and _plausible_speaker(match.group("speaker"), rules):
        return (shift + match.start("speaker"), shift + match.end("speaker")), match.group("verb")
    match = rules.according_before.search(before)
    if match and _plausible_speaker(match.group("speaker"), rules):
        return (offset + match.start("speaker"), offset + match.end("speaker")), "according to"
    return None, None


def _plausible_speaker(phrase: str, rules: QuoteRules) -> bool:
    words = phrase.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    first = words[0]
    return first[0].isupper() or first.lower() in rules.pronouns or first.lower() in _DETERMINERS


_DETERMINERS = frozenset({"a", "an", "the", "another", "one", "two", "some", "his", "her", "their"})

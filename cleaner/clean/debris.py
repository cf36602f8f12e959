"""Web debris: share buttons, ads, newsletter and cookie prompts, "Read more" links, and the like.

    >>> rules = load_rules("en")
    >>> blocks = [Block(0, "Share"), Block(1, "ADVERTISEMENT The fighters left, he said.")]
    >>> kept, edits = remove_debris(blocks, rules)
    >>> [b.text for b in kept], [e.rule for e in edits]
    (['The fighters left, he said.'], ['debris.share', 'debris.advertisement'])

The rules are data: `cleaner/rules/debris.neutral.toml` declares the kinds of debris (one rule
id each) with the patterns that hold in any language and documents the format; each language's
table (`debris.en.toml`, `debris.de.toml`, ...) adds its words to the same kinds; a
configuration adds tables of its own. A block is removed when a rule's `block` pattern matches
all of it; a `start` or `end` pattern strips debris glued to a real paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from cleaner.clean.blocks import Block, removed_block
from cleaner.clean.measure import UPPER, words
from cleaner.document import Edit
from cleaner.rules import RuleTableError, read_file, tables_for
from cleaner.rules.words import groups, joined_lists, with_words

_DECORATION = "\\s|•·»«›‹<>→←*#_=~\\[\\]()\\-–—:"
_TRIM = re.compile(f"^[{_DECORATION}]+|[{_DECORATION}]+$")
# A glued prefix must be followed by a capitalised word of any cased script (`UPPER`:
# Latin, Cyrillic, Greek, ...; case-sensitive, hence `(?-i:...)`).
_OPENS = f"[{UPPER}0-9“\"‘'(„«»]"  # how a sentence opens: a capital, a figure, a quote
_AFTER_PREFIX = rf"(?:\s*[:|•·–—-]\s*|\s+|(?=(?-i:[{UPPER}])))(?=(?-i:{_OPENS}))"
# a sentence end, in spaced scripts and in Chinese and Japanese (。！？ and the closing marks)
_BEFORE_SUFFIX = r"(?<=[.!?”“\"’)\]»«。！？」』）])\s*"
_MIN_REMAINING_WORDS = 3
_MAX_GLUED_END = 1000  # characters
_INPUTS = frozenset({"text", "html"})
_KIND_KEYS = ("reason", "max_words", "inputs")


@dataclass(frozen=True, slots=True)
class DebrisRule:
    """One compiled rule from a table.

    >>> neutral, english = load_rules("en")[:2]  # patterns of any language, then English
    >>> neutral.id, english.id, bool(english.block.fullmatch("share this article"))
    ('debris.share', 'debris.share', True)
    """

    id: str
    reason: str
    block: re.Pattern[str] | None
    start: re.Pattern[str] | None
    end: re.Pattern[str] | None
    inline: re.Pattern[str] | None
    max_words: int | None
    inputs: frozenset[str] = frozenset({"text", "html"})  # the inputs the rule applies to


@cache
def load_rules(
    language: str,
    tables: tuple[str, ...] = (),
    disable: frozenset[str] = frozenset(),
    directories: tuple[str, ...] = (),
) -> tuple[DebrisRule, ...]:
    """The debris rules for `language`: its tables (`cleaner.rules.tables_for`: the neutral
    table, the language's, then the same names in `directories`), then each extra table in
    `tables`, without the disabled rule ids.

    The tables' `[words]` lists are joined, so a pattern of one table can use the words of
    another (`{networks}` in a language's pattern, the language's words in a neutral one).
    Rules are tried kind by kind (one kind per id), in the order the ids first appear (the
    neutral table declares the packaged kinds), and within a kind in table order; an entry
    without `reason`, `max_words` or `inputs` takes them from the first entry of its id.

    >>> [rule.id for rule in load_rules("en")][2:4]  # the neutral row of names, then English's
    ['debris.social_buttons', 'debris.social_buttons']
    """
    found = list(tables_for("debris", language, directories))
    found += [(table, read_file(table)) for table in tables]
    words = groups(joined_lists((name, data.get("words", {})) for name, data in found))
    kinds: dict[str, dict[str, Any]] = {}
    rules: dict[str, list[DebrisRule]] = {}
    for name, data in found:
        for rule in _compile_table(name, data, words, kinds):
            rules.setdefault(rule.id, []).append(rule)
    return tuple(
        rule
        for rule_id, kind_rules in rules.items()
        if rule_id not in disable
        for rule in kind_rules
        if rule.block or rule.start or rule.end or rule.inline
    )


def _compile_table(
    name: str, data: dict[str, Any], words: dict[str, str], kinds: dict[str, dict[str, Any]]
) -> list[DebrisRule]:
    rules = []
    for number, entry in enumerate(data.get("rules", []), 1):
        where = f"{name}: rule {number}"
        if not isinstance(entry.get("id"), str):
            raise RuleTableError(f"{where}: every rule needs an 'id' string")
        kind = kinds.setdefault(entry["id"], {key: entry.get(key) for key in _KIND_KEYS})
        reason = entry.get("reason", kind["reason"])
        if not isinstance(reason, str):
            raise RuleTableError(
                f"{where} ({entry['id']}): the first rule of an id needs a 'reason' string"
            )
        inputs = entry.get("inputs", kind["inputs"] or list(_INPUTS))
        if not isinstance(inputs, list) or not inputs or not set(inputs) <= _INPUTS:
            raise RuleTableError(f"{where}: 'inputs' must list some of {sorted(_INPUTS)}")
        try:
            rules.append(
                DebrisRule(
                    id=entry["id"],
                    reason=reason,
                    block=_compile(entry.get("block"), "{}", words),
                    start=_compile(entry.get("start"), "^(?:{})" + _AFTER_PREFIX, words),
                    end=_compile(entry.get("end"), _BEFORE_SUFFIX + "(?:{})[.!]?$", words),
                    inline=_compile(entry.get("inline"), "{}", words),
                    max_words=entry.get("max_words", kind["max_words"]),
                    inputs=frozenset(inputs),
                )
            )
        except re.error as error:
            raise RuleTableError(f"{where} ({entry['id']}): bad pattern: {error}") from None
    return rules


def _compile(
    patterns: list[str] | None, template: str, words: dict[str, str]
) -> re.Pattern[str] | None:
    if not patterns:
        return None
    alternatives = "|".join(f"(?:{with_words(pattern, words)})" for pattern in patterns)
    return re.compile(template.format(alternatives), re.IGNORECASE)


def remove_debris(
    blocks: list[Block], rules: tuple[DebrisRule, ...]
) -> tuple[list[Block], list[Edit]]:
    """Drop debris blocks; strip debris glued to the others or inline in them."""
    kept: list[Block] = []
    edits: list[Edit] = []
    for block in blocks:
        rule = _whole_block_rule(block.text, rules)
        if rule is None:
            text, last_rule = _strip_parts(block, rules, edits)
            if text != block.text:
                block = replace(block, text=text)
            if _TRIM.sub("", text) or last_rule is None:
                kept.append(block)
                continue
            if not text:
                continue
            rule = last_rule  # only decoration is left of the block
        edits.append(removed_block(block, rule.id, rule.reason))
    return kept, edits


def _whole_block_rule(text: str, rules: tuple[DebrisRule, ...]) -> DebrisRule | None:
    core = _TRIM.sub("", text)
    stripped = text.strip()
    count = words(core)  # unspaced scripts (Chinese) counted by their characters
    for rule in rules:
        if rule.block is None or (rule.max_words is not None and count > rule.max_words):
            continue
        if rule.block.fullmatch(core) or (stripped != core and rule.block.fullmatch(stripped)):
            return rule
    return None


def _strip_parts(
    block: Block, rules: tuple[DebrisRule, ...], edits: list[Edit]
) -> tuple[str, DebrisRule | None]:
    """Remove inline markup and glued debris, one edit per removal, until nothing matches.

    Returns the text left and the last rule that removed something.
    """
    text = block.text
    last_rule = None
    changed = True
    while changed:
        changed = False
        for rule in rules:
            for kind, pattern in (
                ("inline", rule.inline),
                ("start", rule.start),
                ("end", rule.end),
            ):
                if pattern is None:
                    continue
                # debris glued to the end is short: search only the paragraph's tail
                tail = max(len(text) - _MAX_GLUED_END, 0) if kind == "end" else 0
                match = pattern.search(text, tail)
                if match is None:
                    continue
                start, end = _with_spaces(text, match.start(), match.end())
                rest = text[:start] + text[end:]
                if kind != "inline" and words(rest) < _MIN_REMAINING_WORDS:
                    continue
                where = "inside" if kind == "inline" else f"glued to the {kind} of"
                reason = f"{rule.reason} ({where} a paragraph)"
                edits.append(
                    Edit(rule.id, reason, "remove", text[start:end], None, block.index, start, end)
                )
                text, last_rule, changed = rest, rule, True
    return text, last_rule


def _with_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removal over the spaces it would leave doubled or dangling at either end."""
    if start == 0:
        while end < len(text) and text[end] == " ":
            end += 1
    elif end == len(text):
        while start > 0 and text[start - 1] == " ":
            start -= 1
    elif text[start - 1] == " " and text[end] == " ":
        start -= 1
    return start, end

"""Checks JSON Schema cannot express, for `cleaner validate --strict`.

    >>> record = {"paragraphs": ["Share", "Rain fell."], "subheadings": [],
    ...           "quotes": [{"text": "Rain", "paragraph": 1, "start": 0, "end": 5,
    ...                       "speaker": None, "continued_in": []}], "entities": []}
    >>> [(p.path, p.kind) for p in strict_problems(record)]
    [('$.paragraphs[0]', 'debris'), ('$.quotes[0]', 'offset')]

- offsets: every quote (and each later part of it), quote speaker and entity points into an
  existing paragraph, `start < end` inside it, and `paragraphs[p][start:end]` is its `text`;
  subheadings, the quote indices of `speakers` and the mention indices of
  `distinct_entities` point at existing items;
- paragraphs: none empty or blank, none that cleaner's own debris rules (`Share`,
  `Advertisement`, newsletter prompts, ...) or caption rules (photo credits, orphaned
  captions) of the record's language would remove or cut;
- ids: unique across everything checked in one run (`cleaner.archive.ids`).

They run on records that pass the schema, so the fields have the types they should.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cleaner.clean.blocks import Block
from cleaner.clean.captions import load_caption_rules, remove_captions
from cleaner.clean.debris import DebrisRule, load_rules, remove_debris
from cleaner.config import CaptionsConfig
from cleaner.validate import Problem


def strict_problems(record: dict[str, Any]) -> list[Problem]:
    """Every strict problem of one article record, in field order."""
    paragraphs = record.get("paragraphs") or []
    language = _language(record)
    problems = _paragraph_problems(paragraphs, language)
    for index in record.get("subheadings") or []:
        if not 0 <= index < len(paragraphs):
            problems.append(_missing("$.subheadings", index, "paragraph", len(paragraphs)))
    quotes = record.get("quotes") or []
    for number, quote in enumerate(quotes):
        where = f"$.quotes[{number}]"
        problems += _span_problems(paragraphs, quote, where)
        for part, piece in enumerate(quote.get("continued_in") or []):
            problems += _span_problems(paragraphs, piece, f"{where}.continued_in[{part}]")
        if quote.get("speaker"):
            problems += _span_problems(paragraphs, quote["speaker"], f"{where}.speaker")
    for number, group in enumerate(record.get("speakers") or []):
        for index in group.get("quotes") or []:
            if not 0 <= index < len(quotes):
                problems.append(
                    _missing(f"$.speakers[{number}].quotes", index, "quote", len(quotes))
                )
    entities = record.get("entities") or []
    for number, entity in enumerate(entities):
        problems += _span_problems(paragraphs, entity, f"$.entities[{number}]")
    for number, group in enumerate(record.get("distinct_entities") or []):
        for index in group.get("mentions") or []:
            if not 0 <= index < len(entities):
                where = f"$.distinct_entities[{number}].mentions"
                problems.append(_missing(where, index, "entity", len(entities)))
    return problems


def _span_problems(paragraphs: list[str], span: dict[str, Any], where: str) -> list[Problem]:
    index, start, end = span.get("paragraph"), span.get("start"), span.get("end")
    if not isinstance(index, int) or not 0 <= index < len(paragraphs):
        return [_missing(where + ".paragraph", index, "paragraph", len(paragraphs))]
    if not isinstance(start, int) or not isinstance(end, int):
        return [Problem(where, "start and end must be offsets", "offset")]
    paragraph = paragraphs[index]
    if not 0 <= start < end <= len(paragraph):
        return [
            Problem(
                where,
                f"offsets {start}:{end} are outside paragraph {index} (length {len(paragraph)})",
                "offset",
            )
        ]
    if paragraph[start:end] != span.get("text"):
        return [
            Problem(
                where,
                f"paragraphs[{index}][{start}:{end}] is {paragraph[start:end]!r}, not the "
                f"text {span.get('text')!r}; the offsets and the text disagree",
                "offset",
            )
        ]
    return []


def _language(record: dict[str, Any]) -> str:
    """The language whose rules the record was cleaned with: its `language.code` (schema 1.5.0
    on); records of older versions were all cleaned with the English tables."""
    language = record.get("language")
    return language.get("code", "und") if isinstance(language, dict) else "en"


def _missing(where: str, index: Any, what: str, count: int) -> Problem:
    return Problem(where, f"{what} {index!r} does not exist (there are {count})", "offset")


def _paragraph_problems(paragraphs: list[str], language: str) -> list[Problem]:
    problems = [
        Problem(f"$.paragraphs[{number}]", "the paragraph is empty or blank", "empty_paragraph")
        for number, text in enumerate(paragraphs)
        if not text.strip()
    ]
    blocks = [Block(number, text) for number, text in enumerate(paragraphs) if text.strip()]
    _, debris = remove_debris(blocks, _debris_rules(language))
    _, captions = remove_captions(blocks, load_caption_rules(language), CaptionsConfig().max_words)
    for edit, kind in [(edit, "debris") for edit in debris] + [(e, "caption") for e in captions]:
        problems.append(
            Problem(
                f"$.paragraphs[{edit.block}]",
                f"{edit.text!r} matches cleaner's rule {edit.rule} ({edit.reason}); "
                "remove it, or clean the article again",
                kind,
            )
        )
    return sorted(problems, key=lambda problem: _paragraph_number(problem.path))


def _paragraph_number(path: str) -> int:
    return int(path.removeprefix("$.paragraphs[").removesuffix("]"))


@cache
def _debris_rules(language: str) -> tuple[DebrisRule, ...]:
    """The rules that apply to a page's text (the plain-text-only ones guess more)."""
    return tuple(rule for rule in load_rules(language) if "html" in rule.inputs)

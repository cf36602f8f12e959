"""The hand-made speaker-resolution set (`benchmarks/speaker_resolution/polnear_cases.jsonl`,
issue 19) stays consistent with the PolNeAR data it points into.

Each line parses with exactly the set's fields, the lines are sorted by split, article and
offset with no case twice, every kind is pronoun, role or name_in_phrase, every case's offsets
lie inside its article and are the first fragment of a gold `Source` of a direct quote of that
article (as `quotes_polnear.read_gold` reads them, so the text at those offsets is that Source),
a pronoun case's text is a pronoun, a name_in_phrase case has a person, and at least 100
pronoun/role cases have a person. cleaner is not run here (`benchmarks/speaker_resolution.py`
scores it). The data lives in `../shared` (or `$CLEANER_SHARED`); without it the data checks
are skipped with the reason.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import quotes_polnear  # noqa: E402

SET = BENCHMARKS / "speaker_resolution" / "polnear_cases.jsonl"
FIELDS = {"split", "article", "source", "kind", "person"}
KINDS = {"pronoun", "role", "name_in_phrase"}
PRONOUNS = {"he", "she", "they", "his", "her", "him", "them", "who", "it", "which"}


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def articles(cases: list[dict[str, Any]]) -> dict[tuple[str, str], quotes_polnear.Case]:
    found = {}
    try:
        for split in sorted({case["split"] for case in cases}):
            found.update(((split, a.name), a) for a in quotes_polnear.load_cases(split))
    except FileNotFoundError as error:
        pytest.skip(f"benchmark data absent: {error}")
    return found


def test_set_parses_with_valid_fields_and_order(cases: list[dict[str, Any]]) -> None:
    assert cases
    for case in cases:
        assert set(case) == FIELDS, case
        assert case["split"] in ("dev", "train"), case
        assert case["kind"] in KINDS, case
        start, end = case["source"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end, case
        assert case["person"] is None or (isinstance(case["person"], str) and case["person"])
        if case["kind"] == "name_in_phrase":
            assert case["person"], case
    keys = [(case["split"], case["article"], case["source"][0]) for case in cases]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_at_least_100_pronoun_and_role_cases_have_a_person(cases: list[dict[str, Any]]) -> None:
    resolved = [c for c in cases if c["kind"] in ("pronoun", "role") and c["person"] is not None]
    assert len(resolved) >= 100


def test_every_source_is_a_gold_source_of_its_article(
    cases: list[dict[str, Any]], articles: dict[tuple[str, str], quotes_polnear.Case]
) -> None:
    sources: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for case in cases:
        key = (case["split"], case["article"])
        assert key in articles, f"{key} is not a PolNeAR article"
        article = articles[key]
        if key not in sources:
            gold = quotes_polnear.read_gold(article)
            sources[key] = {quote.source[0] for quote in gold.quotes if quote.source}
        start, end = case["source"]
        assert end <= len(article.text), case
        assert (start, end) in sources[key], f"{case}: not a gold Source of a direct quote"
        if case["kind"] == "pronoun":
            assert article.text[start:end].lower() in PRONOUNS, case

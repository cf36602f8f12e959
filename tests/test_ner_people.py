"""`benchmarks/ner_people.py`, the check of modern news's named speakers: which PolNeAR Sources
count as named people, and the share a backend's PERSON entities overlap (a made-up article and
backend; the PolNeAR data is not needed)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import ner_people

from cleaner.document import EntityLabel


class Spans:
    """A backend that finds the given spans in the first paragraph."""

    def __init__(self, spans: list[tuple[int, int, EntityLabel]]) -> None:
        self.spans = spans

    def find(self, paragraphs: Sequence[str]) -> list[list[tuple[int, int, EntityLabel]]]:
        return [list(self.spans) if i == 0 else [] for i in range(len(paragraphs))]


def write_article(folder: Path, text: str, sources: list[tuple[int, int]]) -> None:
    (folder / "dev" / "text").mkdir(parents=True)
    (folder / "dev" / "attributions").mkdir(parents=True)
    (folder / "dev" / "text" / "a.txt").write_text(text, "utf-8")
    lines = [
        f"T{n}\tSource {start} {end}\t{text[start:end]}" for n, (start, end) in enumerate(sources)
    ]
    (folder / "dev" / "attributions" / "a_1.ann").write_text("\n".join(lines), "utf-8")


def test_only_sources_written_as_names_count_with_paragraph_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Intro line.\nBarack Obama said it. He added more. Mr. Smith agreed."
    second = text.index("Barack")
    sources = [(second, second + 12), (text.index("He "), text.index("He ") + 2)]
    sources.append((text.index("Mr. Smith"), text.index("Mr. Smith") + 9))
    write_article(tmp_path, text, sources)
    monkeypatch.setattr(ner_people, "POLNEAR", tmp_path)
    [article] = ner_people.articles("dev")
    smith = article.paragraphs[1].index("Mr. Smith")
    assert sorted(article.speakers) == [(1, 0, 12), (1, smith, smith + 9)]


def test_the_share_counts_overlapping_person_entities_only() -> None:
    article = ner_people.Article(
        ["Barack Obama met Joe Biden."], frozenset({(0, 0, 12), (0, 17, 26)})
    )
    assert ner_people.person_share([article], Spans([(7, 12, "PERSON")])) == (2, 0.5)
    assert ner_people.person_share([article], Spans([(0, 12, "ORG"), (17, 26, "ORG")]))[1] == 0.0
    both = Spans([(0, 12, "PERSON"), (17, 26, "PERSON")])
    assert ner_people.person_share([article], both) == (2, 1.0)

"""Acceptance test: the seed article (../shared/seed/000_d80c0b3215a3ee18.txt) cleaned correctly.

The expectations below come from reading the file: a "Share" button label and two
"Advertisement" markers are debris, the first real line is the headline, the last line is an
orphaned photo caption, and the 18 paragraphs between them are the article, in order.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import SEED, assert_record_consistent, assert_text_edits_replay, run_cli

import cleaner

TITLE = "Missiles rain on Aleppo as Syrian army readies ground assault"
CAPTION = "Syrian President Bashar Assad at the presidential palace in Damascus"

# The opening words of every article paragraph, in the order they appear in the file.
PARAGRAPH_STARTS = [
    "Aleppo, once Syria’s commercial capital",
    "“I woke up to a powerful quake",
    "Another military source in Damascus said",
    "Entire apartment blocks were flattened",
    "The intense bombing and the declaration",
    "Jean-Marc Aryault, the foreign minister of France",
    "Even in this war-weary city",
    "In a possible hint of the looming showdown",
    "“It was the heaviest air strikes",
    "Up to 275,000 people in eastern Aleppo",
    "Syria’s Russian-backed military pressed ahead",
    "In a recent interview with The Associated Press",
    "Now that the cease-fire is officially dead",
    "“Absent a major gesture like this",
    "Scores of people have been killed",
    "Also in Aleppo province, the Observatory",
    "The government, meanwhile, claimed victory",
    "The fighters, carrying their personal weapons",
]

# (start of the quote's text, speaker as written, partial)
QUOTES = [
    ("I woke up to a powerful quake", "a rebel commander", False),
    ("the goal of the operation", "Another military source in Damascus", False),
    ("It was the heaviest air strikes", "Rami Abdulrahman", False),
    ("Absent a major gesture", "the secretary of state", False),
]


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> cleaner.Article:
    return cleaner.clean_text(seed_text, source=SEED.name)


@pytest.fixture(scope="module")
def record(seed_article: cleaner.Article) -> dict[str, Any]:
    return seed_article.to_dict()


def _quote(record: dict[str, Any], opening: str) -> dict[str, Any]:
    found = [q for q in record["quotes"] if q["text"].startswith(opening)]
    assert len(found) == 1, f"expected one quote starting {opening!r}, got {found}"
    return found[0]


def test_title(record: dict[str, Any]) -> None:
    assert record["title"] == TITLE


def test_title_not_repeated_in_body(record: dict[str, Any]) -> None:
    assert TITLE not in record["paragraphs"]


def test_every_paragraph_kept_in_order(record: dict[str, Any]) -> None:
    paragraphs = record["paragraphs"]
    assert len(paragraphs) == len(PARAGRAPH_STARTS)
    for paragraph, start in zip(paragraphs, PARAGRAPH_STARTS, strict=True):
        assert paragraph.startswith(start), (paragraph, start)


def test_paragraphs_are_the_lines_of_the_file(record: dict[str, Any], seed_text: str) -> None:
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    assert all(paragraph in lines for paragraph in record["paragraphs"])


@pytest.mark.parametrize("debris", ["Share", "Advertisement"])
def test_no_debris_left(record: dict[str, Any], debris: str) -> None:
    for paragraph in record["paragraphs"]:
        assert paragraph.strip() != debris
        assert not paragraph.startswith(debris + " ")
        assert not paragraph.endswith(" " + debris)
    assert debris not in (record["title"] or "")


def test_debris_recorded_as_edits(record: dict[str, Any]) -> None:
    removed = [(e["rule"], e["text"]) for e in record["edits"] if e["action"] == "remove"]
    assert ("debris.share", "Share") in removed
    assert removed.count(("debris.advertisement", "Advertisement")) == 2


def test_final_caption_removed_and_recorded(record: dict[str, Any]) -> None:
    assert all(CAPTION not in paragraph for paragraph in record["paragraphs"])
    edits = [e for e in record["edits"] if e["text"] == CAPTION]
    assert len(edits) == 1
    assert edits[0]["rule"].startswith("captions.")
    assert edits[0]["action"] == "remove"
    assert edits[0]["reason"]


def test_no_other_text_removed(record: dict[str, Any]) -> None:
    removed = {e["text"] for e in record["edits"] if e["target"] == "body"}
    assert removed == {"Share", "Advertisement", TITLE, CAPTION}


@pytest.mark.parametrize(("opening", "speaker", "partial"), QUOTES)
def test_quotes_and_speakers(
    record: dict[str, Any], opening: str, speaker: str, partial: bool
) -> None:
    quote = _quote(record, opening)
    paragraph = record["paragraphs"][quote["paragraph"]]
    assert paragraph[quote["start"] : quote["end"]] == quote["text"]
    # The quote is the text between its marks, marks excluded.
    assert paragraph[quote["start"] - 1] == "“"
    assert paragraph[quote["end"]] == "”"
    assert quote["partial"] is partial
    assert quote["speaker"] is not None
    assert quote["speaker"]["text"] == speaker
    assert quote["speaker"]["paragraph"] == quote["paragraph"]
    # The speaker's offsets, derived independently: its only occurrence in the paragraph.
    assert paragraph.count(speaker) == 1
    expected_start = paragraph.index(speaker)
    assert quote["speaker"]["start"] == expected_start
    assert quote["speaker"]["end"] == expected_start + len(speaker)
    assert quote["verb"] == "said"


def test_quote_offsets_exact(record: dict[str, Any]) -> None:
    """Hand-checked offsets: paragraph 1 opens with the quote mark, the speaker follows."""
    quote = _quote(record, "I woke up")
    assert quote["paragraph"] == 1
    assert quote["start"] == 1
    assert quote["end"] == 1 + len(
        "I woke up to a powerful quake though I was in a place far away from where the "
        "missile landed"
    )
    assert quote["speaker"] == {
        "text": "a rebel commander",
        "paragraph": 1,
        "start": 101,
        "end": 118,
    }
    absent = _quote(record, "Absent a major gesture")
    assert absent["speaker"]["start"] == absent["end"] + len("”, ")


def test_partial_quote(record: dict[str, Any]) -> None:
    quote = _quote(record, "not genuine")
    assert quote["partial"] is True
    assert quote["text"] == "not genuine regarding having a cessation of violence in Syria"


def test_scare_quote_is_partial(record: dict[str, Any]) -> None:
    assert _quote(record, "ground offensive")["partial"] is True


def test_he_said(record: dict[str, Any]) -> None:
    quote = _quote(record, "I have not seen in my life")
    assert quote["speaker"]["text"] == "he"


def test_record_consistent(record: dict[str, Any]) -> None:
    assert_record_consistent(record)


def test_edits_replay(seed_article: cleaner.Article, seed_text: str) -> None:
    assert_text_edits_replay(seed_text, seed_article)


def test_encoding_recorded_for_bytes() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: the ../shared material is not in this checkout")
    article = cleaner.clean_text(SEED.read_bytes())
    assert article.to_dict()["processing"]["encoding"] == {
        "name": "utf-8",
        "method": "utf-8",
        "declared": None,
        "replaced_bytes": 0,
    }
    assert article.title == TITLE


def test_seed_through_the_cli(tmp_path, seed_text: str) -> None:
    source = tmp_path / "seed.txt"
    source.write_text(seed_text, encoding="utf-8")
    result = run_cli("clean", source, "-o", tmp_path / "out.jsonl")
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 1
    expected = cleaner.clean_text(source.read_bytes(), source=str(source)).to_dict()
    assert json.loads(lines[0]) == expected
    stderr = result.stderr.decode()
    assert "1 articles in, 1 written, 0 rejected" in stderr
    assert "debris.advertisement 2" in stderr


def test_seed_speaker_names_and_kinds(record: dict[str, Any]) -> None:
    """Names only where the text gives one; "he said" with no person before it is nobody."""
    he = _quote(record, "I have not seen in my life")
    assert he["speaker"]["text"] == "he"
    assert he["speaker_name"] is None and he["speaker_resolution"] is None
    rami = _quote(record, "It was the heaviest air strikes")
    assert rami["speaker_name"] == "Rami Abdulrahman"
    assert rami["speaker_role"] == "director of the Syrian Observatory for Human Rights"
    assert _quote(record, "the goal of the operation")["speaker_name"] is None
    assert _quote(record, "ground offensive")["kind"] == "scare"
    assert _quote(record, "not genuine")["kind"] == "partial"
    assert {"name": "Rami Abdulrahman", "quotes": [record["quotes"].index(rami)]} in record[
        "speakers"
    ]

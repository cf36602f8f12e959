"""The built-in English NER model: shipped, loaded by default, right on the seed and the corpus.

The model files live in `cleaner/models/ner/` and are installed with the package; these tests
run on every install (CI included), with no network and no spaCy. Training is not tested here
(`training/ner/train.py` takes minutes); the model it shipped is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import assert_record_consistent, read_jsonl, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.structure.crf_ner import MODEL_FILES, builtin_model_path
from cleaner.structure.entities import BUILTIN, load_backend
from cleaner.structure.entity_groups import group_entities
from cleaner.structure.ner_tokens import _TOKEN, tokenize

ROOT = Path(__file__).resolve().parent.parent

# The seed's entities the issue names, with the label each must get.
SEED_ENTITIES = {
    "Aleppo": "LOC",
    "Syria": "LOC",
    "Damascus": "LOC",
    "Homs": "LOC",
    "Idlib": "LOC",
    "Britain": "LOC",
    "France": "LOC",
    "Reuters": "ORG",
    "White Helmets": "ORG",
    "Syrian Observatory for Human Rights": "ORG",
    "Associated Press": "ORG",
    "Islamic State": "ORG",
    "Rami Abdulrahman": "PERSON",
    "Jean-Marc Aryault": "PERSON",
    "Talal Barazi": "PERSON",
    "Assad": "PERSON",
}


def test_the_model_ships_inside_the_package() -> None:
    path = builtin_model_path("en")
    assert path.is_relative_to(Path(cleaner.__file__).parent)
    for name in MODEL_FILES:
        assert (path / name).is_file(), f"{name} is missing from {path}"
    size = sum(file.stat().st_size for file in path.iterdir())
    assert size <= 25_000_000


def test_entities_are_on_by_default_with_the_builtin_model() -> None:
    article = cleaner.clean_text("Rain falls\n\nRami Abdulrahman told Reuters in Aleppo it rained.")
    record = article.to_dict()
    assert record["processing"]["entity_backend"].startswith("builtin:")
    found = {(e["text"], e["label"]) for e in record["entities"]}
    assert found >= {("Rami Abdulrahman", "PERSON"), ("Reuters", "ORG"), ("Aleppo", "LOC")}
    assert_record_consistent(record)


def test_the_backend_is_loaded_once_per_process() -> None:
    assert load_backend(BUILTIN, "en") is load_backend(BUILTIN, "en")


def test_seed_entities_at_least_90_percent_right(seed_text: str) -> None:
    article = cleaner.clean_text(seed_text)
    labelled = {(e.span.text, e.label) for e in article.entities}
    # "Bashar Assad" is only in the caption, which is removed; "Assad" is named throughout.
    right = [name for name, label in SEED_ENTITIES.items() if _found(name, label, labelled)]
    missing = sorted(set(SEED_ENTITIES) - set(right))
    assert len(right) >= 0.9 * len(SEED_ENTITIES), f"missing or mislabelled: {missing}"
    assert_record_consistent(article.to_dict())


@pytest.mark.xfail(
    strict=True,
    reason="the shipped model tags 'Entire' LOC and one of the seed's 'Homs' PERSON; the trial "
    "model of `train.py --outside` gets both right but loses on eng.testa, on 2016 news's named "
    "speakers and on the speaker resolution set, and was not shipped (issue 19, "
    "training/ner/README.md)",
)
def test_seed_names_keep_one_label_and_common_words_are_not_names(seed_text: str) -> None:
    """Issue 19: no sentence-initial common word as a name ("Entire apartment blocks"), and
    one label per name in the article ("Assad" a person, "Homs" a place, throughout)."""
    labelled = {(e.span.text, e.label) for e in cleaner.clean_text(seed_text).entities}
    assert not any(text == "Entire" for text, _label in labelled)
    assert {label for text, label in labelled if text == "Assad"} == {"PERSON"}
    assert {label for text, label in labelled if text == "Homs"} == {"LOC"}


def test_the_seeds_islamic_state_is_an_organisation(seed_text: str) -> None:
    """CoNLL's 1996 text has no "Islamic State": the model tags "Islamic" MISC; the English
    model's `organisations.txt` names it (issue 19)."""
    labelled = {(e.span.text, e.label) for e in cleaner.clean_text(seed_text).entities}
    assert ("Islamic State", "ORG") in labelled
    assert not any(text == "Islamic" for text, _label in labelled)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("In an interview with The Associated Press, she said no.", "Associated Press"),
        ("A spokesman told AFP on Monday that talks had failed.", "AFP"),
        ("The figures were first reported by Bloomberg.", "Bloomberg"),
    ],
)
def test_a_news_agency_is_an_organisation_wherever_it_is_named(text: str, agency: str) -> None:
    found = {(e.span.text, e.label) for e in cleaner.clean_text(text).entities}
    assert any(agency in name and label == "ORG" for name, label in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Ms. Acosta said she would run.",  # the model alone: "Ms. Acosta" ORG
        "Mr. Acosta said he would run.",
    ],
)
def test_a_name_after_a_courtesy_title_is_a_person_without_the_title(text: str) -> None:
    article = cleaner.clean_text(f"Council race\n\n{text}\n\nThe vote is in May.")
    found = {(e.span.text, e.label) for e in article.entities}
    assert ("Acosta", "PERSON") in found, found
    assert not any(name.startswith(("Mr", "Ms")) for name, _label in found)


def test_a_listed_organisation_is_one_as_a_whole_word_only() -> None:
    text = "He posted on Facebook that al-Qaeda had claimed it. Facebooking is not a name."
    found = {(e.span.text, e.label) for e in cleaner.clean_text(text).entities}
    assert {("Facebook", "ORG"), ("al-Qaeda", "ORG")} <= found
    assert not any(name.startswith("Facebooking") and label == "ORG" for name, label in found)


def _found(name: str, label: str, labelled: set[tuple[str, str]]) -> bool:
    """The name found with its label, allowing a leading "the" or a longer span around it."""
    return any(label == got and name in text for text, got in labelled)


def test_distinct_entities_group_the_seeds_mentions(seed_text: str) -> None:
    record = cleaner.clean_text(seed_text).to_dict()
    groups = {group["name"]: group for group in record["distinct_entities"]}
    assert groups["Aleppo"]["count"] >= 5
    assert sum(g["count"] for g in record["distinct_entities"]) == len(record["entities"])
    for group in record["distinct_entities"]:
        labels = {record["entities"][i]["label"] for i in group["mentions"]}
        assert labels == {group["label"]}


def test_a_corpus_article_gets_its_entities() -> None:
    path = ROOT / "corpus" / "text_politics_budget_dateline.txt"
    record = cleaner.clean_text(path.read_text("utf-8")).to_dict()
    labels = {e["label"] for e in record["entities"]}
    assert {"PERSON", "LOC"} <= labels
    assert record["distinct_entities"]
    assert_record_consistent(record)


def test_no_entities_turns_the_model_off(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rain falls\n\nRami Abdulrahman spoke in Aleppo.", "utf-8")
    result = run_cli("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl"),
                     "--no-entities")  # fmt: skip
    assert result.returncode == 0, result.stderr
    [record] = read_jsonl(tmp_path / "out.jsonl")
    assert record["entities"] == [] and record["distinct_entities"] == []
    assert record["processing"]["entity_backend"] is None


@pytest.mark.parametrize(
    ("mentions", "groups"),
    [
        (["Bashar Assad", "Assad", "Assad's"], [["Bashar Assad", "Assad", "Assad's"]]),
        (["Assad", "Bashar Assad"], [["Assad", "Bashar Assad"]]),
        (["U.S.", "US", "United States"], [["U.S.", "US", "United States"]]),
        (["John Smith", "Jane Smith", "Smith"], [["John Smith"], ["Jane Smith"], ["Smith"]]),
        (
            ["Syrian Observatory for Human Rights", "the Observatory", "SOHR"],
            [["Syrian Observatory for Human Rights", "the Observatory", "SOHR"]],
        ),
    ],
)
def test_mentions_grouped(mentions: list[str], groups: list[list[str]]) -> None:
    label = "PERSON" if "Smith" in mentions[0] or "Assad" in mentions[0] else "ORG"
    if mentions[0].startswith("U"):
        label = "LOC"
    entities = [
        cleaner.Entity(cleaner.Span(text, 0, 0, len(text)), label)  # type: ignore[arg-type]
        for text in mentions
    ]
    found = [[mentions[i] for i in group.mentions] for group in group_entities(entities)]
    assert found == groups


def test_labels_differ_never_group() -> None:
    entities = [
        cleaner.Entity(cleaner.Span("Syria", 0, 0, 5), "LOC"),
        cleaner.Entity(cleaner.Span("Syria", 1, 0, 5), "ORG"),
    ]
    assert len(group_entities(entities)) == 2


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abnstAMSZ'’.&-, 1é\n", max_size=40))
def test_word_shortcut_never_changes_the_tokens(text: str) -> None:
    """The tokenizer's first alternative (plain words) only speeds up what the rest would do."""
    without_shortcut = re.compile(_TOKEN.pattern.split("|", 1)[1], _TOKEN.flags)
    assert [t.text for t in tokenize(text)] == without_shortcut.findall(text)

"""Named entities through the spaCy backend, with a real (tiny) pipeline trained in the test.

A blank English pipeline with an `ner` component learns PERSON, ORG and GPE from a dozen
sentences (fixed seed, once per module) and is saved to a temporary directory; `cleaner` then
loads it by path through the API (`Config().with_entities(path)`) and the command line
(`--ner-model PATH`). Only sentences the model was trained on (or close variants) are checked:
labels mapped to the schema's set (GPE -> LOC), offsets exact, the backend named in the record.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import assert_record_consistent, read_jsonl, run_cli

import cleaner
from cleaner import Config, Document, Source
from cleaner.structure.entities import LABELS, BackendError, find_entities, load_backend

spacy = pytest.importorskip("spacy", reason="spaCy is needed: pip install 'cleaner[spacy]'")

MODEL_NAME = "cleaner_test_ner"
MODEL_VERSION = "0.0.1"
TRAINING = [
    (
        "Rami Abdulrahman spoke in Aleppo on Friday.",
        [("Rami Abdulrahman", "PERSON"), ("Aleppo", "GPE")],
    ),
    ("Reuters reported from Damascus.", [("Reuters", "ORG"), ("Damascus", "GPE")]),
    ("Bashar Assad met officials in Damascus.", [("Bashar Assad", "PERSON"), ("Damascus", "GPE")]),
    (
        "The White Helmets worked in Aleppo all night.",
        [("White Helmets", "ORG"), ("Aleppo", "GPE")],
    ),
    (
        "Talal Barazi said the fighters would leave Homs.",
        [("Talal Barazi", "PERSON"), ("Homs", "GPE")],
    ),
    (
        "Jean-Marc Ayrault visited France and Syria.",
        [("Jean-Marc Ayrault", "PERSON"), ("France", "GPE"), ("Syria", "GPE")],
    ),
    ("The Associated Press interviewed Assad.", [("Associated Press", "ORG"), ("Assad", "PERSON")]),
    ("Rebels in Idlib told Reuters the town had fallen.", [("Idlib", "GPE"), ("Reuters", "ORG")]),
    (
        "Rami Abdulrahman runs the Syrian Observatory from Britain.",
        [("Rami Abdulrahman", "PERSON"), ("Syrian Observatory", "ORG"), ("Britain", "GPE")],
    ),
    (
        "Assad blamed the United States for the collapse.",
        [("Assad", "PERSON"), ("United States", "GPE")],
    ),
    ("Talal Barazi is the governor of Homs.", [("Talal Barazi", "PERSON"), ("Homs", "GPE")]),
    ("The White Helmets said Aleppo was burning.", [("White Helmets", "ORG"), ("Aleppo", "GPE")]),
    (
        "Reuters spoke to Rami Abdulrahman in Britain.",
        [("Reuters", "ORG"), ("Rami Abdulrahman", "PERSON"), ("Britain", "GPE")],
    ),
    ("Fighting continued in Aleppo and Homs.", [("Aleppo", "GPE"), ("Homs", "GPE")]),
]
# A headline and three training sentences as paragraphs: what the checks below look at.
ARTICLE = (
    "Strikes hit Aleppo\n\n"
    "Rami Abdulrahman spoke in Aleppo on Friday.\n\n"
    "Reuters reported from Damascus.\n\n"
    "Talal Barazi is the governor of Homs.\n"
)
EXPECTED = {
    ("Rami Abdulrahman", "PERSON", 0),
    ("Aleppo", "LOC", 0),
    ("Reuters", "ORG", 1),
    ("Damascus", "LOC", 1),
    ("Talal Barazi", "PERSON", 2),
    ("Homs", "LOC", 2),
}


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Train the tiny NER pipeline once and save it; its path is the model name to pass."""
    from spacy.training import Example
    from spacy.util import fix_random_seed

    fix_random_seed(0)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "ORG", "GPE"):
        ner.add_label(label)
    examples = []
    for text, entities in TRAINING:
        spans = []
        for name, label in entities:
            start = text.index(name)
            spans.append((start, start + len(name), label))
        examples.append(Example.from_dict(nlp.make_doc(text), {"entities": spans}))
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(0)
    for _ in range(50):
        order.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.1, losses={})
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["version"] = MODEL_VERSION
    path = tmp_path_factory.mktemp("model") / "ner"
    nlp.to_disk(path)
    # The model learnt its lessons: otherwise the checks below would test the trainer.
    learnt = {(e.text, e.label_) for e in spacy.load(path)(TRAINING[0][0]).ents}
    assert learnt == {("Rami Abdulrahman", "PERSON"), ("Aleppo", "GPE")}, learnt
    return str(path)


def _found(article: cleaner.Article) -> set[tuple[str, str, int]]:
    return {(e.span.text, e.label, e.span.paragraph) for e in article.entities}


def test_clean_text_with_entities(model_path: str) -> None:
    article = cleaner.clean_text(ARTICLE, config=Config().with_entities(model_path))
    assert article.title == "Strikes hit Aleppo"
    assert _found(article) >= EXPECTED
    labels = {entity.label for entity in article.entities}
    assert labels <= {"PERSON", "ORG", "LOC", "MISC"}
    assert "GPE" not in labels
    record = article.to_dict()
    assert_record_consistent(record)
    for entity in record["entities"]:
        paragraph = record["paragraphs"][entity["paragraph"]]
        assert paragraph[entity["start"] : entity["end"]] == entity["text"]
    assert record["processing"]["entity_backend"] == (f"spacy:en_{MODEL_NAME}@{MODEL_VERSION}")


def test_entity_offsets_exact(model_path: str) -> None:
    article = cleaner.clean_text(ARTICLE, config=Config().with_entities(model_path))
    paragraph = article.paragraphs[0]
    [rami] = [e for e in article.entities if e.span.text == "Rami Abdulrahman"]
    assert (rami.span.paragraph, rami.span.start, rami.span.end) == (0, 0, 16)
    [aleppo] = [e for e in article.entities if e.span.paragraph == 0 and e.label == "LOC"]
    assert aleppo.span.start == paragraph.index("Aleppo")
    assert aleppo.span.end == aleppo.span.start + len("Aleppo")


def test_entities_in_reading_order(model_path: str) -> None:
    article = cleaner.clean_text(ARTICLE, config=Config().with_entities(model_path))
    positions = [(e.span.paragraph, e.span.start) for e in article.entities]
    assert positions == sorted(positions)


def test_entities_after_cleaning(model_path: str) -> None:
    """Offsets are in the cleaned paragraphs: debris glued to the start is gone first."""
    text = "Strikes hit Aleppo\n\nAdvertisement Rami Abdulrahman spoke in Aleppo on Friday.\n"
    config = Config(language="en").with_entities(model_path)  # too short to tell alone
    article = cleaner.clean_text(text, config=config)
    assert article.paragraphs == ("Rami Abdulrahman spoke in Aleppo on Friday.",)
    assert ("Rami Abdulrahman", "PERSON", 0) in _found(article)
    assert_record_consistent(article.to_dict())


def test_process_with_entities(model_path: str) -> None:
    document = Document(Source("a.txt", "text"), ARTICLE.encode(), "text")
    article = cleaner.process(document, Config().with_entities(model_path))
    assert isinstance(article, cleaner.Article)
    assert _found(article) >= EXPECTED
    assert article.entity_backend == f"spacy:en_{MODEL_NAME}@{MODEL_VERSION}"


def test_entities_deterministic(model_path: str) -> None:
    config = Config().with_entities(model_path)
    first = json.dumps(cleaner.clean_text(ARTICLE, config=config).to_dict())
    second = json.dumps(cleaner.clean_text(ARTICLE, config=config).to_dict())
    assert first == second


def test_no_entities_when_turned_off() -> None:
    record = cleaner.clean_text(ARTICLE, config=Config().with_entities(None)).to_dict()
    assert record["entities"] == [] and record["distinct_entities"] == []
    assert record["processing"]["entity_backend"] is None


def test_a_user_pipeline_replaces_the_builtin_model(model_path: str) -> None:
    default = cleaner.clean_text(ARTICLE).to_dict()
    chosen = cleaner.clean_text(ARTICLE, config=Config().with_entities(model_path)).to_dict()
    assert default["processing"]["entity_backend"].startswith("builtin:")
    assert chosen["processing"]["entity_backend"] == f"spacy:en_{MODEL_NAME}@{MODEL_VERSION}"


def test_backend_loaded_once(model_path: str) -> None:
    assert load_backend(model_path) is load_backend(model_path)


def test_find_entities_with_any_backend() -> None:
    """The backend is pluggable: anything with `name` and `find` will do."""

    class Fixed:
        name = "fixed"

        def find(self, paragraphs):
            return [[(0, 4, "ORG")] for _ in paragraphs]

    entities = find_entities(["ACME rose.", "ACME fell."], Fixed())
    assert [(e.span.text, e.span.paragraph, e.label) for e in entities] == [
        ("ACME", 0, "ORG"),
        ("ACME", 1, "ORG"),
    ]


class _Given:
    """A backend that returns the spans it was given, per paragraph."""

    name = "given"

    def __init__(self, spans: list[list[tuple[int, int, str]]]) -> None:
        self.spans = spans

    def find(self, paragraphs):
        return [list(spans) for spans in self.spans]


def _labels(paragraphs: list[str], spans: list[list[tuple[int, int, str]]]) -> list[tuple]:
    return [
        (e.span.text, e.span.paragraph, e.label) for e in find_entities(paragraphs, _Given(spans))
    ]


def test_a_name_keeps_each_label_the_model_gave_it_unless_it_ends_a_persons_name() -> None:
    paragraphs = ["Jordan spoke.", "Jordan rose.", "Jordan fell."]
    spans = [[(0, 6, "PERSON")], [(0, 6, "LOC")], [(0, 6, "LOC")]]
    assert [label for *_, label in _labels(paragraphs, spans)] == ["PERSON", "LOC", "LOC"]


def test_the_last_word_of_a_persons_name_is_that_person() -> None:
    paragraphs = ["Bashar Assad spoke.", "Assad's army advanced.", "The Assad regime."]
    spans = [[(0, 12, "PERSON")], [(0, 5, "LOC")], [(4, 9, "LOC")]]
    assert _labels(paragraphs, spans) == [
        ("Bashar Assad", 0, "PERSON"),
        ("Assad", 1, "PERSON"),
        ("Assad", 2, "PERSON"),
    ]


def test_label_mapping() -> None:
    assert LABELS["GPE"] == "LOC"
    assert LABELS["PER"] == "PERSON"
    assert LABELS["NORP"] == "MISC"
    assert "DATE" not in LABELS and "CARDINAL" not in LABELS
    assert set(LABELS.values()) == {"PERSON", "ORG", "LOC", "MISC"}


def test_missing_model_is_a_backend_error() -> None:
    with pytest.raises(BackendError) as error:
        load_backend("does-not-exist-model")
    assert "pip install" in str(error.value)


def test_model_without_ner(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "no_ner")
    with pytest.raises(BackendError) as error:
        load_backend(str(tmp_path / "no_ner"))
    assert "'ner'" in str(error.value)


# --- the command line ---------------------------------------------------------------------------


def test_cli_ner_model(model_path: str, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("clean", source, "--ner-model", model_path, "-o", out)
    assert result.returncode == 0, result.stderr
    [record] = read_jsonl(out)
    assert_record_consistent(record)
    found = {(e["text"], e["label"], e["paragraph"]) for e in record["entities"]}
    assert found >= EXPECTED
    assert record["processing"]["entity_backend"] == f"spacy:en_{MODEL_NAME}@{MODEL_VERSION}"
    api = cleaner.clean_text(
        source.read_bytes(), source=str(source), config=Config().with_entities(model_path)
    )
    assert record == api.to_dict()


def test_cli_model_from_config(model_path: str, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(f"[entities]\nmodel = {json.dumps(model_path)}\n", encoding="utf-8")
    result = run_cli("clean", source, "--config", config)
    assert result.returncode == 0, result.stderr
    [record] = read_jsonl(result.stdout)
    assert record["entities"]
    no_entities = run_cli("clean", source, "--config", config, "--no-entities")
    assert no_entities.returncode == 0
    [plain] = read_jsonl(no_entities.stdout)
    assert plain["entities"] == []
    assert plain["processing"]["entity_backend"] is None


def test_cli_ner_model_does_not_exist(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("clean", source, "--ner-model", "does-not-exist", "-o", out)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.startswith("cleaner: error: ")
    assert "does-not-exist" in stderr
    assert "pip install" in stderr  # what to install
    assert not out.exists()

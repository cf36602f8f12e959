"""Records as spaCy docs (`cleaner.to_spacy`) and `cleaner clean -o out.spacy` (a DocBin).

The promise: every entity, quote and speaker of a record is a span of the `Doc` with exactly
the record's text, also after a `DocBin` round trip, on every article of the bundled corpus;
a span whose edge falls inside a token splits the token instead of being lost or widened.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, read_jsonl, run_cli

from cleaner import Config, Reject, process
from cleaner.read import expand_inputs, read_all

spacy = pytest.importorskip("spacy", reason="needs: pip install 'cleaner[spacy]'")
from spacy.tokens import DocBin  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from cleaner.spacy_doc import mismatches, register_extensions, to_spacy  # noqa: E402

GLUED = {
    "id": "glued",
    "paragraphs": ["Visitors from Londonbased firms came.", "“Fine,” Ann Lee said."],
    "subheadings": [],
    "entities": [{"text": "London", "label": "LOC", "paragraph": 0, "start": 14, "end": 20}],
    "quotes": [
        {
            "text": "Fine,",
            "paragraph": 1,
            "start": 1,
            "end": 6,
            "kind": "full",
            "partial": False,
            "continued_in": [],
            "speaker": {"text": "Ann Lee", "paragraph": 1, "start": 8, "end": 15},
            "verb": "said",
            "speaker_name": "Ann Lee",
            "speaker_resolution": "as_written",
            "speaker_role": None,
        }
    ],
    "edits": [{"rule": "debris.share", "text": "Share"}],
}


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    """Every article of corpus/, cleaned as the command line cleans it."""
    files = expand_inputs([str(ROOT / "corpus")]).files
    results = (process(item, Config()) for item in read_all(files, 10_000_000))
    return [item.to_dict() for item in results if not isinstance(item, Reject)]


def _through_docbin(docs: list[Any]) -> list[Any]:
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    return list(DocBin().from_bytes(data).get_docs(Vocab()))


def test_corpus_round_trip_is_exact_also_through_docbin(corpus: list[dict[str, Any]]) -> None:
    assert len(corpus) >= 30
    docs = [to_spacy(record, spacy.blank("xx")) for record in corpus]
    checked = 0
    for record, doc, loaded in zip(corpus, docs, _through_docbin(docs), strict=True):
        assert doc.text == "\n\n".join(record["paragraphs"])
        assert loaded.text == doc.text
        for found in (doc, loaded):
            count, problems = mismatches(record, found)
            assert problems == [], (record["id"], problems)
        checked += count
        # in record order, so distinct_entities' mention indices count doc.ents too
        assert [ent.text for ent in doc.ents] == [entity["text"] for entity in record["entities"]]
        kept = json.loads(json.dumps(loaded.user_data["cleaner"]))  # msgpack's tuples: lists
        assert kept["edits"] == record["edits"]
        assert kept["page"] == record["page"]
        assert "paragraphs" not in loaded.user_data["cleaner"]
    assert checked > 100  # the corpus has entities and quotes to check


@pytest.mark.parametrize("tokenizer", ["pipeline", "vocab"])
def test_an_entity_inside_a_token_splits_the_token(tokenizer: str) -> None:
    nlp = spacy.blank("en")
    assert "Londonbased" in [token.text for token in nlp(GLUED["paragraphs"][0])]
    doc = to_spacy(GLUED, nlp if tokenizer == "pipeline" else Vocab())
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("London", "LOC")]
    assert [token.text for token in doc[2:4]] == ["London", "based"]
    assert doc[2].whitespace_ == ""
    assert doc.text == "\n\n".join(GLUED["paragraphs"])
    assert mismatches(GLUED, doc) == (3, [])


@pytest.mark.parametrize("tokenizer", ["pipeline", "vocab"])
def test_a_quote_ending_in_a_space_keeps_the_space(tokenizer: str) -> None:
    paragraph = "\"I was called 'an outsider,' \" he said."
    quote = {**GLUED["quotes"][0], "paragraph": 0, "start": 1, "end": 29, "speaker": None}
    quote["text"] = paragraph[1:29]
    assert quote["text"].endswith("' ")
    record = {"paragraphs": [paragraph], "entities": [], "quotes": [quote]}
    doc = to_spacy(record, spacy.blank("en") if tokenizer == "pipeline" else Vocab())
    assert doc.text == paragraph
    assert [span.text for span in doc.spans["quotes"]] == [quote["text"]]
    assert mismatches(record, doc) == (1, [])


def test_quote_and_speaker_attributes_survive_docbin() -> None:
    [doc] = _through_docbin([to_spacy(GLUED, spacy.blank("en"))])
    register_extensions()
    [quote] = doc.spans["quotes"]
    [speaker] = doc.spans["speakers"]
    assert (quote.text, quote.label_, speaker.text) == ("Fine,", "full", "Ann Lee")
    assert quote._.cleaner_quote["speaker_name"] == "Ann Lee"
    assert quote._.cleaner_quote["verb"] == "said"
    start, end = quote._.cleaner_quote["speaker"]
    assert (start, end) == (speaker.start_char, speaker.end_char)
    assert speaker._.cleaner_speaker == {
        "name": "Ann Lee",
        "resolution": "as_written",
        "role": None,
        "quotes": (0,),  # msgpack gives sequences back as tuples
    }
    assert [span.label_ for span in doc.spans["paragraphs"]] == ["PARAGRAPH", "PARAGRAPH"]


def test_an_article_object_converts_like_its_record() -> None:
    import cleaner

    article = cleaner.clean_text("Rain in Leeds\n\n“Wet,” Ann Lee told Reuters in Leeds.")
    doc = cleaner.to_spacy(article, spacy.blank("en"))
    assert mismatches(article.to_dict(), doc)[1] == []
    assert doc.user_data["cleaner"]["title"] == "Rain in Leeds"


def test_cli_writes_a_docbin_of_the_same_records(tmp_path: Path) -> None:
    page = ROOT / "corpus" / "html_politics_mayoral_recount.html"
    jsonl, binary = tmp_path / "out.jsonl", tmp_path / "out.spacy"
    assert run_cli("clean", page, "-o", jsonl).returncode == 0
    result = run_cli("clean", page, "-o", binary)
    assert result.returncode == 0, result.stderr
    [record] = read_jsonl(jsonl)
    [doc] = DocBin().from_disk(binary).get_docs(Vocab())
    assert doc.user_data["cleaner"]["id"] == record["id"]
    assert mismatches(record, doc)[1] == []
    assert len(doc.ents) == len(record["entities"]) > 0


def test_missing_spacy_names_the_install_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.write import OutputError
    from cleaner.write_docbin import DocBinWriter

    monkeypatch.setitem(sys.modules, "spacy.tokens", None)
    with pytest.raises(OutputError, match=r"pip install 'cleaner\[spacy\]'"):
        DocBinWriter(str(tmp_path / "out.spacy"))
    assert not (tmp_path / "out.spacy").exists()

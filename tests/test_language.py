"""Every record says its language and how it was decided; the steps use that language.

The rules are in `cleaner/language.py`: a given language is used as given; a declared one
(JSONL `language`, HTTP Content-Language, `<html lang>`, JSON-LD, og:locale) stands unless the
text clearly says otherwise; without either, the identifier decides, or "und" when it cannot.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner
from cleaner import Config
from cleaner.config import ConfigError, EntitiesConfig
from cleaner.document import Declared
from cleaner.language import decide_language, language_code
from cleaner.structure.entities import backend_for
from tests.conftest import run_cli

GERMAN = (
    "Die Stadtverwaltung hat am Montag angekündigt, die Brücke über den Fluss bis zum Sommer "
    "zu sanieren. Der Verkehr wird in dieser Zeit über die Umgehungsstraße geleitet.\n\n"
    "„Wir haben keine andere Wahl“, sagte die Bürgermeisterin bei einer Pressekonferenz im "
    "Rathaus. Die Arbeiten sollen rund vier Millionen Euro kosten."
)
ENGLISH = (
    "The city council said on Monday that the bridge over the river would be repaired by the "
    "summer. Traffic will be sent along the bypass while the work goes on.\n\n"
    "“We have no other choice,” the mayor told a news conference at the town hall. The work "
    "is expected to cost about four million euros."
)


def _page(body: str, lang: str | None) -> str:
    attribute = f' lang="{lang}"' if lang else ""
    paragraphs = "".join(f"<p>{part}</p>" for part in body.split("\n\n"))
    return f"<html{attribute}><head><title>Brücke</title></head><body><article>{paragraphs}"


def test_detected_from_the_text_alone() -> None:
    record = cleaner.clean_text(GERMAN).to_dict()
    assert record["language"]["code"] == "de"
    assert record["language"]["method"] == "detected"
    assert record["language"]["confidence"] > 0.9
    assert record["language"]["declared"] is None


def test_declared_by_the_page_and_confirmed() -> None:
    record = cleaner.clean_html(_page(GERMAN, "de-DE")).to_dict()
    assert record["language"] == {
        "code": "de",
        "method": "declared",
        "confidence": record["language"]["confidence"],
        "declared": "de-DE",
        "declared_in": "html lang",
        "detected": "de",
    }
    assert record["page"]["language"] == "de-DE"


def test_a_wrong_declaration_is_overruled_and_kept() -> None:
    """A theme's default `lang="en"` on a German page."""
    language = cleaner.clean_html(_page(GERMAN, "en")).to_dict()["language"]
    assert (language["code"], language["method"]) == ("de", "detected")
    assert (language["declared"], language["declared_in"]) == ("en", "html lang")


def test_a_short_text_keeps_its_declaration() -> None:
    """Too little text to contradict it: the declaration stands."""
    language = decide_language("Bridge works", (Declared("nl", "jsonl"),))
    assert (language.code, language.method) == ("nl", "declared")


def test_too_short_to_tell_is_undetermined() -> None:
    language = decide_language("Share", ())
    assert (language.code, language.method, language.confidence) == ("und", "detected", None)


def test_given_language_is_used_as_given() -> None:
    record = cleaner.clean_text(ENGLISH, config=Config(language="de")).to_dict()
    assert (record["language"]["code"], record["language"]["method"]) == ("de", "given")
    assert record["language"]["detected"] == "en"
    assert record["language"]["confidence"] < 0.1  # the text disagrees, and the record shows it


def test_the_declaration_the_text_agrees_with_wins() -> None:
    declared = (Declared("en", "html lang"), Declared("de", "json-ld inLanguage"))
    language = decide_language(GERMAN, declared)
    assert (language.code, language.method, language.declared) == ("de", "declared", declared[1])


def test_jsonl_language_field_is_a_declaration() -> None:
    [article] = cleaner.process_records([{"text": GERMAN, "language": "de", "source": "x"}])
    assert isinstance(article, cleaner.Article)
    record = article.to_dict()
    assert record["language"]["declared_in"] == "jsonl"
    assert "language" not in record["metadata"] and record["metadata"] == {"source": "x"}


@pytest.mark.parametrize(
    ("tag", "code"),
    [("de-DE", "de"), ("pt_BR", "pt"), ("EN", "en"), ("zh-Hans-CN", "zh"), ("iw", "he")],
)
def test_language_codes(tag: str, code: str) -> None:
    assert language_code(tag) == code


@pytest.mark.parametrize("tag", ["", "english", "de--", "12"])
def test_not_language_codes(tag: str) -> None:
    assert language_code(tag) is None


def test_rule_tables_are_recorded() -> None:
    record = cleaner.clean_text(ENGLISH).to_dict()
    assert "cleaner/rules/debris.en.toml" in record["processing"]["rule_tables"]
    assert all(".de." not in name for name in record["processing"]["rule_tables"])


def test_english_model_never_runs_on_german() -> None:
    record = cleaner.clean_text(GERMAN, config=Config(language="sv")).to_dict()
    assert record["entities"] == []
    assert record["processing"]["entity_backend"] is None
    assert "no built-in entity model for 'sv'" in record["processing"]["entities_skipped"]
    assert "--ner-model sv=" in record["processing"]["entities_skipped"]


def test_entities_not_requested_is_said() -> None:
    record = cleaner.clean_text(ENGLISH, config=Config().with_entities(None)).to_dict()
    assert record["processing"]["entities_skipped"] == "entities not requested"


def test_english_entities_on_english_text() -> None:
    record = cleaner.clean_text(ENGLISH).to_dict()
    assert record["processing"]["entity_backend"].startswith("builtin:en_")
    assert record["processing"]["entities_skipped"] is None


def test_a_model_per_language() -> None:
    config = EntitiesConfig(model="builtin", models=("sv=", "en=builtin"))
    off = (None, "entities switched off for 'sv' in the configuration")
    assert backend_for(config, "sv") == off
    backend, skipped = backend_for(config, "en")
    assert backend is not None and skipped is None


def test_model_entries_must_name_a_language() -> None:
    with pytest.raises(ConfigError, match="LANG=MODEL"):
        EntitiesConfig(models=("de_core_news_sm",))


def test_config_file_language_and_models(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('language = "de"\n[entities]\nmodels = ["de="]\n', encoding="utf-8")
    config = Config.from_toml(path)
    assert config.language == "de" and config.entities.for_language("de") == ""


def test_cli_language_and_per_language_model(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("clean", tmp_path / "a.txt", "-o", out, "--ner-model", "de=", "--no-progress")
    assert result.returncode == 0, result.stderr
    record = json.loads(out.read_text("utf-8"))
    assert record["language"]["code"] == "de"
    assert record["processing"]["entities_skipped"].startswith("entities switched off for 'de'")
    result = run_cli("clean", tmp_path / "a.txt", "-o", out, "--language", "fr", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["language"]["method"] == "given"

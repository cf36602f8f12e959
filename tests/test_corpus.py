"""The bundled corpus: every sample article in `corpus/` is cleaned as `corpus/expected/` says.

Each article (a `.txt`, `.html`, `.htm` or `.html.gz` file, or one record of the `.jsonl`
file) has an expectations file `corpus/expected/<file name>.json`, written from the article
itself, not from what the cleaner happened to output (the keys are explained in
`corpus/README.md`). Every expectation is its own test case, so a failure names the article and
the check. An expectation the cleaner does not meet yet is listed in `KNOWN_FAILURES` with what
goes wrong; it runs as a strict xfail, so the day it is fixed the suite says so and the entry
must be removed.

The corpus is read and cleaned once per test session, through the same functions the command
line uses (`expand_inputs`, `read_all`, `process`); one test also runs the command line itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleaner import Config, Reject, process, validate_record
from cleaner.read import expand_inputs, read_all
from cleaner.textkey import text_key

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXPECTED = CORPUS / "expected"

Case = tuple[str, str | None]  # (file name, JSONL record id or None)

# (case id, check) -> what the cleaner gets wrong. A case id is the file name, or
# "<file name>#<record id>" for a JSONL record.
_CAPTION_WITH_STOP = (
    'the caption between paragraphs ends with a full stop ("…, le 20 septembre dernier."), so '
    "it reads as a one-sentence paragraph; telling it from prose would need every verb of the "
    "language (the `finite` lists are closed lists)"
)
_CAPTION_WITHOUT_CUE = (
    "the caption between paragraphs has no cue (no position, date, moment or role): "
    '"Passageiros aguardam ônibus em ponto da avenida Beira-Rio, no centro de Porto Alvorada" '
    "reads like a long subheading"
)
_CAPTION_CHECKS = ("must_not_contain", "paragraph_count", "removed_by_rule")
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    **{
        ("html_fr_maternity_closure_jsonld_inlanguage.html", check): _CAPTION_WITH_STOP
        for check in _CAPTION_CHECKS
    },
    **{
        ("html_pt_br_free_bus_sundays.html", check): _CAPTION_WITHOUT_CUE
        for check in _CAPTION_CHECKS
    },
}


def _expectation_files() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(EXPECTED.glob("*.json")):
        yield path.name.removesuffix(".json"), json.loads(path.read_text("utf-8"))


def _cases() -> dict[Case, dict[str, Any]]:
    cases: dict[Case, dict[str, Any]] = {}
    for name, data in _expectation_files():
        if "records" in data:
            for record_id, expected in data["records"].items():
                cases[(name, record_id)] = expected
        else:
            cases[(name, None)] = data
    return cases


CASES = _cases()


def _case_id(case: Case) -> str:
    name, record_id = case
    return name if record_id is None else f"{name}#{record_id}"


def _params(check: str, key: str | None = None) -> list[Any]:
    """One param per case (that has `key`, when given), xfail-marked when a known failure."""
    params = []
    for case, expected in CASES.items():
        if key is not None and key not in expected:
            continue
        case_id = _case_id(case)
        reason = KNOWN_FAILURES.get((case_id, check))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case_id, marks=marks))
    return params


@pytest.fixture(scope="module")
def records() -> dict[Case, dict[str, Any]]:
    """Every corpus article cleaned, as its JSON record, keyed like `CASES`."""
    config = Config()
    expansion = expand_inputs([str(CORPUS)])
    found: dict[Case, dict[str, Any]] = {}
    for document in read_all(expansion.files, config.limits.max_bytes):
        result = document if isinstance(document, Reject) else process(document, config)
        name = Path(result.source.name).name
        assert not isinstance(result, Reject), (
            f"{result.source.describe()} rejected: {result.reason}: {result.message}"
        )
        record = result.to_dict()
        key = (name, record["id"]) if result.source.format == "jsonl" else (name, None)
        found[key] = record
    return found


def _record(records: dict[Case, dict[str, Any]], case: Case) -> dict[str, Any]:
    assert case in records, f"{_case_id(case)}: no article was read for this case"
    return records[case]


def _text_in(fragment: str, paragraphs: list[str]) -> bool:
    return any(fragment in paragraph for paragraph in paragraphs)


def test_every_article_has_expectations_and_every_expectation_an_article(
    records: dict[Case, dict[str, Any]],
) -> None:
    assert set(records) == set(CASES)


def test_known_failures_name_real_cases_and_checks() -> None:
    checks = {
        "title", "title_not_repeated", "first_paragraph", "paragraph_count", "subheadings",
        "must_contain", "must_not_contain", "quotes", "removed_by_rule", "edit_rules",
        "metadata", "page", "valid", "language", "entity_backend", "no_english_entities",
    }  # fmt: skip
    case_ids = {_case_id(case) for case in CASES}
    unknown = [key for key in KNOWN_FAILURES if key[0] not in case_ids or key[1] not in checks]
    assert not unknown


def test_corpus_is_big_and_varied_enough() -> None:
    names = {name for name, _record_id in CASES}
    assert len(CASES) >= 33
    for suffix in (".txt", ".html", ".htm", ".html.gz", ".jsonl"):
        assert any(name.endswith(suffix) for name in names), suffix
    languages = {expected["language"] for expected in CASES.values() if "language" in expected}
    assert {"de", "fr", "es", "it", "pt", "nl"} <= languages


@pytest.mark.parametrize("case", _params("title"))
def test_title(records: dict[Case, dict[str, Any]], case: Case) -> None:
    assert _record(records, case)["title"] == CASES[case]["title"]


@pytest.mark.parametrize("case", _params("title_not_repeated"))
def test_title_is_not_repeated_as_a_paragraph(
    records: dict[Case, dict[str, Any]], case: Case
) -> None:
    record = _record(records, case)
    if record["title"] is None:
        return
    title = text_key(record["title"])
    repeats = [p for p in record["paragraphs"] if text_key(p) == title]
    assert not repeats


@pytest.mark.parametrize("case", _params("first_paragraph", "first_paragraph_starts"))
def test_first_paragraph(records: dict[Case, dict[str, Any]], case: Case) -> None:
    first = _record(records, case)["paragraphs"][0]
    assert first.startswith(CASES[case]["first_paragraph_starts"]), first


@pytest.mark.parametrize("case", _params("paragraph_count", "paragraph_count"))
def test_paragraph_count(records: dict[Case, dict[str, Any]], case: Case) -> None:
    paragraphs = _record(records, case)["paragraphs"]
    assert len(paragraphs) == CASES[case]["paragraph_count"], paragraphs


@pytest.mark.parametrize("case", _params("subheadings"))
def test_subheadings(records: dict[Case, dict[str, Any]], case: Case) -> None:
    record = _record(records, case)
    marked = [record["paragraphs"][index] for index in record["subheadings"]]
    assert marked == CASES[case].get("subheadings", [])


@pytest.mark.parametrize("case", _params("must_contain", "must_contain"))
def test_must_contain(records: dict[Case, dict[str, Any]], case: Case) -> None:
    paragraphs = _record(records, case)["paragraphs"]
    missing = [text for text in CASES[case]["must_contain"] if not _text_in(text, paragraphs)]
    assert not missing


@pytest.mark.parametrize("case", _params("must_not_contain", "must_not_contain"))
def test_must_not_contain(records: dict[Case, dict[str, Any]], case: Case) -> None:
    record = _record(records, case)
    title = record["title"] or ""
    left = [
        text
        for text in CASES[case]["must_not_contain"]
        if _text_in(text, record["paragraphs"]) or text in title
    ]
    assert not left


@pytest.mark.parametrize("case", _params("quotes", "quotes"))
def test_quotes(records: dict[Case, dict[str, Any]], case: Case) -> None:
    quotes = _record(records, case)["quotes"]
    problems = []
    for expected in CASES[case]["quotes"]:
        found = [quote for quote in quotes if quote["text"].startswith(expected["starts"])]
        if not found:
            problems.append(f"no quote starts with {expected['starts']!r}")
            continue
        quote = found[0]
        if quote["partial"] != expected["partial"]:
            problems.append(f"{expected['starts']!r}: partial is {quote['partial']}")
        if "speaker" in expected:
            want = expected["speaker"]
            got = quote["speaker"]["text"] if quote["speaker"] else None
            # A role or title written before the name is part of the mention as written:
            # "Chief Fire Officer Dana Holt" is right for an expected "Dana Holt", and so is
            # a longer mention whose `speaker_name` is the person named inside it
            # ("directeur Mirjam Oosterhof van basisschool De Wilgenhoek").
            named = want is not None and quote["speaker_name"] == want
            if not (got == want or named or (want and got and got.endswith(" " + want))):
                problems.append(f"{expected['starts']!r}: speaker {got!r}, expected {want!r}")
    assert not problems


@pytest.mark.parametrize("case", _params("speakers", "speakers"))
def test_speakers(records: dict[Case, dict[str, Any]], case: Case) -> None:
    record = _record(records, case)
    groups = {group["name"]: group["quotes"] for group in record["speakers"]}
    problems = []
    for name, starts in CASES[case]["speakers"].items():
        texts = [record["quotes"][number]["text"] for number in groups.get(name, [])]
        if name not in groups:
            problems.append(f"{name!r} not in speakers: {sorted(groups)}")
        elif len(texts) != len(starts) or not all(
            any(text.startswith(start) for text in texts) for start in starts
        ):
            problems.append(f"{name!r}: quotes {texts}, expected those starting {starts}")
    assert not problems


@pytest.mark.parametrize("case", _params("removed_by_rule", "removed_by_rule"))
def test_removed_by_rule(records: dict[Case, dict[str, Any]], case: Case) -> None:
    edits = _record(records, case)["edits"]
    problems = []
    for text, prefix in CASES[case]["removed_by_rule"].items():
        rules = [edit["rule"] for edit in edits if text in edit["text"]]
        if not any(rule.startswith(prefix) for rule in rules):
            problems.append(f"{text!r}: expected a {prefix}* edit, edits with it: {rules}")
    assert not problems


@pytest.mark.parametrize("case", _params("edit_rules", "edit_rules"))
def test_edit_rules(records: dict[Case, dict[str, Any]], case: Case) -> None:
    rules = {edit["rule"] for edit in _record(records, case)["edits"]}
    missing = [
        prefix
        for prefix in CASES[case]["edit_rules"]
        if not any(rule.startswith(prefix) for rule in rules)
    ]
    assert not missing, sorted(rules)


@pytest.mark.parametrize("case", _params("page", "page"))
def test_page_metadata(records: dict[Case, dict[str, Any]], case: Case) -> None:
    page = _record(records, case)["page"]
    for key, value in CASES[case]["page"].items():
        assert page[key] == value, key


@pytest.mark.parametrize("case", _params("metadata", "metadata"))
def test_metadata_is_passed_through(records: dict[Case, dict[str, Any]], case: Case) -> None:
    metadata = _record(records, case)["metadata"]
    for key, value in CASES[case]["metadata"].items():
        assert metadata.get(key) == value, key


@pytest.mark.parametrize("case", _params("language", "language"))
def test_language(records: dict[Case, dict[str, Any]], case: Case) -> None:
    language = _record(records, case)["language"]
    assert language["code"] == CASES[case]["language"], language


@pytest.mark.parametrize("case", _params("entity_backend", "entity_backend"))
def test_entity_backend(records: dict[Case, dict[str, Any]], case: Case) -> None:
    processing = _record(records, case)["processing"]
    backend, want = processing["entity_backend"], CASES[case]["entity_backend"]
    if want is None:
        assert backend is None, processing
    else:
        assert backend is not None and backend.startswith(want), processing


@pytest.mark.parametrize("case", _params("no_english_entities"))
def test_no_english_entities_in_other_languages(
    records: dict[Case, dict[str, Any]], case: Case
) -> None:
    """An article in another language never gets entities from an English model."""
    record = _record(records, case)
    language = CASES[case].get("language", record["language"]["code"])
    backend = record["processing"]["entity_backend"]
    if language == "en" or backend is None:
        return
    _kind, _colon, model = backend.partition(":")
    assert not model.startswith("en_"), backend


@pytest.mark.parametrize("case", _params("valid"))
def test_record_is_valid_and_offsets_are_exact(
    records: dict[Case, dict[str, Any]], case: Case
) -> None:
    record = _record(records, case)
    assert validate_record(record) == []
    paragraphs = record["paragraphs"]
    spans = [*record["quotes"], *record["entities"]]
    spans += [quote["speaker"] for quote in record["quotes"] if quote["speaker"]]
    for span in spans:
        assert paragraphs[span["paragraph"]][span["start"] : span["end"]] == span["text"], span


def test_command_line_cleans_the_corpus(tmp_path: Path) -> None:
    out, rejects = tmp_path / "corpus.jsonl", tmp_path / "rejects.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cleaner",
            "clean",
            "corpus/",
            "-o",
            str(out),
            "--rejects",
            str(rejects),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not rejects.exists() or rejects.read_text("utf-8").strip() == ""
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == len(CASES)
    names = {Path(json.loads(line)["source"]["name"]).name for line in lines}
    assert names == {name for name, _record_id in CASES}

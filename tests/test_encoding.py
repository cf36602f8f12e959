"""Decoding bytes and repairing text: `cleaner.clean.encoding.decode` and `repair`.

The repair cases are python-ftfy's own test cases (../shared/data/ftfy-test-cases, format in its
README.md): every "pass" case must come out as its `fixed` text, allowing for two documented
differences: cleaner keeps curly quotes (ftfy's `fixed` uncurls them), and cleaner collapses
whitespace runs. Cases ftfy itself lists as known failures are expected to fail here too.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

import ftfy
import pytest
from conftest import SHARED
from ftfy.fixes import uncurl_quotes
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.clean.encoding import _FTFY_MAY_CHANGE, NotText, decode, repair
from cleaner.document import Edit

FTFY_CASES = SHARED / "data" / "ftfy-test-cases"
PASS_FILES = ("in-the-wild.json", "synthetic.json", "language-names.json", "negative.json")
_SPACES = re.compile(r"\s+")


def _normal(text: str) -> str:
    """What the comparison ignores: curly versus straight quotes, and whitespace runs."""
    return _SPACES.sub(" ", uncurl_quotes(text)).strip()


def _cases(names: tuple[str, ...]) -> list[Any]:
    params = []
    for name in names:
        path = FTFY_CASES / name
        if not path.exists():
            continue
        for number, case in enumerate(json.loads(path.read_text("utf-8"))):
            params.append(pytest.param(name, case, id=f"{name.removesuffix('.json')}-{number}"))
    return params


def _replay(text: str, edits: list[Edit]) -> str:
    """Replay edits in order: each must find its text at its offsets, then is spliced in."""
    for edit in edits:
        assert edit.start is not None and edit.end is not None
        assert text[edit.start : edit.end] == edit.text, (text, edit)
        text = text[: edit.start] + (edit.replacement or "") + text[edit.end :]
    return text


def _require_cases() -> None:
    if not FTFY_CASES.exists():
        pytest.skip(f"{FTFY_CASES} is absent: the ../shared material is not in this checkout")


# --- ftfy's test cases ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "case"), _cases(PASS_FILES) or [pytest.param("", {}, id="none")])
def test_ftfy_case(name: str, case: dict[str, Any]) -> None:
    _require_cases()
    assert case["expect"] == "pass"
    fixed, edits = repair(case["original"], block=0)
    assert _normal(fixed) == _normal(case["fixed"]), case["label"]
    assert _replay(case["original"], edits) == fixed
    if name == "negative.json" and _normal(case["fixed"]) == _normal(case["original"]):
        # Not mojibake: nothing but whitespace may change.
        assert _normal(fixed) == _normal(case["original"])
        assert all(edit.rule == "whitespace.unicode_space" for edit in edits), edits


@pytest.mark.parametrize(
    ("name", "case"), _cases(("known-failures.json",)) or [pytest.param("", {}, id="none")]
)
def test_ftfy_known_failure(name: str, case: dict[str, Any]) -> None:
    """ftfy's known failures are its heuristics' limits, not cleaner's: run them, expect them to
    fail (not strict: a newer ftfy fixes some, e.g. "Misleading mix-up in Spanish" in 6.3)."""
    _require_cases()
    assert case["expect"] == "fail"
    fixed, edits = repair(case["original"], block=0)
    assert _replay(case["original"], edits) == fixed  # edits are exact whatever the result
    if _normal(fixed) != _normal(case["fixed"]):
        pytest.xfail(f"ftfy known failure: {case['label']}")


def test_ftfy_cases_present() -> None:
    _require_cases()
    total = sum(len(json.loads((FTFY_CASES / name).read_text("utf-8"))) for name in PASS_FILES)
    assert total >= 150


# --- decode -----------------------------------------------------------------------------------


def test_utf8_bom() -> None:
    text, encoding = decode(codecs.BOM_UTF8 + "Café “à la carte”".encode())
    assert text == "Café “à la carte”"
    assert encoding.method == "bom"
    assert encoding.name in ("utf-8", "utf-8-sig")
    assert encoding.replaced_bytes == 0


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_bom(bom: bytes, codec: str) -> None:
    text, encoding = decode(bom + "Grüße aus “Köln”".encode(codec))
    assert text == "Grüße aus “Köln”"
    assert encoding.method == "bom"
    assert encoding.name == "utf-16"


def test_utf16_bom_wins_over_html_declaration() -> None:
    page = '<meta charset="iso-8859-1"><p>Zürich</p>'
    text, encoding = decode(codecs.BOM_UTF16_LE + page.encode("utf-16-le"), html=True)
    assert text == page
    assert encoding.method == "bom"


def test_declared_charset_honoured() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Привет, мир</body></html>'
    text, encoding = decode(page.encode("cp1251"), html=True)
    assert text == page
    assert encoding.method == "declared"
    assert encoding.name == "cp1251"
    assert encoding.declared == "cp1251"


def test_declared_charset_in_http_equiv() -> None:
    page = (
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<p>Café à la crème brûlée</p>"
    )
    text, encoding = decode(page.encode("cp1252"), html=True)
    assert text == page
    assert encoding.method == "declared"


def test_latin1_label_means_windows_1252() -> None:
    """WHATWG: a page labelled iso-8859-1 is decoded as windows-1252 (curly quotes at 0x93)."""
    page = '<meta charset="iso-8859-1"><p>“Quoted” – café</p>'
    raw = page.encode("cp1252")
    assert b"\x93" in raw
    text, encoding = decode(raw, html=True)
    assert text == page
    assert encoding.name == "cp1252"


def test_declared_charset_wrong_but_bytes_are_utf8() -> None:
    page = '<meta charset="iso-8859-1"><p>Café crème, naïve “quotes” – Zürich</p>'
    text, encoding = decode(page.encode("utf-8"), html=True)
    assert text == page
    assert encoding.name == "utf-8"
    assert encoding.method == "utf-8"
    assert encoding.declared == "cp1252"  # what the page said is still recorded


def test_declaration_ignored_for_plain_text() -> None:
    raw = '<meta charset="windows-1251"> Café'.encode()
    text, encoding = decode(raw)
    assert text.endswith("Café")
    assert encoding.declared is None


# --- a charset the transport declared (the HTTP Content-Type header of a WARC record) ------------

_GERMAN = "<p>Der Bürgermeister sagte: „Wir müssen handeln“ – für alle.</p>"


def test_transport_charset_decodes_a_page_without_meta() -> None:
    text, encoding = decode(_GERMAN.encode("cp1252"), html=True, charset="windows-1252")
    assert text == _GERMAN
    assert (encoding.name, encoding.method, encoding.declared) == ("cp1252", "declared", "cp1252")


def test_transport_charset_is_tried_before_the_page_declaration() -> None:
    page = '<meta charset="iso-8859-2">' + _GERMAN  # the page is wrong about itself
    assert decode(page.encode("cp1252"), html=True)[0] != page
    text, encoding = decode(page.encode("cp1252"), html=True, charset="Windows-1252")
    assert text == page
    assert encoding.declared == "cp1252"


def test_transport_charset_that_lies_is_caught() -> None:
    """The header says UTF-8 but the bytes are windows-1252: the check against the bytes
    rejects the declaration and detection reads them right."""
    text, encoding = decode(_GERMAN.encode("cp1252"), html=True, charset="utf-8")
    assert text == _GERMAN
    assert (encoding.name, encoding.method, encoding.declared) == ("cp1252", "detected", "utf-8")


def test_unknown_transport_charset_is_ignored() -> None:
    page = '<meta charset="windows-1252">' + _GERMAN
    text, encoding = decode(page.encode("cp1252"), html=True, charset="no-such-charset")
    assert text == page
    assert (encoding.method, encoding.declared) == ("declared", "cp1252")


def test_ascii() -> None:
    assert decode(b"Plain ASCII text.") == decode(b"Plain ASCII text.")
    text, encoding = decode(b"Plain ASCII text.")
    assert text == "Plain ASCII text."
    assert encoding.name == "utf-8"
    assert encoding.replaced_bytes == 0


WINDOWS_1252 = [
    pytest.param(
        "Le gouvernement français a annoncé mercredi une réforme des retraites. Les syndicats "
        "ont dénoncé une décision injuste et appelé à la grève générale à partir de la semaine "
        "prochaine. Élisabeth Borne a déclaré que la réforme était nécessaire.",
        id="french",
    ),
    pytest.param(
        "Die Bundesregierung hat am Mittwoch eine Reform beschlossen. Für die Bürger ändert "
        "sich zunächst wenig, heißt es aus dem Ministerium in Düsseldorf. Größere Änderungen "
        "folgen später.",
        id="german",
    ),
    pytest.param("Ça va très bien, merci à vous.", id="french-short"),
    pytest.param("Der Bürgermeister äußerte sich über die Straße.", id="german-short"),
    pytest.param(
        "Le président a déclaré : « Nous irons à Genève. »",
        id="french-guillemets",
    ),
    pytest.param(
        "Über 50 Prozent der Befragten sagten, dass sie die Regierung für schwach halten.",
        id="german-capital-umlaut-first",
    ),
    pytest.param(
        "Storm hits\n\nThe café closed “early”, he said.",
        id="english-short-curly-quotes",
    ),
    pytest.param(
        "The café closed “early” on Monday because of the storm, the owner told reporters, "
        "adding that it would reopen on Friday.",
        id="english-curly-quotes",
    ),
]


@pytest.mark.parametrize("original", WINDOWS_1252)
def test_windows_1252_detected(original: str) -> None:
    text, encoding = decode(original.encode("cp1252"))
    assert text == original
    assert encoding.method == "detected"
    assert encoding.replaced_bytes == 0


def test_mixed_utf8_with_cp1252_bytes() -> None:
    raw = "Café “quoted” text, naïve résumé, Zürich and Köln. ".encode() + b"\x93hi\x94 end"
    text, encoding = decode(raw)
    assert text == "Café “quoted” text, naïve résumé, Zürich and Köln. “hi” end"
    assert encoding.name == "utf-8"
    assert encoding.replaced_bytes == 2


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png"),
        pytest.param(b"GIF89a\x01\x00\x01\x00\x80\x00\x00", id="gif"),
        pytest.param(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00", id="zip"),
        pytest.param(b"Some text\x00with\x00NUL bytes\x00in it", id="nul-bytes"),
        pytest.param(bytes(range(1, 32)) * 20, id="control-bytes"),
    ],
)
def test_binary_is_not_text(raw: bytes) -> None:
    with pytest.raises(NotText) as error:
        decode(raw)
    assert str(error.value)


def test_decode_is_deterministic() -> None:
    raw = "Größe und Übermaß, café".encode("cp1252")
    assert decode(raw) == decode(raw)


# --- repair -----------------------------------------------------------------------------------


def test_repair_mojibake_records_the_ftfy_plan() -> None:
    original = "The cafÃ© said â€œhelloâ€\x9d today."
    fixed, edits = repair(original, block=4)
    assert fixed == "The café said “hello” today."  # curly quotes kept
    assert len(edits) == 1
    edit = edits[0]
    assert edit.rule == "encoding.mojibake"
    assert edit.action == "replace"
    assert edit.block == 4
    assert edit.plan
    assert "ftfy" in edit.reason
    # The plan is ftfy's: ftfy.apply_plan replays it on the original.
    assert ftfy.apply_plan(original, [tuple(step) for step in edit.plan]) == fixed
    assert _replay(original, edits) == fixed
    record = edit.to_dict()
    assert record["plan"] == [list(step) for step in edit.plan]


def test_repair_keeps_curly_quotes() -> None:
    text = "He said “yes” and ‘no’, and it’s fine."
    assert repair(text, block=0) == (text, [])


def test_repair_leaves_clean_text_alone() -> None:
    text = "Aleppo, once Syria’s commercial capital, is divided – as ever."
    assert repair(text, block=0) == (text, [])


@pytest.mark.parametrize(
    ("char", "name"), [("\u200b", "zero-width space"), ("\u00ad", "soft hyphen")]
)
def test_repair_removes_invisible_characters(char: str, name: str) -> None:
    original = f"Aleppo is divi{char}ded today."
    fixed, edits = repair(original, block=2)
    assert fixed == "Aleppo is divided today."
    assert len(edits) == 1
    edit = edits[0]
    assert edit.rule == "encoding.invisible"
    assert edit.action == "remove"
    assert edit.text == char
    assert (edit.block, edit.start, edit.end) == (2, 14, 15)
    assert name in edit.reason
    assert edit.replacement is None


def test_repair_makes_nbsp_a_space() -> None:
    original = "Up to 275,000\u00a0people"
    fixed, edits = repair(original, block=1)
    assert fixed == "Up to 275,000 people"
    assert len(edits) == 1
    edit = edits[0]
    assert edit.rule == "whitespace.unicode_space"
    assert edit.action == "replace"
    assert (edit.text, edit.replacement) == ("\u00a0", " ")
    assert (edit.start, edit.end) == (13, 14)


def test_repair_edits_replay_in_order() -> None:
    original = "Ã©tÃ© “quote”\u200b\u00a0end, co\u00adop  and\u2009thin\u00a0 space\u00a0"
    fixed, edits = repair(original, block=0)
    assert fixed == "été “quote” end, coop and thin space"
    rules = [edit.rule for edit in edits]
    assert rules[0] == "encoding.mojibake"
    assert "encoding.invisible" in rules
    assert "whitespace.unicode_space" in rules
    assert _replay(original, edits) == fixed
    for edit in edits:
        assert edit.text
        assert edit.start is not None and edit.end is not None
        assert edit.start <= edit.end


def test_repair_title_has_no_block() -> None:
    fixed, edits = repair("Caf\u00e9\u00a0news", block=None)
    assert fixed == "Café news"
    assert [edit.block for edit in edits] == [None]


def test_repair_html_entities() -> None:
    fixed, edits = repair("Fish &amp; chips", block=0)
    assert fixed == "Fish & chips"
    assert edits[0].rule == "encoding.html_entities"
    assert _replay("Fish &amp; chips", edits) == fixed


def test_repair_only_invisible() -> None:
    fixed, edits = repair("\u200b\u200b", block=3)
    assert fixed == ""
    assert [edit.action for edit in edits] == ["remove"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ１２３ rose", "ABC123 rose"),
        ("Ningbo，China", "Ningbo,China"),
        ("你好，世界：真的？", "你好，世界：真的？"),  # CJK punctuation is full-width by right
        ("桃太郎＜前編＞", "桃太郎＜前編＞"),
    ],
)
def test_full_width_forms_made_normal_only_outside_cjk_text(text: str, expected: str) -> None:
    assert repair(text, block=0)[0] == expected


SAFE_FOR_FTFY = "\t\n" + "".join(map(chr, range(0x20, 0x7F))).replace("&", "") + "’‘“”–—…"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(SAFE_FOR_FTFY), max_size=60))
def test_ftfy_is_skipped_only_where_it_changes_nothing(text: str) -> None:
    """`repair` skips ftfy on text that `_FTFY_MAY_CHANGE` passes; ftfy must agree."""
    assert not _FTFY_MAY_CHANGE.search(text)
    assert ftfy.fix_and_explain(text, uncurl_quotes=False, fix_character_width=False).text == text

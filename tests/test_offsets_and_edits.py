"""Every record has exact offsets and edits that explain it, whatever the input.

`assert_record_consistent` (conftest.py) checks that every quote, speaker and entity is exactly
`paragraphs[p][start:end]` and that every edit is well formed; for plain text,
`assert_text_edits_replay` replays the body edits on the blocks as read and must arrive at the
paragraphs. Hypothesis fuzzes `clean_text` (and `clean_html`) with mixtures of words, quote
marks of every kind, apostrophes, debris lines, invisible characters and blank lines: it never
raises anything but `Rejected`, and its records are always schema-valid and exact.
"""

from __future__ import annotations

import html as html_lib

import pytest
from conftest import (
    assert_record_consistent,
    assert_text_edits_replay,
    blocks_as_read,
    replay_body,
    replay_title,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.validate import validate_record

FUZZ = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

WORDS = [
    "Aleppo",
    "rebels",
    "the",
    "army",
    "said",
    "he",
    "told",
    "Reuters",
    "on",
    "Monday",
    "according",
    "to",
    "a",
    "commander",
    "don’t",
    "rebels’",
    "it's",
    "Syria’s",
    "U.S.",
    "cease-fire",
    "275,000",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "«",
    "»",
    "„",
    "'",
    ",",
    ".",
    ":",
    "—",
    "–",
    "(",
    ")",
    "Share",
    "Advertisement",
    "café",
    "cafÃ©",
    "â€œ",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "\t",
]
DEBRIS = [
    "Share",
    "Advertisement",
    "ADVERTISEMENT",
    "Share this article",
    "Share on Facebook",
    "Read more: Rebels regroup in Idlib",
    "Photo: Jane Doe/Reuters",
    "Getty Images",
    "Sign up for our newsletter",
    "» Share |",
    "Syrian President Bashar Assad at the presidential palace in Damascus",
]
SEPARATORS = ["\n", "\n\n", "\n\n\n", " \n\n", "\r\n\r\n", "\n \n"]

word = st.sampled_from(WORDS)
sentence = st.lists(word, min_size=1, max_size=25).map(" ".join)
line = st.one_of(sentence, sentence, st.sampled_from(DEBRIS))
quoted = st.tuples(
    st.sampled_from(["“{}”", '"{}"', "«{}»", "‘{}’", "„{}“"]),
    sentence,
    st.sampled_from(["", ", said {}", ", {} said", ", according to {}"]),
    st.sampled_from(["he", "a rebel commander", "the secretary of state", "Rami Abdulrahman"]),
).map(lambda t: t[0].format(t[1]) + t[2].format(t[3]) + ".")
block = st.one_of(line, line, quoted, st.tuples(quoted, sentence).map(" ".join))


@st.composite
def texts(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(block, min_size=0, max_size=10))
    pieces = []
    for item in blocks:
        pieces.append(item)
        pieces.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(pieces)


def _check_article(text: str, article: cleaner.Article) -> None:
    record = article.to_dict()
    assert_record_consistent(record)
    assert_text_edits_replay(text, article)


@FUZZ
@given(texts())
def test_clean_text_fuzz(text: str) -> None:
    try:
        article = cleaner.clean_text(text)
    except cleaner.Rejected as rejected:
        assert validate_record(rejected.reject.to_dict(), schema="reject") == []
        assert rejected.reject.reason in ("empty", "no_article_text"), rejected.reject
        return
    _check_article(text, article)


@FUZZ
@given(texts(), st.one_of(st.none(), sentence))
def test_clean_text_with_title_fuzz(text: str, title: str | None) -> None:
    try:
        article = cleaner.clean_text(text, title=title)
    except cleaner.Rejected as rejected:
        assert rejected.reject.reason in ("empty", "no_article_text"), rejected.reject
        return
    record = article.to_dict()
    assert_record_consistent(record)
    left = replay_body(blocks_as_read(text), record["edits"])
    if title is not None and title.split():
        assert "title.headline_line" not in [e["rule"] for e in record["edits"]]
        assert left == record["paragraphs"]
        assert replay_title(" ".join(title.split()), record["edits"]) == (record["title"] or "")


@FUZZ
@given(texts())
def test_clean_text_bytes_fuzz(text: str) -> None:
    raw = text.encode("utf-8")
    try:
        article = cleaner.clean_text(raw)
    except cleaner.Rejected as rejected:
        assert rejected.reject.reason in ("empty", "no_article_text"), rejected.reject
        return
    assert_record_consistent(article.to_dict())
    assert article.encoding is not None
    assert article.encoding.replaced_bytes == 0


@settings(FUZZ, max_examples=60)
@given(
    st.lists(st.tuples(st.sampled_from(["p", "p", "h2", "li", "blockquote"]), block), max_size=8)
)
def test_clean_html_fuzz(parts: list[tuple[str, str]]) -> None:
    body = "".join(f"<{tag}>{html_lib.escape(text, quote=False)}</{tag}>" for tag, text in parts)
    page = f"<html><head><title>Fuzz page</title></head><body><article>{body}</article></body>"
    try:
        article = cleaner.clean_html(page)
    except cleaner.Rejected as rejected:
        assert rejected.reject.reason in ("empty", "no_article_text"), rejected.reject
        return
    assert_record_consistent(article.to_dict())


# --- examples the fuzzers are built from, kept as plain tests -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Share\n\nRain falls\n\n“It poured,” a resident said.",
        'Rain falls\n\nHe said “don’t go” and ‘stay’, then "fine".',
        "Rain falls\n\n«Nous irons», a dit le ministre, according to Reuters.",
        "Rain falls\n\nThe rebels’ arms and the army’s “ground offensive” were seen.",
        "Rain falls\n\nAdvertisement The fighters left the city, he said.",
        "Rain falls\n\nThe fighters left the city, he said. Share",
        "Rain falls\n\nAn unclosed “quote that never ends, he said.",
        "Rain falls\n\nCaf\u00e9\u00a0owners said\u200b the cafÃ© was “open”.",
        "Rain falls\n\nIt rained.\n\nIt rained.\n\nRain falls",
        "Rain falls\n\n„Wir schaffen das“, sagte sie, and she said “yes”.",
        "Rain falls\n\nRep. Ann OmarAnn OmarHill briefing: rain MORE (D-Minn.) said it rained.",
    ],
)
def test_examples(text: str) -> None:
    _check_article(text, cleaner.clean_text(text))


def test_edit_offsets_are_in_the_block_as_it_was_just_before() -> None:
    """Two edits in one block: the second one's offsets count the first one's change."""
    text = "Rain falls\n\nAdvertisement The\u00a0fighters\u200b left the city, he said. Share"
    article = cleaner.clean_text(text)
    assert article.paragraphs == ("The fighters left the city, he said.",)
    assert_text_edits_replay(text, article)
    rules = [e.rule for e in article.edits]
    assert rules[:2] == ["encoding.invisible", "whitespace.unicode_space"]
    assert "debris.advertisement" in rules and "debris.share" in rules


# --- bugs the fuzzers found -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Rain falls\n\nIt rained, police said. \u200b",
        "Rain falls\n\n\u00ad It rained, police said.",
        "Aleppo \u200b\n",
    ],
)
def test_invisible_character_next_to_a_space(text: str) -> None:
    article = cleaner.clean_text(text)
    assert_record_consistent(article.to_dict())
    assert_text_edits_replay(text, article)


@pytest.mark.parametrize(
    "text",
    ["Rain falls\n\nShe said ‘’ twice, police said.", "Rain falls\n\n‘\u200b’, he said."],
)
def test_empty_single_quotes(text: str) -> None:
    article = cleaner.clean_text(text)
    assert article.quotes == ()
    assert_record_consistent(article.to_dict())

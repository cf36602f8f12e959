"""A record as a spaCy `Doc`: the article's text, its entities, quotes and speakers as spans.

    >>> import spacy
    >>> record = {"id": "a", "paragraphs": ["Rain in Leeds.", "“Wet,” Ann Lee said."],
    ...           "entities": [{"text": "Leeds", "label": "LOC", "paragraph": 0, "start": 8,
    ...                         "end": 13}], "quotes": []}
    >>> doc = to_spacy(record, spacy.blank("en"))
    >>> doc.text
    'Rain in Leeds.\\n\\n“Wet,” Ann Lee said.'
    >>> [(ent.text, ent.label_) for ent in doc.ents]
    [('Leeds', 'LOC')]

The text is the record's paragraphs joined by a blank line (`"\\n\\n"`). A record's offsets are
per paragraph (`paragraphs[p][start:end] == text`, `schemas/article.schema.json`); paragraph
`p` starts in the joined text at the lengths of the paragraphs before it plus two characters
each, so every offset maps exactly. `doc.spans["paragraphs"]` holds the paragraphs (label
`PARAGRAPH`, or `SUBHEADING`).

Entities are `doc.ents`, labelled PERSON, ORG, LOC or MISC. Quotes are `doc.spans["quotes"]`
(label: the quote's `kind`) and the speakers as written `doc.spans["speakers"]` (label
`SPEAKER`, each mention once). What a span cannot say itself is in the span extensions
`span._.cleaner_quote` (the quote's `kind`, `partial`, `verb`, `speaker_name`,
`speaker_resolution`, `speaker_role`, `speaker` as `[start, end]` in `doc.text` or None,
`continued_in` as a list of those) and `span._.cleaner_speaker` (`name`, `resolution`, `role`,
`quotes`: indices into `doc.spans["quotes"]`). spaCy keeps the values of span extensions in
`doc.user_data`, keyed by the span's character offsets, so they survive `DocBin` (which
`cleaner` writes with `store_user_data=True`); call `register_extensions()` before reading them
in another process. The rest of the record (id, source, title, language, edits, page,
processing, metadata, subheadings, speakers, distinct entities) is `doc.user_data["cleaner"]`;
its indices still hold: `doc.ents` are in the record's order of entities (by position), so a
distinct entity's `mentions` index them, and `speakers[i]["quotes"]` index
`doc.spans["quotes"]`.

Tokens: with a pipeline (`spacy.blank("en")`, a trained one) its tokenizer splits the text; with
a `Vocab` the text is split at spaces. Either way a token that an entity, quote or speaker
starts or ends inside (`Londonbased` for the entity `London`) is split there, so every span is
exactly the record's text, never dropped and never widened (`char_span(...,
alignment_mode="strict")` then always finds it).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

JOINER = "\n\n"
INSTALL = "pip install 'cleaner[spacy]'"
_SPAN_PARTS = ("paragraphs", "entities", "quotes")  # in the Doc itself, not in user_data


def to_spacy(record: Mapping[str, Any] | Any, nlp_or_vocab: Language | Vocab) -> Doc:
    """The record (a dict as written, or an `Article`) as a `Doc`; see the module docstring."""
    data = record.to_dict() if hasattr(record, "to_dict") else record
    register_extensions()
    paragraphs: list[str] = list(data["paragraphs"])
    starts = paragraph_starts(paragraphs)
    text = JOINER.join(paragraphs)
    spans = _record_spans(data, starts)
    spans += [
        (start, start + len(paragraph)) for start, paragraph in zip(starts, paragraphs, strict=True)
    ]
    doc = _tokens(text, spans, nlp_or_vocab)
    subheadings = set(data.get("subheadings", ()))
    doc.spans["paragraphs"] = [
        _span(doc, start, start + len(paragraph), "SUBHEADING" if p in subheadings else "PARAGRAPH")
        for p, (start, paragraph) in enumerate(zip(starts, paragraphs, strict=True))
    ]
    doc.set_ents([_span(doc, *_at(item, starts), item["label"]) for item in data["entities"]])
    _add_quotes(doc, data["quotes"], starts)
    kept = {key: value for key, value in data.items() if key not in _SPAN_PARTS}
    doc.user_data["cleaner"] = kept
    return doc


def register_extensions() -> None:
    """Declare `Span._.cleaner_quote` and `Span._.cleaner_speaker` (values live in user_data)."""
    try:
        from spacy.tokens import Span
    except ImportError:
        raise ImportError(f"spaCy output needs spaCy; install it with: {INSTALL}") from None

    for name in ("cleaner_quote", "cleaner_speaker"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def paragraph_starts(paragraphs: Iterable[str]) -> list[int]:
    """Where each paragraph starts in the joined text.

    >>> paragraph_starts(["Rain.", "Snow.", "Hail."])
    [0, 7, 14]
    """
    starts, position = [], 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph) + len(JOINER)
    return starts


def _at(item: Mapping[str, Any], starts: list[int]) -> tuple[int, int]:
    """A record span's (start, end) in the joined text."""
    offset = starts[item["paragraph"]]
    return offset + item["start"], offset + item["end"]


def _record_spans(data: Mapping[str, Any], starts: list[int]) -> list[tuple[int, int]]:
    """Every stretch of text that becomes a span, so that tokens can be split at its edges."""
    found = [_at(entity, starts) for entity in data["entities"]]
    for quote in data["quotes"]:
        found.append(_at(quote, starts))
        found.extend(_at(part, starts) for part in quote["continued_in"])
        if quote["speaker"]:
            found.append(_at(quote["speaker"], starts))
    return found


def _tokens(text: str, spans: list[tuple[int, int]], nlp_or_vocab: Language | Vocab) -> Doc:
    """The text's tokens (the pipeline's tokenizer, else split at spaces), split at every edge
    of `spans`; a space a span starts or ends with becomes a token of its own."""
    from spacy.tokens import Doc

    if hasattr(nlp_or_vocab, "make_doc"):
        vocab = nlp_or_vocab.vocab
        pieces = [(token.idx, token.idx + len(token)) for token in nlp_or_vocab.make_doc(text)]
    else:
        vocab = nlp_or_vocab
        pieces = [match.span() for match in re.finditer(r"[^ ]+", text)]
    cuts = sorted({edge for span in spans for edge in span})
    own = {end - 1 for _, end in spans if text[end - 1 : end] == " "}
    own |= {start for start, _ in spans if text[start : start + 1] == " "}
    words: list[str] = []
    spaces: list[bool] = []
    for number, (start, end) in enumerate(pieces):
        inside = cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]
        bounds = [start, *inside, end]
        words.extend(text[a:b] for a, b in pairwise(bounds))
        spaces.extend([False] * len(inside))
        following = pieces[number + 1][0] if number + 1 < len(pieces) else len(text)
        if text[end:following] == " " and end in own:
            words.append(" ")
            spaces.extend([False, False])
        else:
            spaces.append(text[end:following] == " ")
    return Doc(vocab, words=words, spaces=spaces)


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    """The span of exactly doc.text[start:end]; its edges are token edges by construction."""
    span = doc.char_span(start, end, label=label, alignment_mode="strict")
    if span is None:  # a bug in _tokens, never a property of the input
        raise AssertionError(f"no tokens end exactly at {start}:{end}; please report this")
    return span


def _add_quotes(doc: Doc, quotes: list[Mapping[str, Any]], starts: list[int]) -> None:
    """`doc.spans["quotes"]`, `doc.spans["speakers"]` and their extension values."""
    quote_spans: list[Span] = []
    speakers: dict[tuple[int, int], Span] = {}
    for index, quote in enumerate(quotes):
        span = _span(doc, *_at(quote, starts), quote["kind"])
        speaker = quote["speaker"]
        where = _at(speaker, starts) if speaker else None
        span._.cleaner_quote = {
            "kind": quote["kind"],
            "partial": quote["partial"],
            "verb": quote["verb"],
            "speaker": list(where) if where else None,
            "speaker_name": quote["speaker_name"],
            "speaker_resolution": quote["speaker_resolution"],
            "speaker_role": quote["speaker_role"],
            "continued_in": [list(_at(part, starts)) for part in quote["continued_in"]],
        }
        quote_spans.append(span)
        if where is None:
            continue
        if where not in speakers:
            speakers[where] = _span(doc, *where, "SPEAKER")
            speakers[where]._.cleaner_speaker = {
                "name": quote["speaker_name"],
                "resolution": quote["speaker_resolution"],
                "role": quote["speaker_role"],
                "quotes": [],
            }
        speakers[where]._.cleaner_speaker["quotes"].append(index)
    doc.spans["quotes"] = quote_spans
    doc.spans["speakers"] = list(speakers.values())


def mismatches(record: Mapping[str, Any], doc: Doc) -> tuple[int, list[str]]:
    """How many of the record's spans were checked in `doc`, and each one that differs.

    >>> import spacy
    >>> record = {"paragraphs": ["Rain in Leeds."], "quotes": [],
    ...           "entities": [{"text": "Leeds", "label": "LOC", "paragraph": 0, "start": 8,
    ...                         "end": 13}]}
    >>> mismatches(record, to_spacy(record, spacy.blank("en")))
    (1, [])

    Every entity must be one of `doc.ents` with the same text and label; every quote the span
    of `doc.spans["quotes"]` at its place in the list, with its text and kind; every speaker
    and continued part of a quote the same text at the offsets the quote's attributes give.
    """
    starts = paragraph_starts(record["paragraphs"])
    problems: list[str] = []
    ents = {(ent.start_char, ent.end_char): ent for ent in doc.ents}
    checked = 0
    for entity in record["entities"]:
        checked += 1
        ent = ents.get(_at(entity, starts))
        if ent is None or (ent.text, ent.label_) != (entity["text"], entity["label"]):
            problems.append(f"entity {entity['text']!r} ({entity['label']}): found {ent!r}")
    spans = list(doc.spans["quotes"]) if "quotes" in doc.spans else []
    if len(spans) != len(record["quotes"]):
        problems.append(f"{len(record['quotes'])} quotes in the record, {len(spans)} in the doc")
    speakers = {(s.start_char, s.end_char) for s in doc.spans.get("speakers", [])}
    for quote, span in zip(record["quotes"], spans, strict=False):
        checked += 1
        if (span.text, span.label_) != (quote["text"], quote["kind"]):
            problems.append(f"quote {quote['text']!r}: found {span.text!r} ({span.label_})")
        found = span._.cleaner_quote
        parts = [(quote["speaker"], found["speaker"])] if quote["speaker"] else []
        parts += zip(quote["continued_in"], found["continued_in"], strict=True)
        for part, (start, end) in parts:
            checked += 1
            if doc.text[start:end] != part["text"] or (
                part is quote["speaker"] and (start, end) not in speakers
            ):
                problems.append(f"part {part['text']!r}: found {doc.text[start:end]!r}")
    return checked, problems

"""The records that flow through the pipeline: what is read, what is written, what is rejected.

    >>> source = Source(name="seed.txt", format="text")
    >>> doc = Document(source=source, content="Title\\n\\nBody.", kind="text")
    >>> doc.kind
    'text'

Readers turn inputs into `Document`s (or `Reject`s), `process` turns a `Document` into an `Article`
(or a `Reject`), and writers serialise both with `to_dict()`. An `Edit` is one recorded change to
the text; every cleaning step returns the edits it made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.8.0"

DocumentKind = Literal["text", "html"]
LanguageMethod = Literal["given", "declared", "detected"]


@dataclass(frozen=True, slots=True)
class Declared:
    """A language the input declares, as written, and where it said so.

    >>> Declared("de-DE", "html lang").where
    'html lang'
    """

    value: str
    where: str


@dataclass(frozen=True, slots=True)
class Language:
    """The document's language and how it was decided.

    >>> Language("de", "declared", 0.99, Declared("de-DE", "html lang"), "de").to_dict()["code"]
    'de'

    `code` is a lower-case ISO 639 code ("de"), or "und" when neither a declaration nor the
    text decides it. `method`: `given` (the configuration or the caller said so), `declared`
    (the input declared it and the text does not contradict it), `detected` (the language
    identifier decided: nothing was declared, or the text contradicts the declaration).
    `confidence` is the identifier's probability for `code` on the text (None when there was
    no text to check), `declared` the declaration used or overruled, `detected` the
    identifier's own best guess.
    """

    code: str
    method: LanguageMethod
    confidence: float | None = None
    declared: Declared | None = None
    detected: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "method": self.method,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "declared": self.declared.value if self.declared else None,
            "declared_in": self.declared.where if self.declared else None,
            "detected": self.detected,
        }


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from: the input's name, format, line (JSONL) or record number
    (WARC), URL, and for WARC records the fetch date and record id.

    >>> Source(name="dump.jsonl", format="jsonl", line=3).to_dict()["line"]
    3
    """

    name: str
    format: str
    line: int | None = None
    url: str | None = None
    fetched: str | None = None
    record_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "format": self.format,
            "line": self.line,
            "url": self.url,
            "fetched": self.fetched,
            "record_id": self.record_id,
        }

    def describe(self) -> str:
        """`file:line` for messages: `Source("a.jsonl", "jsonl", 4).describe() == "a.jsonl:4"`."""
        return f"{self.name}:{self.line}" if self.line is not None else self.name


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read, before any cleaning.

    >>> Document(Source("a.html", "html"), b"<html>...</html>", "html").content[:6]
    b'<html>'

    `charset` is the charset the transport declared for `content` bytes (the HTTP
    Content-Type header of a WARC record), tried before the page's own declaration;
    `languages` are the languages the record or the transport declared (a JSONL `language`
    field, a WARC record's HTTP Content-Language), checked before the page's own.
    """

    source: Source
    content: bytes | str
    kind: DocumentKind
    id: str | None = None
    title: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    charset: str | None = None
    languages: tuple[Declared, ...] = ()


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to the text, with the rule that made it and why.

    `target` says what was changed: a `body` block, the `title`, or the HTML `page` before
    extraction. For the body, `block` is the index of the block (paragraph or line) the change
    was made in, counting the blocks as the document was split when read, before anything was
    removed, so it is stable across steps. `start`/`end` are offsets in that block's (or the
    title's) text as it was just before this edit, so replaying the edits in order reproduces
    the cleaning; all three are `None` for page edits.

    >>> Edit("debris.share", "share-button label", "remove", "Share", block=0).to_dict()["rule"]
    'debris.share'
    """

    rule: str
    reason: str
    action: Literal["remove", "replace"]
    text: str
    replacement: str | None = None
    block: int | None = None
    start: int | None = None
    end: int | None = None
    plan: tuple[tuple[str, str], ...] | None = None
    target: Literal["body", "title", "page"] = "body"

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "rule": self.rule,
            "reason": self.reason,
            "action": self.action,
            "text": self.text,
            "target": self.target,
            "block": self.block,
            "start": self.start,
            "end": self.end,
        }
        if self.action == "replace":
            record["replacement"] = self.replacement
        if self.plan is not None:
            record["plan"] = [list(step) for step in self.plan]
        return record


@dataclass(frozen=True, slots=True)
class Encoding:
    """How raw bytes became text.

    >>> Encoding("utf-8", "bom").to_dict()
    {'name': 'utf-8', 'method': 'bom', 'declared': None, 'replaced_bytes': 0}
    """

    name: str
    method: Literal["bom", "declared", "utf-8", "detected", "fallback"]
    declared: str | None = None
    replaced_bytes: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "method": self.method,
            "declared": self.declared,
            "replaced_bytes": self.replaced_bytes,
        }


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one paragraph: `paragraphs[paragraph][start:end] == text`.

    >>> Span("Aleppo", 0, 0, 6).to_dict()
    {'text': 'Aleppo', 'paragraph': 0, 'start': 0, 'end': 6}
    """

    text: str
    paragraph: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }


QuoteKind = Literal["full", "partial", "scare"]
SpeakerResolution = Literal[
    "as_written", "name_in_phrase", "surname", "pronoun", "role", "inferred"
]


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation, its speaker when the sentence names one, and its reporting verb.

    >>> Quote(Span("Hi", 0, 1, 3), partial=False).to_dict()["speaker"] is None
    True
    """

    span: Span
    partial: bool
    speaker: Span | None = None
    verb: str | None = None
    kind: QuoteKind = "full"
    continued_in: tuple[Span, ...] = ()
    speaker_name: str | None = None
    speaker_resolution: SpeakerResolution | None = None
    speaker_role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "kind": self.kind,
            "partial": self.partial,
            "continued_in": [part.to_dict() for part in self.continued_in],
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "verb": self.verb,
            "speaker_name": self.speaker_name,
            "speaker_resolution": self.speaker_resolution,
            "speaker_role": self.speaker_role,
        }


@dataclass(frozen=True, slots=True)
class SpeakerGroup:
    """One speaker and the indices of their quotes.

    >>> SpeakerGroup("Ann Lee", (0, 2)).to_dict()
    {'name': 'Ann Lee', 'quotes': [0, 2]}
    """

    name: str
    quotes: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "quotes": list(self.quotes)}


EntityLabel = Literal["PERSON", "ORG", "LOC", "MISC"]


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """One distinct entity: its name (its longest mention), label and mention indices.

    >>> EntityGroup("Bashar Assad", "PERSON", (0, 3)).to_dict()["count"]
    2
    """

    name: str
    label: EntityLabel
    mentions: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "count": len(self.mentions),
            "mentions": list(self.mentions),
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention.

    >>> Entity(Span("Reuters", 2, 10, 17), "ORG").to_dict()["label"]
    'ORG'
    """

    span: Span
    label: EntityLabel

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "label": self.label}


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page declares about the article; each field None when the page is silent.

    >>> Page(site_name="Reuters", authors=("Jane Smith",)).to_dict()["authors"]
    ['Jane Smith']
    """

    canonical_url: str | None = None
    site_name: str | None = None
    authors: tuple[str, ...] | None = None
    published: str | None = None
    language: str | None = None
    lead_image_url: str | None = None
    lead_image_caption: str | None = None

    def to_dict(self) -> dict[str, Any]:
        image = None
        if self.lead_image_url:
            image = {"url": self.lead_image_url, "caption": self.lead_image_caption}
        return {
            "canonical_url": self.canonical_url,
            "site_name": self.site_name,
            "authors": list(self.authors) if self.authors is not None else None,
            "published": self.published,
            "language": self.language,
            "lead_image": image,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, structured article: the output record.

    >>> a = Article(id="x", source=Source("a.txt", "text"), title=None, paragraphs=("Hello.",))
    >>> a.to_dict()["paragraphs"]
    ['Hello.']
    """

    id: str
    source: Source
    title: str | None
    paragraphs: tuple[str, ...]
    subheadings: tuple[int, ...] = ()
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[SpeakerGroup, ...] = ()
    entities: tuple[Entity, ...] = ()
    distinct_entities: tuple[EntityGroup, ...] = ()
    edits: tuple[Edit, ...] = ()
    encoding: Encoding | None = None
    extraction: str | None = None
    entity_backend: str | None = None
    entities_skipped: str | None = None
    rule_tables: tuple[str, ...] = ()
    language: Language = Language("und", "detected")
    page: Page = Page()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source.to_dict(),
            "title": self.title,
            "language": self.language.to_dict(),
            "paragraphs": list(self.paragraphs),
            "subheadings": list(self.subheadings),
            "quotes": [quote.to_dict() for quote in self.quotes],
            "speakers": [speaker.to_dict() for speaker in self.speakers],
            "entities": [entity.to_dict() for entity in self.entities],
            "distinct_entities": [group.to_dict() for group in self.distinct_entities],
            "edits": [edit.to_dict() for edit in self.edits],
            "processing": {
                "encoding": self.encoding.to_dict() if self.encoding else None,
                "extraction": self.extraction,
                "entity_backend": self.entity_backend,
                "entities_skipped": self.entities_skipped,
                "rule_tables": list(self.rule_tables),
            },
            "page": self.page.to_dict(),
            "metadata": dict(self.metadata),
        }


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not become an article, with a reason code and a message for humans.

    >>> Reject(Source("x.bin", "text"), "binary", "looks like binary data").to_dict()["reason"]
    'binary'
    """

    source: Source
    reason: str
    message: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source.to_dict(),
            "reason": self.reason,
            "message": self.message,
        }

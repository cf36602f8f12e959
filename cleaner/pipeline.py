"""The one place the steps are chained: `process(document, config) -> Article | Reject`.

    >>> from cleaner.document import Document, Source
    >>> text = "Share\\n\\nRain falls on Leeds\\n\\nIt rained, police said.\\n\\nAdvertisement"
    >>> article = process(Document(Source("leeds.txt", "text"), text, "text"))
    >>> article.title, article.paragraphs, [edit.rule for edit in article.edits]
    ('Rain falls on Leeds', ('It rained, police said.',), ['debris.share', \
'debris.advertisement', 'title.headline_line'])

    read -> decode -> extract (HTML) or split (text) -> repair -> language -> comments ->
    debris -> title -> repeated title -> captions -> keyword and teaser lists -> repeated
    paragraphs -> (scraped text only) other stories' lists and labels outside the prose ->
    subheadings -> quotes -> entities -> validate

The language is decided once (`cleaner.language`), right after the text is read, and every
later step looks up its tables and models by its code.

`process` is pure: the same document and configuration give the same record, whatever process
runs it. It never raises for a bad document: the problem comes back as a `Reject` with a reason
code, so one document can never stop a batch. The one exception it lets through is
`MemoryError`, which says more about the memory allowed than about the document: the executors'
memory limit (`cleaner.run.limits`) turns it into a `memory_limit` reject.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from cleaner.clean.blocks import Block, split_text
from cleaner.clean.captions import load_caption_rules, remove_captions
from cleaner.clean.debris import load_rules, remove_debris
from cleaner.clean.duplicates import remove_repeated_paragraphs, remove_repeated_title
from cleaner.clean.encoding import NotText, decode, repair
from cleaner.clean.extract import NotArticle, extract
from cleaner.clean.layout import (
    load_layout_rules,
    remove_comment_sections,
    remove_company_boilerplate,
    remove_keyword_lists,
    remove_outside_prose,
)
from cleaner.clean.other_stories import (
    keep_article_stretch,
    remove_capitalised_headlines,
    remove_kicker_links,
    remove_link_sections,
    remove_teaser_lists,
    remove_trailing_headlines,
    remove_trailing_teasers,
)
from cleaner.config import Config
from cleaner.document import Article, Declared, Document, Edit, Encoding, Page, Reject
from cleaner.language import AUTO, UNDETERMINED, decide_language, load_identifier, sample
from cleaner.rules import tables_for
from cleaner.structure.entities import backend_for, find_entities, prepare_backends
from cleaner.structure.entity_groups import group_entities
from cleaner.structure.quotes import find_quotes, load_quote_rules
from cleaner.structure.speakers import resolve_speakers, speaker_groups
from cleaner.structure.title import headline_from_blocks, page_title
from cleaner.validate import validate_record

DEFAULT_CONFIG = Config()
_SUBHEADING_MAX_WORDS = 12
_SENTENCE_PUNCTUATION = tuple('.,;:!”"’)…')


@dataclass(frozen=True, slots=True)
class _Body:
    """The text as read: blocks, edits made while reading, a title the page gave, and how."""

    blocks: list[Block]
    edits: list[Edit]
    page_title: str | None
    page: Page
    encoding: Encoding | None
    extraction: str
    languages: tuple[Declared, ...] = ()


def prepare(config: Config) -> None:
    """Load the rule tables and the entity backends `config` names, so that a bad table or
    model fails here, once, with its message (`RuleTableError`, `BackendError`), instead of
    rejecting every document of a run: the neutral tables, the given language's, and every
    table in the user's directories; and the language identifier every document uses. The
    packaged tables of other languages are loaded when a document of that language first
    needs them."""
    languages = {UNDETERMINED, config.language if config.language != AUTO else UNDETERMINED}
    for directory in config.rules.directories:
        languages.update(path.name.split(".")[1] for path in Path(directory).glob("*.*.toml"))
    for language in sorted(languages):
        load_rules(language, config.rules.tables, config.rules.disable, config.rules.directories)
        load_caption_rules(language, config.rules.directories)
        load_quote_rules(language, config.rules.directories)
        load_layout_rules(language, config.rules.directories)
    load_identifier()
    prepare_backends(config.entities)


def process(document: Document, config: Config = DEFAULT_CONFIG) -> Article | Reject:
    """Clean and structure one document; a document that cannot be an article is a `Reject`."""
    return read_and_process(document, config)[1]


def read_and_process(
    document: Document, config: Config = DEFAULT_CONFIG
) -> tuple[tuple[str, ...], Article | Reject]:
    """`process`, and the text as read: the blocks extraction (HTML) or splitting (text) gave,
    before any cleaning edit, which the record's body edits start from (`cleaner.audit`);
    empty when the document was rejected before its text was read.

        >>> from cleaner.document import Document, Source
        >>> document = Document(Source("a.txt", "text"), "Share\\n\\nIt rained.", "text")
        >>> blocks, article = read_and_process(document)
        >>> blocks, article.paragraphs
        (('Share', 'It rained.'), ('It rained.',))
    """
    read: list[Block] = []
    try:
        result = _process(document, config, read)
    except NotText as error:
        result = _reject(document, "binary", str(error))
    except NotArticle as error:
        result = _reject(document, error.reason, str(error))
    except RecursionError:
        result = _reject(document, "html_too_deep", "the page is nested too deeply to process")
    except MemoryError:  # the caller's memory limit (`cleaner.run.limits`) makes it a reject
        raise
    except Exception as error:  # a bug must not stop a batch: it becomes a counted reject
        message = f"{type(error).__name__}: {error}; please report this with the input"
        result = _reject(document, "internal_error", message)
    return tuple(block.text for block in read), result


def _reject(document: Document, reason: str, message: str) -> Reject:
    return Reject(document.source, reason, message, document.id)


def document_id(document: Document) -> str:
    """The input's id, else a stable hash of its source and content."""
    if document.id:
        return document.id
    digest = hashlib.sha256(f"{document.source.name}\0{document.source.line}\0".encode())
    content = document.content
    digest.update(content if isinstance(content, bytes) else content.encode("utf-8", "replace"))
    return digest.hexdigest()[:16]


def _process(document: Document, config: Config, read: list[Block]) -> Article | Reject:
    """Clean and structure `document`; `read` receives the blocks as read."""
    size = len(document.content)
    if size > config.limits.max_bytes:
        return _reject(
            document,
            "too_large",
            f"{size:,} bytes is over the limit of {config.limits.max_bytes:,} "
            "(raise limits.max_bytes in the config to accept it)",
        )
    body = _read_body(document, config)
    if isinstance(body, Reject):
        return body
    read.extend(body.blocks)
    edits = list(body.edits)
    blocks = _repair_blocks(body.blocks, edits)
    given = None if config.language == AUTO else config.language
    declared = (*document.languages, *body.languages)
    language = decide_language(sample([block.text for block in blocks]), declared, given)
    code, directories = language.code, config.rules.directories

    layout_rules = load_layout_rules(code, directories)
    blocks = _step(remove_comment_sections(blocks, layout_rules), edits)
    debris_rules = load_rules(code, config.rules.tables, config.rules.disable, directories)
    read_as = "text" if body.extraction == "text" else "html"
    debris_rules = tuple(rule for rule in debris_rules if read_as in rule.inputs)
    blocks = _step(remove_debris(blocks, debris_rules), edits)
    title = _clean_title(document.title or body.page_title, edits)
    if title is None and body.extraction == "text":
        title, blocks, found = headline_from_blocks(blocks, config.title.max_words)
        edits.extend(found)
    blocks = _step(remove_repeated_title(blocks, title), edits)
    caption_rules = load_caption_rules(code, directories)
    blocks = _step(remove_captions(blocks, caption_rules, config.captions.max_words), edits)
    blocks = _step(remove_keyword_lists(blocks), edits)
    blocks = _step(remove_teaser_lists(blocks), edits)
    blocks = _step(remove_repeated_paragraphs(blocks), edits)
    if body.extraction == "text":  # in a page, the markup already told lists and menus apart
        blocks = _step(remove_kicker_links(blocks), edits)
        blocks = _step(remove_capitalised_headlines(blocks), edits)
        blocks = _step(remove_company_boilerplate(blocks), edits)
        blocks = _step(remove_trailing_headlines(blocks), edits)
        blocks = _step(remove_outside_prose(blocks), edits)
        blocks = _step(remove_trailing_teasers(blocks, len(body.blocks)), edits)
        blocks = _step(remove_link_sections(blocks, edits, layout_rules), edits)
        blocks = _step(keep_article_stretch(blocks, len(body.blocks)), edits)
    if not blocks:
        removed = sorted({edit.rule for edit in edits if edit.block is not None})
        return _reject(
            document,
            "no_article_text",
            "no article text left after cleaning"
            + (f" (removed by: {', '.join(removed)})" if removed else ""),
        )

    paragraphs = tuple(block.text for block in blocks)
    backend, entities_skipped = backend_for(config.entities, code)
    entities = find_entities(paragraphs, backend) if backend else ()
    quote_rules = load_quote_rules(code, directories)
    found = find_quotes(paragraphs, quote_rules)
    quotes = resolve_speakers(found, paragraphs, entities, quote_rules)
    article = Article(
        id=document_id(document),
        source=document.source,
        title=title,
        paragraphs=paragraphs,
        subheadings=_subheadings(blocks),
        quotes=quotes,
        speakers=speaker_groups(quotes),
        entities=entities,
        distinct_entities=group_entities(entities),
        edits=tuple(edits),
        encoding=body.encoding,
        extraction=body.extraction,
        entity_backend=backend.name if backend else None,
        entities_skipped=entities_skipped,
        rule_tables=_rule_tables(code, config),
        language=language,
        page=body.page,
        metadata=document.metadata,
    )
    problems = validate_record(article.to_dict())
    if problems:
        details = "; ".join(f"{p.path}: {p.message}" for p in problems[:3])
        return _reject(document, "internal_error", f"record fails the schema: {details}")
    return article


def _read_body(document: Document, config: Config) -> _Body | Reject:
    content = document.content
    encoding = None
    if isinstance(content, bytes):
        content, encoding = decode(content, html=document.kind == "html", charset=document.charset)
    if not content.strip():
        return _reject(document, "empty", "the input has no text")
    if document.kind == "html":
        found = extract(content, document.source.url, config.limits.max_html_depth)
        title = page_title(found.page)
        return _Body(
            found.blocks,
            found.edits,
            title,
            found.page.page,
            encoding,
            found.method,
            found.page.languages,
        )
    return _Body(split_text(content), [], None, Page(), encoding, "text")


def _rule_tables(language: str, config: Config) -> tuple[str, ...]:
    """The names of the rule tables that ran on a document of `language`, in order."""
    names = [
        name
        for step in ("layout", "debris", "captions", "quotes")
        for name, _table in tables_for(step, language, config.rules.directories)
    ]
    return (*names, *config.rules.tables)


def _repair_blocks(blocks: list[Block], edits: list[Edit]) -> list[Block]:
    repaired = []
    for block in blocks:
        text, found = repair(block.text, block.index)
        edits.extend(found)
        if text:
            repaired.append(replace(block, text=text) if text != block.text else block)
    return repaired


def _step(result: tuple[list[Block], list[Edit]], edits: list[Edit]) -> list[Block]:
    blocks, found = result
    edits.extend(found)
    return blocks


_SPACES = re.compile(r"\s+")


def _clean_title(title: str | None, edits: list[Edit]) -> str | None:
    if title is None:
        return None
    title = _SPACES.sub(" ", title).strip()
    fixed, found = repair(title, block=None)
    edits.extend(replace(edit, target="title") for edit in found)
    return fixed or None


def _subheadings(blocks: list[Block]) -> tuple[int, ...]:
    """Headings the page marked, and short unpunctuated lines between paragraphs of prose."""
    found = []
    for position, block in enumerate(blocks):
        if block.heading or (
            0 < position < len(blocks) - 1
            and not blocks[position + 1].heading
            and len(block.text.split()) <= _SUBHEADING_MAX_WORDS
            and not block.text.endswith(_SENTENCE_PUNCTUATION)
            and block.text[:1].isupper()
            and blocks[position + 1].text.endswith(_SENTENCE_PUNCTUATION)
        ):
            found.append(position)
    return tuple(found)

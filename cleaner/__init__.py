"""cleaner: scraped news articles in, clean, structured, schema-valid JSON out.

    >>> import cleaner
    >>> article = cleaner.clean_text("Share\\n\\nRain falls\\n\\n“It poured,” a resident said.")
    >>> article.title, article.paragraphs[0], article.quotes[0].speaker.text
    ('Rain falls', '“It poured,” a resident said.', 'a resident')
    >>> article.to_dict()["edits"][0]["rule"]
    'debris.share'

The API: `clean_text` and `clean_html` for one article (raising `Rejected` when the input
cannot become one), `process_records` for many (yielding an `Article` or a `Reject` per
record, never raising for a bad record; `workers=N` for N processes), `run_directory` for a
directory-to-directory job (sharded, resumable output, like `cleaner clean --out-dir`),
`process` for a `Document`, `validate_record`, and `to_spacy` (a record as a spaCy `Doc`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cleaner.version import __version__

if TYPE_CHECKING:
    from cleaner.api import Rejected, clean_html, clean_text, process_records
    from cleaner.config import Config
    from cleaner.document import Article, Document, Edit, Entity, Quote, Reject, Source, Span
    from cleaner.pipeline import process
    from cleaner.run.jobs import run_directory
    from cleaner.spacy_doc import to_spacy
    from cleaner.validate import Problem, validate_record

__all__ = [
    "Article",
    "Config",
    "Document",
    "Edit",
    "Entity",
    "Problem",
    "Quote",
    "Reject",
    "Rejected",
    "Source",
    "Span",
    "__version__",
    "clean_html",
    "clean_text",
    "process",
    "process_records",
    "run_directory",
    "to_spacy",
    "validate_record",
]

# Where each public name lives; imported on first use, so that `import cleaner` and
# `cleaner validate` do not pay for the extraction pipeline (trafilatura, lxml, ftfy).
_HOMES = {
    "Article": "cleaner.document",
    "Config": "cleaner.config",
    "Document": "cleaner.document",
    "Edit": "cleaner.document",
    "Entity": "cleaner.document",
    "Problem": "cleaner.validate",
    "Quote": "cleaner.document",
    "Reject": "cleaner.document",
    "Rejected": "cleaner.api",
    "Source": "cleaner.document",
    "Span": "cleaner.document",
    "clean_html": "cleaner.api",
    "clean_text": "cleaner.api",
    "process": "cleaner.pipeline",
    "process_records": "cleaner.api",
    "run_directory": "cleaner.run.jobs",
    "to_spacy": "cleaner.spacy_doc",
    "validate_record": "cleaner.validate",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""`cleaner clean -o out.spacy`: the articles as one spaCy `DocBin` (`cleaner.spacy_doc`).

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "out.spacy")
    >>> with DocBinWriter(path) as writer:
    ...     writer.write({"id": "a", "language": {"code": "en"}, "paragraphs": ["Rain."],
    ...                   "entities": [], "quotes": []})
    >>> from spacy.tokens import DocBin
    >>> [doc.text for doc in DocBin().from_disk(path).get_docs(writer.vocab)]
    ['Rain.']

Each record is tokenized by a blank pipeline of its language (`spacy.blank(code)`: rules only,
nothing is downloaded), or of `xx` (multi-language) when spaCy has none for the code or it
needs a package that is not installed. The `DocBin` stores user data, so each doc keeps its
record (`doc.user_data["cleaner"]`) and the quote and speaker attributes. A `DocBin` is
written whole at the end, so it holds every article in memory until then (about the size of
the JSONL); for a corpus too large for that, write JSONL and convert it in parts.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from cleaner.spacy_doc import INSTALL, to_spacy
from cleaner.write import ClosingWriter, OutputError, write_bytes_atomic

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.vocab import Vocab


class DocBinWriter(ClosingWriter):
    """Collect records as `Doc`s; `close()` writes the `DocBin` to `path` atomically."""

    def __init__(self, path: str) -> None:
        try:
            from spacy.tokens import DocBin
        except ImportError:
            raise OutputError(f"-o {path} writes spaCy docs and needs spaCy: {INSTALL}") from None
        self.path = path
        self._docs = DocBin(store_user_data=True)
        self.vocab: Vocab = blank_pipeline("xx").vocab

    def write(self, record: dict[str, Any]) -> None:
        """Add one record."""
        language = (record.get("language") or {}).get("code") or "xx"
        self._docs.add(to_spacy(record, blank_pipeline(language)))

    def write_lines(self, lines: bytes) -> None:
        """Add records already serialised as JSON lines, as workers send them."""
        for line in lines.splitlines():
            self.write(json.loads(line))

    def close(self, success: bool = True) -> None:
        """Write the `DocBin` when the run succeeded; nothing appears when it failed."""
        if success and self._docs is not None:
            write_bytes_atomic(self.path, self._docs.to_bytes())
        self._docs = None


@cache
def blank_pipeline(code: str) -> Language:
    """A blank pipeline of `code`, else the multi-language one."""
    import spacy

    try:
        return spacy.blank(code)
    except (ImportError, ValueError):  # no such language in spaCy, or its tokenizer's package
        return spacy.blank("xx")

"""The document's language: what the input declares, checked against the text.

    >>> text = "Die Regierung will die Energiepreise senken, sagte der Kanzler am Montag. " * 3
    >>> decide_language(text, (Declared("de-DE", "html lang"),)).to_dict()
    {'code': 'de', 'method': 'declared', 'confidence': 0.9968, 'declared': 'de-DE', \
'declared_in': 'html lang', 'detected': 'de'}
    >>> decide_language(text, (Declared("en", "html lang"),)).method  # a theme's default
    'detected'
    >>> decide_language("Share", ()).code
    'und'

The decision, in order:

1. `given`: the configuration's `language` (or the caller's) when it is not "auto", used as
   said; the text is still scored so that the record shows how well it agrees.
2. `declared`: the input's declarations (a JSONL `language` field, a WARC record's HTTP
   Content-Language, then the page's `<html lang>`, JSON-LD `inLanguage`, og:locale, meta
   content-language), their primary subtags. The first declaration the identifier agrees with
   wins; when it agrees with none, the first one stands unless the identifier is sure
   (`_OVERRULE` of probability on `_MIN_CHECK` characters or more) of another language: a
   theme's default `lang="en"` on a German page is then overruled and the record keeps both.
3. `detected`: nothing declared: the identifier's language when its probability is at least
   `MIN_DETECTED` on `MIN_TEXT` characters or more, else "und" (undetermined): the steps then
   run their language-neutral rules only.

The identifier is py3langid (langid.py's naive Bayes model over byte n-grams, 140 language labels,
its model inside the package: nothing is downloaded), loaded once per process. It reads at
most `_SAMPLE` characters, taken from the longest blocks (prose, not menu labels), so its cost
does not grow with the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from cleaner.document import Declared, Language

UNDETERMINED = "und"
AUTO = "auto"
_SAMPLE = 1_000  # characters
_PER_BLOCK = 300  # characters of one block in the sample
MIN_TEXT = 40  # characters of text before the identifier alone may decide
MIN_DETECTED = 0.5
_MIN_CHECK = 200  # characters of text before the identifier may overrule a declaration
_OVERRULE = 0.95
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
# codes that name the same language: deprecated ISO 639-1 codes, and 639-2 codes for 639-1 ones
_ALIASES = {
    "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "nb": "no", "nn": "no",
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "pol": "pl", "rus": "ru", "ell": "el", "gre": "el",
    "zho": "zh", "chi": "zh", "cmn": "zh", "jpn": "ja", "tur": "tr", "ara": "ar",
}  # fmt: skip


def language_code(tag: str) -> str | None:
    """The lower-case primary subtag of a language tag, or None when it is not one.

    >>> language_code("pt_BR"), language_code("ger"), language_code("English"), language_code("")
    ('pt', 'de', None, None)
    """
    match = _TAG.fullmatch(tag.strip())
    if match is None:
        return None
    code = match.group(1).lower()
    return _ALIASES.get(code, code)


def decide_language(text: str, declared: Sequence[Declared], given: str | None = None) -> Language:
    """The language of `text` (the document's blocks joined), from `given`, `declared`, or
    the identifier; see the module docstring for the rules."""
    scores = _scores(text)
    best, best_probability = max(scores.items(), key=lambda item: item[1], default=(None, 0.0))
    detected = best if best_probability >= MIN_DETECTED and len(text) >= MIN_TEXT else None
    if given is not None:
        return Language(given, "given", _confidence(scores, given, text), None, detected)
    valid = [(code, item) for item in declared if (code := language_code(item.value))]
    for code, item in valid:
        if code == best and len(text) >= MIN_TEXT:
            return Language(code, "declared", best_probability, item, detected)
    if valid:
        code, item = valid[0]
        sure = best_probability >= _OVERRULE and len(text) >= _MIN_CHECK
        if sure and best is not None:
            return Language(best, "detected", best_probability, item, best)
        return Language(code, "declared", _confidence(scores, code, text), item, detected)
    if detected is None:
        return Language(UNDETERMINED, "detected", None, None, None)
    return Language(detected, "detected", best_probability, None, detected)


def sample(blocks: Sequence[str]) -> str:
    """The text the identifier reads: the start of each of the longest blocks (at most
    `_PER_BLOCK` characters of each, so that one long list of names cannot fill it), in
    reading order, up to `_SAMPLE` characters in all; menu labels and share rows are short,
    so prose comes first.

    >>> sample(["Menu", "A long paragraph of prose.", "Share"])
    'Menu\\nA long paragraph of prose.\\nShare'
    """
    chosen: list[int] = []
    size = 0
    for index in sorted(range(len(blocks)), key=lambda i: (-len(blocks[i]), i)):
        if size >= _SAMPLE:
            break
        chosen.append(index)
        size += min(len(blocks[index]), _PER_BLOCK) + 1
    return "\n".join(blocks[index][:_PER_BLOCK] for index in sorted(chosen))[:_SAMPLE]


def _confidence(scores: dict[str, float], code: str, text: str) -> float | None:
    return scores.get(code, 0.0) if text.strip() else None


def _scores(text: str) -> dict[str, float]:
    """The identifier's probability per language code (empty for no text)."""
    return dict(rank(text)) if text.strip() else {}


def rank(text: str) -> list[tuple[str, float]]:
    """The identifier's languages for (the first `_SAMPLE` characters of) `text`, best first.

    >>> rank("Der Bürgermeister sagte am Montag, die Brücke werde saniert.")[0][0]
    'de'
    """
    return _identifier().rank(text[:_SAMPLE])


def load_identifier() -> None:
    """Load the identifier's model now (about 75 MB in memory), before the first document, so
    that it is not counted in that document's memory limit (`limits.max_memory_mb`)."""
    _identifier()


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

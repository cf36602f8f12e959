"""Reading CoNLL-2003 English: articles of sentences of (token, tag), and the files' checksums.

    >>> articles = read_conll(DATA / "eng.testa")  # doctest: +SKIP
    >>> articles[0][0][:2]  # doctest: +SKIP
    [('CRICKET', 'O'), ('-', 'O')]

Tags are converted from the files' IOB1 (I- everywhere, B- only between two adjacent names of
the same type) to BIO, so that every name starts with B-.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "data" / "conll2003"

Sentence = list[tuple[str, str]]
Article = list[Sentence]


def read_conll(path: Path) -> list[Article]:
    """Articles (split at -DOCSTART-) of sentences of (token, BIO tag)."""
    articles: list[Article] = []
    sentence: Sentence = []
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if line.startswith("-DOCSTART-"):
            articles.append([])
        elif line.strip():
            token, *_, tag = line.split()
            sentence.append((token, tag))
        elif sentence:
            articles[-1].append(to_bio(sentence))
            sentence = []
    return [article for article in articles if article]


def to_bio(sentence: Sentence) -> Sentence:
    """IOB1 tags (or a mix) as BIO: an I- that does not continue a name of its type is a B-."""
    converted, previous = [], "O"
    for token, tag in sentence:
        if tag != "O" and tag.startswith("I-") and previous[2:] != tag[2:]:
            converted.append((token, "B-" + tag[2:]))
        else:
            converted.append((token, tag))
        previous = tag
    return converted


def checksums(*names: str) -> list[str]:
    """`sha256  name` lines for the given files of the CoNLL folder."""
    return [f"{hashlib.sha256((DATA / name).read_bytes()).hexdigest()}  {name}" for name in names]

"""Collect unlabelled text of one language from ../shared for its word vectors.

    python training/ner/unlabelled_language.py de    # writes corpus/de/unlabelled.txt

There is no unlabelled news in these languages in ../shared, so the text is what there is,
read from `../shared/data` and never copied into the repository:

* the words of the language's own training split (text only; the development split is left
  out, so nothing learned here has seen the evaluation text);
* for German, the sentences of WikiANN's German train and dev files (Wikipedia; their labels
  are not used);
* for German, Spanish and French, the article text of the trafilatura-eval pages in that
  language (629 German, 41 Spanish, 24 French pages), as trafilatura extracts it.

One line per sentence or paragraph, tokenised by the model's own tokenizer, so the vectors
line up with the tokens the NER model sees.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from corpora import CORPORA, MULTI, TRIALS, abbreviations

from cleaner.structure.ner_tokens import token_pattern, tokenize

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent.parent / "benchmarks"
WIKIANN = {"de": "de-wikiann"}  # French and Portuguese train on WikiANN: its train split is theirs
PAGES = ("de", "es", "fr")
APOSTROPHES = {"de": "inside", "es": "inside", "nl": "inside", "it": "elision", "fr": "elision",
               "pt": "inside"}  # fmt: skip
_STRAIGHT = str.maketrans(dict.fromkeys("‘’‛′", "'") | dict.fromkeys("“”„″", '"'))


def tokens_of(language: str) -> re.Pattern[str]:
    """The language's tokenizer, with the abbreviations its training split writes."""
    corpus = {**CORPORA, **TRIALS}[language]
    return token_pattern(APOSTROPHES[language], tuple(abbreviations(corpus.read(corpus.train))))


def paragraphs(language: str) -> Iterator[str]:
    """Every unlabelled paragraph of the language, in a fixed order (raw text)."""
    corpus = {**CORPORA, **TRIALS}[language]
    for article in corpus.read(corpus.train):
        for sentence in article:
            yield " ".join(token for token, _tag in sentence)
    if language in WIKIANN:
        for name in ("train", "dev"):
            words: list[str] = []
            for line in (MULTI / WIKIANN[language] / name).read_text("utf-8").splitlines():
                if line.strip():
                    words.append(line.split("\t")[0].split(":", 1)[1])
                elif words:
                    yield " ".join(words)
                    words = []
    if language in PAGES:
        import trafilatura

        sys.path.insert(0, str(BENCHMARKS))
        from trafilatura_eval import load_pages

        for page in load_pages(lang=language):
            text = trafilatura.extract(page.html, deduplicate=False) or ""
            yield from text.split("\n")


def write(language: str, out: Path) -> tuple[int, int]:
    """Write the language's unlabelled text to `out`; returns lines and tokens written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    pattern = tokens_of(language)
    lines = tokens = 0
    with out.open("w", encoding="utf-8") as file:
        for paragraph in paragraphs(language):
            words = [token.text for token in tokenize(paragraph.translate(_STRAIGHT), pattern)]
            if words:
                file.write(" ".join(words) + "\n")
                lines += 1
                tokens += len(words)
    return lines, tokens


def main(argv: list[str]) -> int:
    language = argv[0]
    out = HERE / "corpus" / language / "unlabelled.txt"
    lines, tokens = write(language, out)
    print(f"{lines} lines, {tokens} tokens written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

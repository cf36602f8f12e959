"""Collect unlabelled English news text from ../shared for training word vectors.

    python training/ner/unlabelled.py        # writes training/ner/corpus/unlabelled.txt

Sources, all read from `../shared/data` and never copied into the repository:

* PolNeAR article texts (train and dev folders), 2016 US political news;
* the gold article bodies of the article-extraction benchmark (no entity labels);
* the article text of the English readability-pages cases (`expected.html`);
* the words of CoNLL-2003 `eng.train` (text only). `eng.testa` is left out, so nothing
  learned here has seen the evaluation text.

One line per paragraph, tokenised by the model's own tokenizer (curly quotes made straight),
so the vectors line up with the tokens the NER model sees.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from lxml import html as lxml_html

from cleaner.structure.ner_tokens import tokenize

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent / "shared" / "data"
OUT = HERE / "corpus" / "unlabelled.txt"
_STRAIGHT = str.maketrans(dict.fromkeys("‘’‛′", "'") | dict.fromkeys("“”„″", '"'))
_ENGLISH = re.compile(r"\b(the|and|of|to|in|is|that|said)\b", re.IGNORECASE)


def paragraphs() -> Iterator[str]:
    """Every English paragraph of the sources, in a fixed order."""
    for folder in ("train", "dev"):
        for path in sorted((DATA / "polnear" / folder / "text").glob("*.txt")):
            yield from path.read_text("utf-8", errors="replace").split("\n")
    gold = json.loads((DATA / "article-extraction-benchmark" / "ground-truth.json").read_text())
    for key in sorted(gold):
        yield from gold[key]["articleBody"].split("\n")
    for case in sorted((DATA / "readability-pages" / "pages").iterdir()):
        expected = case / "expected.html"
        if expected.exists():
            tree = lxml_html.fromstring(expected.read_bytes())
            yield from (element.text_content() for element in tree.iter("p"))
    sentence: list[str] = []
    for line in (DATA / "conll2003" / "eng.train").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("-DOCSTART-"):
            sentence.append(line.split()[0])
        elif sentence:
            yield " ".join(sentence)
            sentence = []


def main() -> int:
    OUT.parent.mkdir(exist_ok=True)
    lines = tokens = 0
    with OUT.open("w", encoding="utf-8") as out:
        for paragraph in paragraphs():
            text = paragraph.translate(_STRAIGHT).strip()
            if len(_ENGLISH.findall(text)) < 2 and len(text.split()) > 6:
                continue
            words = [token.text for token in tokenize(text)]
            if words:
                out.write(" ".join(words) + "\n")
                lines += 1
                tokens += len(words)
    print(f"{lines} lines, {tokens} tokens written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

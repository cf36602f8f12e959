"""Collect unlabelled English news text from ../shared for training word vectors.

    python training/ner/unlabelled.py              # writes training/ner/corpus/unlabelled.txt
    python training/ner/unlabelled.py --with-news  # also corpus/unlabelled_news.txt: the same
                                                   # and unlabelled-news/ (train.py --outside)

Sources, all read from `../shared/data` and never copied into the repository:

* PolNeAR article texts (train and dev folders), 2016 US political news;
* the gold article bodies of the article-extraction benchmark (no entity labels);
* the article text of the English readability-pages cases (`expected.html`);
* the words of CoNLL-2003 `eng.train` (text only). `eng.testa` is left out, so nothing
  learned here has seen the evaluation text;
* with `--with-news`, `unlabelled-news/` (about 5 million words: Reuters-21578 of 1987, BBC
  News, ABC Rural and Science News, AG News, Leipzig 2016 news sentences, a WSJ sample and WMT
  newstest; see its README). None of it is CoNLL-2003 or RCV1 text.

One line per paragraph, tokenised by the model's own tokenizer (curly quotes made straight),
so the vectors line up with the tokens the NER model sees.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from lxml import html as lxml_html

from cleaner.structure.ner_tokens import tokenize

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent / "shared" / "data"
OUT = HERE / "corpus" / "unlabelled.txt"
NEWS_OUT = HERE / "corpus" / "unlabelled_news.txt"
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


NEWS = (
    "reuters21578/reuters21578.txt.gz",
    "bbc-news/bbc.txt.gz",
    "nltk-abc-news/rural.txt.gz",
    "nltk-abc-news/science.txt.gz",
    "ag-news-partial/ag_news_text.txt.gz",
    "leipzig-eng-news-2016-10k/eng_news_2016_10K-sentences.txt.gz",
    "ptb-wsj-sample-raw/wsj_raw.txt.gz",
    "wmt-newstest-2012-2013-en/newstest2012.en.gz",
    "wmt-newstest-2012-2013-en/newstest2013.en.gz",
)


def news_paragraphs() -> Iterator[str]:
    """The lines of `unlabelled-news/` (Leipzig's without their sentence ids)."""
    for name in NEWS:
        with gzip.open(
            DATA / "unlabelled-news" / name, "rt", encoding="utf-8", errors="replace"
        ) as lines:
            for line in lines:
                yield line.split("\t", 1)[1] if name.startswith("leipzig") else line


def write(texts: Iterable[str], out: Path) -> None:
    """The English paragraphs of `texts`, tokenised, one per line."""
    out.parent.mkdir(exist_ok=True)
    lines = tokens = 0
    with out.open("w", encoding="utf-8") as lines_out:
        for paragraph in texts:
            text = paragraph.translate(_STRAIGHT).strip()
            if len(_ENGLISH.findall(text)) < 2 and len(text.split()) > 6:
                continue
            words = [token.text for token in tokenize(text)]
            if words:
                lines_out.write(" ".join(words) + "\n")
                lines += 1
                tokens += len(words)
    print(f"{lines} lines, {tokens} tokens written to {out}")


def main(argv: list[str]) -> int:
    write(paragraphs(), OUT)
    if "--with-news" in argv:
        write(chain(paragraphs(), news_paragraphs()), NEWS_OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

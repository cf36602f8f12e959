"""The labelled data of each language's NER model: files, formats, and how to read them.

    >>> repair_german("Erzдhlung ьber ƒrzte, die daя lдяt")
    'Erzählung über Ärzte, die daß läßt'
    >>> [len(a) for a in split_at_headlines([[("Titolo", "O")], [("Testo", "O"), (".", "O")]] * 2)]
    [2, 2]

`CORPORA` names, per language, the folder under `../shared/data/ner-multi`, the training and
the development file, the column that holds the token, and how the text is cut into articles
when the file does not mark them (the model's evidence from the whole article, and the
cross-validation folds, need articles):

* German (CoNLL-2003, Frankfurter Rundschau 1992): `-DOCSTART-` lines. The copy's training
  file went through cp1251 (`Erzдhlung`); `repair_german` maps its letters back (the capital
  umlauts and the sharp s took other code points than the rest, hence the table). Its
  development file lost them instead (`Grnen`, `Trkei`: not one non-ASCII character left);
  `restore_umlauts` puts back the umlaut or ß of a word that is much more common with it
  than without it, by the model's frequency table and the training split's words.
* Dutch (CoNLL-2002, De Morgen 2000): `-DOCSTART-` lines (sentences are shuffled inside each
  article, which changes nothing for article-level evidence).
* Spanish (CoNLL-2002, EFE 2000): no article marks; each EFE article opens with a dateline
  sentence ("Madrid , 23 may ( EFE ) ."), so an article starts at a sentence with an agency of
  the model's `agencies.txt` in brackets (`split_at_datelines`).
* Italian (KIND, it.wikinews): no article marks; each article opens with its headline, a
  sentence without a full stop at its end, so an article starts there (`split_at_headlines`;
  an approximation, good enough for evidence and for folds).

Tags become BIO with `conll.to_bio` (a few IOB1 starts are left in the German copy).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from conll import Article, Sentence, to_bio

from cleaner.structure.ner_features import entity_spans

MULTI = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "data" / "ner-multi"
_CP1251_ODD = str.maketrans({"№": "Ü", "ƒ": "Ä", "÷": "Ö", "я": "ß", "І": "§"})
_ENDS = frozenset(".!?:;»\"')…")
_SHORTEST_ARTICLE = 2


def repair_german(text: str) -> str:
    """German text read back from its cp1251 misreading (`Flьchtlinge` -> `Flüchtlinge`)."""
    text = text.translate(_CP1251_ODD)
    return "".join(
        char.encode("cp1251").decode("latin-1") if "\u0400" <= char <= "\u04ff" else char
        for char in text
    )


_STRIPPED = str.maketrans("", "", "äöüß")
_FREQUENCIES = (
    Path(__file__).resolve().parent.parent.parent / "cleaner/models/ner/de/word_frequency.tsv"
)
_MORE_COMMON = 3.0


def restore_umlauts(articles: list[Article], known: list[Article]) -> list[Article]:
    """`articles` whose words lost their umlauts and ß ("fr", "Mnchen"), with them put back
    where the word with them ("für", "München") is at least `_MORE_COMMON` times as common as
    the word without them, by Zipf band (the German model's `word_frequency.tsv`) and, to break
    ties, the count in the `known` articles (the training split)."""
    bands = {}
    for line in _FREQUENCIES.read_text("utf-8").splitlines():
        word, band = line.split("\t")
        bands[word] = float(band)
    counts = Counter(token.lower() for a in known for s in a for token, _tag in s)
    scores = {w: 10 ** bands.get(w, 0.0) + counts[w] / 1e6 for w in set(bands) | set(counts)}
    best: dict[str, tuple[float, str]] = {}
    for word, value in scores.items():
        key = word.translate(_STRIPPED)
        if key != word and (value, word) > best.get(key, (0.0, "")):
            best[key] = (value, word)
    restored = []
    for article in articles:
        restored.append([[(_restored(t, best, scores), tag) for t, tag in s] for s in article])
    return restored


def _restored(token: str, best: dict[str, tuple[float, str]], scores: dict[str, float]) -> str:
    lower = token.lower()
    if not token.isalpha() or lower not in best:
        return token
    value, word = best[lower]
    if value < _MORE_COMMON * scores.get(lower, 0.0) or not value:
        return token
    if token.isupper() and "ß" not in word:
        return word.upper()
    return word[0].upper() + word[1:] if token[0].isupper() else word


def read_sentences(
    path: Path, column: int, repair: Callable[[str], str] | None = None, prefix: str = ""
) -> Iterator[Sentence | None]:
    """The file's sentences of (token, tag), with `None` where a `-DOCSTART-` line stands
    (`prefix`, as WikiANN's `fr:`, is taken off every token)."""
    sentence: Sentence = []
    text = path.read_text("utf-8")
    for line in [*(repair(text) if repair else text).splitlines(), ""]:
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) > column and parts[column] == "-DOCSTART-":
            yield None
        elif line.strip():
            sentence.append((parts[column].removeprefix(prefix), parts[-1]))
        elif sentence:
            yield to_bio(sentence)
            sentence = []


def split_at_docstart(sentences: list[Sentence | None]) -> list[Article]:
    """Articles as the `-DOCSTART-` lines mark them."""
    articles: list[Article] = [[]]
    for sentence in sentences:
        if sentence is None:
            articles.append([])
        else:
            articles[-1].append(sentence)
    return [article for article in articles if article]


def split_at_datelines(sentences: list[Sentence], agencies: frozenset[str]) -> list[Article]:
    """Articles that each start at a dateline: a sentence with `( AGENCY )` in it."""
    articles: list[Article] = [[]]
    for sentence in sentences:
        words = [token for token, _tag in sentence]
        dateline = any(
            words[i] == "(" and words[i + 1] in agencies and words[i + 2] == ")"
            for i in range(len(words) - 2)
        )
        if dateline and articles[-1]:
            articles.append([])
        articles[-1].append(sentence)
    return [article for article in articles if article]


def split_at_headlines(sentences: list[Sentence]) -> list[Article]:
    """Articles that each start at a headline: a sentence without closing punctuation, once
    the article before it has `_SHORTEST_ARTICLE` sentences (a headline, its lead, a line)."""
    articles: list[Article] = [[]]
    for sentence in sentences:
        headline = sentence[-1][0][-1:] not in _ENDS
        if headline and len(articles[-1]) >= _SHORTEST_ARTICLE:
            articles.append([])
        articles[-1].append(sentence)
    return [article for article in articles if article]


@dataclass(frozen=True)
class Corpus:
    """One language's labelled data and how to read it."""

    language: str
    folder: str
    train: str
    dev: str
    column: int
    articles: str  # "docstart", "datelines", "headlines" or "sentences" (one article each)
    repair: Callable[[str], str] | None = None
    prefix: str = ""
    crf: Mapping[str, float] = field(default_factory=dict)  # over `train.CRF`, chosen by CV
    gazetteer: bool = False  # the `gazetteer` feature, when it won in cross-validation

    def path(self, name: str) -> Path:
        return MULTI / self.folder / name

    def read(self, name: str, agencies: frozenset[str] = frozenset()) -> list[Article]:
        """The articles of one of the corpus's files."""
        sentences = list(read_sentences(self.path(name), self.column, self.repair, self.prefix))
        if self.articles == "docstart":
            articles = split_at_docstart(sentences)
            if self.repair is repair_german and self.path(name).read_bytes().isascii():
                return restore_umlauts(articles, self.read(self.train))
            return articles
        plain = [sentence for sentence in sentences if sentence is not None]
        if self.articles == "sentences":
            return [[sentence] for sentence in plain]
        if self.articles == "datelines":
            return split_at_datelines(plain, agencies)
        return split_at_headlines(plain)

    def checksums(self) -> list[str]:
        """`sha256  folder/name` lines for the training and the development file."""
        return [
            f"{hashlib.sha256(self.path(name).read_bytes()).hexdigest()}  {self.folder}/{name}"
            for name in (self.train, self.dev)
        ]


CORPORA = {
    "de": Corpus("de", "de-conll2003", "train.conllu", "val.conllu", 1, "docstart", repair_german),
    "es": Corpus("es", "es-conll2002", "esp.train", "esp.testa", 0, "datelines"),
    "nl": Corpus("nl", "nl-conll2002", "ned.train", "ned.testa", 0, "docstart"),
    "it": Corpus("it", "it-kind-wikinews", "WN_train.tsv", "WN_dev.tsv", 0, "headlines"),
}
# Silver data only (WikiANN: Wikipedia sentences, labels made by machine); models trained on it
# are trials, scored on real (old) news where there is some (`europeana`), not shipped.
TRIALS = {
    language: Corpus(language, f"{language}-wikiann", "train", "dev", 0, "sentences", None,
                     f"{language}:")
    for language in ("fr", "pt")
}  # fmt: skip
_EUROPEANA = MULTI / "fr-europeana-enp" / "enp_FR.bnf.bio"
_EUROPEANA_ARTICLE = 20


def europeana() -> list[Article]:
    """Europeana Newspapers French (BnF OCR, 1906-1920): one token stream, cut into sentences
    after `.`, `!`, `?` and into articles of `_EUROPEANA_ARTICLE` sentences (its page breaks
    are not in the file)."""
    sentences: list[Sentence] = [[]]
    for line in _EUROPEANA.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            sentences[-1].append((parts[0], parts[-1]))
            if parts[0] in {".", "!", "?"}:
                sentences.append([])
    bio = [to_bio(sentence) for sentence in sentences if sentence]
    return [
        bio[start : start + _EUROPEANA_ARTICLE] for start in range(0, len(bio), _EUROPEANA_ARTICLE)
    ]


def abbreviations(articles: list[Article], least: int = 3) -> list[str]:
    """Words the data writes with a full stop as part of the token ("Dr.", "bzw.", "Sr."): at
    least `least` times inside a sentence, more often inside one than at its end, more often
    with the stop than without it, and short (two to five letters)."""
    inside: Counter[str] = Counter()
    final: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    for article in articles:
        for sentence in article:
            for position, (token, _tag) in enumerate(sentence):
                if token.endswith(".") and token[:-1].isalpha():
                    (final if position == len(sentence) - 1 else inside)[token[:-1]] += 1
                elif token.isalpha():
                    plain[token] += 1
    return sorted(
        word
        for word, count in inside.items()
        if count >= least and count > final[word] and count > plain[word] and 1 < len(word) <= 5
    )


def first_names(articles: list[Article], least: int = 2) -> frozenset[str]:
    """First names the data teaches: the first word of a person's name of two words or more,
    capitalised and alphabetic, in at least `least` articles (upper case, as the Census lists)."""
    seen: Counter[str] = Counter()
    for article in articles:
        found = set()
        for sentence in article:
            tags = [tag for _token, tag in sentence]
            for start, end, label in entity_spans(tags):
                word = sentence[start][0]
                if label == "PER" and end - start > 1 and word.isalpha() and word.istitle():
                    found.add(word.upper())
        seen.update(found)
    return frozenset(name for name, count in seen.items() if count >= least)


def gazetteer(articles: list[Article], least: int = 2) -> dict[str, tuple[str, ...]]:
    """`{"rutte": ("PER",)}`: the entity words the data teaches, each capitalised word of a
    name in lower case, with every type it had in at least `least` articles (types sorted)."""
    seen: Counter[tuple[str, str]] = Counter()
    for article in articles:
        found = set()
        for sentence in article:
            for start, end, label in entity_spans([tag for _token, tag in sentence]):
                found |= {(t.lower(), label) for t, _tag in sentence[start:end] if t[:1].isupper()}
        seen.update(found)
    table: dict[str, tuple[str, ...]] = {}
    for (word, label), count in sorted(seen.items()):
        if count >= least:
            table[word] = (*table.get(word, ()), label)
    return table

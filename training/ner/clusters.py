"""Word clusters for the NER model: floret vectors on unlabelled news text, then k-means.

    python training/ner/clusters.py     # corpus/unlabelled.txt -> corpus/clusters.tsv
    python training/ner/clusters.py de  # corpus/de/unlabelled.txt -> corpus/de/clusters.tsv
    python training/ner/clusters.py --with-news  # and corpus/unlabelled_news.txt: both
                                                 # clusterings side by side (train.py --outside)

floret (fastText with hashed character n-grams) learns a vector for every word from its
contexts and its pieces, so rare names get sensible vectors from their n-grams. The vectors
of the words seen at least twice are clustered by k-means at two granularities (100 and 500
clusters, cosine); every word of the table (the unlabelled text's words, and for English
eng.train's; the other languages' unlabelled text holds their training split already) is
then given its nearest cluster at each. The table, not the vectors, ships with the model:
clusters are what the CRF uses, and 1 MB of text beats 5 MB of floats. Deterministic: one
floret thread and fixed k-means seeds.

`--with-news` clusters two texts, the modern news of `unlabelled.txt` (1.2 M words, mostly
2016) and `unlabelled_news.txt` (that and 5 M words of unlabelled-news, mostly 1987-2005), and
writes both clusterings in one table (`word<TAB>c1<TAB>c2<TAB>c3<TAB>c4`, `unk` where a word
has no vector in one): the larger text alone groups 2016's names with the 1987 wire's topics
and costs the model names of modern news, the smaller alone knows too few words
(`benchmarks/ner_people.py`, training/ner/README.md).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import floret
import numpy as np
from sklearn.cluster import MiniBatchKMeans

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conll import DATA, read_conll

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
FLORET = {
    "model": "cbow", "mode": "floret", "hashCount": 2, "bucket": 20000, "minn": 3,
    "maxn": 5, "minCount": 2, "dim": 64, "epoch": 15, "thread": 1,
}  # fmt: skip
SIZES = (100, 500)
SEED = 13


def build(unlabelled: Path, out: Path, more_words: set[str]) -> int:
    """Train the vectors, cluster them, write the table (the unlabelled text's words and
    `more_words`); returns the number of words."""
    model = floret.train_unsupervised(str(unlabelled), **FLORET)
    counts: Counter[str] = Counter(unlabelled.read_text("utf-8").split())
    words = sorted(set(counts) | more_words)
    vectors = np.array([model.get_word_vector(word) for word in words], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    frequent = vectors[[counts[word] >= 2 for word in words]]
    assignments = []
    for size in SIZES:
        kmeans = MiniBatchKMeans(n_clusters=size, random_state=SEED, n_init=3, batch_size=4096)
        centroids = kmeans.fit(frequent).cluster_centers_
        assignments.append(np.argmax(vectors @ centroids.T, axis=1))
    with out.open("w", encoding="utf-8") as table:
        for position, word in enumerate(words):
            if "\t" not in word:
                table.write("\t".join([word, *(str(a[position]) for a in assignments)]) + "\n")
    return len(words)


def side_by_side(tables: list[Path], out: Path) -> int:
    """Join cluster tables word by word into `out` (`unk` ids where a table lacks the word);
    returns the number of words."""
    rows = [
        {
            line.split("\t", 1)[0]: line.rstrip("\n").split("\t")[1:]
            for line in table.open(encoding="utf-8")
        }
        for table in tables
    ]
    unknown = ["unk"] * len(SIZES)
    words = sorted(set().union(*rows))
    with out.open("w", encoding="utf-8") as joined:
        for word in words:
            ids = [i for table in rows for i in table.get(word, unknown)]
            joined.write("\t".join([word, *ids]) + "\n")
    return len(words)


def main(argv: list[str]) -> int:
    if argv and argv[0] != "--with-news":
        folder, more = CORPUS / argv[0], set()
    else:
        folder, more = CORPUS, {t for a in read_conll(DATA / "eng.train") for s in a for t, _ in s}
    out = folder / "clusters.tsv"
    if argv == ["--with-news"]:
        parts = [folder / "clusters_modern.tsv", folder / "clusters_news.tsv"]
        build(folder / "unlabelled.txt", parts[0], more)
        build(folder / "unlabelled_news.txt", parts[1], more)
        count = side_by_side(parts, out)
    else:
        count = build(folder / "unlabelled.txt", out, more)
    print(f"{count} words clustered into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

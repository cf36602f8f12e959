"""Word clusters for the NER model: floret vectors on unlabelled news text, then k-means.

    python training/ner/clusters.py     # corpus/unlabelled.txt -> corpus/clusters.tsv
    python training/ner/clusters.py de  # corpus/de/unlabelled.txt -> corpus/de/clusters.tsv

floret (fastText with hashed character n-grams) learns a vector for every word from its
contexts and its pieces, so rare names get sensible vectors from their n-grams. The vectors
of the words seen at least twice are clustered by k-means at two granularities (100 and 500
clusters, cosine); every word of the table (the unlabelled text's words, and for English
eng.train's; the other languages' unlabelled text holds their training split already) is
then given its nearest cluster at each. The table, not the vectors, ships with the model:
clusters are what the CRF uses, and 1 MB of text beats 5 MB of floats. Deterministic: one
floret thread and fixed k-means seeds.
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


def main(argv: list[str]) -> int:
    if argv:
        folder, more = CORPUS / argv[0], set()
    else:
        folder, more = CORPUS, {t for a in read_conll(DATA / "eng.train") for s in a for t, _ in s}
    count = build(folder / "unlabelled.txt", folder / "clusters.tsv", more)
    print(f"{count} words clustered into {folder / 'clusters.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

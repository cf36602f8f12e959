"""Linear-chain CRF stages as weight arrays, decoded in batches with numpy.

    >>> from types import SimpleNamespace
    >>> stage = SimpleNamespace(
    ...     labels={"O": "0", "B-LOC": "1"}, transitions={("B-LOC", "B-LOC"): -1.0},
    ...     state_features={("w=Aleppo", "B-LOC"): 2.0, ("w=in", "O"): 1.0})
    >>> weights = StageWeights.of([stage])
    >>> emissions = weights.sums([["w=in"], ["w=Aleppo"]])[:, 0]
    >>> [weights.labels[tag] for tag in viterbi([emissions], weights.transitions[0])[0]]
    ['O', 'B-LOC']

A CRFsuite model scores a label sequence as the sum of the weights of (attribute, label) pairs
present at each token plus the weights of (label, next label) transitions, and tags a sentence
with the best-scoring sequence (Viterbi). This module computes exactly that from the weights
CRFsuite reports (`Tagger.info()`), so that a caller can add up the weights of a word's
attributes once, cache the sum, and hand whole articles to one batched decoder instead of
passing tens of feature strings per token to CRFsuite for every sentence. Ties go to the lower
label id, as in CRFsuite, so the tags are CRFsuite's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np


class ModelInfo(Protocol):
    """What `pycrfsuite.Tagger.info()` reports about a trained model."""

    labels: dict[str, str]
    state_features: dict[tuple[str, str], float]
    transitions: dict[tuple[str, str], float]


@dataclass(frozen=True, slots=True)
class StageWeights:
    """The weights of one or more CRF stages over the same labels.

    `state[row, stage, label]` is the weight of attribute `rows[attribute]` for that label in
    that stage (0 where the stage has none); `transitions[stage, from, to]` likewise.
    """

    labels: tuple[str, ...]
    rows: dict[str, int]
    state: np.ndarray
    transitions: np.ndarray

    @classmethod
    def of(cls, stages: Sequence[ModelInfo]) -> StageWeights:
        by_id = sorted(stages[0].labels.items(), key=lambda item: int(item[1]))
        labels = tuple(label for label, _id in by_id)
        if any(set(stage.labels) != set(labels) for stage in stages):
            raise ValueError("the CRF stages must share one label set; retrain them together")
        column = {label: number for number, label in enumerate(labels)}
        rows: dict[str, int] = {}
        for stage in stages:
            for attribute, _label in stage.state_features:
                rows.setdefault(attribute, len(rows))
        state = np.zeros((len(rows), len(stages), len(labels)))
        transitions = np.zeros((len(stages), len(labels), len(labels)))
        for number, stage in enumerate(stages):
            for (attribute, label), weight in stage.state_features.items():
                state[rows[attribute], number, column[label]] = weight
            for (before, after), weight in stage.transitions.items():
                transitions[number, column[before], column[after]] = weight
        return cls(labels, rows, state, transitions)

    def sums(self, groups: Sequence[Iterable[str]]) -> np.ndarray:
        """The summed weights, per stage and label, of each group of attributes (unknown ones
        weigh 0), stacked: shape `(groups, stages, labels)`."""
        groups_of_rows, rows = self.rows_of(groups)
        found = np.zeros((len(groups), *self.state.shape[1:]))
        np.add.at(found, groups_of_rows, self.state[rows])
        return found

    def rows_of(self, groups: Sequence[Iterable[str]]) -> tuple[list[int], list[int]]:
        """The rows of the known attributes of each group, and the group each belongs to."""
        pairs = [
            (group, row)
            for group, attributes in enumerate(groups)
            for attribute in attributes
            if (row := self.rows.get(attribute)) is not None
        ]
        return [pair[0] for pair in pairs], [pair[1] for pair in pairs]


def viterbi(emissions: Sequence[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """The best label ids for each sentence, given its `(tokens, labels)` attribute scores.

    All sentences are decoded together, longest first, so each step is one array operation
    over every sentence still running.
    """
    order = sorted(range(len(emissions)), key=lambda number: -len(emissions[number]))
    lengths = np.array([len(emissions[number]) for number in order])
    if not len(order) or lengths[0] == 0:
        return [np.zeros(0, dtype=np.intp) for _ in emissions]
    labels = transitions.shape[0]
    padded = np.zeros((len(order), lengths[0], labels))
    for place, number in enumerate(order):
        padded[place, : lengths[place]] = emissions[number]
    score = padded[:, 0].copy()
    back = np.zeros((len(order), lengths[0], labels), dtype=np.intp)
    alive_at = np.count_nonzero(lengths[:, None] > np.arange(lengths[0]), axis=0).tolist()
    for step in range(1, lengths[0]):
        alive = alive_at[step]
        candidates = score[:alive, :, None] + transitions
        back[:alive, step] = candidates.argmax(axis=1)
        score[:alive] = candidates.max(axis=1) + padded[:alive, step]
    tags = np.zeros((len(order), lengths[0]), dtype=np.intp)
    tags[np.arange(len(order)), lengths - 1] = score.argmax(axis=1)
    for step in range(lengths[0] - 1, 0, -1):
        alive = alive_at[step]
        tags[:alive, step - 1] = back[np.arange(alive), step, tags[:alive, step]]
    found: list[np.ndarray] = [np.zeros(0, dtype=np.intp)] * len(emissions)
    for place, number in enumerate(order):
        found[number] = tags[place, : lengths[place]]
    return found

"""Usage: python benchmarks/ner_people.py [--split dev|train|both] [--trial FOLDER]

    $ python benchmarks/ner_people.py --split dev
    dev: 281 named speakers, shipped model PERSON 0.8007

How many of the people 2016 news quotes by name the English entity model calls PERSON: a check
on modern news beside CoNLL-2003's 1996 Reuters folds, which cannot see what a model forgets of
names the 1996 text never had ("Barack Obama", "Bernie Sanders").

The people are PolNeAR's gold Sources (`../shared/data/polnear/<split>/attributions`, or under
`$CLEANER_SHARED`; the first
annotator's file of each article) written as two to four capitalised words ("Hillary Clinton",
"Rand Paul"), not pronouns or descriptions. The share is of those Sources that a PERSON entity
overlaps, with the article run through `find_entities` as `cleaner clean` runs it. It is
recall only (a model that called every capitalised word PERSON would score 1.0: read it beside
`ner_conll.py`), and a few such Sources are organisations ("Fox News"), so 1.0 is not the
ceiling. The built-in model's word clusters were learnt from text that includes PolNeAR's
articles (unlabelled, `training/ner/unlabelled.py`), so the figure compares models; it is not
a held-out estimate.

`--trial FOLDER` adds a built-in-style model folder that is not shipped (`training/ner/train.py
--package FOLDER`) beside the shipped one. `training/ner/tune.py --people` runs the same check
on each cross-validation fold's first stage. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import SHARED

from cleaner.document import EntityLabel
from cleaner.structure.crf_ner import CrfBackend, builtin_model_path
from cleaner.structure.entities import find_entities

POLNEAR = SHARED / "data" / "polnear"
_NAME = re.compile(r"^(?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w'’-]+$")


class Backend(Protocol):
    """What `find_entities` needs of an entity backend."""

    def find(self, paragraphs: Sequence[str]) -> list[list[tuple[int, int, EntityLabel]]]: ...


@dataclass(frozen=True)
class Article:
    """A PolNeAR article's paragraphs and its named speakers as (paragraph, start, end)."""

    paragraphs: list[str]
    speakers: frozenset[tuple[int, int, int]]


def articles(split: str) -> Iterator[Article]:
    """The split's articles that have at least one gold Source written as a name."""
    folder = POLNEAR / split
    for text_path in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text("utf-8")
        paragraphs = text.split("\n")
        starts = [0]
        for paragraph in paragraphs:
            starts.append(starts[-1] + len(paragraph) + 1)
        speakers = set()
        for line in annotations[0].read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 3 or not parts[1].startswith("Source ") or ";" in parts[1]:
                continue
            _kind, start, end = parts[1].split()
            if _NAME.match(parts[2]):
                index = max(i for i, s in enumerate(starts[:-1]) if s <= int(start))
                offset = starts[index]
                speakers.add((index, int(start) - offset, int(end) - offset))
        if speakers:
            yield Article(paragraphs, frozenset(speakers))


def person_share(cases: Sequence[Article], backend: Backend) -> tuple[int, float]:
    """How many named speakers there are, and the share a PERSON entity overlaps."""
    total = found = 0
    for article in cases:
        persons = [
            entity.span
            for entity in find_entities(article.paragraphs, backend)
            if entity.label == "PERSON"
        ]
        for paragraph, start, end in article.speakers:
            total += 1
            found += any(
                span.paragraph == paragraph and span.start < end and start < span.end
                for span in persons
            )
    return total, found / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].split(": ", 1)[1])
    parser.add_argument("--split", choices=["dev", "train", "both"], default="both")
    parser.add_argument("--trial", type=Path, help="a model folder that is not shipped")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"{POLNEAR} is absent: nothing to measure (see ../shared/README.md)")
        return 0
    models = {"shipped model": CrfBackend(builtin_model_path("en"))}
    if args.trial:
        models[f"trial {args.trial}"] = CrfBackend(args.trial)
    for split in ("dev", "train") if args.split == "both" else (args.split,):
        cases = list(articles(split))
        shares = {name: person_share(cases, backend) for name, backend in models.items()}
        total = next(iter(shares.values()))[0]
        figures = ", ".join(f"{name} PERSON {share:.4f}" for name, (_n, share) in shares.items())
        print(f"{split}: {total} named speakers, {figures}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Distinct entities: mentions of the same person, organisation or place grouped together.

    >>> from cleaner.document import Span
    >>> mentions = [Entity(Span("Bashar Assad", 0, 0, 12), "PERSON"),
    ...             Entity(Span("U.S.", 0, 20, 24), "LOC"),
    ...             Entity(Span("Assad", 1, 0, 5), "PERSON"),
    ...             Entity(Span("US", 1, 30, 32), "LOC")]
    >>> [(g.name, g.label, g.mentions) for g in group_entities(mentions)]
    [('Bashar Assad', 'PERSON', (0, 2)), ('U.S.', 'LOC', (1, 3))]

Mentions join a group of the same label when, after removing a possessive and a leading
"the", and ignoring case, dots and hyphens:

* they are the same name ("U.S." and "US", "al-Qaeda" and "al Qaeda");
* they are a known alias of each other (a short table: US / United States, UK / Britain, UN /
  United Nations, EU / European Union, ...);
* one is the acronym of the other ("SOHR" and "Syrian Observatory for Human Rights");
* a person's mention is the first or last name of a longer name in the group ("Assad" and
  "Bashar Assad", in either order), or an organisation's or place's mention is a distinctive
  word of a longer name ("the Observatory" and "Syrian Observatory for Human Rights").

A short mention that could belong to two different earlier names is left on its own rather than
guessed. A group's `name` is its longest mention; `mentions` are indices into the article's
entity list, in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.document import Entity, EntityGroup

_POSSESSIVE = re.compile(r"[’']s?$")
_NOT_KEY = re.compile(r"[.\-‐–—’'`\s]+")
_GENERIC = frozenset(
    {"of", "for", "the", "and", "in", "on", "de", "al", "el", "la", "le", "party", "group"}
)
_ALIASES = (
    ("us", "usa", "united states", "united states of america", "america"),
    ("uk", "britain", "great britain", "united kingdom"),
    ("un", "united nations"),
    ("eu", "european union"),
    ("uae", "united arab emirates"),
    ("nato", "north atlantic treaty organization", "north atlantic treaty organisation"),
    ("ussr", "soviet union"),
    ("drc", "dr congo", "democratic republic of congo", "democratic republic of the congo"),
)
_ALIAS_OF = {_NOT_KEY.sub("", name): group[0] for group in _ALIASES for name in group}


def group_entities(entities: Sequence[Entity]) -> tuple[EntityGroup, ...]:
    """Group mentions into distinct entities, in order of first mention."""
    names: dict[str, _Name] = {}
    members: list[list[int]] = []
    groups = _Groups()
    for index, entity in enumerate(entities):
        text = entity.span.text
        name = names.get(text) or names.setdefault(text, _Name.of(text))
        matches = groups.accepting(name, entity.label)
        group = matches.pop() if len(matches) == 1 else len(members)
        if group == len(members):
            members.append([])
        members[group].append(index)
        groups.add(group, name, entity.label)
    return tuple(
        EntityGroup(
            name=max((entities[i].span.text for i in group), key=len),
            label=entities[group[0]].label,
            mentions=tuple(group),
        )
        for group in members
    )


@dataclass(frozen=True, slots=True)
class _Name:
    """A mention reduced for comparison: its key, alias key, words and acronym."""

    key: str
    alias: str
    words: tuple[str, ...]
    acronym: str

    @classmethod
    def of(cls, text: str) -> _Name:
        cleaned = _POSSESSIVE.sub("", text.strip())
        cleaned = re.sub(r"^(the|a)\s+", "", cleaned, flags=re.IGNORECASE).casefold()
        key = _NOT_KEY.sub("", cleaned)
        words = tuple(_NOT_KEY.sub("", word) for word in cleaned.split())
        initials = [word[0] for word in words if word and word not in _GENERIC]
        acronym = "".join(initials) if len(initials) >= 2 else ""
        return cls(key, _ALIAS_OF.get(key, key), words, acronym)

    def parts(self, label: str) -> set[str]:
        """The words of a longer name a shorter mention may stand for."""
        if len(self.words) < 2:
            return set()
        candidates = {self.words[0], self.words[-1]} if label == "PERSON" else set(self.words[1:])
        return candidates - _GENERIC


class _Groups:
    """What each group's mentions offer a new mention to match, indexed by label and value.

    A mention of the same label matches a group that has its alias, that has it as an
    acronym, whose names it is the acronym of, or (a one-word mention) that has it as a part
    of a longer name, or (a longer mention) that has one of its parts as a one-word mention.
    """

    def __init__(self) -> None:
        self._index: dict[tuple[str, str, str], set[int]] = {}

    def accepting(self, name: _Name, label: str) -> set[int]:
        """The groups that the mention may join."""
        wanted = [("alias", name.alias), ("acronym", name.key)]
        if name.acronym:
            wanted.append(("key", name.acronym))
        if len(name.words) == 1:
            wanted.append(("part", name.words[0]))
        else:
            wanted += [("single", part) for part in name.parts(label)]
        found: set[int] = set()
        for kind, value in wanted:
            found |= self._index.get((label, kind, value), set())
        return found

    def add(self, group: int, name: _Name, label: str) -> None:
        offered = [("alias", name.alias), ("key", name.key)]
        if name.acronym:
            offered.append(("acronym", name.acronym))
        offered += [("part", part) for part in name.parts(label)]
        if len(name.words) == 1:
            offered.append(("single", name.words[0]))
        for kind, value in offered:
            self._index.setdefault((label, kind, value), set()).add(group)

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
from dataclasses import dataclass, field

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
    groups: list[_Group] = []
    for index, entity in enumerate(entities):
        text = entity.span.text
        name = names.get(text) or names.setdefault(text, _Name.of(text))
        matches = [group for group in groups if group.accepts(name, entity.label)]
        if len(matches) == 1:
            matches[0].add(index, name, entity.label)
        else:
            group = _Group(entity.label)
            group.add(index, name, entity.label)
            groups.append(group)
    return tuple(
        EntityGroup(
            name=max((entities[i].span.text for i in group.members), key=len),
            label=group.label,
            mentions=tuple(group.members),
        )
        for group in groups
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


@dataclass(slots=True)
class _Group:
    """One entity being built: its members and what a new mention is compared with."""

    label: str
    members: list[int] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    singles: set[str] = field(default_factory=set)

    def accepts(self, name: _Name, label: str) -> bool:
        if label != self.label:
            return False
        if name.alias in self.aliases or name.key in self.acronyms:
            return True
        if name.acronym and name.acronym in self.keys:
            return True
        if len(name.words) == 1:
            return name.words[0] in self.parts
        return bool(self.singles & name.parts(label))

    def add(self, index: int, name: _Name, label: str) -> None:
        self.members.append(index)
        self.aliases.add(name.alias)
        self.keys.add(name.key)
        if name.acronym:
            self.acronyms.add(name.acronym)
        self.parts |= name.parts(label)
        if len(name.words) == 1:
            self.singles.add(name.words[0])

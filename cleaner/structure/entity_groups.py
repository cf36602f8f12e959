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
    groups: list[list[int]] = []
    for index, entity in enumerate(entities):
        matches = [g for g in groups if _belongs(entity, [entities[i] for i in g])]
        if len(matches) == 1:
            matches[0].append(index)
        else:
            groups.append([index])
    return tuple(
        EntityGroup(
            name=max((entities[i].span.text for i in group), key=len),
            label=entities[group[0]].label,
            mentions=tuple(group),
        )
        for group in groups
    )


def _belongs(entity: Entity, members: list[Entity]) -> bool:
    if members[0].label != entity.label:
        return False
    key = _key(entity.span.text)
    words = _words(entity.span.text)
    for member in members:
        other = _key(member.span.text)
        if key == other or _ALIAS_OF.get(key, key) == _ALIAS_OF.get(other, other):
            return True
        other_words = _words(member.span.text)
        if key == _acronym(other_words) or other == _acronym(words):
            return True
        if len(words) == 1 and len(other_words) > 1 and _part_of(words[0], other_words, entity):
            return True
        if len(other_words) == 1 and len(words) > 1 and _part_of(other_words[0], words, entity):
            return True
    return False


def _part_of(word: str, name: list[str], entity: Entity) -> bool:
    if word in _GENERIC:
        return False
    if entity.label == "PERSON":
        return word in (name[0], name[-1])
    return word in name[1:]


def _clean(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    return re.sub(r"^(the|a)\s+", "", text, flags=re.IGNORECASE)


def _key(text: str) -> str:
    return _NOT_KEY.sub("", _clean(text).casefold())


def _words(text: str) -> list[str]:
    return [_NOT_KEY.sub("", word) for word in _clean(text).casefold().split()]


def _acronym(words: list[str]) -> str:
    initials = [word[0] for word in words if word and word not in _GENERIC]
    return "".join(initials) if len(initials) >= 2 else ""

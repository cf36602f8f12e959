"""Who the speakers are: names behind the mentions, roles, continued quotes, the speaker list.

    >>> from cleaner.structure.quotes import find_quotes, load_quote_rules
    >>> paragraphs = [
    ...     "“We stay,” said Ann Lee, the mayor of Kirkby.",
    ...     "“We rebuild,” Lee said.",
    ...     "“And we will not wait,” she added.",
    ... ]
    >>> found = resolve_speakers(find_quotes(paragraphs, load_quote_rules("en")), paragraphs, ())
    >>> [(q.speaker_name, q.speaker_resolution) for q in found]
    [('Ann Lee', 'as_written'), ('Ann Lee', 'surname'), ('Ann Lee', 'pronoun')]
    >>> found[0].speaker_role
    'the mayor of Kirkby'

The mention stays as written (`speaker`); what it refers to is added beside it, with how it was
found, so a reader can tell a name from an inference:

* `as_written`: the mention is a name (capitalised words, not a role like "the secretary");
* `surname`: a one-word mention that is the last word of a person named earlier ("Lee");
* `pronoun`: "he" or "she", resolved to the nearest person named before it (a speaker named
  earlier, or a PERSON entity when entities are on); nobody when no person comes before;
* `inferred` quotes: a paragraph that is only a quote, with no attribution, right after a
  paragraph whose quote had a speaker, is taken as that speaker continuing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from cleaner.document import Entity, Quote, Span, SpeakerGroup

_PERSONAL = frozenset({"he", "she", "him", "her"})
_NAME_WORD = re.compile(r"[A-Z][\w’'.-]*")
_ROLE_AFTER = re.compile(
    r",\s+(?P<role>[^,;“”\"«»]{2,120}?)"
    r"(?:,|[.;]?\s*$|\s+(?:said|says|which|who|whose|that|where)\b)"
)
_LOWER_JOINERS = frozenset({"de", "van", "von", "al", "bin", "der", "la", "le", "da", "del"})


def resolve_speakers(
    quotes: Sequence[Quote], paragraphs: Sequence[str], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """The quotes with speaker names, roles and inferred continuations filled in."""
    # (paragraph, offset, name) of every person named outside the quotes, in reading order:
    # a name inside a quote ("“I met Obama,” he said") is not who "he" is
    quoted = [part for quote in quotes for part in (quote.span, *quote.continued_in)]
    named = sorted(
        (e.span.paragraph, e.span.start, e.span.text)
        for e in entities
        if e.label == "PERSON" and not any(_inside(e.span, part) for part in quoted)
    )
    resolved: list[Quote] = []
    for quote in quotes:
        if quote.speaker is None:
            quote = _continued(quote, resolved, paragraphs)
        else:
            name, how = _name_of(quote.speaker, named)
            role = _role_after(paragraphs[quote.speaker.paragraph], quote.speaker)
            quote = replace(quote, speaker_name=name, speaker_resolution=how, speaker_role=role)
            if how == "as_written" and name:
                bisect.insort(named, (quote.speaker.paragraph, quote.speaker.start, name))
        resolved.append(quote)
    return tuple(resolved)


def speaker_groups(quotes: Sequence[Quote]) -> tuple[SpeakerGroup, ...]:
    """Each resolved speaker with the indices of their quotes, in order of first quote."""
    groups: dict[str, list[int]] = {}
    for number, quote in enumerate(quotes):
        if quote.speaker_name:
            groups.setdefault(quote.speaker_name, []).append(number)
    return tuple(SpeakerGroup(name, tuple(numbers)) for name, numbers in groups.items())


def _name_of(mention: Span, named: list[tuple[int, int, str]]) -> tuple[str | None, str | None]:
    words = mention.text.split()
    if len(words) == 1 and words[0].lower() in _PERSONAL:
        earlier = [name for paragraph, start, name in named if (paragraph, start) < _at(mention)]
        return (earlier[-1], "pronoun") if earlier else (None, None)
    if not _is_name(words):
        return None, None
    if len(words) == 1:
        for _paragraph, _start, name in reversed(named):
            if name.split()[-1] == words[0] and name != words[0]:
                return name, "surname"
    return mention.text, "as_written"


def _inside(span: Span, region: Span) -> bool:
    return span.paragraph == region.paragraph and region.start <= span.start < region.end


def _at(span: Span) -> tuple[int, int]:
    return span.paragraph, span.start


def _is_name(words: list[str]) -> bool:
    return all(_NAME_WORD.fullmatch(word) or word in _LOWER_JOINERS for word in words) and bool(
        _NAME_WORD.fullmatch(words[0])
    )


def _role_after(paragraph: str, mention: Span) -> str | None:
    """The apposition after a name: "Rami Abdulrahman, director of the Observatory, said"."""
    found = _ROLE_AFTER.match(paragraph, mention.end)
    if not found:
        return None
    role = found.group("role").strip()
    return role if role[:1].islower() or role.split()[0] in {"The", "A", "An"} else None


def _continued(quote: Quote, earlier: list[Quote], paragraphs: Sequence[str]) -> Quote:
    """A whole-paragraph quote right after an attributed one continues the same speaker."""
    if not earlier or quote.kind != "full":
        return quote
    previous = earlier[-1]
    last_paragraph = (previous.continued_in or (previous.span,))[-1].paragraph
    whole = paragraphs[quote.span.paragraph].strip(' “”"«»„')
    if (
        previous.speaker_name is None
        or last_paragraph != quote.span.paragraph - 1
        or whole.rstrip(",.") != quote.span.text.strip().rstrip(",.")
    ):
        return quote
    return replace(
        quote,
        speaker_name=previous.speaker_name,
        speaker_resolution="inferred",
        speaker_role=previous.speaker_role,
    )

"""Direct quotations in paragraphs, with the speaker when the sentence names one.

    >>> rules = load_quote_rules("en")
    >>> paragraphs = ["“It was the heaviest air strikes”, said Rami Abdulrahman, director."]
    >>> quote = find_quotes(paragraphs, rules)[0]
    >>> quote.span.text, quote.speaker.text, quote.verb, quote.partial
    ('It was the heaviest air strikes', 'Rami Abdulrahman', 'said', False)

Quote marks: “…”, "…", «…», „…“ and ‘…’ (the last only outside double quotes, where it marks a
quote within a quote). An apostrophe ("don’t", "rebels’") is never a quote mark, and a mark
without its partner is ignored, never allowed to swallow the rest of the paragraph.

A quote's span is its text without the marks. It is `partial` when it is a fragment inside the
reporter's sentence: it starts in lower case and no reporting verb or colon introduces it
(`saying the U.S. is “not genuine …”`); a short fragment is a `scare` quote (`a “ground
offensive”`) unless it ends like a clipped statement or the sentence names it as someone's
words (`described Clinton as a “disgrace”`, `called him “a genius”`).

Speakers, found in the quote's own sentence (the reporting verbs are in
`cleaner/rules/quotes.en.toml`): `“…,” said X`, `“…,” X said`, `“…,” according to X`,
`X said: “…”`, `X said “…”`, `according to X, “…”`. The speaker is the phrase as written
(`he`, `the secretary of state`); with no such pattern it is `None`, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from cleaner.document import Quote, QuoteKind, Span
from cleaner.rules import tables_for

_OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"'}
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_MIXED_CLOSERS = {"”": '"', '"': "”"}
_TWO_APOSTROPHES = "''"  # a double quote typed as two apostrophes (''We stay,'' she said)
# A paragraph that opens with a closing mark before a capital or an ellipsis (”We stay,” …,
# ” … he delivered”) was mistyped.
_MISTYPED_OPEN = "”"
_MISTYPED_START = re.compile(r"[A-Z]| ?(…|\.\.\.)")
# Where a quote can open: the next such character is where `quote_spans` looks next.
_MAYBE_OPENING = re.compile(
    "[" + re.escape("".join(_OPENERS) + _SINGLE_OPEN) + "]|''|^" + _MISTYPED_OPEN
)
_MAX_SPEAKER_WORDS = 10
# a scare-quoted term (a “ground offensive”): a short fragment that ends without the
# punctuation or ellipsis of a clipped statement (it may still have a speaker: "Cruz called
# Trump a “pathological liar”")
_MAX_SCARE_WORDS = 4
_SAID_ENDINGS = (".", ",", "!", "?", "…", "...")
# a name or title in quotes: a show, a book, a slogan, a nickname
_MAX_TITLE_WORDS = 6
_TITLE_SMALL_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
# a sentence ends at . ! ? before a capital or a quote, but not after a title or an initial
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Rev))"
    r"(?<!\bProf)[.!?][”\"’»]?\s+(?=[A-Z“\"‘«])"
)


@dataclass(frozen=True, slots=True)
class QuoteRules:
    """Compiled attribution patterns (see `cleaner/rules/quotes.en.toml`).

    `after` patterns match the text right after a quote's closing mark, `before` patterns the
    quote's sentence up to its opening mark, `reported` the reporting clause in the sentence
    of a partial quote (`He said the nation is “more interested in …”`); each has a `speaker`
    group and a `verb` group.
    """

    after: tuple[re.Pattern[str], ...]
    before: tuple[re.Pattern[str], ...]
    reported: tuple[re.Pattern[str], ...]
    introduced: re.Pattern[str]
    named: re.Pattern[str]
    pronouns: frozenset[str]


@cache
def load_quote_rules(language: str, directories: tuple[str, ...] = ()) -> QuoteRules:
    """The attribution tables for `language` (`cleaner.rules.tables_for`), their word lists
    joined and compiled; a language without reporting verbs gets quotes without speakers."""
    data: dict[str, list[str]] = {}
    for _name, table in tables_for("quotes", language, directories):
        for key, values in table.items():
            data.setdefault(key, []).extend(values)
    if not data.get("verbs"):
        never = re.compile("(?!)")
        return QuoteRules((), (), (), never, never, frozenset())
    verbs = "|".join(sorted(map(re.escape, data["verbs"]), key=len, reverse=True))
    stops = "|".join(sorted(map(re.escape, data["stop_words"]), key=len, reverse=True))
    verb = rf"(?P<verb>{verbs})\b"
    naming_list = data["naming_verbs"]
    naming = "|".join(sorted(map(re.escape, naming_list), key=len, reverse=True))
    pronouns = "|".join(map(re.escape, data["pronouns"]))
    word = r"[\w’'./-]+"
    more = f"{{0,{_MAX_SPEAKER_WORDS - 1}}}?"
    # a phrase that ends where the next word is a stop word or punctuation follows
    to_stop = (
        rf"(?P<speaker>{word}(?:\s+(?!(?:{stops})\b){word}){more})"
        rf"(?=\s*(?:[,.;:!?()]|$|\s(?:{stops})\b))"
    )
    # a phrase that ends at the first reporting verb
    # a party and state after a name is not part of it: "Rep. Gwen Moore (D-Wis.) said"
    party = r"(?:\s+\([^()“”\"]{1,25}\))?"
    # an adverb between the speaker and the verb is not part of the speaker: "she often said"
    adverb = r"(?:\s+(?:often|still|also|later|then|again|once|never|always|even|\w+ly))?"
    # a speaker phrase does not open with a preposition or conjunction ("In Homs, X said")
    not_intro = rf"(?!(?i:{stops})\b)"
    to_verb = rf"{not_intro}(?P<speaker>{word}(?:\s+{word}){more}){party}{adverb}\s+{verb}"
    # the reporting clause that opens a sentence quoting a fragment: "He said the plan is “…”"
    reporting = (
        rf"{not_intro}(?P<speaker>{word}(?:\s+{word}){more}){party}\s+(?P<verb>{verbs}|{naming})\b"
    )
    # a name, then an apposition between commas, then the verb: "Kaisa Lind, a nurse, said"
    # up to three apposition phrases: "Scott Pruitt, the attorney general of Oklahoma, one of
    # the states suing the EPA, said"
    apposition = (
        rf"{not_intro}(?P<speaker>{word}(?:\s+{word}){more}){party}"
        rf"(?:,\s[^,“”\"«»]{{1,120}}?){{1,3}},\s+{verb}"
    )
    # an opening phrase before the clause: "In August, ", "Meanwhile, "
    intro = r"(?:[^,“”\"«»]{0,120},\s+)??"
    # a named subject: "Trump", "Rival Hillary Clinton", "Democratic nominee Hillary Clinton"
    cap = r"[A-Z][\w’'.-]*"
    titles = "|".join(map(re.escape, data["title_words"]))
    name_phrase = rf"(?:{cap}\s+)?(?:(?:{titles})\s+){{0,3}}{cap}(?:\s+{cap}){{0,3}}"
    every_verb = sorted({*data["verbs"], *naming_list}, key=len, reverse=True)
    participles = "|".join(re.escape(verb) for verb in every_verb if verb.endswith("ing"))
    finite = "|".join(re.escape(verb) for verb in every_verb if not verb.endswith("ing"))
    # the sentence's named subject, then what it did, then a reporting participle:
    # "Hillary Clinton spoke out Tuesday about the death, arguing that it was “…”"
    participle_clause = (
        rf"^{intro}{not_intro}(?P<speaker>{pronouns}|{name_phrase})\s+[a-z][^“”\"«»]*?,\s+"
        rf"(?P<verb>{participles})\b"
    )
    # "As Ms. Simonyan put it in a statement, RT is “providing a perspective …”"
    as_put_it = re.compile(
        rf"\b[Aa]s\s+{not_intro}(?P<speaker>{word}(?:\s+{word}){more})\s+(?P<verb>put\s+it)\b"
    )
    lead = r"^[\s,;—–-]*"
    end = r"(?:\s+that)?\s*[,:]?\s*$"
    return QuoteRules(
        after=(
            re.compile(rf"{lead}{verb}\s+{to_stop}"),
            re.compile(rf"{lead}(?P<verb>according\s+to)\s+{to_stop}"),
            re.compile(rf"{lead}{apposition}"),
            re.compile(rf"{lead}{to_verb}"),
            # a short phrase finishing the sentence first: "“…” for criminal behavior, she said"
            re.compile(rf"^[^“”\"«»,.;:!?]{{1,60}},\s+{to_verb}"),
            # a name alone after a dash, no verb: "“…” ― Pamela Padilla"
            re.compile(r"^\s*[―—]\s*(?P<speaker>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})\s*$"),
        ),
        before=(
            re.compile(rf"^{to_verb}{end}"),
            re.compile(rf"^{apposition}{end}"),
            re.compile(rf"^{to_verb}[^“”\"«»„:]{{0,80}}:\s*$"),
            re.compile(rf"^{apposition}[^“”\"«»„:]{{0,80}}:\s*$"),
            # a short phrase between the verb and its comma: "X says of Clinton, “…”"
            re.compile(rf"^{to_verb}\s+[^,“”\"«»„:.;!?]{{1,50}},\s*$"),
            as_put_it,
            re.compile(rf"{participle_clause}[^“”\"«»]{{0,80}}$"),
            # the verb first: "Said Ellis: “…”"
            re.compile(rf"^(?P<verb>(?i:{verbs}))\s+{to_stop}\s*[:,]\s*$"),
        ),
        reported=(
            as_put_it,
            re.compile(rf"^{intro}{reporting}\b"),
            # "Kerr Putney, the police chief, said that the footage did not give “…”"
            re.compile(
                rf"^{intro}{not_intro}(?P<speaker>{word}(?:\s+{word}){more}){party}"
                rf"(?:,\s[^,“”\"«»]{{1,120}}?){{1,4}},{adverb}\s+(?P<verb>{finite})\b"
            ),
            re.compile(participle_clause),
            # the last "Name verb" or "she verb" before a fragment, anywhere in its sentence:
            # "Trump tweeted in the early hours that Machado was “disgusting”"
            re.compile(
                rf"^.*\b(?P<speaker>(?:[A-Z][\w’'.-]*|{pronouns})(?:\s+[A-Z][\w’'.-]*){{0,3}})"
                rf"{party}{adverb}\s+(?P<verb>{verbs}|{naming})\b",
                re.DOTALL,
            ),
        ),
        introduced=re.compile(
            rf"(?:\b{verb}(?:\s+that)?\s*[,:]?|:|\baccording\s+to\s+[^,“”\"]{{1,80}},)\s*$",
            re.IGNORECASE,
        ),
        named=re.compile(
            rf"(?<!so-)\b(?:{'|'.join(data['naming_markers'])})\s+"
            rf"(?:(?:{'|'.join(data['naming_fillers'])})\s+)?$",
            re.IGNORECASE,
        ),
        pronouns=frozenset(data["pronouns"]),
    )


def find_quotes(paragraphs: list[str] | tuple[str, ...], rules: QuoteRules) -> list[Quote]:
    """Every quote in every paragraph, in order; a quote running over paragraphs is one quote.

    News style continues a quote into the next paragraph without closing it: the paragraph
    ends inside the quote and the next one opens with a quote mark. The quote's first part is
    its span, the later parts are `continued_in`.

        >>> paragraphs = ["He said: “We will stay.", "“We will rebuild.”"]
        >>> found = find_quotes(paragraphs, load_quote_rules("en"))
        >>> [(q.span.text, [part.text for part in q.continued_in], q.speaker.text) for q in found]
        [('We will stay.', ['We will rebuild.'], 'He')]
    """
    quotes: list[Quote] = []
    open_parts: list[Span] = []
    for index, paragraph in enumerate(paragraphs):
        spans = quote_spans(paragraph)
        if open_parts:
            opener = len(paragraph) - len(paragraph.lstrip())
            first = open_parts[0]
            mark = paragraphs[first.paragraph][first.start - 1]
            # the next paragraph goes on with the same kind of mark ("…" then "…", “…” then “…")
            if opener < len(paragraph) and paragraph[opener] == mark:
                if spans and spans[0][0] == opener + 1:
                    start, end = spans.pop(0)
                    open_parts.append(Span(paragraph[start:end], index, start, end))
                    quotes.append(_attribute_parts(paragraphs, open_parts, rules))
                    open_parts = []
                elif _open_tail(paragraph, spans) == opener + 1:
                    open_parts.append(
                        Span(paragraph[opener + 1 :], index, opener + 1, len(paragraph))
                    )
                    continue
            open_parts = []  # the quote was not continued: an unbalanced mark, ignored
        in_paragraph: list[Quote] = []
        for start, end in spans:
            quote = _attribute(paragraph, index, start, end, rules)
            in_paragraph.append(_split_quote_speaker(quote, in_paragraph))
        quotes.extend(in_paragraph)
        tail = _open_tail(paragraph, spans)
        if tail is not None and paragraph[tail:].strip():
            open_parts = [Span(paragraph[tail:], index, tail, len(paragraph))]
    return quotes


def _split_quote_speaker(quote: Quote, earlier: list[Quote]) -> Quote:
    """The second half of a split quote takes the speaker written between the halves.

    `“We stay,” Ann Lee said. “And we rebuild.”`: the attribution after the first half is the
    attribution of the second.
    """
    if quote.speaker is not None or not earlier or earlier[-1].speaker is None:
        return quote
    previous = earlier[-1]
    if not previous.span.end <= previous.speaker.start < quote.span.start:
        return quote
    return replace(quote, speaker=previous.speaker, verb=previous.verb)


def _open_tail(text: str, spans: list[tuple[int, int]]) -> int | None:
    """Where a quote opened after the last closed one runs on to the end of the paragraph."""
    after = spans[-1][1] + 1 if spans else 0
    for position in range(after, len(text)):
        if text[position] in _OPENERS and _can_open(text, position):
            rest = text[position + 1 :]
            closer = _OPENERS[text[position]]
            if closer not in rest and not any(mark in rest for mark in _OPENERS):
                return position + 1
            return None
    return None


def _attribute_parts(
    paragraphs: list[str] | tuple[str, ...], parts: list[Span], rules: QuoteRules
) -> Quote:
    """A quote over several paragraphs: attributed before its first part or after its last."""
    first, last = parts[0], parts[-1]
    opening = _attribute(
        paragraphs[first.paragraph], first.paragraph, first.start, first.end, rules
    )
    closing = _attribute(paragraphs[last.paragraph], last.paragraph, last.start, last.end, rules)
    attributed = closing if closing.speaker and not opening.speaker else opening
    return replace(
        opening,
        continued_in=tuple(parts[1:]),
        speaker=attributed.speaker,
        verb=attributed.verb,
        kind="full",
        partial=False,
    )


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quote's text, marks excluded, balanced marks only.

    >>> text = 'He said “don’t go” and ‘stay’, then "fine".'
    >>> [text[s:e] for s, e in quote_spans(text)]
    ['don’t go', 'stay', 'fine']
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while candidate := _MAYBE_OPENING.search(text, position):
        position = candidate.start()
        found = _quote_at(text, position)
        if found is None:
            position += 1
            continue
        width, close = found
        if text[position + width : close].strip():
            spans.append((position + width, close))
        position = close + width
    return spans


def _quote_at(text: str, position: int) -> tuple[int, int] | None:
    """(width of its marks, position of its closing mark) of a quote opening at `position`."""
    char = text[position]
    if text.startswith(_TWO_APOSTROPHES, position) and _can_open_two(text, position):
        width, close = 2, _find_two_apostrophes(text, position + 2)
    elif char in _OPENERS and _can_open(text, position):
        width, close = 1, _find_close(text, position + 1, _OPENERS[char])
    elif char == _SINGLE_OPEN and _can_open(text, position):
        width, close = 1, _find_single_close(text, position + 1)
    elif char == _MISTYPED_OPEN and position == 0 and _MISTYPED_START.match(text, 1):
        width, close = 1, _find_close(text, 1, _MISTYPED_OPEN)
    else:
        return None
    return (width, close) if close is not None else None


def _can_open_two(text: str, position: int) -> bool:
    """`''` at `position` opens a quote: after a space or bracket, before a non-space."""
    before = text[position - 1] if position else " "
    after = text[position + 2] if position + 2 < len(text) else " "
    return not after.isspace() and after != "'" and (before.isspace() or before in "([{—–-/:")


def _find_two_apostrophes(text: str, start: int) -> int | None:
    """The `''` closing a quote opened with `''` (typewriter style), or None."""
    position = text.find(_TWO_APOSTROPHES, start)
    while position != -1:
        after = text[position + 2] if position + 2 < len(text) else " "
        if not text[position - 1].isspace() and not after.isalnum():
            return position
        position = text.find(_TWO_APOSTROPHES, position + 1)
    return None


def _can_open(text: str, position: int) -> bool:
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/:")


def _find_close(text: str, start: int, closer: str) -> int | None:
    """The closing mark for a double quote; `None` when another opener comes first.

    Scraped text mixes straight and curly marks (“…," or "…”): when the quote's own closer is
    not found, the other double closer ends it, if one could.
    """
    other = _MIXED_CLOSERS.get(closer)
    fallback = None
    for position in range(start, len(text)):
        char = text[position]
        if char == closer and (closer != '"' or _can_close(text, position)):
            return position
        if char in _OPENERS and char != closer and _can_open(text, position):
            return fallback
        if fallback is None and char == other and _can_close(text, position):
            fallback = position
    return fallback


def _can_close(text: str, position: int) -> bool:
    before = text[position - 1]
    if before == " " and position >= 2 and text[position - 2] in "’'":
        before = text[position - 2]  # typewriter style: "… 'African American outreach,' "
    after = text[position + 1] if position + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _find_single_close(text: str, start: int) -> int | None:
    """A ’ that ends a single-quoted quote, skipping apostrophes (don’t, rebels’ arms)."""
    for position in range(start, len(text)):
        char = text[position]
        if char in _OPENERS or char == _SINGLE_OPEN:
            return None
        if char != _SINGLE_CLOSE or not _can_close(text, position):
            continue
        after = text[position + 1 : position + 3]
        plural_possessive = text[position - 1] in "sS" and re.match(r" [a-z]", after)
        if not plural_possessive:
            return position
    return None


def _attribute(paragraph: str, index: int, start: int, end: int, rules: QuoteRules) -> Quote:
    text = paragraph[start:end]
    opening = 2 if paragraph[max(start - 2, 0) : start] == _TWO_APOSTROPHES else 1
    closing = 2 if paragraph[end : end + 2] == _TWO_APOSTROPHES else 1
    sentence_start = _sentence_start(paragraph, start - opening)
    before = paragraph[sentence_start : start - opening]
    after_start = end + closing
    after = paragraph[after_start : _sentence_end(paragraph, after_start)]
    introduced = bool(rules.introduced.search(before))
    partial = text[:1].islower() and not introduced and bool(before.strip())
    # A quote that ends its sentence ("… to come to.”) has no attribution after it.
    ends_sentence = text.rstrip().endswith(".") and after.lstrip()[:1].isupper()
    candidates = []
    if not partial:
        candidates.append(_match(before, sentence_start, rules.before, rules))
        candidates.extend(_clause_candidates(before, sentence_start, rules))
    if not ends_sentence and not after[:1].isalnum():
        after_found = _match(after, after_start, rules.after, rules)
        candidates.insert(0 if not introduced else len(candidates), after_found)
    if partial:
        candidates.append(_match(before, sentence_start, rules.reported, rules))
    speaker, verb = next((found for found in candidates if found[0]), (None, None))
    speaker_span = Span(paragraph[speaker[0] : speaker[1]], index, *speaker) if speaker else None
    kind: QuoteKind = "full"
    if partial:
        scare = len(text.split()) <= _MAX_SCARE_WORDS and not rules.named.search(before)
        kind = "scare" if scare and not text.rstrip().endswith(_SAID_ENDINGS) else "partial"
    elif _is_title(text, speaker_span is not None) or _is_term(text, before, after, introduced):
        kind, partial = "scare", True
    return Quote(Span(text, index, start, end), partial, speaker_span, verb, kind)


def _is_term(text: str, before: str, after: str, introduced: bool) -> bool:
    """A capitalised term set off in the middle of a sentence (known as the “Buffett rule”
    after …): a few words, no reporting verb or colon before, the sentence going on after."""
    short = len(text.split()) <= _MAX_SCARE_WORDS and not text.rstrip().endswith(_SAID_ENDINGS)
    return short and not introduced and bool(before.strip()) and after.lstrip()[:1].islower()


def _is_title(text: str, attributed: bool) -> bool:
    """A name or title in quotes (“Fox News Sunday,” “Contract with America.”): every word
    capitalised but the small ones, none ending a question or exclamation. One word counts
    only without a speaker (“Yes,” he said is a quote)."""
    words = text.rstrip(",.;:").split()
    if not words or len(words) > _MAX_TITLE_WORDS or text.rstrip().endswith(("!", "?")):
        return False
    if len(words) == 1 and attributed:
        return False
    return all(
        word[:1].isupper()
        or word[:1].isdigit()  # “13th,” “1984”
        or (word in _TITLE_SMALL_WORDS and 0 < position < len(words) - 1)
        for position, word in enumerate(words)
    )


_NO_SPEAKER: tuple[None, None] = (None, None)
# the last comma or dash before a clause: "In Homs, X said: “…”", "… ― Trump boasted, “…”"
_CLAUSE_BREAK = re.compile(r".*(?:, |\s[―—–]\s|\s--\s)", re.DOTALL)
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|Dr|Mr|Mrs|Ms|Prof|St)\.)$"
)


def _match(
    text: str, offset: int, patterns: tuple[re.Pattern[str], ...], rules: QuoteRules
) -> tuple[tuple[int, int] | None, str | None]:
    """The first pattern whose speaker is plausible: (speaker start, end) and the verb."""
    for pattern in patterns:
        match = pattern.search(text)
        if match is None:
            continue
        start, end = _trim_speaker(match.group("speaker"), match.start("speaker"), rules)
        if start is not None:
            verb = match.groupdict().get("verb")
            return (offset + start, offset + end), verb
    return _NO_SPEAKER


def _clause_candidates(
    before: str, offset: int, rules: QuoteRules
) -> list[tuple[tuple[int, int] | None, str | None]]:
    """The speaker in the clause after the sentence's last comma: "In Homs, X said: “…”"."""
    found = []
    clause = _CLAUSE_BREAK.search(before[: max(len(before) - 2, 0)])
    if clause is not None:
        found.append(_match(before[clause.end() :], offset + clause.end(), rules.before, rules))
    according = re.search(r"according\s+to\s+(?P<speaker>[^,]{1,80}),\s*$", before, re.I)
    if according:
        start, end = _trim_speaker(according.group("speaker"), according.start("speaker"), rules)
        if start is not None:
            found.append(((offset + start, offset + end), "according to"))
    return found


def _trim_speaker(
    phrase: str, start: int, rules: QuoteRules
) -> tuple[int, int] | tuple[None, None]:
    """Offsets of a plausible speaker within `phrase` (which starts at `start`), or Nones.

    A phrase with a name may open with a lower-case role ("chief executive Daniel Achterberg");
    "and" ends the phrase only after a name ("Ann Lee and her lawyer" -> "Ann Lee").
    """
    words = phrase.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return None, None
    first = words[0].lower()
    has_name = any(word[:1].isupper() for word in words)
    if not (words[0][:1].isupper() or first in rules.pronouns or first in _DETERMINERS or has_name):
        return None, None
    cut = len(phrase)
    for match in re.finditer(r"\s+and\s+", phrase):
        if any(word[:1].isupper() for word in phrase[: match.start()].split()):
            cut = match.start()
            break
    kept = phrase[:cut].rstrip(" ,")
    if kept.endswith(".") and not _ABBREVIATION.search(kept):
        kept = kept[:-1]
    return start, start + len(kept)


def _sentence_start(text: str, position: int) -> int:
    starts = [match.end() for match in _SENTENCE_END.finditer(text, 0, max(position, 0))]
    return starts[-1] if starts else 0


def _sentence_end(text: str, position: int) -> int:
    match = _SENTENCE_END.search(text, position)
    return match.start() + 1 if match else len(text)


_DETERMINERS = frozenset(
    {"a", "an", "the", "another", "one", "two", "some", "his", "her", "their", "my", "our", "its"}
)

"""Direct quotations in paragraphs, with the speaker when the sentence names one.

    >>> rules = load_quote_rules("en")
    >>> paragraphs = ["“It was the heaviest air strikes”, said Rami Abdulrahman, director."]
    >>> quote = find_quotes(paragraphs, rules)[0]
    >>> quote.span.text, quote.speaker.text, quote.verb, quote.partial
    ('It was the heaviest air strikes', 'Rami Abdulrahman', 'said', False)
    >>> german = find_quotes(["„Wir bleiben“, sagte Olaf Scholz."], load_quote_rules("de"))[0]
    >>> german.span.text, german.speaker.text, german.verb
    ('Wir bleiben', 'Olaf Scholz', 'sagte')

Everything that differs between languages is in the quote tables (`cleaner/rules/quotes.*.toml`,
compiled by `quote_rules.py`): the quote marks (`quote_marks.py`: “…”, „…“, « … », ‘…’ inside
double quotes, never an apostrophe, never a mark without its partner), the reporting verbs,
the words around speakers, the attribution patterns.

A quote's span is its text without the marks. It is `partial` when it is a fragment inside the
reporter's sentence: it starts in lower case (or, where nouns are capitalised, in any case)
and no reporting verb or colon introduces it (`saying the U.S. is “not genuine …”`); a short
fragment is a `scare` quote (`a “ground offensive”`) unless it ends like a clipped statement or
the sentence names it as someone's words (`described Clinton as a “disgrace”`, `called him “a
genius”`).

Speakers, found in the quote's own sentence by the table's patterns: `“…,” said X`, `“…,” X
said`, `“…,” according to X`, `X said: “…”`, `„…“, hat er gesagt`, `« … », a-t-il déclaré`...
The speaker is the phrase as written (`he`, `the secretary of state`); with no such pattern
it is `None`, never a guess. Where the subject may be left out (`“…”, dijo.`) the quote has
the verb and no speaker. A line of dialogue opened by a dash (`—Vamos —dijo el entrenador—.`)
is a quote where the table lists its dashes and a reporting verb attributes it; where the
table allows it, an attribution set inside the marks (`« …, affirme-t-elle. … »`) splits the
quote in two.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cleaner.clean.measure import is_capital, is_unspaced
from cleaner.clean.measure import words as count_words
from cleaner.document import Quote, QuoteKind, Span
from cleaner.structure.quote_marks import Marked, marked_quotes, open_tail, quote_spans
from cleaner.structure.quote_rules import QuoteRules, load_quote_rules

__all__ = ["QuoteRules", "find_quotes", "load_quote_rules", "quote_spans"]

_MAX_SPEAKER_WORDS = 10
# a scare-quoted term (a “ground offensive”): a short fragment that ends without the
# punctuation or ellipsis of a clipped statement (it may still have a speaker: "Cruz called
# Trump a “pathological liar”")
_MAX_SCARE_WORDS = 4
_SAID_ENDINGS = (".", ",", "!", "?", "…", "...")
# a name or title in quotes: a show, a book, a slogan, a nickname
_MAX_TITLE_WORDS = 6
_NO_SPEAKER: tuple[None, None] = (None, None)
# the last comma or dash before a clause: "In Homs, X said: “…”", "… ― Trump boasted, “…”"
_CLAUSE_BREAK = re.compile(r".*(?:, |\s[―—–]\s|\s--\s)", re.DOTALL)
# where the spoken words of a dialogue line or an attribution inside the marks may end: a
# dash after a space ("—Vamos —dijo"), a comma ("— Je viens, dit-il")
_SPOKEN_END = re.compile(r"\s[—―–]|,\s")
# where such an attribution ends: a dash or a sentence end ("—dijo el entrenador—.", "…, dit-il.
# Nous …"; not a comma: "explique Antony Fastier, toxicologue.")
_ATTRIBUTION_END = re.compile(r"[—―–]|[.;!?]\s|[.!?…]\s*$")

Attribution = tuple[tuple[int, int] | None, str | None]


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
    open_parts: list[tuple[int, Marked]] = []
    for index, paragraph in enumerate(paragraphs):
        marked = marked_quotes(paragraph, rules.marks)
        if open_parts:
            opener = len(paragraph) - len(paragraph.lstrip())
            mark = open_parts[0][1].mark
            # the next paragraph goes on with the same kind of mark ("…" then "…", “…” then “…")
            if opener < len(paragraph) and paragraph[opener] == mark:
                if marked and marked[0].open_at == opener:
                    open_parts.append((index, marked.pop(0)))
                    quotes.append(_attribute_parts(paragraphs, open_parts, rules))
                    open_parts = []
                elif (tail := _continued_tail(paragraph, marked, rules)) and tail.open_at == opener:
                    open_parts.append((index, tail))
                    continue
            open_parts = []  # the quote was not continued: an unbalanced mark, ignored
        in_paragraph = _dialogue(paragraph, index, rules)
        for found in marked:
            if any(_overlaps(found, quote.span) for quote in in_paragraph):
                continue
            for quote in _attribute_inside(paragraph, index, found, rules):
                in_paragraph.append(_split_quote_speaker(quote, in_paragraph, paragraph, rules))
        quotes.extend(sorted(in_paragraph, key=lambda quote: quote.span.start))
        tail = open_tail(paragraph, marked[-1].close_end if marked else 0, rules.marks)
        if tail is not None and paragraph[tail.start :].strip():
            open_parts = [(index, tail)]
    return quotes


def _continued_tail(paragraph: str, marked: list[Marked], rules: QuoteRules) -> Marked | None:
    """The whole paragraph as an open quote's next part: it opens a quote that never closes."""
    return None if marked else open_tail(paragraph, 0, rules.marks)


def _overlaps(found: Marked, span: Span) -> bool:
    return found.open_at < span.end and span.start < found.close_end


def _split_quote_speaker(
    quote: Quote, earlier: list[Quote], paragraph: str, rules: QuoteRules
) -> Quote:
    """The second half of a split quote takes the speaker written between the halves, and
    a quote that goes on from the one before takes its speaker.

    `“We stay,” Ann Lee said. “And we rebuild.”`: the attribution after the first half is the
    attribution of the second; `Ann Lee called it “a shame,” adding: “We rebuild.”`: the
    text between the two quotes goes on with the first one's speaker (the table's `continued`
    patterns).
    """
    if _attributed(quote) or not earlier or earlier[-1].speaker is None:
        return quote
    previous = earlier[-1]
    between = paragraph[previous.span.end : quote.span.start]
    if previous.span.end <= previous.speaker.start < quote.span.start or any(
        pattern.search(between) for pattern in rules.continued
    ):
        return replace(quote, speaker=previous.speaker, verb=previous.verb)
    return quote


def _attribute_parts(
    paragraphs: list[str] | tuple[str, ...], parts: list[tuple[int, Marked]], rules: QuoteRules
) -> Quote:
    """A quote over several paragraphs: attributed before its first part or after its last."""
    (first_index, first), (last_index, last) = parts[0], parts[-1]
    opening = _attribute(paragraphs[first_index], first_index, first, rules)
    closing = _attribute(paragraphs[last_index], last_index, last, rules)
    attributed = closing if _attributed(closing) and not _attributed(opening) else opening
    return replace(
        opening,
        continued_in=tuple(
            Span(paragraphs[index][part.start : part.end], index, part.start, part.end)
            for index, part in parts[1:]
        ),
        speaker=attributed.speaker,
        verb=attributed.verb,
        kind="full",
        partial=False,
    )


def _attributed(quote: Quote) -> bool:
    return quote.speaker is not None or quote.verb is not None


def _attribute(paragraph: str, index: int, found: Marked, rules: QuoteRules) -> Quote:
    start, end = found.start, found.end
    text = paragraph[start:end]
    sentence_start = _sentence_start(paragraph, found.open_at, rules)
    before = paragraph[sentence_start : found.open_at]
    after_start = found.close_end
    after = paragraph[after_start : _sentence_end(paragraph, after_start, rules)]
    introduced = rules.introduced is not None and bool(rules.introduced.search(before))
    # a caseless script (Chinese) cannot tell a fragment by its first letter, as German cannot
    caseless = text[:1].isalpha() and not text[:1].isupper() and not text[:1].islower()
    fragment_start = text[:1].islower() or rules.nouns_capitalised or caseless
    partial = fragment_start and not introduced and _in_sentence(paragraph, found.open_at, rules)
    # A quote that ends its sentence ("… to come to.”) has no attribution after it.
    ends_sentence = text.rstrip().endswith(".") and after.lstrip()[:1].isupper()
    candidates: list[Attribution] = []
    if not partial:
        candidates.append(_match(before, sentence_start, rules.before, rules))
        candidates.extend(_clause_candidates(before, sentence_start, rules))
    # a word glued to the closing mark ("“term”s") is no attribution, but in an unspaced
    # script the speaker follows the mark directly (“……”负责人说)
    glued = after[:1].isalnum() and not is_unspaced(after[:1])
    if not ends_sentence and not glued:
        after_found = _match(after, after_start, rules.after, rules)
        candidates.insert(0 if not introduced else len(candidates), after_found)
    # the reporting clause of the quote's sentence, for a fragment, and, when nothing else
    # named a speaker, for a whole quote set in the sentence ("Rubio said the country “must
    # …”"; not after another quote, whose speaker a split quote's second half shares)
    if partial or not any(mark in before for mark in rules.marks.double):
        candidates.append(_match(before, sentence_start, rules.reported, rules))
    if partial:
        candidates.append(_match(before, sentence_start, rules.subject, rules))
    speaker, verb = next((found for found in candidates if found[0] or found[1]), _NO_SPEAKER)
    speaker_span = Span(paragraph[speaker[0] : speaker[1]], index, *speaker) if speaker else None
    kind: QuoteKind = "full"
    if partial:
        named = rules.named is not None and rules.named.search(before)
        scare = count_words(text) <= _MAX_SCARE_WORDS and not named
        kind = "scare" if scare and not text.rstrip().endswith(_SAID_ENDINGS) else "partial"
    elif _is_title(text, speaker_span is not None or verb is not None, rules) or _is_term(
        text, before, after, introduced
    ):
        kind, partial = "scare", True
    return Quote(Span(text, index, start, end), partial, speaker_span, verb, kind)


def _attribute_inside(paragraph: str, index: int, found: Marked, rules: QuoteRules) -> list[Quote]:
    """The quote, or its two halves where the table allows an attribution set inside the
    marks: `« Cette loi est injuste, affirme-t-elle. Nous la combattrons. »`."""
    quote = _attribute(paragraph, index, found, rules)
    if not rules.incises or quote.kind != "full":
        return [quote]
    inside = _spoken_then_attributed(paragraph, found.start, found.end, index, rules)
    if inside is None:
        return [quote]
    first, attribution, rest_start = inside
    rest_start = _skip_punctuation(paragraph, rest_start, found.end)
    if rest_start >= found.end:
        return [quote]
    second_text = paragraph[rest_start : found.end]
    second = replace(quote, span=Span(second_text, index, rest_start, found.end))
    if not _attributed(second):
        second = replace(second, speaker=attribution.speaker, verb=attribution.verb)
    return [replace(attribution, kind="full", partial=False, span=first), second]


def _dialogue(paragraph: str, index: int, rules: QuoteRules) -> list[Quote]:
    """A line of dialogue opened by a dash and attributed by a reporting verb, and the
    same speaker going on after the attribution's closing dash.

        >>> rules = load_quote_rules("es")
        >>> [(q.span.text, q.verb) for q in _dialogue("—Ganaremos —dijo él—. Ya verán.", 0, rules)]
        [('Ganaremos', 'dijo'), ('Ya verán.', 'dijo')]
    """
    opening = len(paragraph) - len(paragraph.lstrip())
    if not rules.dialogue_dashes or paragraph[opening : opening + 1] not in rules.dialogue_dashes:
        return []
    start = _skip_punctuation(paragraph, opening + 1, len(paragraph), spaces_only=True)
    inside = _spoken_then_attributed(paragraph, start, len(paragraph), index, rules)
    if inside is None:
        return []
    _first, attribution, rest_start = inside
    quotes = [attribution]
    closed_by_dash = paragraph[rest_start - 1 : rest_start] in rules.dialogue_dashes
    rest_start = _skip_punctuation(paragraph, rest_start, len(paragraph))
    rest = paragraph[rest_start:].rstrip()
    if closed_by_dash and rest:
        more = Span(rest, index, rest_start, rest_start + len(rest))
        quotes.append(replace(attribution, span=more))
    return quotes


def _spoken_then_attributed(
    paragraph: str, start: int, end: int, index: int, rules: QuoteRules
) -> tuple[Span, Quote, int] | None:
    """(the spoken words, a quote carrying their attribution, where the attribution ends) when
    an attribution with a reporting verb follows a dash or comma between `start` and `end`."""
    for spoken_end in _SPOKEN_END.finditer(paragraph, start, end):
        text_end = spoken_end.start() + (1 if spoken_end.group().startswith(",") else 0)
        text = paragraph[start:text_end].rstrip()
        if not text.strip() or not any(char.isalnum() for char in text):
            continue
        attribution_at = spoken_end.start()
        close = _ATTRIBUTION_END.search(paragraph, spoken_end.end() + 1, end)
        attribution_end = close.start() if close else end
        after = paragraph[attribution_at:attribution_end]
        speaker, verb = _match(after, attribution_at, rules.after, rules)
        if verb is None:
            continue
        span = Span(text, index, start, start + len(text))
        mention = Span(paragraph[speaker[0] : speaker[1]], index, *speaker) if speaker else None
        dash_closed = close is not None and close.group()[:1] in rules.dialogue_dashes
        resume = close.end() if close is not None and dash_closed else attribution_end
        return span, Quote(span, False, mention, verb, "full"), resume
    return None


def _skip_punctuation(text: str, position: int, end: int, spaces_only: bool = False) -> int:
    skipped = " \t\u00a0\u202f" if spaces_only else " \t\u00a0\u202f.,;:"
    while position < end and text[position] in skipped:
        position += 1
    return position


def _is_term(text: str, before: str, after: str, introduced: bool) -> bool:
    """A capitalised term set off in the middle of a sentence (known as the “Buffett rule”
    after …): a few words, no reporting verb or colon before, the sentence going on after."""
    short = count_words(text) <= _MAX_SCARE_WORDS and not text.rstrip().endswith(_SAID_ENDINGS)
    return short and not introduced and bool(before.strip()) and after.lstrip()[:1].islower()


def _is_title(text: str, attributed: bool, rules: QuoteRules) -> bool:
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
        or (word in rules.title_small_words and 0 < position < len(words) - 1)
        for position, word in enumerate(words)
    )


def _match(
    text: str,
    offset: int,
    patterns: tuple[re.Pattern[str], ...],
    rules: QuoteRules,
    lower_verb: bool = False,
) -> Attribution:
    """The first pattern whose speaker is plausible: (speaker start, end) and the verb; a
    pattern without a speaker (`“…”, dijo.`) gives the verb alone."""
    for pattern in patterns:
        match = pattern.search(text)
        if match is None:
            continue
        verb = match.groupdict().get("verb")
        if lower_verb and verb:
            verb = " ".join(verb.lower().split())
        if match.groupdict().get("speaker") is None:
            if verb:
                return None, verb
            continue
        start, end = _trim_speaker(match.group("speaker"), match.start("speaker"), rules)
        if start is not None and end is not None:
            return (offset + start, offset + end), verb
    return _NO_SPEAKER


def _clause_candidates(before: str, offset: int, rules: QuoteRules) -> list[Attribution]:
    """The speaker in the clause after the sentence's last comma: "In Homs, X said: “…”", and
    the table's `clause` patterns ("According to X, “…”")."""
    found = []
    clause = _CLAUSE_BREAK.search(before[: max(len(before) - 2, 0)])
    if clause is not None:
        found.append(_match(before[clause.end() :], offset + clause.end(), rules.before, rules))
    found.append(_match(before, offset, rules.clause, rules, lower_verb=True))
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
    if first in rules.verbs or first.endswith("-"):  # "sagte X … und betonte:", "Zoo- und …"
        return None, None
    pronoun = first in rules.pronouns or first.rstrip(".") in rules.pronouns  # "sagte er."
    role = rules.is_role_head(first.rstrip("."))  # "powiedział minister", "dodaje publicysta."
    particle = first in rules.name_particles and words[1:2] != [] and words[1][:1].isupper()
    opening = (
        is_capital(words[0][:1])  # or a letter of a caseless script: 负责人
        or pronoun
        or rules.opens_with_determiner(first)
        or role
        or particle
    )
    # where every noun is capitalised, a capital inside says nothing ("so reagieren Menschen")
    has_name = not rules.nouns_capitalised and any(word[:1].isupper() for word in words)
    if not (opening or has_name):
        return None, None
    cut = len(phrase)
    for match in rules.conjunctions.finditer(phrase) if rules.conjunctions else ():
        if any(word[:1].isupper() for word in phrase[: match.start()].split()):
            cut = match.start()
            break
    kept = phrase[:cut].rstrip(" ,")
    if kept.endswith(".") and not rules.abbreviation.search(kept):
        kept = kept[:-1]
    return start, start + len(kept)


def _in_sentence(paragraph: str, mark: int, rules: QuoteRules) -> bool:
    """Words come before the quote's mark in its own sentence (seen from the mark itself:
    `before` in `_attribute` ends where a sentence end can be seen before the mark, which
    English attribution was tuned on)."""
    own_sentence = _sentence_start(paragraph, mark + 1, rules)
    return bool(paragraph[own_sentence:mark].strip())


def _sentence_start(text: str, position: int, rules: QuoteRules) -> int:
    starts = [match.end() for match in rules.sentence_end.finditer(text, 0, max(position, 0))]
    return starts[-1] if starts else 0


def _sentence_end(text: str, position: int, rules: QuoteRules) -> int:
    match = rules.sentence_end.search(text, position)
    return match.start() + 1 if match else len(text)

"""The quote tables of a language, compiled: marks, attribution patterns, speaker words.

    >>> rules = load_quote_rules("de")
    >>> rules.marks.closers["»"], rules.nouns_capitalised, "fügte" in rules.verbs
    ('«', True, True)
    >>> load_quote_rules("und").before  # no verbs: quotes, but nobody said them
    ()

The tables are `cleaner/rules/quotes.neutral.toml` (the marks and what holds in every
language), `quotes.<language>.toml`, and the same two names in the user's rule directories
(`cleaner.rules.tables_for`). Their format is documented in the header of
`quotes.neutral.toml`. How they combine: word lists are joined, `[[marks]]` entries are added
(a later entry for the same opening mark replaces the earlier one), pattern lists are added
with the neutral tables' patterns after the language's (the specific before the general), and
a later table's `true`/`false` setting wins. A pattern that names a word list the tables leave
empty is left out, so a language without a table gets its quotes with no attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from cleaner.rules import NEUTRAL, RuleTableError, tables_for
from cleaner.structure.quote_marks import UPPER, QuoteMarks

_MAX_SPEAKER_WORDS = 10
_SLOT = re.compile(r"\{([a-z_]+)\}")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_WORD_LISTS = (
    "verbs",
    "naming_verbs",
    "participles",
    "auxiliaries",
    "verb_particles",
    "speaker_fillers",
    "according",
    "stop_words",
    "pronouns",
    "masculine_pronouns",
    "feminine_pronouns",
    "masculine_honorifics",
    "feminine_honorifics",
    "plural_pronouns",
    "plural_verb_endings",
    "determiners",
    "conjunctions",
    "complementizers",
    "adverbs",
    "adverb_endings",
    "naming_markers",
    "naming_fillers",
    "title_words",
    "title_small_words",
    "abbreviations",
    "name_particles",
    "role_followers",
    "relatives",
    "role_openers",
    "role_heads",
    "role_modifiers",
)
_PATTERN_LISTS = (
    "after",
    "before",
    "reported",
    "subject",
    "continued",
    "clause",
    "introduced",
    "named",
)
_MARK_KEYS = frozenset({"open", "close", "fallback", "nested", "spaced", "single"})
_SETTINGS = ("nouns_capitalised", "compounds", "incises")


@dataclass(frozen=True, slots=True)
class QuoteRules:
    """One language's quote tables, compiled.

    `after` patterns match the text right after a quote's closing mark, `before` patterns the
    quote's sentence up to its opening mark, `reported` the reporting clause in the sentence
    of a partial quote (`He said the nation is “more interested in …”`), `subject` the
    subject of a partial quote's sentence when `reported` finds no clause, `continued` the
    text between two quotes when the second goes on with the first one's speaker, `clause` the
    sentence
    before a quote when nothing else named a speaker (`According to X, “…”`, the verb given in
    lower case); each has a `verb` group and a `speaker` group (optional: `“…”, dijo.` names
    no one). A dash-led line of dialogue (`—Vamos —dijo X.`) is attributed by `after`.
    `introduced` tells whether the text before a quote introduces it (a colon, a reporting
    verb), `named` whether it names a short fragment as someone's words (`called him “…”`).
    """

    marks: QuoteMarks
    dialogue_dashes: str
    after: tuple[re.Pattern[str], ...]
    before: tuple[re.Pattern[str], ...]
    reported: tuple[re.Pattern[str], ...]
    subject: tuple[re.Pattern[str], ...]
    continued: tuple[re.Pattern[str], ...]
    clause: tuple[re.Pattern[str], ...]
    introduced: re.Pattern[str] | None
    named: re.Pattern[str] | None
    sentence_end: re.Pattern[str]
    abbreviation: re.Pattern[str]
    pronouns: frozenset[str]
    pronoun_genders: Mapping[str, str]
    honorific_genders: Mapping[str, str]
    plural_pronouns: frozenset[str]
    plural_verb_endings: tuple[str, ...]
    determiners: frozenset[str]
    conjunctions: re.Pattern[str] | None
    title_small_words: frozenset[str]
    name_particles: frozenset[str]
    role_after: re.Pattern[str]
    role_openers: frozenset[str]
    role_word: re.Pattern[str] | None
    title_words: frozenset[str]
    abbreviations: frozenset[str]
    role_modifiers: frozenset[str]
    relatives: frozenset[str]
    verbs: frozenset[str]
    nouns_capitalised: bool
    incises: bool

    def is_role_word(self, word: str) -> bool:
        """`word` is a role noun (`is_role_head`), a title word ("chief", "senator"), an
        honorific ("Mr.", "Frau") or an abbreviated title ("Sen.", "Dr")."""
        bare = word.rstrip(".")
        return (
            self.is_role_head(word)
            or word.lower() in self.title_words
            or bare.lower() in self.honorific_genders
            or (bare in self.abbreviations and bare[:1].isupper())
        )

    def is_role_head(self, word: str) -> bool:
        """`word` is a role noun of the table ("ministro"), or ends with one of its endings or,
        where nouns make compounds, with any role noun ("Pressesprecherin")."""
        return self.role_word is not None and bool(self.role_word.fullmatch(word.lower()))

    def opens_with_determiner(self, word: str) -> bool:
        """`word` is a determiner, or starts with an elided one ("l’avocat", "dell’ex")."""
        lower = word.lower()
        return lower in self.determiners or any(
            lower.startswith(determiner) and len(lower) > len(determiner)
            for determiner in self.determiners
            if determiner.endswith(("’", "'"))
        )


@cache
def load_quote_rules(language: str, directories: tuple[str, ...] = ()) -> QuoteRules:
    """The quote tables for `language` (any code: "de", "und", "sv") and the user's
    `directories`, compiled once."""
    tables = tables_for("quotes", language, directories)
    words: dict[str, list[str]] = {name: [] for name in _WORD_LISTS}
    specific: dict[str, list[tuple[str, str]]] = {name: [] for name in _PATTERN_LISTS}
    general: dict[str, list[tuple[str, str]]] = {name: [] for name in _PATTERN_LISTS}
    settings: dict[str, Any] = {
        "nouns_capitalised": False,
        "compounds": False,
        "incises": False,
        "dialogue_dashes": "",
    }
    marks: list[Mapping[str, Any]] = []
    for name, data in tables:
        _check_keys(name, data)
        for key in _WORD_LISTS:
            words[key].extend(word for word in data.get(key, ()) if word not in words[key])
        into = general if name.endswith(f".{NEUTRAL}.toml") else specific
        for key in _PATTERN_LISTS:
            into[key].extend((name, pattern) for pattern in data.get(key, ()))
        settings.update({key: data[key] for key in (*_SETTINGS, "dialogue_dashes") if key in data})
        marks.extend(data.get("marks", ()))
    patterns = {key: specific[key] + general[key] for key in _PATTERN_LISTS}
    quote_marks = QuoteMarks.of(marks)
    slots = _slots(words, quote_marks, settings)

    def expanded(key: str) -> list[tuple[str, str, str]]:
        return [
            (name, template, pattern)
            for name, template in patterns[key]
            if (pattern := _expand(name, template, slots)) is not None
        ]

    def compiled(key: str, flags: int = re.DOTALL) -> tuple[re.Pattern[str], ...]:
        return tuple(
            _compiled(name, template, pattern, flags) for name, template, pattern in expanded(key)
        )

    def joined(key: str, suffix: str) -> re.Pattern[str] | None:
        # one pattern of many: their groups are not needed, and names must not repeat
        parts = expanded(key)
        if not parts:
            return None
        union = "|".join(_NAMED_GROUP.sub("(?:", pattern) for _, _, pattern in parts)
        try:
            return re.compile(f"(?:{union}){suffix}", re.I)
        except re.error:
            for name, template, pattern in parts:  # name the pattern at fault
                _compiled(name, template, pattern, re.I)
            raise

    abbreviations = _abbreviation_pieces(words["abbreviations"])
    return QuoteRules(
        marks=quote_marks,
        dialogue_dashes=settings["dialogue_dashes"],
        after=compiled("after"),
        before=compiled("before"),
        reported=compiled("reported"),
        subject=compiled("subject"),
        continued=compiled("continued"),
        clause=compiled("clause", re.DOTALL | re.IGNORECASE),
        introduced=joined("introduced", r"\s*$"),
        named=joined("named", "$"),
        sentence_end=_sentence_end(abbreviations, quote_marks),
        abbreviation=re.compile(
            rf"(?:\b(?:[{UPPER}]\.)+"
            + (rf"|\b(?:{_alternation(abbreviations)})\." if abbreviations else "")
            + ")$"
        ),
        pronouns=frozenset(words["pronouns"]),
        pronoun_genders={
            **{word: "male" for word in words["masculine_pronouns"]},
            **{word: "female" for word in words["feminine_pronouns"]},
        },
        honorific_genders={
            **{word.lower(): "male" for word in words["masculine_honorifics"]},
            **{word.lower(): "female" for word in words["feminine_honorifics"]},
        },
        plural_pronouns=frozenset(words["plural_pronouns"]),
        plural_verb_endings=tuple(words["plural_verb_endings"]),
        determiners=frozenset(words["determiners"]),
        conjunctions=(
            re.compile(rf"\s+(?:{_alternation(words['conjunctions'])})\s+")
            if words["conjunctions"]
            else None
        ),
        title_small_words=frozenset(words["title_small_words"]),
        name_particles=frozenset(words["name_particles"]),
        role_after=_role_after(words["role_followers"], quote_marks),
        role_openers=frozenset(words["role_openers"]),
        role_word=re.compile(role_word) if (role_word := _role_word(words, settings)) else None,
        title_words=frozenset(word.lower() for word in words["title_words"]),
        abbreviations=frozenset(words["abbreviations"]),
        role_modifiers=frozenset(word.lower() for word in words["role_modifiers"]),
        relatives=frozenset(words["relatives"]),
        verbs=frozenset(verb.lower() for verb in words["verbs"]),
        nouns_capitalised=bool(settings["nouns_capitalised"]),
        incises=bool(settings["incises"]),
    )


def _check_keys(name: str, data: Mapping[str, Any]) -> None:
    known = {*_WORD_LISTS, *_PATTERN_LISTS, *_SETTINGS, "marks", "dialogue_dashes"}
    unknown = sorted(set(data) - known)
    for entry in data.get("marks", ()):
        unknown += sorted(set(entry) - _MARK_KEYS)
        if "open" not in entry or "close" not in entry:
            unknown.append("marks without open or close")
    if unknown:
        raise RuleTableError(
            f"{name}: unknown key {unknown[0]!r} (a key after a [[marks]] line belongs to "
            "that mark: put the lists first); the keys of a quote table are listed in the "
            "header of cleaner/rules/quotes.neutral.toml"
        )


def _alternation(words: Iterable[str]) -> str:
    """`words` as a regular-expression alternation, longest first; a space matches any run
    of spaces."""
    escaped = (re.escape(word).replace(r"\ ", r"\s+") for word in words)
    return "|".join(sorted(escaped, key=len, reverse=True))


def _role_word(words: Mapping[str, list[str]], settings: Mapping[str, Any]) -> str | None:
    """A pattern for one role word, in lower case: a role noun of the table, or a word ending
    with one of its endings ("-ysta"), or with any role noun where nouns make compounds."""
    nouns = [head.lower() for head in words["role_heads"] if not head.startswith("-")]
    endings = [head[1:].lower() for head in words["role_heads"] if head.startswith("-")]
    if settings["compounds"]:
        endings += nouns
    parts = [_alternation(nouns)] if nouns else []
    if endings:
        parts.append(rf"[\w’'.-]*(?:{_alternation(endings)})")
    return "|".join(parts) or None


def _slots(
    words: Mapping[str, list[str]], marks: QuoteMarks, settings: Mapping[str, Any]
) -> dict[str, str | None]:
    """The building blocks a pattern names as `{slot}`; None when its words are missing."""

    def listed(key: str) -> str | None:
        return _alternation(words[key]) if words[key] else None

    verbs, stops, naming = listed("verbs"), listed("stop_words"), listed("naming_verbs")
    participles = listed("participles")
    finite = [verb for verb in words["verbs"] + words["naming_verbs"]]
    finite = [verb for verb in dict.fromkeys(finite) if verb not in words["participles"]]
    double = re.escape(marks.double)
    word = r"[\w’'./-]+"
    more = f"{{0,{_MAX_SPEAKER_WORDS - 1}}}?"
    stop = rf"(?!(?:{stops})\b)" if stops else ""
    not_intro = rf"(?!(?i:{stops})\b)" if stops else ""
    # the auxiliary of a perfect is not part of the speaker: "Emmanuel Macron a déclaré"
    not_aux = rf"(?!(?:{listed('auxiliaries')})\b)" if words["auxiliaries"] else ""
    cap = rf"[{UPPER}][\w’'.-]*"
    # words between a verb and its speaker that are not the speaker's: "sagte auch Weber"
    fillers = rf"(?:(?:{listed('speaker_fillers')})\s+)*" if words["speaker_fillers"] else ""
    pronouns = listed("pronouns")
    pronoun_alone = rf"(?:{pronouns})(?=[\s,.;:!?)]|$)|" if pronouns else ""
    role_word = _role_word(words, settings)
    not_role = rf"(?!(?i:{role_word})\b)" if role_word else ""
    particles = listed("name_particles")
    name_word = rf"(?:{cap}|(?:{particles})\b)" if particles else cap
    stop_next = rf"|\s(?:{stops})\b" if stops else ""
    # the particle of a separable verb closes the clause: "fügte er hinzu."
    if words["verb_particles"]:
        stop_next += rf"|\s(?:{listed('verb_particles')})\s*(?:[,.;:!?]|$)"
    speaker_end = rf"(?=\s*(?:[,.;:!?()]|${stop_next}))"
    # ... or before a quote mark: "sagte Alexander Wolf der „Welt“"
    speaker_end_marked = rf"(?=\s*(?:[,.;:!?(){double}]|${stop_next}))"
    subject = rf"{not_intro}(?P<speaker>{word}(?:\s+{not_aux}{word}){more})"
    adverbs = listed("adverbs")
    endings = "|".join(rf"\w+{re.escape(ending)}" for ending in words["adverb_endings"])
    adverb_words = "|".join(part for part in (adverbs, endings) if part)
    adverb = rf"(?:\s+(?:{adverb_words}))?" if adverb_words else ""
    party = rf"(?:\s+\([^(){double}]{{1,25}}\))?"
    # a perfect is one verb: "a déclaré", "ha dicho", "hat gesagt"
    perfect = (
        rf"(?:{listed('auxiliaries')})\s+(?:{participles})|"
        if words["auxiliaries"] and participles
        else ""
    )
    verb = rf"(?P<verb>{perfect}{verbs})\b" if verbs else None
    titles = listed("title_words")
    name_phrase = (
        rf"(?:{cap}\s+)?(?:(?:{titles})\s+){{0,3}}{cap}(?:\s+{cap}){{0,3}}" if titles else None
    )
    # a role with its own prepositions, then the name: "l’assessore regionale alla Protezione
    # civile, Luca Serafini" (a stop word ends a speaker phrase without a role: "detto alla Rai")
    role_then_name = (
        rf"(?=[^,{double}]{{0,40}}\b(?i:{role_word})\b)[^,.;:!?{double}]{{1,80}}?,\s+{not_role}"
        rf"{cap}(?:\s+{name_word}){{0,3}}{speaker_end_marked}|"
        if role_word
        else ""
    )
    slots: dict[str, str | None] = {
        "verb": verb,
        "verbs": verbs,
        "naming": naming,
        "participle": rf"(?P<verb>{participles})\b" if participles else None,
        "participles": participles,
        "finite": _alternation(finite) if finite else None,
        "aux": listed("auxiliaries"),
        "according": listed("according"),
        "stops": stops,
        "pronoun": listed("pronouns"),
        "determiners": listed("determiners"),
        "that": listed("complementizers"),
        "titles": titles,
        "naming_markers": listed("naming_markers"),
        "naming_fillers": listed("naming_fillers"),
        "word": word,
        "cap": cap,
        "upper": UPPER,
        "double": double,
        # a speaker phrase that ends where a stop word or punctuation follows
        "speaker": rf"(?P<speaker>{word}(?:\s+{stop}{word}){more}){speaker_end}",
        # ... that may go on with a name after a comma: "el portavoz, Pedro Sánchez" (not with
        # a role: "Dr. Markus Weber, Vorstandsvorsitzender der Firma"); a pronoun is the whole
        # speaker: "versicherte sie ihren Fans", "fragt er live"
        "speaker_named": (
            rf"(?P<speaker>{pronoun_alone}{role_then_name}{word}(?:\s+{stop}{word}){more}"
            rf"(?:,\s+{not_role}{cap}(?:\s+{name_word}){{0,3}})?{speaker_end_marked})"
        ),
        # ... that ends before a stop word or a verb: "hat der Minister am Montag gesagt"
        "speaker_before_verb": (
            rf"(?P<speaker>{word}(?:\s+{stop}(?!(?:{verbs})\b){word}){more})"
            rf"(?=\s+(?:{stops}|{verbs})\b)"
            if verbs and stops
            else None
        ),
        # a speaker phrase that ends where the pattern goes on: "X said", "X a déclaré"
        "subject": subject,
        # a person's name: "Olaf Scholz", "Ursula von der Leyen"
        "name": rf"(?P<speaker>{cap}(?:\s+{name_word}){{0,3}})",
        "name_phrase": name_phrase,
        "not_intro": not_intro,
        "fillers": fillers,
        "party": party,
        "adverb": adverb,
        # an opening phrase before the clause: "In August, ", "Meanwhile, "
        "intro": rf"(?:[^,{double}]{{0,120}},\s+)??",
        "lead": r"^[\s,;—–-]*",
        "end": (
            rf"(?:\s+(?:{listed('complementizers')}))?\s*[,:]?\s*$"
            if words["complementizers"]
            else r"\s*[,:]?\s*$"
        ),
    }
    return slots


def _expand(name: str, template: str, slots: Mapping[str, str | None]) -> str | None:
    """`template` with its `{slot}`s filled in; None when a slot's words are missing."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        slot = match.group(1)
        if slot not in slots:
            raise RuleTableError(
                f"{name}: unknown slot {{{slot}}} in pattern {template!r}; the slots are "
                "listed in the header of cleaner/rules/quotes.neutral.toml"
            )
        value = slots[slot]
        if value is None:
            missing = True
            return ""
        return value

    expanded = _SLOT.sub(fill, template)
    return None if missing else expanded


def _compiled(name: str, template: str, pattern: str, flags: int) -> re.Pattern[str]:
    """`pattern` (`template` of table `name` with its slots filled in), compiled."""
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise RuleTableError(f"{name}: pattern {template!r} is not valid ({error})") from None


def _abbreviation_pieces(abbreviations: Iterable[str]) -> list[str]:
    """Each word of the abbreviations that a full stop follows: "z. B." gives "z" and "B"."""
    pieces = (piece.strip() for entry in abbreviations for piece in entry.split("."))
    return list(dict.fromkeys(piece for piece in pieces if piece))


def _sentence_end(abbreviations: list[str], marks: QuoteMarks) -> re.Pattern[str]:
    """A sentence ends at . ! ? before a capital or a quote, not after an initial or one of
    the `abbreviations` (a look-behind per length, as Python needs them fixed)."""
    by_length: dict[int, list[str]] = {}
    for abbreviation in abbreviations:
        by_length.setdefault(len(abbreviation), []).append(abbreviation)
    after_abbreviation = "".join(
        rf"(?<!\b(?:{'|'.join(map(re.escape, group))}))" for _, group in sorted(by_length.items())
    )
    closing = re.escape(marks.closing)
    opening = re.escape("".join(marks.closers) + "".join(marks.singles) + "¿¡")
    # ... or at 。！？ (Chinese, Japanese), which no space follows
    return re.compile(
        rf"(?<!\b[{UPPER}]){after_abbreviation}[.!?][{closing}]?\s+(?=[{UPPER}{opening}])"
        rf"|[。！？][{closing}]?"
    )


def _role_after(followers: list[str], marks: QuoteMarks) -> re.Pattern[str]:
    """The apposition after a name, up to a comma, the sentence's end or a following word."""
    follow = rf"|\s+(?:{_alternation(followers)})\b" if followers else ""
    double = re.escape(marks.double)
    return re.compile(rf",\s+(?P<role>[^,;{double}]{{2,120}}?)(?:,|[.;]?\s*$" + follow + ")")

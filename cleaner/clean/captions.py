"""Orphaned photo captions and credits: lines that describe a picture the text no longer has.

    >>> rules = load_caption_rules("en")
    >>> blocks = [Block(0, "The fighters left the city, he said."),
    ...           Block(1, "Syrian President Bashar Assad at the presidential palace in Damascus")]
    >>> kept, edits = remove_captions(blocks, rules, max_words=30)
    >>> len(kept), edits[0].rule
    (1, 'captions.orphan_caption')

Three kinds are removed: a credit on its own ("Photo: Jane Doe/Reuters", "Getty Images"), a
short block that ends with a credit (a caption followed by its credit), and an orphaned
caption: a short line of one sentence at most, with no closing punctuation and no finite verb,
that describes a person or a place ("X at Y in Z") or the moment of the picture ("..., on
Tuesday afternoon"). An orphaned caption is only recognised after the last paragraph of prose,
or in mid-article when it is long enough (8+ words) not to be a subheading and has a caption
cue (", left,", "pictured", a date, a moment, a person's title); lines in a run of three or
more such lines (next to each other in the text as it came) are a list, not captions, unless a
line is a credit that names a news or photo agency ("REUTERS / POOL" under each picture of a
gallery) or a caption with its credit glued on ("... in MayCredit: EPA"); datelines,
subheadings and anything in doubt stay, because deleting prose is worse than keeping a caption.
A long paragraph that ends with a credit loses only the credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from cleaner.clean.blocks import Block, prose_span, removed_block
from cleaner.clean.measure import SENTENCE_FINAL, words
from cleaner.document import Edit
from cleaner.rules import RuleTableError, tables_for
from cleaner.rules.words import NEVER, any_of, groups, joined_lists

_TRIM = re.compile(r"^[\s|•·*#_~\[\]-]+|[\s|•·*#_~\[\]-]+$")
# how a sentence or a clause ends, in every script (。！？, the Greek question mark, 」...); not
# », which ends a Russian quotation as often as it points to a link ("Follow on Twitter »")
_CLOSING = tuple(dict.fromkeys('.!?:;”"’…)' + "".join(SENTENCE_FINAL.values()) + "」』：；"))
_OPENING_QUOTES = tuple("“\"‘'«„")
_TOKEN = re.compile(r"[\w’'-]+")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(, [\w .]+)?")
# a sentence ends inside the text: "... zu werden. Offenbar ist ..." (not "U.S. President")
_INNER_SENTENCE_END = re.compile(r"\b[a-zß-öø-ÿ]{3,}[.!?]\s+[A-ZÀ-ÖØ-Þ]")
# an acronym in mixed case is a name ("Die elektronische Patientenakte (ePA)"), not an agency
_MIXED_CASE = re.compile(r"\b[a-z]+[A-Z]{2}")
_MIN_MID_ARTICLE_WORDS = 8
_MIN_CAPTION_WORDS = 3
_MAX_AGENCY_WORDS = 80
_LIST_RUN = 3


@dataclass(frozen=True, slots=True)
class CaptionRules:
    """Compiled caption tables (see `cleaner/rules/captions.neutral.toml`)."""

    credit: re.Pattern[str]
    agency: re.Pattern[str]
    lead: re.Pattern[str]
    finite: frozenset[str]
    place_words: frozenset[str]
    moment: re.Pattern[str]  # when the picture was taken, in words ("am Dienstag")
    mid_article_cue: re.Pattern[str]
    agency_cue: re.Pattern[str]
    glued_credit: re.Pattern[str]  # a credit label glued to the caption's last word
    credit_label: re.Pattern[str]  # where a labelled credit starts ("Photo:", "Picture by")


@cache
def load_caption_rules(language: str, directories: tuple[str, ...] = ()) -> CaptionRules:
    """The caption tables for `language` (`cleaner.rules.tables_for`), their lists joined.

    >>> bool(load_caption_rules("und").credit.fullmatch("dpa/Jane Doe"))
    True
    """
    data = joined_lists(tables_for("captions", language, directories))
    words = groups(data)

    def either(key: str) -> str:
        return any_of(data.get(key, []), words)

    def compiled(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        try:
            return re.compile(pattern, flags)
        except re.error as error:
            where = f"captions tables for {language!r}"
            raise RuleTableError(f"{where}: bad pattern {pattern[:60]!r}: {error}") from None

    labels = data.get("credit_labels", [])
    capitalised = "|".join(label[:1].upper() + label[1:] for label in labels) or NEVER
    return CaptionRules(
        credit=compiled(either("credit")),
        agency=compiled(rf"\b(?:{either('agencies')})\b"),
        lead=compiled(f"(?:{either('lead')})\\s*"),
        finite=frozenset(word.lower() for word in data.get("finite", [])),
        place_words=frozenset(word.lower() for word in data.get("place_words", [])),
        moment=compiled(either("moments")),
        mid_article_cue=compiled(f"{either('mid_article_cues')}|{either('moments')}"),
        agency_cue=compiled(either("agency_cues")),
        glued_credit=compiled(f"[a-z.!?)](?=(?:{capitalised}): )", 0),
        credit_label=compiled(
            rf"(\b|(?<=[a-z]))(?:{either('credit_labels')})"
            rf"\s*([:：]|(?:{either('credit_by')})\b|/)"
        ),
    )


def remove_captions(
    blocks: list[Block], rules: CaptionRules, max_words: int
) -> tuple[list[Block], list[Edit]]:
    """Remove caption and credit blocks, and credits trailing a paragraph."""
    kept: list[Block] = []
    edits: list[Edit] = []
    last_prose = prose_span(blocks)[1]
    in_list = _list_runs(blocks, max_words)
    for position, block in enumerate(blocks):
        text = block.text
        if not in_list[position]:
            after_prose = 0 <= last_prose < position
            verdict = _classify(text, rules, max_words, after_prose=after_prose)
        else:
            verdict = _credit_in_list(text, rules)
        if verdict is not None:
            rule, reason = verdict
            edits.append(removed_block(block, rule, reason))
            continue
        credit_start = _trailing_credit(text, rules)
        if credit_start is not None and words(text[:credit_start]) > max_words:
            cut = len(text[:credit_start].rstrip(" |-–—:"))
            reason = "photo credit trailing a paragraph"
            edit = Edit("captions.photo_credit", reason, "remove", text[cut:], None, block.index)
            edits.append(replace(edit, start=cut, end=len(text)))
            block = replace(block, text=text[:cut])
        kept.append(block)
    return kept, edits


def _list_runs(blocks: list[Block], max_words: int) -> list[bool]:
    """Which blocks sit in a run of three or more short unpunctuated lines: a list (tour
    dates, results, specifications), not captions, which stand alone. The lines of a run are
    next to each other in the text as it came: a removed block between two lines (the
    "Related" heading under a caption) ends a run."""
    short = [
        words(block.text) <= max_words and not block.text.rstrip().endswith(_CLOSING)
        for block in blocks
    ]
    in_run = [False] * len(blocks)
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and short[end]:
            end += 1
            if end < len(blocks) and blocks[end].index != blocks[end - 1].index + 1:
                break
        if end - start >= _LIST_RUN:
            in_run[start:end] = [True] * (end - start)
        start = end if end > start else end + 1
    return in_run


def _credit_in_list(text: str, rules: CaptionRules) -> tuple[str, str] | None:
    """What is a credit even in a run of short lines: a credit naming a news or photo agency,
    or a caption with its credit glued on ("... sought treatmentCredit: EPA", a caption and
    its credit element joined without a space)."""
    core = _TRIM.sub("", text)
    if rules.credit.fullmatch(core) and rules.agency.search(core):
        return "captions.photo_credit", "photo credit naming an agency, not article text"
    glued = rules.glued_credit.search(core)
    if glued and rules.credit.fullmatch(core[glued.start() + 1 :]):
        return "captions.caption_with_credit", "photo caption with its credit glued on"
    return None


def _classify(
    text: str, rules: CaptionRules, max_words: int, after_prose: bool
) -> tuple[str, str] | None:
    core = _TRIM.sub("", text)
    if rules.credit.fullmatch(core):
        return "captions.photo_credit", "photo credit, not article text"
    count = words(core)  # unspaced scripts (Chinese) counted by their characters
    if count <= _MAX_AGENCY_WORDS and rules.agency_cue.search(core):
        return "captions.agency_caption", "news-agency photo caption (" + _cue(core, rules) + ")"
    if count > max_words:
        return None
    credit_start = _trailing_credit(core, rules)
    if credit_start is not None and not _DATELINE.fullmatch(core[:credit_start].strip(" ,-–—")):
        return "captions.caption_with_credit", "photo caption ending in a photo credit"
    lead = rules.lead.match(core)
    if lead and words(core[lead.end() :]) >= _MIN_CAPTION_WORDS:
        return "captions.orphan_caption", f"photo caption (opens with {lead.group().strip()!r})"
    if not _reads_as_caption(core, count, rules):
        return None
    if after_prose or (count >= _MIN_MID_ARTICLE_WORDS and rules.mid_article_cue.search(core)):
        where = "after the last paragraph" if after_prose else "between paragraphs"
        return (
            "captions.orphan_caption",
            f"orphaned photo caption {where}: short, no closing punctuation, no finite verb, "
            "describes a person or place",
        )
    return None


def _cue(core: str, rules: CaptionRules) -> str:
    match = rules.agency_cue.search(core)
    return f"cue {match.group().strip()!r}" if match else "cue"


def _reads_as_caption(core: str, count: int, rules: CaptionRules) -> bool:
    if count < _MIN_CAPTION_WORDS or core.endswith(_CLOSING):
        return False
    if _INNER_SENTENCE_END.search(core):
        return False  # two sentences: prose whose last one lost its full stop
    if core.startswith(_OPENING_QUOTES) or not core[0].isupper() or core.isupper():
        return False
    tokens = _TOKEN.findall(core)
    lowered = [token.lower() for token in tokens]
    if rules.finite.intersection(lowered):
        return False
    names = sum(1 for token in tokens[1:] if token[0].isupper())
    return names >= 1 and bool(rules.place_words.intersection(lowered) or rules.moment.search(core))


def _trailing_credit(text: str, rules: CaptionRules) -> int | None:
    """Where a credit at the end of `text` starts, if there is one set off from the rest."""
    candidates = []
    stripped = text.rstrip()
    if stripped.endswith(")") and "(" in stripped:
        candidates.append(stripped.rfind("("))
    for separator in (" | ", ". ", " - ", " – ", " — ", ": "):
        found = stripped.rfind(separator)
        if found > 0:
            candidates.append(found + len(separator))
    label = rules.credit_label.search(stripped)
    if label and label.start() > 0:
        candidates.append(label.start())
    for start in sorted(set(candidates)):
        credit = _TRIM.sub("", stripped[start:])
        if start > 0 and rules.credit.fullmatch(credit) and not _MIXED_CASE.search(credit):
            return start
    return None

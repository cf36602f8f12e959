"""Bytes to text, and text repair: charset decisions, mojibake, invisible characters, spaces.

    >>> decode(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9")[0]
    'café'
    >>> text, edits = repair("The cafÃ© said â€œhelloâ€\\x9d", block=0)
    >>> text, edits[0].rule
    ('The café said “hello”', 'encoding.mojibake')

`decode` never raises on undecodable bytes: it picks an encoding (BOM, then a declared charset
checked against the bytes (the HTTP header's, then the page's), then strict UTF-8, then
detection) and decodes any invalid byte as windows-1252, counting them. It raises `NotText`
for binary data. `repair` runs ftfy's `fix_and_explain` (curly quotes kept) and records its
plan, then removes invisible characters and turns Unicode spaces into plain ones, recording
each change.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable

import charset_normalizer
import ftfy
from charset_normalizer.md import mess_ratio

from cleaner.document import Edit, Encoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data (name the file with a .gz suffix)"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a media file"),
    (b"\x00\x00\x00", "binary data"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# WHATWG: pages labelled latin-1 or ascii are decoded as windows-1252 by every browser.
_WHATWG_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_CENTRAL_EUROPE = ("Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian")
_BALTIC = ("Lithuanian", "Latvian", "Estonian")
_NATIVE_LANGUAGES = {
    "cp1254": ("Turkish",),
    "iso8859-9": ("Turkish",),
    "cp1250": _CENTRAL_EUROPE,
    "iso8859-2": _CENTRAL_EUROPE,
    "cp1257": _BALTIC,
    "iso8859-13": _BALTIC,
}
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


class NotText(ValueError):
    """The bytes are not text (an image, an archive, an executable, ...)."""


def decode(raw: bytes, *, html: bool = False, charset: str | None = None) -> tuple[str, Encoding]:
    """Decode raw bytes, honouring a declared charset when it fits the bytes.

    The declared charsets, tried in this order and each checked against the bytes, are
    `charset` (what the transport declared: the HTTP Content-Type header) and, for HTML, the
    page's `<meta charset>` or XML declaration.

    >>> decode("naïve".encode("cp1252"))[1].method
    'detected'
    >>> decode(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>', html=True)[0][-8:]
    'café</p>'
    >>> decode(b"<p>caf\\xe9</p>", html=True, charset="windows-1252")[1].to_dict()
    {'name': 'cp1252', 'method': 'declared', 'declared': 'cp1252', 'replaced_bytes': 0}
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            text, bad = _decode_with_fallback(raw, name)
            return text, Encoding(_canonical(name), "bom", replaced_bytes=bad)
    _refuse_binary(raw)
    declared = _declarations(raw, html, charset)
    first = declared[0] if declared else None
    if raw.isascii():
        return raw.decode("ascii"), Encoding("utf-8", "declared" if first else "utf-8", first)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "utf-8" in declared:
            return text, Encoding("utf-8", "declared", "utf-8")
        return text, Encoding("utf-8", "utf-8", first)
    for name in declared:
        if name == "utf-8":
            continue
        try:
            return raw.decode(name), Encoding(name, "declared", name)
        except (UnicodeDecodeError, LookupError):
            pass
    if _mostly_utf8(raw):
        text, bad = _decode_with_fallback(raw, "utf-8")
        return text, Encoding("utf-8", "utf-8", first, bad)
    detected = _detect(raw)
    if detected is not None:
        text, bad = _decode_with_fallback(raw, detected)
        return text, Encoding(detected, "detected", first, bad)
    text, bad = _decode_with_fallback(raw, "utf-8")
    return text, Encoding("utf-8", "fallback", first, bad)


def _detect(raw: bytes) -> str | None:
    """charset-normalizer's pick, unless windows-1252 reads the bytes at least as cleanly.

    The detector's guesses on short Western text are erratic (French in windows-1252 comes
    back as ISO-8859-14 or windows-1250, German as Big5), while windows-1252 is by far the
    most common legacy charset on the web. So windows-1252 wins when it decodes the bytes with
    no more garbling than the pick, unless the pick is the native code page of the language
    it detected (windows-1254 for Turkish, windows-1250 for Polish, ...) and reads it better.
    """
    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or mess_ratio(western, 1.0) <= best.chaos):
        if best is None or not _native(best.encoding, best.language):
            return "cp1252"
        western_coherence = max(
            (m.coherence for m in matches if "cp1252" in m.could_be_from_charset), default=0.0
        )
        if best.coherence <= western_coherence:
            return "cp1252"
    return _canonical(best.encoding) if best is not None else None


def _native(encoding: str, language: str) -> bool:
    return language in _NATIVE_LANGUAGES.get(_canonical(encoding), ())


def _refuse_binary(raw: bytes) -> None:
    head = raw[:4096]
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise NotText(f"this is {what}, not text")
    if b"\x00" in head:
        raise NotText("NUL bytes found: this is binary data, not text")
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if controls > len(head) * 0.05:
        raise NotText(f"{controls} control bytes in the first {len(head)}: binary data, not text")


def _declarations(raw: bytes, html: bool, charset: str | None) -> list[str]:
    """The declared charsets in the order they are tried: the transport's, then the page's."""
    found = (_codec(charset) if charset else None, _declared_charset(raw) if html else None)
    return list(dict.fromkeys(name for name in found if name))


def _declared_charset(raw: bytes) -> str | None:
    match = _DECLARED.search(raw[:4096])
    if not match:
        return None
    return _codec((match.group(1) or match.group(2)).decode("ascii"))


def _codec(label: str) -> str | None:
    """The codec for a charset label, as browsers read it: `_codec("latin1") == "cp1252"`;
    `None` for a label that names none (`_codec("utf\\x008") is None`)."""
    try:
        name = codecs.lookup(label.lower()).name
    except (LookupError, ValueError):  # ValueError: a NUL byte in the label
        return None
    return _canonical(_WHATWG_ALIASES.get(name, name))


def _canonical(name: str) -> str:
    """Python's codec name for an encoding label: `_canonical("UTF8") == "utf-8"`."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _mostly_utf8(raw: bytes) -> bool:
    """True when valid multi-byte UTF-8 sequences outnumber the invalid bytes (a mixed page)."""
    valid = len(_UTF8_SEQUENCE.findall(raw))
    invalid = len(raw.decode("utf-8", errors="replace")) - len(raw.decode("utf-8", errors="ignore"))
    return valid >= invalid


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")


def _decode_with_fallback(raw: bytes, encoding: str) -> tuple[str, int]:
    """Decode, turning each invalid byte into its windows-1252 character; count those bytes.

    >>> _decode_with_fallback(b"caf\\xc3\\xa9 \\x93ok\\x94", "utf-8")
    ('café “ok”', 2)
    """
    try:
        text = raw.decode(encoding, errors="surrogateescape")
    except UnicodeDecodeError:
        text = raw.decode(encoding, errors="replace")
        return text, text.count("\ufffd")
    bad = 0

    def as_windows_1252(match: re.Match[str]) -> str:
        nonlocal bad
        bad += len(match.group())
        escaped = bytes(ord(char) - 0xDC00 for char in match.group())
        return escaped.decode("cp1252", errors="replace")

    return _ESCAPED_BYTES.sub(as_windows_1252, text), bad


_FTFY_RULES = {
    "unescape_html": ("encoding.html_entities", "HTML character references left in the text"),
    "remove_terminal_escapes": ("encoding.control_chars", "terminal escape codes"),
    "remove_control_chars": ("encoding.control_chars", "invisible control characters"),
    "fix_latin_ligatures": ("encoding.ligatures", "typographic ligatures split into letters"),
    "fix_line_breaks": ("encoding.line_breaks", "unusual line-break characters"),
    "fix_surrogates": ("encoding.surrogates", "UTF-16 surrogate pairs joined"),
    "normalize": ("encoding.unicode_nfc", "Unicode normalised to NFC"),
}
# ftfy changes nothing in text made only of printable ASCII without "&" (no HTML entity),
# tab, newline and curly quotes and dashes (which are NFC and cannot be mojibake alone): the
# test skips it for most English paragraphs, where it was the costliest step of cleaning
_FTFY_MAY_CHANGE = re.compile("[^\t\n\x20-\x25\x27-\x7e’‘“”–—…]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
_BAD_SPACE = re.compile(r"^\s+|\s+$|\s*[^\S ]\s*|  +")
# full-width forms (ＡＢＣ１２３，：？) made normal width, but not beside Chinese, Japanese or
# Korean text, where full-width punctuation is the right form (ftfy's width fix flattens it)
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef"
_FULL_WIDTH_LATIN = re.compile(f"(?<![{_CJK}])[\uff01-\uff5e]+(?![{_CJK}])")
_NAMES = {"\u00ad": "soft hyphen", "\u200b": "zero-width space", "\u2060": "word joiner"}


def repair(text: str, block: int | None) -> tuple[str, list[Edit]]:
    """Fix mojibake and invisible characters in one block of text, recording every change.

    >>> repair("a\\u200bb\\u00a0 c", block=2)[0]
    'ab c'
    """
    edits: list[Edit] = []
    if _FTFY_MAY_CHANGE.search(text):
        text = _ftfy(text, block, edits)
    text = _apply_each(text, _LONE_SURROGATE, _replacement_char, "encoding.surrogate", block, edits)
    text = _apply_each(text, _INVISIBLE, _removed, "encoding.invisible", block, edits)
    text = _apply_each(text, _FULL_WIDTH_LATIN, _half_width, "encoding.width", block, edits)
    text = _apply_each(text, _BAD_SPACE, _single_space, "whitespace.unicode_space", block, edits)
    return text, edits


def _ftfy(text: str, block: int | None, edits: list[Edit]) -> str:
    """ftfy's repairs, recorded as one edit with ftfy's plan."""
    fixed = ftfy.fix_and_explain(text, uncurl_quotes=False, fix_character_width=False)
    if fixed.text != text:
        plan = tuple((action, str(param)) for action, param in fixed.explanation or ())
        rule, reason = _ftfy_rule(plan)
        edits.append(_replacement(text, fixed.text, rule, reason, block, plan))
        return fixed.text
    return text


def _ftfy_rule(plan: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    steps = ", ".join(f"{action} {param}" for action, param in plan)
    for action, param in plan:
        if action in ("encode", "decode", "transcode") or param in (
            "decode_inconsistent_utf8",
            "replace_lossy_sequences",
            "fix_c1_controls",
            "restore_byte_a0",
        ):
            reason = f"text decoded with the wrong charset repaired (ftfy: {steps})"
            return "encoding.mojibake", reason
    for _action, param in plan:
        if param in _FTFY_RULES:
            rule, reason = _FTFY_RULES[param]
            return rule, f"{reason} (ftfy: {steps})"
    return "encoding.ftfy", f"ftfy: {steps}"


def _replacement(
    before: str,
    after: str,
    rule: str,
    reason: str,
    block: int | None,
    plan: tuple[tuple[str, str], ...] | None = None,
) -> Edit:
    """One edit covering the smallest stretch of `before` that differs from `after`."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while min(end_before, end_after) > start and before[end_before - 1] == after[end_after - 1]:
        end_before -= 1
        end_after -= 1
    action = "replace" if end_after > start else "remove"
    return Edit(
        rule,
        reason,
        action,
        before[start:end_before],
        after[start:end_after] if action == "replace" else None,
        block,
        start,
        end_before,
        plan,
    )


def _replacement_char(match: re.Match[str]) -> str:
    return "\ufffd" * len(match.group())


def _half_width(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def _removed(match: re.Match[str]) -> str:
    return ""


def _single_space(match: re.Match[str]) -> str:
    """A whitespace run becomes one space, or nothing at either end of the block."""
    at_edge = match.start() == 0 or match.end() == len(match.string)
    return "" if at_edge else " "


def _apply_each(
    text: str,
    pattern: re.Pattern[str],
    replacement: Callable[[re.Match[str]], str],
    rule: str,
    block: int | None,
    edits: list[Edit],
) -> str:
    """Replace each match of `pattern`, left to right, one edit per change.

    Each edit's offsets are in the text as it stands after the edits before it.
    """
    pieces: list[str] = []
    shift = last = 0
    for match in pattern.finditer(text):
        old, new = match.group(), replacement(match)
        if old == new:
            continue
        start = match.start() - shift
        action = "replace" if new else "remove"
        end = start + len(old)
        edits.append(Edit(rule, _describe(rule, old), action, old, new or None, block, start, end))
        pieces += (text[last : match.start()], new)
        last = match.end()
        shift += len(old) - len(new)
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _describe(rule: str, old: str) -> str:
    if rule == "encoding.surrogate":
        return "unpaired UTF-16 surrogate (not a character) replaced by U+FFFD"
    if rule == "encoding.invisible":
        names = sorted({_NAMES.get(char, f"U+{ord(char):04X}") for char in old})
        return f"invisible formatting character removed ({', '.join(names)})"
    if rule == "encoding.width":
        return "full-width characters in Latin-script text made normal width"
    return "unusual or repeated whitespace made a single space"

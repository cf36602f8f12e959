"""One typed, immutable configuration for a run, loadable from a TOML file.

    >>> config = Config()
    >>> config.limits.max_bytes
    10000000
    >>> Config.from_dict({"captions": {"max_words": 20}}).captions.max_words
    20

A `Config` is hashable, so compiled rule tables can be cached per configuration and the same
object can be shipped to worker processes. Every default below carries the reason it was chosen.

A TOML file (`cleaner clean --config FILE`) has the same sections and keys:

    language = "auto"               # or a code ("de") every document is taken to be in
    [rules]
    tables = ["my_debris.toml"]     # extra debris tables, applied after the packaged ones
    directories = ["my_rules"]      # tables named as the packaged ones (debris.sv.toml, ...)
    disable = ["debris.print"]      # rule ids to switch off
    [captions]
    max_words = 30
    [limits]
    max_bytes = 10_000_000
    max_seconds = 30                # per document; a slower one becomes a `time_limit` reject
    max_memory_mb = 2000            # per document; a hungrier one becomes a `memory_limit` reject
    [entities]
    model = "builtin"               # (default) any spaCy pipeline, or "" for none
    models = ["de=de_core_news_sm"] # the model of one language
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

_MODEL_ENTRY = re.compile(r"[a-z]{2,3}=")
_LANGUAGE = re.compile(r"auto|[a-z]{2,3}")


class ConfigError(ValueError):
    """A configuration file or value that cannot be used; the message says how to fix it."""


def is_language_entry(spec: str) -> bool:
    """Whether an entity model spec names its language: `de=de_core_news_sm`, not a path.

    >>> is_language_entry("de=de_core_news_sm"), is_language_entry("en_core_web_sm")
    (True, False)
    """
    return bool(_MODEL_ENTRY.match(spec))


@dataclass(frozen=True, slots=True)
class RulesConfig:
    """Which debris rule tables run.

    `tables` are extra TOML tables (see `cleaner/rules/debris.en.toml` for the format) applied
    after the packaged table for the language; `directories` are folders of tables named as the
    packaged ones (`debris.sv.toml`, `quotes.sv.toml`, ...: how a user adds a language), read
    after the packaged tables; `disable` switches rules off by id.
    """

    tables: tuple[str, ...] = ()
    directories: tuple[str, ...] = ()
    disable: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TitleConfig:
    """How a plain-text headline line is recognised.

    max_words: 25, because news headlines run 6-15 words and decks rarely exceed 25; a longer
    first line is prose and stays in the body.
    """

    max_words: int = 25


@dataclass(frozen=True, slots=True)
class CaptionsConfig:
    """How orphaned photo captions are recognised.

    max_words: 30, because captions are one line; longer text is prose and is always kept.
    """

    max_words: int = 30


@dataclass(frozen=True, slots=True)
class LimitsConfig:
    """Per-document limits; a document over one becomes a reject naming the limit.

    max_bytes: 10 MB. News pages are 50 KB to 2 MB; pages past 10 MB are almost always inline
    images or data dumps and cost seconds and hundreds of MB to parse.
    max_html_depth: 2,000 nested elements. Real pages stay under 100; libxml2 would otherwise
    stop at 256 and silently drop everything deeper, so we parse deeper and reject beyond this.
    max_seconds: 30 per document. A news page takes 10-200 ms with entities; a page that takes
    150 times that is pathological (a regex or parser blow-up) and would hold a worker hostage.
    max_memory_mb: 2,000 MB that the process may grow by while one document runs (enforced
    on Linux). A news page of 1-2 MB grows a worker by 15-25 MB, a page at the 10 MB size
    limit by about 70 MB, and the first document of a language loads its tables and entity
    model (5-12 MB on disk); 2,000 MB is 30 times the largest of these, so only a
    pathological document reaches it, and it is below the memory a core has on most machines,
    so the limit bites before the kernel's out-of-memory killer does.
    """

    max_bytes: int = 10_000_000
    max_html_depth: int = 2_000
    max_seconds: float = 30.0
    max_memory_mb: int = 2_000


@dataclass(frozen=True, slots=True)
class EntitiesConfig:
    """The entity models: `model` for every language (`builtin`, the packaged model of the
    document's language where there is one; a spaCy package name or path, run on the language
    it was trained for; `None` for no entities), and `models`, `lang=spec` entries that pick
    the model of one language (`de=de_core_news_sm`; `fr=` for none).

    >>> EntitiesConfig(models=("de=de_core_news_sm",)).for_language("de")
    'de_core_news_sm'
    >>> EntitiesConfig().for_language("fr")
    'builtin'
    """

    model: str | None = "builtin"
    models: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for entry in self.models:
            if not is_language_entry(entry):
                raise ConfigError(
                    f"entities.models entry {entry!r} must be LANG=MODEL, e.g. de=de_core_news_sm"
                )

    def by_language(self) -> dict[str, str]:
        """The `models` entries as {language: spec}; a later entry wins."""
        return dict(entry.split("=", 1) for entry in self.models)

    def for_language(self, language: str) -> str | None:
        """The model spec for documents in `language` ("" for none chosen for it)."""
        return self.by_language().get(language, self.model or None)


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes what `process` produces.

    `language`: "auto" (the default: each document's language is decided from what it
    declares, checked against its text, see `cleaner.language`), or a language code ("de")
    that every document is taken to be in.
    """

    language: str = "auto"
    rules: RulesConfig = field(default_factory=RulesConfig)
    title: TitleConfig = field(default_factory=TitleConfig)
    captions: CaptionsConfig = field(default_factory=CaptionsConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)

    def __post_init__(self) -> None:
        if not _LANGUAGE.fullmatch(self.language):
            raise ConfigError(
                f"language must be 'auto' or a lower-case ISO 639 code such as 'de', "
                f"got {self.language!r}"
            )

    @classmethod
    def from_toml(cls, path: str | Path) -> Config:
        """Load a TOML file; relative rule-table paths and directories are taken relative to
        the file."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found; check the --config path") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML ({error}); fix the file") from None
        for key in ("tables", "directories"):
            paths = data.get("rules", {}).get(key, [])
            if isinstance(paths, list):
                data.setdefault("rules", {})[key] = [
                    str((path.parent / item).resolve()) if isinstance(item, str) else item
                    for item in paths
                ]
        try:
            return cls.from_dict(data)
        except ConfigError as error:
            raise ConfigError(f"{path}: {error}") from None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        """Build from nested dicts, rejecting unknown keys and wrong types with a clear message."""
        return _build(cls, data, "")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (sets sorted), as a run's manifest records them.

        >>> Config().to_dict()["limits"]["max_seconds"]
        30.0
        """
        return _plain(self)

    def with_entities(self, model: str | None, models: tuple[str, ...] = ()) -> Config:
        """A copy with another entity model for every language (`None` turns entities off)
        and `lang=spec` models for some languages."""
        return replace(self, entities=EntitiesConfig(model=model, models=models))


def _build(cls: type, data: dict[str, Any], prefix: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(f"[{prefix.rstrip('.')}] must be a table")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(
            f"unknown key {prefix}{unknown[0]!s}; allowed here: {', '.join(sorted(known))}"
        )
    defaults = cls()
    values: dict[str, Any] = {}
    for name, value in data.items():
        key = f"{prefix}{name}"
        values[name] = _coerce(getattr(defaults, name), value, key)
    return cls(**values)


def _coerce(default: Any, value: Any, key: str) -> Any:
    """Check `value` against the type of `default` and convert TOML lists to tuples/sets."""
    if hasattr(default, "__dataclass_fields__"):
        return _build(type(default), value, key + ".")
    if isinstance(default, tuple | frozenset):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{key} must be a list of strings, got {value!r}")
        return type(default)(value)
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(f"{key} must be a positive number, got {value!r}")
        return float(value)
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{key} must be a positive integer, got {value!r}")
        return value
    if not (isinstance(value, str) or (default is None and value is None)):
        raise ConfigError(f"{key} must be a string, got {value!r}")
    return value


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value

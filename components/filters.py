"""The one ``Filter`` value: the single truth of what the analyst is looking at.

Sidebar widgets, chart clicks and box selections, table row selections and the URL query string
all read and write a ``Filter``; every query in :mod:`components.query` takes one. Within a field
the values are alternatives (any of these actors); across fields they all apply (these actors
AND this date range AND this text).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Iterable, Mapping

from .ingest.dates import EARLIEST, LATEST, WINDOW

# Fields that hold a set of values (tuples, kept sorted so equal filters compare equal and
# cache the same), with the label a chip shows for them.
LIST_FIELDS = {
    "actors": "Actor",
    "actor_types": "Actor type",
    "places": "Place",
    "countries": "Country",
    "sources": "Source",
    "languages": "Language",
    "tags": "Tag",
}
ACTOR_TYPES = ("person", "organization", "state", "group")


def value_label(field: str, value: str) -> str:
    """How the app shows ``value`` of the Filter list field ``field`` (in the sidebar's lists and
    on chips): a country or a language by its name and code ("Ghana (GH)", "German (de)"), the
    code alone when it has no known name; other values as they are."""
    if field == "countries":
        from .lexicon.countries import display_name

        name = display_name(str(value).upper())
    elif field == "languages":
        from .lexicon.languages import language_name

        name = language_name(value)
    else:
        return value
    return f"{name} ({value})" if name else value
#: The dates a date range is picked within, inclusive (a browser's date slider cannot span much
#: more: Streamlit's allows 1684–2255). Articles dated outside it are counted and listed like any
#: other, but not drawn on a time axis; ingest refuses such dates from now on, older stores may
#: still hold them. The window itself is declared once, in :mod:`components.ingest.dates`.
DATE_WINDOW = (EARLIEST, LATEST)
#: The window as an analyst reads it: "1800–2100".
DATE_WINDOW_TEXT = WINDOW


@dataclass(frozen=True)
class Filter:
    """What the analyst is looking at. Empty fields do not filter.

    actors: canonical actor names (``actors.actor`` in the store).
    actor_types: any of :data:`ACTOR_TYPES`: articles that mention an actor of that type.
    places: gazetteer place names (``places.name``).
    countries: ISO 3166 alpha-2 codes (``places.country_code``).
    date_from / date_to: inclusive publication-date range; articles without a date are
        excluded once either bound is set.
    sources: ``articles.source`` values.
    languages: ``articles.language`` values: ISO 639-1 codes, or ``und`` (undetermined).
    text: a search in the analyst's syntax (words, "phrases", OR, NOT / -word, prefix*; see
        :mod:`components.query.search_syntax`) over the article's title, body and quotes, case-
        and accent-insensitive; URL key ``q``.
    tags: the analyst's tags (``tags.tag``): articles tagged so, or mentioning an actor tagged so.
    """

    actors: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    sources: tuple[str, ...] = ()
    text: str = ""
    languages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in LIST_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(sorted({v for v in value if v})))
        object.__setattr__(self, "text", " ".join((self.text or "").split()))
        if self.date_from and self.date_to and self.date_from > self.date_to:
            start, end = self.date_to, self.date_from
            object.__setattr__(self, "date_from", start)
            object.__setattr__(self, "date_to", end)

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return self == Filter()

    def toggle(self, field: str, value: str) -> "Filter":
        """A copy with ``value`` added to the list field ``field``, or removed if present (a
        second click on the same bar un-selects it)."""
        current = getattr(self, field)
        new = tuple(v for v in current if v != value) if value in current else (*current, value)
        return replace(self, **{field: new})

    def add(self, field: str, values: Iterable[str]) -> "Filter":
        """A copy with ``values`` added to the list field ``field``."""
        return replace(self, **{field: (*getattr(self, field), *values)})

    def without(self, field: str, value: str | None = None) -> "Filter":
        """A copy with ``value`` removed from ``field`` (a list field), or the field cleared
        (``value`` None, or a scalar field such as ``text``). The date range is one filter:
        ``date_from`` or ``date_to`` clears both bounds (the "Dates" chip)."""
        if field in LIST_FIELDS and value is not None:
            return replace(self, **{field: tuple(v for v in getattr(self, field) if v != value)})
        if field in ("date_from", "date_to"):
            return replace(self, date_from=None, date_to=None)
        default = next(f.default for f in fields(self) if f.name == field)
        return replace(self, **{field: default})

    def with_dates(self, start: date | None, end: date | None) -> "Filter":
        """A copy with the inclusive date range ``start``–``end``."""
        return replace(self, date_from=start, date_to=end)

    def chips(self) -> list[tuple[str, str | None, str]]:
        """The active filters as ``(field, value, label)``, in a stable order; passing
        ``field`` and ``value`` to :meth:`without` removes the chip."""
        out: list[tuple[str, str | None, str]] = []
        for name, label in LIST_FIELDS.items():
            out += [(name, v, f"{label}: {value_label(name, v)}") for v in getattr(self, name)]
        if self.date_from or self.date_to:
            span = f"{self.date_from or '…'} – {self.date_to or '…'}"
            out.append(("date_from", None, f"Dates: {span}"))
        if self.text:
            out.append(("text", None, f"Search: {self.text}"))
        return out

    def to_query_params(self) -> dict[str, list[str]]:
        """The filter as URL query parameters (only non-empty fields), so that a copied link
        reopens the same view: ``{"actors": ["Bashar Al Assad"], "from": ["2024-12-01"]}``."""
        out: dict[str, list[str]] = {name: list(getattr(self, name)) for name in LIST_FIELDS
                                     if getattr(self, name)}
        if self.date_from:
            out["from"] = [self.date_from.isoformat()]
        if self.date_to:
            out["to"] = [self.date_to.isoformat()]
        if self.text:
            out["q"] = [self.text]
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Iterable[str]]) -> "Filter":
        """Read :meth:`to_query_params` output back (values may be a string or a list, as
        ``st.query_params.to_dict()`` and ``get_all`` give them). Unknown keys and unreadable
        dates are ignored, so a hand-edited link never breaks the page."""

        def values(key: str) -> list[str]:
            raw = params.get(key)
            if raw is None:
                return []
            return [raw] if isinstance(raw, str) else [str(v) for v in raw]

        def day(key: str) -> date | None:
            for v in values(key):
                try:
                    return date.fromisoformat(v)
                except ValueError:
                    return None
            return None

        kw = {name: tuple(values(name)) for name in LIST_FIELDS}
        kw["actor_types"] = tuple(t for t in kw["actor_types"] if t in ACTOR_TYPES)
        text = values("q")
        return cls(**kw, date_from=day("from"), date_to=day("to"), text=text[0] if text else "")

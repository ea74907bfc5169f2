"""The small typed records that flow through Dateline.

``Article`` comes out of ingest; ``Entity``, ``Place`` and ``Quote`` come out of the extraction
modules (:mod:`components.actors`, :mod:`components.places`, :mod:`components.quotes`);
``Extraction`` bundles them per article and is what both the store and the ``extract`` command
write (see the extraction contract in DESIGN.md). All offsets are character offsets into
``Article.text``, end exclusive.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field


def content_id(text: str) -> str:
    """Return the article id for ``text``: the first 16 hex digits of the SHA-256 of the text
    with Unicode normalised (NFC) and whitespace collapsed, so that the same story read from a
    .txt and from a .jsonl (or with CRLF line ends) gets the same id."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article as ingested.

    id: content hash of ``text`` (see :func:`content_id`); the store's primary key.
    text: the body as stored (a header line such as ``date 2024-12-02 MOSCOW:`` removed).
    date: publication date as ``YYYY-MM-DD`` or None.
    dateline: place names from the dateline, in order (``["Moscow", "Tehran"]``).
    title, source, url: as given by the input, or None.
    origin: where it was read from (``path`` or ``archive.zip!member.txt``).
    source_id: the id the input gave the article (a JSONL/CSV ``id``), else None; the
        ``extract`` command writes it back as ``id`` so that evaluation ids survive.
    language: ISO 639-1 code of the text's language (``"en"``), ``"und"`` when undetermined, or
        None when not detected yet (:func:`components.nlp.language.detect_language`, run once
        per article by :func:`components.extraction.extract_articles`; stored in the store).
    """

    id: str
    text: str
    date: str | None = None
    dateline: tuple[str, ...] = ()
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None
    source_id: str | None = None
    language: str | None = None

    @classmethod
    def from_text(cls, text: str, **fields) -> "Article":
        """Build an article whose id is the content hash of ``text``."""
        if "dateline" in fields and fields["dateline"] is not None:
            fields["dateline"] = tuple(fields["dateline"])
        return cls(id=content_id(text), text=text, **fields)

    @property
    def n_words(self) -> int:
        """Whitespace-separated words in the body (the unit of every throughput figure)."""
        return len(self.text.split())


@dataclass(frozen=True)
class Problem:
    """A file (or zip member) that could not be ingested: ``origin`` names it, ``reason`` says
    why in words a user can act on (``"empty file"``, ``"binary file (NUL bytes)"``…)."""

    origin: str
    reason: str


@dataclass
class Entity:
    """A named-entity mention and the actor it stands for.

    label: spaCy label (PERSON, ORG, GPE, LOC, NORP, FAC, …).
    actor: canonical actor name, or None for mentions that are not actors (dates, money…).
    actor_type: ``person`` | ``organization`` | ``state`` | ``group`` | None.
    role: a title or role split off the mention or found next to it (``"Kremlin spokesman"``).
    """

    start: int
    end: int
    text: str
    label: str
    actor: str | None = None
    actor_type: str | None = None
    role: str | None = None


@dataclass
class Place:
    """A toponym in the text, resolved against the gazetteer.

    name: the gazetteer's name for the place (``"Kyiv"`` for "Kiev"); None if unresolved.
    feature: ``country`` | ``admin`` | ``city`` | ``other`` (continents, regions, seas…).
    start/end may be None for a place known only from the dateline (not in the body text).
    in_organisation: the organisation name the toponym is part of ("Arctic Research Forum" for
        "Arctic", "Ohio Department of Transportation" for "Ohio"), else None. Such a place is
        kept (benchmarks count it as a toponym) but it is no place the article speaks of: the
        store does not draw or count it.
    """

    start: int | None
    end: int | None
    text: str
    name: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    in_organisation: str | None = None


@dataclass
class Quote:
    """A direct quote.

    start/end: span of the quoted content including its quotation marks; for a split quote
    (``"A," he said, "B."``) from the first opening to the last closing mark, with the
    individual pieces in ``spans``.
    content: the quoted words (marks and the interrupting attribution removed).
    kind: ``full`` (the quote is the reported statement) | ``partial`` (a quoted phrase inside
        a reported sentence).
    speaker: resolved speaker name (a pronoun or title resolved to the named actor), or None.
    speaker_start/speaker_end: the speaker mention as written ("he", "the spokesman", "Peskov").
    cue: the reporting verb or phrase ("said", "told", "according to").
    """

    start: int
    end: int
    content: str
    kind: str = "full"
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one article by one pipeline version."""

    article: Article
    pipeline_version: str
    entities: list[Entity]
    places: list[Place]
    quotes: list[Quote]
    dateline_places: list[Place] = field(default_factory=list)

    def to_contract(self) -> dict:
        """The JSON object of the extraction contract (DESIGN.md) for this article."""
        a = self.article
        return {
            "id": a.source_id or a.id,
            "date": a.date,
            "dateline": list(a.dateline),
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "language": a.language,
            "text": a.text,
            "pipeline_version": self.pipeline_version,
            # their fields hold plain values: a copy of each record's __dict__ is what asdict gives,
            # without its deep copy (a fifth of the cost, in the process that writes the store)
            "entities": [dict(vars(e)) for e in self.entities],
            "places": [dict(vars(p)) for p in self.places],
            "dateline_places": [dict(vars(p)) for p in self.dateline_places],
            "quotes": [_quote_contract(q) for q in self.quotes],
        }


def _quote_contract(q: Quote) -> dict:
    """A quote as in the contract; its pieces go out as ``content_spans`` (the scorers' name)."""
    d = dict(vars(q))
    pieces = d.pop("spans")
    d["content_spans"] = [list(s) for s in pieces] if pieces else [[q.start, q.end]]
    return d


def from_plain(rows: list[dict] | None, record: type, step: str) -> list:
    """The records of type ``record`` (such as :class:`Entity`) rebuilt from ``rows``, the plain
    dicts of their fields that the rule step named ``step`` stored on a Doc (``doc._.actors``…:
    plain data, because Docs travel back from spaCy's worker processes as msgpack).

    Raises ValueError when ``rows`` is None: the Doc has not been through that step."""
    if rows is None:
        raise ValueError(f"the Doc has not been through the rule step {step!r}")
    return [record(**fields) for fields in rows]

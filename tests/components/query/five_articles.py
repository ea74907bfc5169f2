"""Five articles built by hand (no spaCy model) for the query tests: two actors under one
canonical name ("Okafor" is an alias of "Jane Okafor"), places with and without a dateline, an
undated article, quotes with and without a speaker."""
from __future__ import annotations

from components import query
from components.filters import Filter
from components.records import Article, Entity, Extraction, Place, Quote
from components.store import Store

LONDON = dict(name="London", country_code="GB", lat=51.51, lon=-0.13, geonameid=2643743, feature="city")
PARIS = dict(name="Paris", country_code="FR", lat=48.85, lon=2.35, geonameid=2988507, feature="city")
NAIROBI = dict(name="Nairobi", country_code="KE", lat=-1.28, lon=36.82, geonameid=184745, feature="city")
KENYA = dict(name="Kenya", country_code="KE", lat=1.0, lon=38.0, geonameid=192950, feature="country")


def make(text: str, *, day: str | None, source: str, title: str,
         entities: tuple = (), places: tuple = (), quotes: tuple = (), dateline: tuple = ()) -> Extraction:
    """An extraction of ``text`` with offsets found by searching the text.

    entities: ``(surface, label, actor, actor_type, role)``; places: ``(surface, gazetteer
    fields)``; quotes: ``(content, speaker, speaker surface or None)``; dateline: gazetteer
    fields of dateline places."""
    def span(surface: str) -> tuple[int, int]:
        start = text.index(surface)
        return start, start + len(surface)

    ents = [Entity(*span(s), s, label, actor, kind, role) for s, label, actor, kind, role in entities]
    plcs = [Place(*span(s), s, **fields) for s, fields in places]
    qts = []
    for content, speaker, said_by in quotes:
        start, end = span(f"\u201c{content}\u201d")
        sp = span(said_by) if said_by else (None, None)
        qts.append(Quote(start, end, content, "full", speaker, *sp, "said" if speaker else None,
                         [(start + 1, end - 1)]))
    article = Article.from_text(text, date=day, title=title, source=source,
                                dateline=tuple(d["name"] for d in dateline), language="en")
    return Extraction(article, "v1", ents, plcs, qts,
                      [Place(None, None, d["name"], **d) for d in dateline])


A1 = make("Jane Okafor of the Harbour Council said \u201cWe are ready.\u201d in London.",
          day="2024-03-01", source="wire", title="Ready in London",
          entities=(("Jane Okafor", "PERSON", "Jane Okafor", "person", "trade minister"),
                    ("Harbour Council", "ORG", "Harbour Council", "organization", None)),
          places=(("London", LONDON),),
          quotes=(("We are ready.", "Okafor", "Jane Okafor"),))
A2 = make("Okafor met Tom Reyes in Paris. Reyes said \u201cTalks went well.\u201d",
          day="2024-03-03", source="gazette", title="Paris talks",
          entities=(("Okafor", "PERSON", "Okafor", "person", None),
                    ("Tom Reyes", "PERSON", "Tom Reyes", "person", "envoy")),
          places=(("Paris", PARIS),),
          quotes=(("Talks went well.", "Tom Reyes", "Reyes"),))
A3 = make("The Harbour Council said \u201cRates stay.\u201d A spokesman, Ali Said, agreed: \u201cNo change.\u201d",
          day="2024-03-05", source="wire", title="Rates",
          entities=(("Harbour Council", "ORG", "Harbour Council", "organization", None),),
          quotes=(("Rates stay.", "Harbour Council", "The Harbour Council"),
                  ("No change.", "Ali Said", "Ali Said")),
          dateline=(NAIROBI,))
A4 = make("Tom Reyes visited London again.", day=None, source="wire", title="Undated visit",
          entities=(("Tom Reyes", "PERSON", "Tom Reyes", "person", None),),
          places=(("London", LONDON),))
A5 = make("Kenya offers a 50%_discount on port fees, \u201cfor now.\u201d",
          day="2024-03-05", source="gazette", title="Port fees",
          entities=(("Kenya", "GPE", "Kenya", "state", None),),
          places=(("Kenya", KENYA),),
          quotes=(("for now.", None, None),))
ALL = (A1, A2, A3, A4, A5)
ID = {name: x.article.id for name, x in zip(("A1", "A2", "A3", "A4", "A5"), ALL)}


def ids(store: Store, f: Filter) -> set[str]:
    """The names (A1…) of the articles the Filter selects, through :func:`query.articles`."""
    got = set(query.articles(store, f)["article_id"])
    return {name for name, id_ in ID.items() if id_ in got}

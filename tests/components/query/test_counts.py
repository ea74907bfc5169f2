"""components.query.counts: the overview counts, the date span and the sidebar's choices."""
from __future__ import annotations

from datetime import date

from components import query
from components.filters import Filter
from components.store import Store


def test_overview_counts_the_filtered_articles(store: Store):
    assert query.overview(store, Filter()) == {
        "articles": 5, "actors": 4, "places": 4, "quotes": 5, "sources": 2, "days": 3, "undated": 1}
    assert query.overview(store, Filter(actors=("Jane Okafor",))) == {
        "articles": 2, "actors": 3, "places": 2, "quotes": 1, "sources": 2, "days": 2, "undated": 0}
    assert query.overview(store, Filter(actor_types=("organization",)))["actors"] == 1  # as top_actors


def test_date_span_and_choices(store: Store):
    assert query.date_span(store) == {"first": date(2024, 3, 1), "last": date(2024, 3, 5), "dated": 4,
                                      "outside": 0, "undated": 1, "future": 0}
    assert query.date_span(store, Filter(date_from=date(2024, 3, 2)))["undated"] == 0  # a range leaves them out
    c = query.choices(store)
    assert c["actors"][:2] == ["Harbour Council", "Jane Okafor"]  # 2 mentions each, then by name
    assert set(c["actors"]) == {"Harbour Council", "Jane Okafor", "Tom Reyes", "Kenya"}
    assert c["places"][0] == "London" and set(c["places"]) == {"London", "Paris", "Nairobi", "Kenya"}
    assert c["countries"] == ["FR", "GB", "KE"] and c["sources"] == ["gazette", "wire"]


def test_not_analysed_counts_articles_a_pipeline_of_another_language_passed_over(tmp_path):
    from components.records import Article, Extraction, content_id

    version = "en_core_web_sm@3.8.0+rules-0123456789ab"
    texts = {"de": "Die Hafenbehörde teilte am Montag mit, dass das neue Terminal im Frühjahr öffnet.",
             "es": "La autoridad portuaria dijo el lunes que la nueva terminal abrirá en primavera.",
             "en": "The port authority said on Monday that the new terminal would open in the spring.",
             "und": "Port opens."}
    s = Store(tmp_path / "languages.duckdb")
    s.write([Extraction(Article.from_text(t, language=lang, source="wire" if lang != "es" else "diario"),
                        version, [], [], []) for lang, t in texts.items()])
    s.add_articles([Article.from_text("Le port ouvrira au printemps, a dit l'autorité portuaire lundi.",
                                      language="fr")])  # not extracted yet: not counted
    assert query.not_analysed(s, Filter()) == {"de": 1, "es": 1}
    assert query.not_analysed(s, Filter(sources=("wire",))) == {"de": 1}
    assert query.not_analysed(Store(tmp_path / "missing.duckdb"), Filter()) == {}
    # The languages facet: offered by article count, and filtering every view.
    assert query.choices(s)["languages"] == ["de", "en", "es", "fr", "und"]
    assert set(query.articles(s, Filter(languages=("de", "es")))["article_id"]) == {
        content_id(texts["de"]), content_id(texts["es"])}
    assert query.overview(s, Filter(languages=("en",)))["articles"] == 1
    assert query.not_analysed(s, Filter(languages=("en", "es"))) == {"es": 1}


def test_extraction_versions_name_the_articles_an_older_pipeline_analysed(tmp_path):
    """After an upgrade an ingest re-extracts only its own inputs: the store then holds articles
    analysed by older rules, which the CLI's info and the Data page name, with the command."""
    from components.records import Article, Extraction

    old, new, french = ("en_core_web_sm@3.8.0+rules-0123456789ab", "en_core_web_sm@3.8.0+rules-ba9876543210",
                        "fr_core_news_sm@3.8.0+rules-0123456789ab")
    english = [Article.from_text(f"The port authority said on day {i} that the terminal would open.", language="en")
               for i in range(3)]
    s = Store(tmp_path / "versions.duckdb")
    s.write([Extraction(a, old, [], [], []) for a in english])
    s.write([Extraction(Article.from_text("Le port ouvrira au printemps, a dit l'autorité portuaire lundi.",
                                          language="fr"), french, [], [], []),
             # a German article the English pipeline passed over: nothing of it would change
             Extraction(Article.from_text("Die Hafenbehörde teilte mit, dass das Terminal öffnet.", language="de"),
                        old, [], [], [])])
    # Compared with the store's latest (this Dateline's versions unknown): each pipeline has one.
    assert query.older_versions_note(query.extraction_versions(s), "v.duckdb", installed=False) is None
    # Compared with this Dateline's: the whole store is behind its English rules (an upgrade).
    upgraded = query.extraction_versions(s, {"en": new, "fr": french})
    assert list(upgraded["up_to_date"]) == [True, False]  # (the French article, written later, first)
    assert query.older_versions_note(upgraded, "v.duckdb").startswith(
        f"3 of 4 analysed articles were analysed by another version of the model or rules ({old}) than this "
        f"Dateline's ({new})")

    s.write([Extraction(english[0], new, [], [], [])])  # a later ingest re-read one file
    for installed in (None, {"en": new}, [("en", new), ("fr", french)]):
        versions = query.extraction_versions(s, installed)
        assert dict(zip(versions["version"], zip(versions["n_articles"], versions["up_to_date"]))) == {
            new: (1, True), old: (2, False), french: (1, True)}
        assert list(versions["version"])[0] == new  # the latest extraction first
    note = query.older_versions_note(versions, "v.duckdb")
    assert note.startswith(f"2 of 4 analysed articles were analysed by another version of the model or rules ({old})")
    assert "`python -m components reextract --db v.duckdb`" in note and "Dask" not in note  # (minutes)
    # A store of a million stories behind: the note says how long one core takes, and the cluster.
    big = versions.assign(n_words=[300 if current else 300_000_000 for current in versions["up_to_date"]])
    assert "Their 300,000,000 words take ~17 hours on one core: on a Dask cluster, add `--engine dask" in (
        query.older_versions_note(big, "v.duckdb"))
    assert query.extraction_versions(Store(tmp_path / "missing.duckdb")).empty

"""Extraction with the model: the rule steps run unchanged on a Doc joined from pieces (how long
texts are parsed), since they use nothing ``Doc.from_docs`` drops (tensors, cats) and sentences
and entities survive; and worker processes run the whole extraction, rule steps included.
Without a model (blank pipelines whose entity rulers stand for NER): each article goes to its
language's pipeline, in order, in worker processes too."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest
from spacy.tokens import Doc

from components.actors import component as actors_component
from components.extraction import doc_values, extract_articles, extract_doc
from components.ingest import read_paths
from components.nlp import Pipelines, run_rule_pipes
from components.places import component as places_component
from components.quotes import component as quotes_component
from components.records import Article
from tests.handmade_docs import blank_pipeline


ENGLISH = Article.from_text("Officials said on Monday that Maria Santos would resign from the port authority in Lisbon "
                            "next month.")
FRENCH = [Article.from_text(text) for text in (
    "Les autorités ont annoncé lundi que Maria Santos allait démissionner de la direction du port de Lisbonne.",
    "Le maire a confirmé mardi que Maria Santos présiderait la commission du port jusqu'à la fin de l'année.",
    "La ministre a expliqué jeudi que Maria Santos resterait à la tête du port pendant les travaux.")]
GERMAN = Article.from_text("Die Behörden teilten am Montag mit, dass Maria Santos als Leiterin des Hafens von "
                           "Lissabon zurücktreten werde.")


@pytest.fixture(scope="module")
def two_languages() -> Pipelines:
    """English (the default) and French blank pipelines; the French one labels people PER."""
    return Pipelines(blank_pipeline("en", [("Maria Santos", "PERSON")]),
                     {"fr": blank_pipeline("fr", [("Maria Santos", "PER")])})


@pytest.mark.parametrize("workers", [1, 2])
def test_each_article_goes_to_its_languages_pipeline_in_order(two_languages, workers):
    articles = [GERMAN, FRENCH[0], ENGLISH, *FRENCH[1:], Article.from_text("Santos quits.")]
    out = list(extract_articles(articles, nlp=two_languages, batch_size=1, workers=workers))
    assert [ex.article.id for ex in out] == [a.id for a in articles]
    assert [ex.article.language for ex in out] == ["de", "fr", "en", "fr", "fr", "und"]
    assert [ex.pipeline_version.partition("@")[0] for ex in out] == [
        "en_pipeline", "fr_pipeline", "en_pipeline", "fr_pipeline", "fr_pipeline", "en_pipeline"]
    # French and English (and undetermined) are analysed, each by its own pipeline: the French
    # model's PER is Dateline's PERSON; German is stored with nothing found.
    for ex in out[1:5]:
        assert [(e.text, e.label, e.actor_type) for e in ex.entities] == [("Maria Santos", "PERSON", "person")]
    assert (out[0].entities, out[0].places, out[0].quotes) == ([], [], [])


def test_one_pipeline_alone_analyses_only_its_language(two_languages):
    out = list(extract_articles([FRENCH[0], ENGLISH], nlp=two_languages.default))
    assert [bool(ex.entities) for ex in out] == [False, True]


def with_values(doc: Doc, article: Article) -> Doc:
    """``doc`` with the extension values the extract path gives ``article``'s Doc."""
    for name, value in doc_values(article).items():
        doc._.set(name, value)
    return doc


@pytest.mark.model
def test_rules_give_the_same_results_on_a_doc_joined_from_pieces(nlp, seed_path):
    (article,) = read_paths(seed_path)
    assert article.dateline
    whole = nlp(with_values(nlp.make_doc(article.text), article))
    # Cut the parsed doc at every paragraph that starts a sentence, as the long-text path cuts
    # a text, and join the pieces again the way pipe_with_context does.
    starts = {s.start_char for s in whole.sents}
    cuts = [m.end() for m in re.finditer(r"\n\n", article.text) if m.end() in starts]
    assert len(cuts) >= 5
    bounds = [0, *cuts, len(article.text)]
    pieces = [whole.char_span(a, b).as_doc() for a, b in zip(bounds, bounds[1:])]
    joined = Doc.from_docs(pieces, ensure_whitespace=False)
    assert joined.text == article.text
    assert [s.start_char for s in joined.sents] == [s.start_char for s in whole.sents]

    expected = extract_doc(whole, article, "v")
    got = extract_doc(run_rule_pipes(nlp, with_values(joined, article)), article, "v")
    assert expected.entities and expected.quotes and expected.places
    assert got.entities == expected.entities
    assert got.places == expected.places and got.dateline_places == expected.dateline_places
    assert got.quotes == expected.quotes


def test_a_long_text_parsed_in_pieces_has_sentences_and_entities_that_respect_the_joins(nlp, monkeypatch):
    from components.nlp import PIECE_CHARS, pipe_with_context, split_text

    monkeypatch.setattr(nlp, "max_length", 20_000)
    paragraph = ("Harbour workers in Lima gathered outside the ministry on Wednesday. A spokesman for "
                 "the port authority, Rafael Quintero, said talks would resume next week.\n\n")
    text = paragraph * (60_000 // len(paragraph))
    ((doc, _),) = pipe_with_context(nlp, [(text, None)])
    assert doc.text == text
    joins, pos = [], 0
    for piece in split_text(text, PIECE_CHARS)[:-1]:
        pos += len(piece)
        joins.append(pos)
    assert len(joins) >= 5
    assert set(joins) <= {s.start_char for s in doc.sents}
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) == text.count("Rafael Quintero")
    assert all(text[e.start_char:e.end_char] == "Rafael Quintero" for e in people)


def _only_in_a_worker(*args, **kwargs):
    raise AssertionError("a rule step ran in the parent process")


def test_worker_processes_run_the_whole_extraction_and_give_what_one_process_gives(nlp, seed_path, small_corpus,
                                                                                 monkeypatch):
    articles = [a for a in read_paths([seed_path, small_corpus]) if isinstance(a, Article)]
    one = [ex.to_contract() for ex in extract_articles(articles, nlp=nlp, batch_size=2)]
    assert sum(bool(ex["dateline_places"]) for ex in one) >= 2 and any(ex["quotes"] for ex in one)
    # This process can no longer run a rule step; spawned workers import the real ones.
    monkeypatch.setattr(actors_component, "find_actors", _only_in_a_worker)
    monkeypatch.setattr(places_component, "find_places", _only_in_a_worker)
    monkeypatch.setattr(quotes_component, "find_quotes", _only_in_a_worker)
    with pytest.raises(AssertionError, match="parent"):
        list(extract_articles(articles[:1], nlp=nlp))
    two = [ex.to_contract() for ex in extract_articles(articles, nlp=nlp, batch_size=2, workers=2)]
    assert two == one


def test_only_articles_in_the_pipeline_language_are_parsed_and_order_is_kept(nlp):
    english = Article.from_text("Officials in Lisbon said on Monday that Maria Santos, the port director, "
                                "would resign, and she told reporters in Porto that the harbour would be rebuilt.")
    french = Article.from_text("Les autorités de Lisbonne ont annoncé lundi que Maria Santos, directrice du port, "
                               "allait démissionner, et elle a déclaré à Porto que le port serait reconstruit.")
    short = Article.from_text("Santos quits.")
    out = list(extract_articles([french, english, short, french], nlp=nlp))
    assert [ex.article.id for ex in out] == [french.id, english.id, short.id, french.id]
    assert [ex.article.language for ex in out] == ["fr", "en", "und", "fr"]
    for ex in (out[0], out[3]):
        assert (ex.entities, ex.places, ex.quotes, ex.dateline_places) == ([], [], [], [])
    # The English article's results are what the pipeline gives its Doc.
    assert out[1] == extract_doc(nlp(english.text), replace(english, language="en"), out[1].pipeline_version)
    assert out[1].entities and out[1].places


FRENCH_NEWS = (
    "Le ministre de l'Intérieur, Gérald Lambert, s'est rendu lundi à Lyon après les inondations. "
    "« Nous ne laisserons personne sans aide », a déclaré Gérald Lambert devant la préfecture.\n"
    "La Commission européenne a promis une aide de dix millions d'euros. « Les besoins sont immenses », "
    "a-t-il ajouté, avant de partir pour Grenoble.")


def test_a_french_article_gets_french_actors_places_and_quotes(pipelines):
    [ex] = extract_articles([Article.from_text(FRENCH_NEWS)], nlp=pipelines)
    assert ex.article.language == "fr" and ex.pipeline_version.startswith("fr_core_news_sm@")
    actors = {(e.actor, e.actor_type) for e in ex.entities if e.actor}
    assert ("Gérald Lambert", "person") in actors
    assert ("Commission européenne", "organization") in actors
    assert {(p.name, p.country_code) for p in ex.places} >= {("Lyon", "FR"), ("Grenoble", "FR")}
    assert [(q.content, q.speaker, q.cue) for q in ex.quotes] == [
        ("Nous ne laisserons personne sans aide", "Gérald Lambert", "déclaré"),
        ("Les besoins sont immenses", "Gérald Lambert", "ajouté")]


def test_english_articles_come_out_of_the_pipelines_as_out_of_the_english_one(pipelines, nlp, seed_path):
    articles = [a for a in read_paths([seed_path]) if isinstance(a, Article)]
    assert [ex.to_contract() for ex in extract_articles(articles, nlp=pipelines)] == [
        ex.to_contract() for ex in extract_articles(articles, nlp=nlp)]


def test_merging_across_articles_takes_an_acronym_to_the_name_articles_spell_it_out_as():
    """As the store's rebuild does: "EU" alone in one article is the "European Union" two other
    articles resolved their "EU" to; a surname goes to the one full name ending in it."""
    from components.extraction import merge_actors_across
    from components.records import Entity, Extraction

    def article(text: str, origin: str) -> Extraction:
        long_form = "European Union" in text
        entities = [Entity(m.start(), m.end(), m.group(), "ORG", "European Union" if long_form else "EU", "organization")
                    for m in re.finditer(r"European Union|EU", text)]
        entities += [Entity(m.start(), m.end(), m.group(), "PERSON", m.group(), "person")
                     for m in re.finditer(r"Ursula von der Leyen|von der Leyen", text)]
        return Extraction(Article.from_text(text, title="EU", origin=origin, language="en"), "v1", entities, [], [], [])

    merged = merge_actors_across([article("The European Union met. The EU agreed.", "a.txt"),
                                  article("Ursula von der Leyen of the European Union said the EU would act.", "b.txt"),
                                  article("The EU met again; von der Leyen spoke.", "c.txt")])
    assert [(e.text, e.actor) for e in merged[2].entities] == [("EU", "European Union"),
                                                              ("von der Leyen", "Ursula von der Leyen")]

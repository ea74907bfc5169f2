"""Actors: canonical names, types, roles, alias merging within an article and across a corpus.

Rule tests build Docs by hand (blank English tokenizer, entities set by hand); the seed-article
test loads the real model and is marked ``model``."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from components.actors.names import country_name
from components.actors import find_actors, merge_corpus, party_evidence
from tests.handmade_docs import make_doc as handmade_doc



def make_doc(text: str, *ents: tuple[str, str]) -> Doc:
    """``text`` with each ``(phrase, label)`` set as an entity (see tests/handmade_docs.py)."""
    return handmade_doc(text, ents)


# --- alias merging within an article ------------------------------------------------------

@pytest.mark.parametrize("text, ents, expected", [
    ("Syrian President Bashar Al Assad spoke. Later Al Assad left. Assad is in Damascus.",
     [("Bashar Al Assad", "PERSON"), ("Al Assad", "PERSON"), ("Assad", "PERSON")],
     ["Bashar Al Assad"] * 3),
    # the full name may come after the short form
    ("Peskov spoke first. Then Dmitry Peskov spoke again. Mr Peskov left.",
     [("Peskov", "PERSON"), ("Dmitry Peskov", "PERSON"), ("Peskov", "PERSON")],
     ["Dmitry Peskov"] * 3),
    # a hyphenated spelling is the same name
    ("Bashar al-Assad spoke. Later Al Assad left.",
     [("Bashar al-Assad", "PERSON"), ("Al Assad", "PERSON")],
     ["Bashar al-Assad"] * 2),
    # two people share a surname: the short form goes to the one named last before it
    ("Bill Clinton met Hillary Clinton. Clinton said no. Then Bill Clinton spoke. Clinton agreed.",
     [("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON"),
      ("Bill Clinton", "PERSON"), ("Clinton", "PERSON")],
     ["Bill Clinton", "Hillary Clinton", "Hillary Clinton", "Bill Clinton", "Bill Clinton"]),
    # a name is not a short form of a different name that merely contains its words
    ("Donald Trump visited Trump Tower. Trump left.",
     [("Donald Trump", "PERSON"), ("Trump Tower", "PERSON"), ("Trump", "PERSON")],
     ["Donald Trump", "Trump Tower", "Donald Trump"]),
    # the spelling most written names the person; a name a headline shouts is not it
    ("SADDAM Hussein wrote. Saddam Hussein spoke. Later Saddam Hussein left. Saddam agreed.",
     [("SADDAM Hussein", "PERSON"), ("Saddam Hussein", "PERSON"), ("Saddam Hussein", "PERSON"), ("Saddam", "PERSON")],
     ["Saddam Hussein"] * 4),
    ("SADDAM Hussein wrote. Saddam Hussein spoke.", [("SADDAM Hussein", "PERSON"), ("Saddam Hussein", "PERSON")],
     ["Saddam Hussein"] * 2),
    # a middle initial is specific: George W. Bush is not George H. W. Bush
    ("George H. W. Bush and George W. Bush met.",
     [("George H. W. Bush", "PERSON"), ("George W. Bush", "PERSON")],
     ["George H. W. Bush", "George W. Bush"]),
])
def test_short_forms_map_to_the_full_name_in_the_article(text, ents, expected):
    found = find_actors(make_doc(text, *ents))
    assert [e.actor for e in found] == expected
    assert all(e.actor_type == "person" for e in found)


def test_mislabelled_surname_two_people_share_stays_unresolved():
    doc = make_doc("Bill Clinton met Hillary Clinton. The Clinton camp cheered.",
                   ("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "ORG"))
    last = find_actors(doc)[-1]
    assert (last.label, last.actor, last.actor_type) == ("PERSON", "Clinton", "person")


def test_lower_case_person_is_no_actor():
    (e,) = find_actors(make_doc("She is lesbian and proud.", ("lesbian", "PERSON")))
    assert (e.label, e.actor, e.actor_type) == ("PERSON", None, None)


def test_surname_mislabelled_as_organisation_is_the_person():
    doc = make_doc("Dmitry Peskov spoke. Reporters asked Peskov again.",
                   ("Dmitry Peskov", "PERSON"), ("Peskov", "ORG"))
    last = find_actors(doc)[-1]
    assert (last.actor, last.actor_type, last.label) == ("Dmitry Peskov", "person", "PERSON")


# --- possessives, "the", cleaning ---------------------------------------------------------

@pytest.mark.parametrize("text, phrase, label, mention, actor", [
    ("It backed Al Assad\u2019s regime.", "Al Assad\u2019s", "PERSON", "Al Assad", "Al Assad"),
    ("It backed Al Assad's regime.", "Al Assad's", "PERSON", "Al Assad", "Al Assad"),
    ("Russia's forces moved.", "Russia's", "GPE", "Russia", "Russia"),
    ("He said the Kremlin agreed.", "the Kremlin", "ORG", "Kremlin", "Kremlin"),
    ("It was a Mitt Romney idea.", "a Mitt Romney", "PERSON", "Mitt Romney", "Mitt Romney"),
    ("Photo: Ana Ruiz / Reuters", "Ana Ruiz / Reuters", "PERSON", "Ana Ruiz", "Ana Ruiz"),
    ("The Trump-led party won.", "Trump-led", "PERSON", "Trump", "Trump"),
    ("He sank to 55.\nMoretti 55", "Moretti 55", "PERSON", "Moretti", "Moretti"),
])
def test_possessive_and_article_are_trimmed(text, phrase, label, mention, actor):
    (e,) = find_actors(make_doc(text, (phrase, label)))
    assert (e.text, e.actor) == (mention, actor)
    assert text[e.start:e.end] == mention


# --- titles and roles ---------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, name, role", [
    ("He said Kremlin spokesman Dmitry Peskov told journalists.", "Dmitry Peskov", "Dmitry Peskov",
     "Kremlin spokesman"),
    ("It was said by foreign ministry spokesman Esmaeil Baqaeil.", "Esmaeil Baqaeil", "Esmaeil Baqaeil",
     "foreign ministry spokesman"),
    ("Iran\u2019s Foreign Minister Abbas Araghchi met him.", "Abbas Araghchi", "Abbas Araghchi",
     "Iran\u2019s Foreign Minister"),
    ("It backed Syrian President Bashar Al Assad.", "Bashar Al Assad", "Bashar Al Assad", "Syrian President"),
    ("Mr Peskov said so.", "Peskov", "Peskov", "Mr"),
    ("Later Dr. Jane Okafor said so.", "Jane Okafor", "Jane Okafor", "Dr."),
    ("They met first lady Michelle Obama.", "Michelle Obama", "Michelle Obama", "first lady"),
    ("Herald Editor-in-Chief Ann Tull said so.", "Ann Tull", "Ann Tull", "Herald Editor-in-Chief"),
    # the title inside the entity span is split off the name
    ("It backed President Bashar Al Assad.", "President Bashar Al Assad", "Bashar Al Assad", "President"),
    ("It backed Syrian President Bashar Al Assad.", "President Bashar Al Assad", "Bashar Al Assad",
     "Syrian President"),
    ("Then Gen. Mark Smith spoke.", "Gen. Mark Smith", "Mark Smith", "Gen."),
    # a label the model took in before the title goes with it
    ("Lib Dem MP Lembit Opik told the BBC.", "Lib Dem MP Lembit Opik", "Lembit Opik", "Lib Dem MP"),
    ("Then Rt Rev Michael Scott-Joynt spoke.", "Rt Rev Michael Scott-Joynt", "Michael Scott-Joynt", "Rt Rev"),
    # apposition after the name
    ("Peskov, the Kremlin spokesman, said so.", "Peskov", "Peskov", "Kremlin spokesman"),
    ("Jane Okafor, a spokeswoman for the trade ministry, said so.", "Jane Okafor", "Jane Okafor",
     "spokeswoman for the trade ministry"),
    # role before a comma
    ("The Kremlin spokesman, Dmitry Peskov, said so.", "Dmitry Peskov", "Dmitry Peskov", "Kremlin spokesman"),
    # no role
    ("They told Peskov about it.", "Peskov", "Peskov", None),
    ("Peskov, 56, said so.", "Peskov", "Peskov", None),
    # a regnal title stays part of the name
    ("Pope Francis spoke.", "Pope Francis", "Pope Francis", None),
    # a given name first: a title word inside is part of the name
    ("Then Ken Judge Clarke spoke.", "Ken Judge Clarke", "Ken Judge Clarke", None),
])
def test_role_is_split_off_and_kept(text, phrase, name, role):
    (e,) = find_actors(make_doc(text, (phrase, "PERSON")))
    assert (e.text, e.actor, e.actor_type, e.role) == (name, name, "person", role)


def test_a_mention_of_titles_alone_is_no_person_s_name():
    assert [e.actor for e in find_actors(make_doc("The Rt Rev Dr spoke.", ("Rt Rev Dr", "PERSON")))] != ["Dr"]


# --- types, demonyms, states --------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, label, actor, actor_type", [
    ("Russian jets flew.", "Russian", "NORP", "Russia", "state"),
    ("Syrians fled.", "Syrians", "NORP", "Syria", "state"),
    ("The American envoy left.", "American", "NORP", "United States", "state"),
    ("The Russian Federation said so.", "Russian Federation", "GPE", "Russia", "state"),
    ("The U.S. said so.", "U.S.", "GPE", "United States", "state"),
    ("Iran said so.", "Iran", "GPE", "Iran", "state"),
    ("Moscow said so.", "Moscow", "GPE", "Moscow", "state"),
    ("A HEADLINE: MOSCOW SAYS NO", "MOSCOW", "GPE", "Moscow", "state"),
    ("A HEADLINE: NYC SAYS NO", "NYC", "GPE", "NYC", "state"),
    ("Islamist fighters came.", "Islamist", "NORP", "Islamist", "group"),
    ("Kurds marched.", "Kurds", "NORP", "Kurds", "group"),
    ("Democrats voted.", "Democrats", "NORP", "Democrats", "group"),
    ("The Kremlin said so.", "Kremlin", "ORG", "Kremlin", "organization"),
    ("Dmitry Peskov said so.", "Dmitry Peskov", "PERSON", "Dmitry Peskov", "person"),
    ("Indian troops moved.", "Indian", "NORP", "India", "state"),
    ("It rained on Monday.", "Monday", "DATE", None, None),
    ("It cost 5 dollars.", "5 dollars", "MONEY", None, None),
    ("They crossed the Alps.", "Alps", "LOC", None, None),
])
def test_type_assignment(text, phrase, label, actor, actor_type):
    (e,) = find_actors(make_doc(text, (phrase, label)))
    assert (e.actor, e.actor_type) == (actor, actor_type)


@pytest.mark.parametrize("text, phrase, label, new_label, actor, actor_type", [
    ("Troops left Mali today.", "Mali", "PERSON", "GPE", "Mali", "state"),
    ("Rebels overran the city Aleppo.", "Aleppo", "PERSON", "GPE", "Aleppo", "state"),
    ("Rebels held areas of Aleppo.", "Aleppo", "NORP", "GPE", "Aleppo", "state"),
    ("Reuters reported it.", "Reuters", "PERSON", "ORG", "Reuters", "organization"),
])
def test_common_label_errors_are_fixed(text, phrase, label, new_label, actor, actor_type):
    (e,) = find_actors(make_doc(text, (phrase, label)))
    assert (e.label, e.actor, e.actor_type) == (new_label, actor, actor_type)


def test_a_city_the_model_calls_an_organisation_after_in_is_a_place():
    doc = handmade_doc("Officials in Accra met on Thursday.", [("Accra", "ORG")],
                   parse=[(3, "nsubj"), (0, "prep"), (1, "pobj"), (3, "ROOT"), (3, "prep"), (4, "pobj"), (3, "punct")])
    (e,) = find_actors(doc)
    assert (e.label, e.actor) == ("GPE", None)


@pytest.mark.parametrize("text, ents, places", [
    # a large city the model calls a person, joined by "and" to a place just before it
    ("Trade between Beirut and Accra grew.", [("Beirut", "GPE"), ("Accra", "PERSON")], {"Beirut", "Accra"}),
    # both called persons: the first is a place after "between", then the second joins it
    ("Trade between Accra and Rotterdam grew.", [("Accra", "PERSON"), ("Rotterdam", "PERSON")], {"Accra", "Rotterdam"}),
    # a person who is no large city stays a person beside a place
    ("Talks between Paris and Hilton ended.", [("Paris", "GPE"), ("Hilton", "PERSON")], {"Paris"}),
    # a city's name joined to a person is no place
    ("Meetings between Smith and Jackson ended.", [("Smith", "PERSON"), ("Jackson", "PERSON")], set()),
])
def test_a_large_city_joined_to_a_place_by_and_is_a_place(text, ents, places):
    found = find_actors(make_doc(text, *ents))
    assert {e.text for e in found if e.label == "GPE"} == places
    assert all(e.actor_type == "person" for e in found if e.label == "PERSON")


def test_a_city_the_model_calls_an_organisation_joined_to_a_place_is_a_place():
    doc = handmade_doc("Flights between Lagos and Accra resumed.", [("Lagos", "GPE"), ("Accra", "ORG")],
                       parse=[(5, "nsubj"), (0, "prep"), (1, "pobj"), (2, "cc"), (2, "conj"), (5, "ROOT"), (5, "punct")])
    assert {e.label for e in find_actors(doc)} == {"GPE"}


def test_an_organisation_named_after_its_city_stays_one_away_from_a_locative_word():
    (e,) = find_actors(make_doc("Accra signed a new striker.", ("Accra", "ORG")))
    assert (e.label, e.actor, e.actor_type) == ("ORG", "Accra", "organization")


def test_person_named_like_a_country_stays_a_person():
    doc = make_doc("Michael Jordan scored. Jordan smiled.",
                   ("Michael Jordan", "PERSON"), ("Jordan", "PERSON"))
    assert [(e.actor, e.actor_type) for e in find_actors(doc)] == [("Michael Jordan", "person")] * 2


def test_acronym_maps_to_the_spelled_out_organisation():
    doc = make_doc("The North Atlantic Treaty Organization met. NATO agreed.",
                   ("North Atlantic Treaty Organization", "ORG"), ("NATO", "ORG"))
    assert {e.actor for e in find_actors(doc)} == {"North Atlantic Treaty Organization"}


def test_every_entity_is_returned_in_order():
    doc = make_doc("On Monday Dmitry Peskov paid 5 dollars in Moscow.",
                   ("Monday", "DATE"), ("Dmitry Peskov", "PERSON"), ("5 dollars", "MONEY"), ("Moscow", "GPE"))
    found = find_actors(doc)
    assert [e.label for e in found] == ["DATE", "PERSON", "MONEY", "GPE"]
    assert [e.actor for e in found] == [None, "Dmitry Peskov", None, "Moscow"]


@pytest.mark.parametrize("text, demonym, name", [
    ("Syrian Arab Republic", False, "Syria"), ("Russian", True, "Russia"), ("Russian", False, None),
    ("Britain", False, "United Kingdom"), ("Aleppo", False, None),
    ("Congo", False, "Republic of the Congo"), ("Indian", True, "India"),
    ("Dominican", True, "Dominican Republic"),
])
def test_country_name(text, demonym, name):
    assert country_name(text, demonym=demonym) == name


# --- a wire dateline kept in the text (JSON and CSV records keep theirs) ------------------

@pytest.mark.parametrize("text, ents", [
    ("MOSCOW, Dec 2 (Reuters) - Russia said it would respond.",
     [("MOSCOW", "GPE"), ("Dec 2", "DATE"), ("Reuters", "ORG"), ("Russia", "GPE")]),
    ("WASHINGTON (AP) - Lawmakers in Russia met on Tuesday.", [("WASHINGTON", "GPE"), ("AP", "ORG"), ("Russia", "GPE")]),
])
def test_no_name_in_an_opening_dateline_is_an_actor(text, ents):
    found = [(e.text, e.label, e.actor) for e in find_actors(make_doc(text, *ents))]
    # the place and the agency credited are where and by whom it was filed; the story's names stay
    assert [(t, a) for t, _, a in found] == [(t, None) for t, _ in ents[:-1]] + [("Russia", "Russia")]
    assert [label for _, label, _ in found] == [label for _, label in ents]


@pytest.mark.parametrize("text, glued, name, actor", [
    ("CANBERRA - Australian Prime Minister Anthony Albanese spoke.", "CANBERRA - Australian", "Australian",
     ("Australia", "state", "NORP")),
    ("LONDON - Barclays Bank said profits rose.", "LONDON - Barclays Bank", "Barclays Bank",
     ("Barclays Bank", "organization", "ORG")),
])
def test_a_name_the_model_ran_into_the_dateline_starts_with_the_sentence(text, glued, name, actor):
    entity = find_actors(make_doc(text, (glued, "ORG")))[0]
    assert (entity.text, (entity.actor, entity.actor_type, entity.label)) == (name, actor)
    assert text[entity.start:entity.end] == name


# --- merging across a corpus --------------------------------------------------------------

@pytest.mark.parametrize("actors, expected", [
    # short forms and spelling variants fold into the full name
    ([("Bashar Al Assad", "person", 5), ("Assad", "person", 3), ("Bashar al-Assad", "person", 2),
      ("Al Assad", "person", 1)],
     {"Assad": "Bashar Al Assad", "Bashar al-Assad": "Bashar Al Assad", "Al Assad": "Bashar Al Assad"}),
    ([("Dmitry Peskov", "person", 1), ("Peskov", "person", 4)], {"Peskov": "Dmitry Peskov"}),
    # a surname two people share is left alone
    ([("Adam Smith", "person", 1), ("John Smith", "person", 1), ("Smith", "person", 4)], {}),
    # only names of one type merge
    ([("Michael Jordan", "person", 2), ("Jordan", "state", 3)], {}),
    # a middle name or initial: the same person, named as most mentioned
    ([("Hillary Clinton", "person", 9), ("Hillary Rodham Clinton", "person", 2)],
     {"Hillary Rodham Clinton": "Hillary Clinton"}),
    ([("Donald J. Trump", "person", 2), ("Donald Trump", "person", 7)], {"Donald J. Trump": "Donald Trump"}),
    # different initials, or Jr, are different people
    ([("George W. Bush", "person", 3), ("George H. W. Bush", "person", 2), ("George Bush", "person", 1)], {}),
    ([("Donald Trump", "person", 3), ("Donald Trump Jr", "person", 2)], {}),
    # case and plural variants of groups and places
    ([("Republicans", "group", 2), ("Republican", "group", 5)], {"Republicans": "Republican"}),
    ([("Tories", "group", 203), ("Tory", "group", 221)], {"Tories": "Tory"}),
    ([("Allies", "group", 3), ("Ally", "group", 1), ("Keys", "group", 2), ("Key", "group", 1)],
     {"Ally": "Allies", "Key": "Keys"}),   # "-ies" after a consonant; "keys" only loses its "s"
    # an organisation's plural or "Party" does not fold: it may be another organisation
    ([("Congress", "organization", 40), ("Congress Party", "organization", 6), ("Rolling Stones", "organization", 5),
      ("Rolling Stone", "organization", 3), ("Times", "organization", 9), ("Time", "organization", 4)], {}),
])
def test_merge_corpus(actors, expected):
    assert merge_corpus(actors) == expected


def test_merge_corpus_surname_goes_to_the_full_name_not_another_short_form():
    mapping = merge_corpus([("Assad", "person", 10), ("Bashar Al Assad", "person", 1)])
    assert mapping == {"Assad": "Bashar Al Assad"}


# --- the real model on the sample article -------------------------------------------------

@pytest.mark.model
def test_seed_article_actors(nlp, seed_path):
    from components.ingest import read_paths

    (article,) = [a for a in read_paths([str(seed_path)])]
    found = find_actors(nlp(article.text))
    assad = {e.actor for e in found if "Assad" in e.text}
    assert assad == {"Bashar Al Assad"}
    peskov = [e for e in found if "Peskov" in e.text]
    assert peskov and all(e.actor_type == "person" for e in peskov)
    roles = {e.actor: e.role for e in found if e.role}
    assert roles.get("Dmitry Peskov") == "Kremlin spokesman"
    assert roles.get("Esmaeil Baqaeil") == "foreign ministry spokesman"
    assert {e.actor for e in found if e.text in ("Russian", "Russia")} == {"Russia"}
    assert all(e.actor_type == "state" for e in found if e.actor in ("Russia", "Syria", "Iran"))


@pytest.mark.model
@pytest.mark.parametrize("text,city,is_actor", [
    ("Moscow said on Monday that talks would continue.", "Moscow", True),
    ("Tehran's advisers stayed in the country.", "Tehran", True),
    ("Officials in Lima met on Tuesday to discuss the strike.", "Lima", False),
    ("Rebels seized control of Aleppo last week.", "Aleppo", False),
])
def test_a_city_is_an_actor_only_when_it_acts(nlp, text, city, is_actor):
    ents = [e for e in find_actors(nlp(text)) if e.text == city]
    assert ents
    assert (ents[0].actor == city and ents[0].actor_type == "state") if is_actor else ents[0].actor is None


def test_an_acronym_goes_with_the_name_the_articles_that_spell_it_out_resolve_it_to():
    """"EU" alone in some articles is "European Union" across the corpus once two articles that
    spell it out resolved it so, with the spellings merged with it; competing or thin evidence,
    or a name whose initials are not the acronym, changes nothing."""
    names = [("EU", "organization", 7), ("Eu", "organization", 1), ("European Union", "organization", 9)]
    assert merge_corpus(names, [("EU", "European Union", 2)]) == {"EU": "European Union", "Eu": "European Union"}
    assert merge_corpus(names, [("EU", "European Union", 1)]) == {"EU": "Eu"}  # one article: no evidence yet
    assert merge_corpus(names, [("EU", "European Union", 3), ("EU", "Energy Unit", 2)]) == {"EU": "Eu"}  # competing
    assert merge_corpus(names, [("EU", "Europe", 5)]) == {"EU": "Eu"}  # not its initials
    assert merge_corpus([("WTO", "organization", 3), ("World Trade Organisation", "organization", 8)],
                        [("WTO", "World Trade Organisation", 7), ("WTO", "World Tourism Organisation", 1)]) == {
        "WTO": "World Trade Organisation"}


def test_a_party_s_name_joins_its_short_name_where_the_articles_name_both():
    from components.actors.merge import party_base, party_merges

    articles = [{"Labour Party", "Labour", "Tony Blair"}, {"Labour party", "Labour"}, {"Labour Party"},
                {"Labour"}, {"Congress Party", "Sonia Gandhi"}, {"Congress"}, {"Congress Party", "BJP"}]
    evidence = party_evidence(articles)
    assert ("Labour Party", "Labour", 1, 2) in evidence and ("Labour party", "Labour", 1, 1) in evidence
    assert not [row for row in evidence if row[0] == "Congress Party"]   # never named beside "Congress"
    names = [("Labour", "organization", 9), ("Labour Party", "organization", 5), ("Labour party", "organization", 1),
             ("Congress", "organization", 8), ("Congress Party", "organization", 2)]
    assert merge_corpus(names) == {"Labour party": "Labour Party"}        # no evidence: spellings only
    two_articles = [*articles, {"Labour Party", "Labour"}]
    assert merge_corpus(names, parties=party_evidence(two_articles)) == {
        "Labour Party": "Labour", "Labour party": "Labour"}                # named together in 2 of its 3
    assert party_merges([("Labour Party", "Labour", 2, 5)]) == {}           # 2 of 5: too few
    assert party_merges([("Labour Party", "Tory", 4, 4)]) == {}             # not its short name
    assert (party_base("Labour Party"), party_base("Party"), party_base("Party poppers")) == ("Labour", None, None)

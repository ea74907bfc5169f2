"""Evidence that a mention names an actor, and of which type, weighed over all the mentions of
one name in an article before the names are resolved (:func:`retype`) and after
(:func:`not_actors`).

- **Person.** A role or title next to a mention ("Mr Allard", "Kremlin spokesman Dmitry
  Peskov"); a name of two words or more that starts with a known given name
  (:data:`components.lexicon.given_names.GIVEN_NAMES`) and does not end like an
  organisation; a name that is the surname of a longer person name of the article.
- **Organisation.** A last word of organisation names ("Stata Labs", "Manchester United"); a
  plural last word ("Lib Dems", "Sale Sharks": a party or a team, never one person); a noun
  that introduces an organisation right before a mention ("oil firm Yukos"); "the" right
  before a one-word name ("the Library"); the model's own ORG label on more mentions of the
  name than its PERSON label.
- **Not an actor.** An event, award or index name ("New York Marathon", "Academy Awards"); a
  product or work ("the Zafi virus", "hit film Amelie", a title in quotation marks) unless
  the name speaks or is introduced as an organisation somewhere in the article; a NORP
  adjective that is no country's demonym ("Asian tsunami", "Californian town"); a one-word
  common plural noun ("Christmases", "Clinicians"); an organisation name in lower case; a
  title or a kind of body alone, after "the" ("the Sheik", "the Administration"), or the office
  of a title ("Secretary of State"), unless the article names it in full; a document ("the
  Budget"); a word of a title ("Home" of "Home Secretary").

Mentions are the ``_Mention`` records of :mod:`.mentions` (attributes ``start``, ``end``,
``label``, ``name``, ``role``, ``actor``, ``actor_type``); the Doc is the parsed article they
come from (tags and dependencies used when present)."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from spacy.tokens import Doc

from ..datelines import read_dateline
from ..lexicon.actor_cues import (DOCUMENT_NOUNS, EVENT_NAME_WORDS, GENERIC_BODIES, ORG_NAME_WORDS, ORG_NOUNS,
                                  PRODUCT_HEADS, WORK_NOUNS)
from ..lexicon.lemmas import lemma
from ..lexicon.given_names import GIVEN_NAMES
from ..lexicon.normalise import QUOTES, word_key
from ..lexicon.reporting import SPEECH_VERBS
from ..lexicon.time_zones import TIME_ZONES, after_clock_time
from ..lexicon.titles import PORTFOLIO_TITLES, ROLE_MODIFIERS
from .titles import is_title_word
from .names import acronym, country_name, fold_tokens, is_city, is_short_form, singular_key

# What follows the place of a dateline ("TOKYO (Reuters) -", "BAAR, SWITZERLAND —").
DATELINE_AFTER = frozenset({",", "(", "-", "--", "\u2013", "\u2014", ":"})
# Prefixes that make an adjective of a name ("Non-EU", "anti-Kremlin").
NEGATING_PREFIXES = ("non-", "anti-", "pro-")
# Dependency relations by which a name modifies the noun after it ("the Zafi virus").
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_QUOTE_MARKS = frozenset({'"', *QUOTES})
_DETERMINERS = frozenset({"the"})


def _words(name: str) -> list[str]:
    return name.lower().split()


def starts_with_given_name(name: str) -> bool:
    """True if ``name`` has two words or more and its first word (or the first part of a
    hyphenated one: "Jean-Pierre") is a known given name ("Dorothy Okafor")."""
    words = _words(name)
    return len(words) > 1 and words[0].split("-")[0].strip(".") in GIVEN_NAMES


def org_shaped(name: str) -> bool:
    """True if ``name`` has two words or more and ends with an organisation name word
    ("Stata Labs", "Acme Ltd", "Manchester United")."""
    words = _words(name)
    return len(words) > 1 and words[-1] in ORG_NAME_WORDS


def event_shaped(name: str) -> bool:
    """True if ``name`` has two words or more and ends with an event, award or index word
    ("New York Marathon", "Academy Awards", "Davis Cup", "Syrian Civil War"; not after "of" or
    "the": "Department of War" is a body, "Stop the War" a campaign)."""
    words = _words(name)
    return len(words) > 1 and words[-1] in EVENT_NAME_WORDS and words[-2] not in ("of", "the")


def _plural_end(doc: Doc, m) -> bool:
    """Is the last word of the mention a plural proper noun ("Lib Dems", "Sale Sharks")?"""
    return doc[m.end - 1].tag_ == "NNPS"


def _before(doc: Doc, m) -> str:
    """The lower-case word right before the mention ("" at the start of the Doc)."""
    return doc[m.start - 1].lower_ if m.start > 0 else ""


def speaks(doc: Doc, m) -> bool:
    """True if the mention is the subject of a reporting verb ("Yukos said")."""
    root = doc[m.start:m.end].root
    return root.dep_ == "nsubj" and lemma(root.head).lower() in SPEECH_VERBS


def _product_cue(doc: Doc, m) -> bool:
    """Is the mention a product or a work by its neighbours: it modifies a product noun
    ("the Xbox 2 console"), follows a work noun ("hit film Amelie", "album, Get Rich") or
    stands alone in quotation marks?"""
    root = doc[m.start:m.end].root
    if root.dep_ in MODIFIER_DEPS and root.head.i >= m.end and root.head.lower_ in PRODUCT_HEADS:
        return True
    if m.end < len(doc) and doc[m.end].lower_ in PRODUCT_HEADS and doc[m.end].pos_ in ("NOUN", "ADJ", ""):
        return True  # "Nintendo's GameBoy Advance handheld", parsed otherwise
    if m.end + 1 < len(doc) and doc[m.end].like_num and doc[m.end + 1].lower_ in EVENT_NAME_WORDS:
        return True  # "the FTSE 100 Index" with "100 Index" left out of the name
    before = m.start - 2 if m.start > 1 and doc[m.start - 1].text == "," else m.start - 1
    if before >= 0 and doc[before].lower_ in WORK_NOUNS and doc[before].pos_ in ("NOUN", "VERB", ""):
        return True
    return (m.start > 0 and m.end < len(doc) and doc[m.start - 1].text in _QUOTE_MARKS
            and doc[m.end].text in _QUOTE_MARKS)


def _key(name: str) -> tuple[str, ...]:
    """Folded words of a name, its last word without a plural "s" ("Lib Dems" and "Lib Dem"
    weigh their evidence together)."""
    return singular_key(fold_tokens(name), keep_ss=True)


def _groups(mentions: Iterable) -> dict[tuple[str, ...], list]:
    """Mentions by the folded words of their name (see :func:`_key`)."""
    out: dict[tuple[str, ...], list] = defaultdict(list)
    for m in mentions:
        out[_key(m.name)].append(m)
    return out


def _named_like_person(doc: Doc, m) -> bool:
    """Is the mention ``m`` shaped like a person's name: a given name first, nothing of an
    organisation, no plural at its end?"""
    return starts_with_given_name(m.name) and not org_shaped(m.name) and not _plural_end(doc, m)


def _person_evidence(doc: Doc, key: tuple[str, ...], group: list, person_keys: set, first_name: bool) -> bool:
    """Does anything in the article say the name ``key`` (its mentions ``group``) is a person?
    ``first_name``: it is the first name of one person of the article (:func:`_first_name_of`)."""
    if any(m.role for m in group if m.label == "PERSON"):
        return True
    if first_name or any(is_short_form(k, key) for k in person_keys):
        return True  # "Assad" with "Bashar al-Assad", "Kelly" with "Kelly Holmes"
    return any(_named_like_person(doc, m) for m in group)


def _letters_and_digits(word: str) -> bool:
    """Does ``word`` mix letters and digits ("BBC1", "ITV2")?"""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _org_evidence(doc: Doc, group: list, acronyms: set[str]) -> bool:
    """Does anything in the article say the name of ``group`` is an organisation or a group
    rather than a person or a place? ``acronyms``: initials of the article's ORG names
    ("Gavi" for "Global Alliance for Vaccines and Immunisation")."""
    labels = [m.label for m in group]
    if labels.count("ORG") > max(labels.count("PERSON"), labels.count("GPE")):
        return True
    for m in group:
        if org_shaped(m.name) or _before(doc, m) in ORG_NOUNS or m.name.upper() in acronyms:
            return True
        if m.label == "PERSON" and m.end - m.start == 1 and (
                m.name.isupper() and len(m.name) > 1 or _letters_and_digits(m.name)):
            return True  # "BBC", "BBC1": no person's name
        if m.end - m.start > 1 and _plural_end(doc, m):
            return True
        if _before(doc, m) in _DETERMINERS and m.label == "PERSON" and not starts_with_given_name(m.name) \
                and not country_name(m.name, demonym=True):
            return True  # "the Library", "the Lib Dems": no person's name takes "the"
    return False


def _person_shaped_org(doc: Doc, group: list) -> bool:
    """Is an ORG name a person's by its shape: a given name and a surname, nothing of an
    organisation, and a mention that acts or holds a role ("directed by Jean-Pierre Jeunet")?"""
    return all(_named_like_person(doc, m) and len(m.name.split()) <= 3 and not is_city(m.name.split()[0])
               for m in group) \
        and any(m.acts or m.role for m in group)


def retype(doc: Doc, mentions: list) -> None:
    """Fix the labels of ``mentions`` (all the named mentions of ``doc``) by the evidence of
    each name, in place: a PERSON or place-like GPE name with organisation evidence and no
    person evidence becomes ORG ("oil firm Yukos", "the Lib Dems", "consultancy Building
    Zones"); an ORG name shaped like a person's that acts, or the first name of one person of
    the article, becomes PERSON."""
    person_keys = {fold_tokens(m.name) for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    acronyms = {acronym(m.name) for m in mentions if m.label == "ORG"} - {""}
    for key, group in _groups(m for m in mentions if m.label in ("PERSON", "ORG", "GPE")).items():
        labels = [m.label for m in group]
        first_name = _first_name_of(key, person_keys)
        if "PERSON" in labels or ("GPE" in labels and not _is_place(group[0].name)):
            if _person_evidence(doc, key, group, person_keys, first_name):
                for m in group:  # "Kelly" with "Kelly Holmes" is her, whatever its label
                    m.label = "PERSON" if m.label == "ORG" and first_name else m.label
                continue
            if _org_evidence(doc, group, acronyms):
                for m in group:
                    if m.label == "PERSON" or (m.label == "GPE" and not _is_place(m.name)):
                        m.label = "ORG"
            elif 0 < labels.count("PERSON") < len(labels) / 2:  # "England A" once, "England" often
                other = max(("ORG", "GPE"), key=labels.count)
                for m in group:
                    m.label = other if m.label == "PERSON" else m.label
        elif set(labels) == {"ORG"} and (first_name or _person_shaped_org(doc, group)):
            for m in group:
                m.label = "PERSON"


def _first_name_of(key: tuple[str, ...], person_keys: set) -> bool:
    """Is the one-word name ``key`` a known given name that starts exactly one longer person
    name of the article ("Kelly" with "Kelly Holmes")?"""
    return len(key) == 1 and key[0] in GIVEN_NAMES and sum(k[0] == key[0] for k in person_keys) == 1


def _is_place(name: str) -> bool:
    """A country or a large city by name."""
    return bool(country_name(name, demonym=True)) or is_city(name)


def not_actors(doc: Doc, mentions: list) -> None:
    """Take the actor off the mentions of ``mentions`` (resolved) that name no actor (see the
    module docstring), in place."""
    lower = {t.text for t in doc if t.text.islower()}
    products: set[str] = set()
    for key, group in sorted(_groups(m for m in mentions if m.actor).items(), key=lambda kv: len(kv[0])):
        strong = any(speaks(doc, m) or _before(doc, m) in ORG_NOUNS or org_shaped(m.name)
                     or m.role for m in group)
        product = not strong and (key[0] in products or any(
            _product_cue(doc, m) for m in group if m.actor_type != "state"))
        if product and len(key) == 1:
            products.add(key[0])  # "Zafi" a virus: "Zafi-D" too
        common = _common_word(doc, group, lower) or (not strong and _only_modifier(doc, group))
        for m in group:
            if product or common or _not_actor(doc, m):
                m.actor = m.actor_type = None


def _common_word(doc: Doc, group: list, lower: set[str]) -> bool:
    """Is the one-word name of ``group`` a common word capitalised only because it starts its
    sentences ("Clinicians said…" with "clinicians" elsewhere in the article)? ``lower``: the
    article's lower-case words."""
    capitalised = [m for m in group if not m.name[:1].islower()]
    return bool(capitalised) and all(m.end - m.start == 1 and doc[m.start].is_sent_start
                                     and m.actor_type != "state" for m in capitalised) \
        and group[0].name.lower() in lower


def _only_modifier(doc: Doc, group: list) -> bool:
    """Is the one-word name of ``group`` only ever a modifier of a common noun that is no role
    ("LLU services", "the Kent athlete", "Cobh runner"), never a subject, an object or a
    possessor, never spelled out (an ORG abbreviation) and never a country? A home town, a
    field or a product line, not an actor ("England coach", "Labour spokesman" hold roles, and
    "the Labour party" names its party, but "the Burbank entertainment giant" is a home town)."""
    for m in group:
        root = doc[m.start:m.end].root
        head = root.head
        if not (m.label in ("ORG", "PERSON") and m.end - m.start == 1 and m.actor == m.name
                and root.dep_ in MODIFIER_DEPS and head.pos_ == "NOUN" and head.i >= m.end
                and not is_title_word(lemma(head))
                and (lemma(head).lower() not in ORG_NOUNS or _is_place(m.name))):
            return False
    return True


def body_start(doc: Doc, text: str) -> int:
    """Index of the first token after the wire dateline that opens ``text`` (``doc.text``; see
    :func:`components.datelines.read_dateline`), or 0 when it opens with none: no name before
    it is an actor (the place and the agency credited say where and by whom it was filed)."""
    line = read_dateline(text)
    if line is None:
        return 0
    return next((t.i for t in doc if t.idx >= line.end), len(doc))


def _in_dateline(doc: Doc, m) -> bool:
    """Is the mention an ALL-CAPS place in the dateline that opens the article ("TOKYO
    (Reuters) -", "BAAR, SWITZERLAND —"): only capitals and commas before it, and a comma, a
    parenthesis or a dash after it?"""
    if not m.name.isupper() or m.end >= len(doc) or doc[m.end].text not in DATELINE_AFTER:
        return False
    return all(t.is_space or t.text == "," or (t.is_alpha and t.is_upper) for t in doc[:m.start])


def _demonym_noun(word: str) -> bool:
    """Is ``word`` a singular demonym that names one person ("Briton", "Frenchman", "Scot")?"""
    if word.endswith("s"):
        return False
    for suffix in ("man", "woman"):
        if word.endswith(suffix) and country_name(word[: -len(suffix)], demonym=True):
            return True
    return bool(country_name(word, demonym=True)) and not country_name(word)


def _not_actor(doc: Doc, m) -> bool:
    """Is the one mention ``m`` no actor by itself: a demonym for one person ("the Briton"), the
    place of an opening dateline in capitals, an amount ("$280bn"), a photo's credit ("Jane
    Roe/Reuters": a person's name holds no slash), a time zone after a clock
    time ("1800 GMT"), a constituency ("MP for Witney") or the office of a title ("Secretary of
    State"), a title or a kind of body alone ("the Sheik", "the Government", unless the article
    names it in full), a document ("the Budget"), a word of a title ("Home Secretary"), an event
    name or one ending in a year, an adjective ("Non-EU", a NORP that is no country's demonym), a
    one-word common plural noun, a lower-case organisation name?"""
    one_word = m.end - m.start == 1
    if one_word and m.label in ("PERSON", "ORG") and _before(doc, m) in ("the", "a") and _demonym_noun(m.name):
        return True  # "the Briton", "a Frenchman": one person named by nationality
    if m.start > 0 and doc[m.start - 1].is_currency and m.name[:1].isdigit():
        return True  # "$280bn": an amount the model took for a name
    if m.label == "PERSON" and "/" in m.name:
        return True  # "Susan Meiselas/Magnum": a photo's credit (a photographer and an agency), no name
    if m.name in TIME_ZONES and m.start > 0 and after_clock_time(doc[m.start - 1].text):
        return True  # "at 1800 GMT": a time
    if m.actor_type == "state":
        return False
    if _in_dateline(doc, m):
        return True
    alone = one_word and m.actor == m.name  # (one word the article resolved to no longer name)
    preposition, title = _before(doc, m), doc[m.start - 2].text if m.start > 1 else ""
    if alone and m.label == "PERSON" and preposition == "for" and is_title_word(title):
        return True  # "the MP for Witney": a constituency
    if alone and preposition == "of" and title[:1].isupper() and word_key(title) in PORTFOLIO_TITLES:
        return True  # "Secretary of State", "Minister of Health": the title's office (not "secretary of Unison")
    if alone and preposition == "the" and (is_title_word(m.name) or m.name.lower() in GENERIC_BODIES):
        return True  # "the Sheik", "the Administration": a title or a kind of body, no name
    if alone and m.label in ("ORG", "PERSON") and m.name.lower() in DOCUMENT_NOUNS:
        return True  # "the Budget", "a hybrid Bill": a document (a Bill named in full is that person)
    if alone and m.end < len(doc) and word_key(m.name) in ROLE_MODIFIERS and is_title_word(doc[m.end].text):
        return True  # "Home Secretary", "Interior Minister": part of a title
    if event_shaped(m.name) or m.name.lower().startswith(NEGATING_PREFIXES):
        return True  # "Davis Cup", "Non-EU exports"
    if doc[m.end - 1].like_num and len(doc[m.end - 1].text) == 4 and m.label != "PERSON":
        return True  # a name ending in a year is an event or an edition ("Budget of 2002")
    root = doc[m.start:m.end].root
    if m.label == "NORP" and root.dep_ == "amod" and not country_name(m.name, demonym=True):
        return True
    if m.end - m.start == 1 and root.tag_ == "NNS" and m.label in ("PERSON", "ORG"):
        return True
    return m.label in ("ORG", "NORP") and m.name[:1].islower()

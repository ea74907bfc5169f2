"""Titles and roles of people: finding the role phrase that sits next to a person mention
("Kremlin spokesman Dmitry Peskov", "Peskov, the Kremlin spokesman,", "Mr Peskov").

Works on token indices of a spaCy ``Doc``; uses part-of-speech and dependency labels when the
parser set them and falls back to the word lists (:mod:`components.lexicon.titles`) and
capitalisation when not (hand-built Docs).
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon.given_names import GIVEN_NAMES
from ..lexicon.normalise import word_key
from ..lexicon.titles import HONORIFICS, NAME_TITLES, ROLE_MODIFIERS, TITLE_HEADS

# Longest role phrase, in tokens.
MAX_ROLE_TOKENS = 8
# Parts of speech that may sit inside a title phrase.
_TITLE_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "PART"})
# Part of speech of a title's head word ("" when untagged): not the verb in "will host Obama".
_HEAD_POS = frozenset({"NOUN", "PROPN", ""})
_ROLE_START_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod", "appos", "punct"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})
_STOP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                        "PERSON"})
_CLOSERS = frozenset({",", ".", ";", ":", ")", "!", "?", "--", "\u2014", "\u2013"})


def is_title_word(word: str) -> bool:
    """True for an honorific or a role noun ("Mr.", "President", "spokeswoman")."""
    w = word_key(word)
    return w in HONORIFICS or w in TITLE_HEADS


def leading_title_end(doc: Doc, start: int, end: int) -> int:
    """Index of the first token of the name inside the mention ``doc[start:end]`` once leading
    titles are set aside ("President Bashar Al Assad" → index of "Bashar"). Titles in
    :data:`NAME_TITLES` stay in the name; the name keeps at least one token and must start
    with a capital letter; returns ``start`` when nothing is a title. A title after a label
    the model took in ("Lib Dem MP Lembit Opik") is set aside with it (:func:`_labelled_title_end`)."""
    i = after_title = start
    while i < end - 1:
        w = word_key(doc[i].text)
        if w in NAME_TITLES:
            break
        if w in HONORIFICS or w in TITLE_HEADS:
            i += 1
            after_title = i
        elif w in ROLE_MODIFIERS and doc[i].text[:1].isupper():
            i += 1
        else:
            break
    if after_title > start and not doc[after_title].text[:1].isupper():
        return start
    return after_title if after_title > start else _labelled_title_end(doc, start, end)


def _labelled_title_end(doc: Doc, start: int, end: int) -> int:
    """Index of the name's first token in a mention made of a label, a title and a name ("Lib
    Dem MP Lembit Opik", "Tory leader Michael Howard"): capitalised words whose first is no
    given name, then the first title word (not one of :data:`NAME_TITLES`) and any titles after
    it, then a capitalised word that is none; ``start`` when the mention is not so ("Ken Judge
    Clarke" begins with a given name, "Rt Rev Dr" has no name)."""
    for i in range(start + 1, end - 1):
        if is_title_word(doc[i].text) and word_key(doc[i].text) not in NAME_TITLES:
            name = i + 1
            while name < end - 1 and is_title_word(doc[name].text):  # "Rt Rev Dr …"
                name += 1
            if (all(t.text[:1].isupper() for t in doc[start:name + 1]) and not is_title_word(doc[name].text)
                    and word_key(doc[start].text).split("-")[0] not in GIVEN_NAMES):
                return name
            return start
    return start


def _can_extend(tok) -> bool:
    """May ``tok`` sit inside a title phrase left of the title's head word?"""
    w = word_key(tok.text)
    if tok.ent_type_ in _STOP_ENTS or tok.is_space:
        return False
    if w in HONORIFICS or w in TITLE_HEADS or w in ROLE_MODIFIERS:
        return True
    if w == "'s":
        return True
    if tok.text == "-" and tok.whitespace_ == "":
        return True
    if tok.pos_:
        if tok.pos_ == "PROPN" or (tok.pos_ == "ADJ" and tok.text[:1].isupper()):
            return True
        return tok.pos_ in _TITLE_POS and tok.dep_ in _TITLE_DEPS
    return tok.text[:1].isupper() and tok.is_alpha


def _left_phrase(doc: Doc, head: int, floor: int) -> tuple[int, int] | None:
    """Title phrase ending at token ``head`` (which must be a title word): extends left over
    modifiers, proper nouns and possessives, not past token ``floor``. Returns the token
    range ``(start, end)`` with leading determiners/possessive marks dropped, or None."""
    if head < floor or not is_title_word(doc[head].text) or doc[head].pos_ not in _HEAD_POS:
        return None
    if word_key(doc[head].text) in HONORIFICS:  # "Mr", "Dr.", "Gen.": nothing before belongs to it
        return head, head + 1
    j = head
    while j - 1 >= floor and head - (j - 1) < MAX_ROLE_TOKENS and (
            _can_extend(doc[j - 1]) or (doc[j].text == "-" and not doc[j - 1].whitespace_)):
        j -= 1  # a word glued to a hyphen belongs too ("Editor-in-Chief")
    while j < head and (word_key(doc[j].text) in ("'s", "-") or doc[j].lower_ in _DETERMINERS):
        j += 1
    return j, head + 1


def _of_phrase(doc: Doc, end: int, floor: int) -> tuple[int, int] | None:
    """Title of the form head + "of" + optional "the" + capitalised words, ending at token
    ``end - 1`` ("Secretary of State" before "John Kerry"). Returns the token range or None."""
    k = end - 1
    while k >= floor and end - k <= 3 and doc[k].text[:1].isupper() and doc[k].ent_type_ != "PERSON":
        k -= 1
    if k == end - 1 or k < floor:
        return None
    if doc[k].lower_ == "the":
        k -= 1
    if k - 1 < floor or doc[k].lower_ != "of" or word_key(doc[k - 1].text) not in TITLE_HEADS:
        return None
    left = _left_phrase(doc, k - 1, floor)
    return (left[0] if left else k - 1), end


def role_before(doc: Doc, start: int, *, floor: int = 0) -> tuple[int, int] | None:
    """Role phrase right before a person mention starting at token ``start``
    ("Syrian President", "Iran's Foreign Minister", "Mr", or "the spokesman," before it).

    floor: first token of the sentence; the role does not reach before it.
    Returns the token range ``(start, end)`` of the role, or None."""
    i = start - 1
    if i < floor:
        return None
    found = _left_phrase(doc, i, floor) or _of_phrase(doc, start, floor)
    if found:
        return found
    if doc[i].text == "," and i - 1 >= floor:  # "the Kremlin spokesman, Dmitry Peskov"
        return _left_phrase(doc, i - 1, floor)
    return None


def role_after(doc: Doc, start: int, end: int, *,
               sent_end: int | None = None) -> tuple[int, int] | None:
    """Role in apposition after a person mention ``doc[start:end]``: ", the Kremlin spokesman,"
    or ", a spokesman for the foreign ministry."

    sent_end: end of the sentence (default: end of ``doc``); the role does not reach past it.
    Returns the token range of the role (without the determiner) or None."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    sent_end = len(doc) if sent_end is None else sent_end
    j = end + 1
    while j < sent_end and doc[j].lower_ in _DETERMINERS:
        j += 1
    first = j
    if first < sent_end and doc[first].pos_ and doc[first].pos_ not in _ROLE_START_POS:
        return None  # ", not a landslide", ", now a partner at …": no role noun phrase
    k = j
    has_title = False
    while k < sent_end and k - first < MAX_ROLE_TOKENS + 4:
        t = doc[k]
        if t.text in _CLOSERS:
            break
        if t.pos_ in ("VERB", "AUX") or t.lower_ in ("who", "which", "that"):
            return None
        if t.ent_type_ in _STOP_ENTS:
            return None
        is_appos = t.dep_ == "appos" and t.pos_ == "NOUN" and start <= t.head.i < end
        if is_appos or word_key(t.text) in TITLE_HEADS:
            has_title = True
        k += 1
    closed = k >= sent_end or doc[k].text in _CLOSERS
    if not has_title or k == first or not closed:
        return None
    return first, k

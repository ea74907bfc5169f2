"""Quotes: mark pairing over raw text (no model), then cue / speaker / kind with the parser."""
from __future__ import annotations

import random

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from components.actors import find_actors
from components.quotes.marks import pair_marks
from components.quotes import find_quotes
from components.records import Entity


def _quoted(text: str) -> list[str]:
    return [text[p.start:p.end] for p in pair_marks(text)]


# --- pairing quotation marks (characters only) ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("He said \u201chello there\u201d loudly.", ["\u201chello there\u201d"]),
    ('"Go home," he said.', ['"Go home,"']),
    ("''It is fine,'' she said.", ["''It is fine,''"]),
    ('"A," he said, "B."', ['"A,"', '"B."']),
    ("\u201cA,\u201d he said. \u201cB.\u201d", ["\u201cA,\u201d", "\u201cB.\u201d"]),
    # a mistyped closing mark is read from its context
    ("a site called \u201cIf Trump Wins\u201c that pitches", ["\u201cIf Trump Wins\u201c"]),
    # apostrophes are not quotation marks
    ("Don\u2019t touch the Clintons\u2019 foundation from the \u201990s.", []),
    ("Governor: \u2018We Will Rebuild the Pier.\u2019", ["\u2018We Will Rebuild the Pier.\u2019"]),
    # single marks inside double ones belong to the outer quote
    ("\u201cHe said \u2018no\u2019 twice,\u201d she said.", ["\u201cHe said \u2018no\u2019 twice,\u201d"]),
    # straight single quotes only in the headline pattern
    ("Jane Okafor: 'The mayor's plan is fair.'", ["'The mayor's plan is fair.'"]),
    ("Sanders' plan is 'bold' and the voters' mood isn't.", []),
    # markup attributes are not quotes
    ('<tweet id="123" author="@x">Hi</tweet>', []),
])
def test_pairs_marks(text, expected):
    assert _quoted(text) == expected


@pytest.mark.parametrize("text", [
    "\u201cOpen and never closed. Next \u201csentence\u201d here.",
    '"one "two" three',
    "\u201d\u201d\u201c\u201c",
    "''",
    '"',
    "\u2018\u2019\u2018",
    "",
])
def test_unbalanced_marks_never_raise_and_stay_in_bounds(text):
    pieces = pair_marks(text)
    for p in pieces:
        assert 0 <= p.start < p.end <= len(text)
    assert [p.start for p in pieces] == sorted(p.start for p in pieces)


def test_random_mark_soup_never_raises():
    rng = random.Random(7)
    alphabet = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", " ", "a", ".", "\n", ","]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for p in pair_marks(text):
            assert 0 <= p.start < p.end <= len(text)


def test_unclosed_quote_ends_with_its_paragraph():
    text = "\u201cThis never closes, he said\n\nNext paragraph is plain."
    [piece] = pair_marks(text)
    assert text[piece.start:piece.end] == "\u201cThis never closes, he said"
    assert not piece.closed and not piece.continues


def test_quote_reopened_in_next_paragraph_continues():
    text = "\u201cFirst part runs on.\n\n\u201cSecond part ends,\u201d she said."
    first, second = pair_marks(text)
    assert first.continues and not first.closed
    assert text[second.start:second.end] == "\u201cSecond part ends,\u201d"


# --- find_quotes without a parse (hand-built Doc) ------------------------------------------------

def _blank_doc(text: str) -> Doc:
    words = text.split(" ")
    return Doc(Vocab(), words=words, spaces=[True] * (len(words) - 1) + [False])


def test_without_cue_only_statement_length_quotes_are_listed():
    text = ('The so-called "deal" was off. "We will not accept any agreement that leaves our '
            'workers worse off than they are today"')
    quotes = find_quotes(_blank_doc(text), [])
    assert [q.content for q in quotes] == [
        "We will not accept any agreement that leaves our workers worse off than they are today"]
    assert quotes[0].speaker is None and quotes[0].cue is None


@pytest.mark.parametrize("text", [
    '"He said \u201cno and \u201d then " left " "',
    "\u201cSmith,'' \"'' , \n according to he said\",\u2019'': \u201ctold",
    'Smith: "no',
])
def test_unbalanced_text_does_not_crash_find_quotes(text):
    for q in find_quotes(_blank_doc(text), []):
        assert 0 <= q.start < q.end <= len(text)


# --- attribution with the real parser ------------------------------------------------------------

def _quotes(nlp, text):
    doc = nlp(text)
    return find_quotes(doc, find_actors(doc))


def _one(quotes, fragment):
    found = [q for q in quotes if fragment in q.content]
    assert len(found) == 1, [q.content for q in quotes]
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize("text, fragment, speaker, mention, cue", [
    # cue after the quote, straight and curly marks, inverted "said X"
    ('"We will win this state," Maria Lopez said on Monday.', "win this state", "Maria Lopez",
     "Maria Lopez", "said"),
    ("\u201cWe will win this state,\u201d said Maria Lopez, the campaign manager.", "win this state",
     "Maria Lopez", "Maria Lopez", "said"),
    # cue before the quote, with a colon
    ("Senator Paul Grant said: \u201cThe bill is dead and everyone in this building knows it.\u201d",
     "bill is dead", "Paul Grant", "Paul Grant", "said"),
    # "according to"
    ("According to Maria Lopez, \u201cthe campaign has never been in better shape than today.\u201d",
     "campaign has never", "Maria Lopez", "Maria Lopez", "According to"),
    # New York Times style doubled apostrophes
    ("''It's a big step for the harbour,'' Maria Lopez said.", "big step", "Maria Lopez",
     "Maria Lopez", "said"),
    # a participle hangs from the clause whose subject speaks
    ("Lopez returned the favour, telling reporters, \u201cPaul is a very good neighbour.\u201d",
     "good neighbour", "Lopez", "Lopez", "telling"),
])
def test_speaker_and_cue(nlp, text, fragment, speaker, mention, cue):
    q = _one(_quotes(nlp, text), fragment)
    assert q.speaker == speaker
    assert text[q.speaker_start:q.speaker_end] == mention
    assert q.cue == cue
    assert q.kind == "full"


@pytest.mark.model
def test_split_quote_is_one_quote_with_two_pieces(nlp):
    text = "\u201cWe are ready,\u201d Jane Okafor said, \u201cand we will sign the deal tomorrow.\u201d"
    [q] = _quotes(nlp, text)
    assert [text[s:e] for s, e in q.spans] == ["\u201cWe are ready,\u201d",
                                               "\u201cand we will sign the deal tomorrow.\u201d"]
    assert (q.start, q.end) == (0, len(text))
    assert q.content == "We are ready, and we will sign the deal tomorrow."
    assert q.speaker == "Jane Okafor" and q.cue == "said"


@pytest.mark.model
def test_quote_after_the_attribution_sentence_joins_it(nlp):
    text = ("\u201cThe vote is close,\u201d Cruz said. \u201cBut we have momentum, and the voters in "
            "this state know it.\u201d")
    [q] = _quotes(nlp, text)
    assert len(q.spans) == 2 and q.speaker == "Cruz"


@pytest.mark.model
def test_quote_running_over_two_paragraphs_is_one_quote(nlp):
    text = ("Jane Okafor spoke to reporters in Lagos on Friday.\n\n"
            "\u201cWe have waited long enough for this agreement. The people of this city deserve it.\n\n"
            "\u201cNobody will take it away from them now that it has been signed by everyone.\u201d")
    [q] = _quotes(nlp, text)
    assert len(q.spans) == 2
    assert "Nobody will take it away" in q.content and "waited long enough" in q.content


@pytest.mark.model
def test_pronoun_speaker_resolves_to_last_named_person(nlp):
    text = ("\u201cWe entered the country at the official invitation of its government,\u201d said "
            "foreign ministry spokesman Esmaeil Baqaeil.\n\n"
            "\u201cOur military advisers were present there, and they are still present,\u201d he told "
            "a news conference in Tehran.")
    second = _one(_quotes(nlp, text), "military advisers")
    assert text[second.speaker_start:second.speaker_end] == "he"
    assert second.speaker == "Esmaeil Baqaeil"
    assert second.cue == "told"


@pytest.mark.model
def test_title_speaker_resolves_to_the_person_with_that_title(nlp):
    text = ("Kremlin spokesman Dmitry Peskov met reporters on Monday in Moscow.\n\n"
            "\u201cWe continue contacts at the appropriate levels and we are analysing it,\u201d "
            "the spokesman said.")
    q = _one(_quotes(nlp, text), "continue contacts")
    assert text[q.speaker_start:q.speaker_end] == "the spokesman"
    assert q.speaker == "Dmitry Peskov"


@pytest.mark.model
def test_unattributed_paragraph_inherits_the_speaker_before(nlp):
    text = ("\u201cWe have met every one of the bidders,\u201d Tom Reyes said in Lisbon.\n\n"
            "\u201cIt is changing every day, and nobody knows who will be the nominee next spring.\u201d")
    q = _one(_quotes(nlp, text), "changing every day")
    assert q.speaker == "Tom Reyes"


@pytest.mark.model
def test_colon_introducer_without_speech_verb(nlp):
    text = ("Okafor answered sharply: \u201cIf they take us to court in Lagos, they are going to "
            "lose.\u201d")
    q = _one(_quotes(nlp, text), "take us")
    assert q.speaker == "Okafor"


@pytest.mark.model
def test_partial_quote_inside_reported_sentence(nlp):
    text = ("Reyes said on Tuesday that the proposal was \u201ca heavy blow to small farmers\u201d "
            "and would not pass.")
    q = _one(_quotes(nlp, text), "heavy blow")
    assert q.kind == "partial"
    assert q.speaker == "Reyes" and q.cue == "said"


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Okafor told the BBC's \u201cMorning Report\u201d that nobody would question the budget.",
    "A fan held up a sign that read \u201cBring back the tram\u201d outside the hall.",
    "The so-called \u201cexperts\u201d were wrong again about the race.",
])
def test_titles_and_scare_quotes_are_not_listed(nlp, text):
    assert _quotes(nlp, text) == []


@pytest.mark.model
def test_entities_give_the_canonical_speaker(nlp):
    text = "\u201cWe will not back down from this fight,\u201d Peskov said."
    doc = nlp(text)
    start = text.index("Peskov")
    ents = [Entity(start, start + 6, "Peskov", "PERSON", "Dmitry Peskov", "person")]
    [q] = find_quotes(doc, ents)
    assert q.speaker == "Dmitry Peskov"
    assert text[q.speaker_start:q.speaker_end] == "Peskov"


@pytest.mark.model
def test_indefinite_title_is_someone_new(nlp):
    text = ("\u201cWe are pleased that the club has chosen our city,\u201d Tom Reyes said.\n\n"
            "\u201cWe have been in talks with them for about two years now,\u201d a spokesman said.")
    q = _one(_quotes(nlp, text), "two years")
    assert q.speaker == "a spokesman"


@pytest.mark.model
def test_relative_pronoun_mention_keeps_who_and_names_the_speaker(nlp):
    text = ("Reyes won the backing of Jane Okafor, who declared in the lobby, \u201cI am telling "
            "everyone that it is time to build.\u201d")
    q = _one(_quotes(nlp, text), "telling everyone")
    assert text[q.speaker_start:q.speaker_end] == "who"
    assert q.speaker == "Jane Okafor"

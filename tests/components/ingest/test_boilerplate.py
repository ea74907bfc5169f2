"""Boilerplate lines and repeated story blocks come out of a body; story sentences never do, even
when they mention a newsletter, an app or a copyright. Sentences are our own."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest.boilerplate import MAX_FURNITURE_WORDS, clean_body, furniture_kind

PROPERTIES = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize("line, kind", [
    ("Sign up for our newsletter to get the top stories in your inbox every morning.", "sign-up"),
    ("Subscribe to our daily briefing", "sign-up"),
    ("Get the Morning Digest delivered to your inbox", "sign-up"),
    ("Download our app for the latest political news.", "app"),
    ("Get the free Harbour News app on the App Store and Google Play", "app"),
    ("Follow us on Facebook and X for breaking news.", "follow"),
    ("Follow The Midland Courier on Instagram", "follow"),
    ("Related: Flood defences approved for seafront", "link"),
    ("READ MORE: Amber weather warning issued", "link"),
    ("» See also - Rail strikes planned for April", "link"),
    ("Related stories", "link"),
    ("Advertisement", "filler"),
    ("ADVERTISEMENT", "filler"),
    ("Share this article", "filler"),
    ("Story continues below advertisement", "filler"),
    ("© 2024 Example Media. All rights reserved.", "copyright"),
    ("Copyright 2024 The Midland Courier", "copyright"),
    ("(c) Northgate Daily 2023", "copyright"),
    ("Example Media Ltd. All Rights Reserved.", "copyright"),
    ("Photo: Tomasz Wierzbicki/Northgate Daily", "credit"),
    ("Image credit: Reuters", "credit"),
    ("Photograph by Ana Ruiz / Getty Images", "credit"),
    ('[caption id="attachment_7" align="alignnone" width="640"]<img src="x.jpg"> Boats in the harbour[/caption]',
     "shortcode"),
    ("[embed]https://www.youtube.com/watch?v=abc123[/embed]", "shortcode"),
    ('[gallery ids="12,13,14"]', "shortcode"),
    ("[tweet https://x.com/someone/status/1]", "shortcode"),
])
def test_furniture_lines_are_recognised(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", [
    "The council's own newsletter, delivered to 9,000 households, had warned of the risk.",
    '"People read about this in a newsletter before parliament was told," she said.',
    "Share prices fell by 4% in early trading.",
    "Copyright infringement cases rose by a fifth last year, the court said.",
    "Advertisement spending fell sharply in the second quarter.",
    "Related charges against two other men were dropped in May.",
    "Photos of the damage were shared widely on social media.",
    "Follow-up inspections found no further cracks in the wall.",
    "The app, launched in 2021, has been downloaded three million times.",
    "Download speeds in rural areas remain below the national average.",
    '"Follow us on this one," the coach told his players, according to Facebook posts.',
    "Subscribers to the service complained that emails went unanswered for weeks.",
    "Join the dots, the minister said, and you will see a pattern.",
    "Photo: the harbour wall after the storm, which engineers say must be rebuilt.",
    "[Laughter]",
    "Ad hoc committees will review the plan.",
])
def test_story_lines_stay(line):
    assert furniture_kind(line) is None


def test_a_body_loses_its_furniture_and_keeps_its_story_in_order():
    body = ("Storm hits the coast.\n\nSign up for our newsletter to get the top stories in your inbox.\n\n"
            "Crews worked through the night.\nAdvertisement\nThe newsletter of the council warned of it.\n"
            "© 2024 Example Media. All rights reserved.")
    cleaned = clean_body(body)
    assert cleaned.text == ("Storm hits the coast.\n\nCrews worked through the night.\n"
                            "The newsletter of the council warned of it.")
    assert [r.kind for r in cleaned.removed] == ["sign-up", "filler", "copyright"]


def test_a_body_without_furniture_is_returned_as_it_was():
    body = "  Rain fell on Lisbon.\n\n\nOfficials said roads were closed.  "
    assert clean_body(body).text is body


BLOCK = ["Councillors approved the budget shortly before midnight on Monday after six hours of debate.",
         "The plan raises spending on road repairs by four per cent.",
         "The budget passed by 31 votes to 24."]


@pytest.mark.parametrize("copies", [2, 3])
def test_a_story_held_two_or_three_times_keeps_one_copy(copies):
    body = "\n".join(["Budget approved"] + BLOCK * copies)
    cleaned = clean_body(body)
    assert cleaned.text == "\n".join(["Budget approved"] + BLOCK)
    assert {r.kind for r in cleaned.removed} == {"repeat"}


def test_short_repeated_lines_stay():
    body = "Goal!\nThe home side scored first.\nGoal!\nThe visitors equalised late on."
    assert clean_body(body).text == body


# --- properties ----------------------------------------------------------------------------------

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
long_sentence = st.lists(word, min_size=MAX_FURNITURE_WORDS + 1, max_size=40).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + ".")
# Short sentences of a story that use the words furniture uses, opened by a subject (not an
# imperative): they must stay too.
SUBJECTS = ("The council", "Officials", "She", "Mr Okafor", "The company", "Residents", "Police")
TRIGGERS = ("newsletter", "app", "Facebook", "photo", "copyright", "advertisement", "related", "share",
            "inbox", "subscribe", "download", "follow", "email", "read", "more", "sign", "up", "our")
short_sentence = st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(("said", "sent", "used", "saw")),
                           st.lists(st.one_of(word, st.sampled_from(TRIGGERS)), min_size=3, max_size=20)
                           ).map(lambda t: f"{t[0]} {t[1]} {' '.join(t[2])}.")
furniture = st.sampled_from(["Advertisement", "Share this article", "Related: More rain due",
                             "Download our app", "© 2024 Example Media", "[embed]https://x.y/z[/embed]",
                             "Sign up for our newsletter", "Follow us on X", ""])


@PROPERTIES
@given(sentences=st.lists(st.one_of(long_sentence, short_sentence), min_size=1, max_size=12, unique=True),
       noise=st.lists(furniture, max_size=12))
def test_story_sentences_are_never_removed(sentences, noise):
    lines = [s for pair in zip(sentences, noise + [""] * len(sentences)) for s in pair]
    cleaned = clean_body("\n".join(lines))
    assert [ln for ln in cleaned.text.split("\n") if ln in sentences] == sentences
    assert all(r.line not in sentences for r in cleaned.removed)


@PROPERTIES
@given(text=st.text(max_size=600))
def test_cleaning_only_removes_whole_lines_and_never_adds_text(text):
    cleaned = clean_body(text)
    assert len(cleaned.text) <= len(text)
    remaining = iter(text.split("\n"))  # what is left is the original's lines, in order (ends stripped)
    assert all(any(line.strip() == original.strip() for original in remaining)
               for line in cleaned.text.split("\n") if line.strip())
    assert clean_body(cleaned.text).text == cleaned.text

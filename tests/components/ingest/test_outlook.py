"""Outlook messages (.msg): the message one article, as an .eml gives it (subject, day sent, sender,
the plain text else the HTML's main text, quotes and signature left out), each attachment read as
the file it is, an attached message as a message, other attachments counted; 8-bit properties in the
message's code page; a rich-text body decompressed ([MS-OXRTFCP]'s example); a file that is no
Outlook message, a damaged one, or one with nothing Dateline reads, named. The messages were written
by a compound-file writer from the words in tests/components/ingest/outlook/make_msg.js (our own).
No model, no network."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.ingest import ole, read_paths, read_uploads
from components.ingest.errors import Unreadable
from components.ingest.formats import format_of
from components.ingest.outlook import decompressed_rtf
from tests.components.ingest.reading import articles_and_problems

OUTLOOK = Path(__file__).parent / "outlook"
STORY, ANSI, NO_TEXT, RTF_ONLY, BAD_RTF = ((OUTLOOK / f"{name}.msg").read_bytes()
                                           for name in ("story", "ansi", "nodate", "rtf", "badrtf"))
#: The example of [MS-OXRTFCP] 3.1.1.1: compressed RTF, and the RTF it holds.
HELLO = bytes.fromhex("2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af32068656c090020627705b06c647d0a800fa0")
HELLO_RTF = b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"
STORY_DOC = (Path(__file__).parent / "office" / "story.doc").read_bytes()


def read(name: str, data: bytes) -> tuple[list, list]:
    return articles_and_problems(read_uploads([(name, data)]))


def test_an_msg_file_is_an_outlook_message():
    assert (format_of("Alert.MSG"), format_of("alert.msg.gz")) == ("msg", "gz:msg")


def test_a_message_is_one_article_with_its_subject_day_sender_and_attachments():
    (message, attached, forwarded), (skipped,) = read("alert.msg", STORY)
    assert (message.title, message.date, message.source, message.dateline) == (
        "Harbour fees to rise in spring", "2024-10-08", "Wire Desk", ("Rotterdam",))
    assert message.text == ("The Northern Grain Board said on Tuesday that harbour fees\nwould rise in spring, citing the "
                            "cost of dredging.\n\n\"We cannot move cargo through a harbour that is full,\" spokeswoman "
                            "Lena Marsh told reporters.")  # (the quoted line and the signature left out)
    assert (attached.origin, attached.text) == ("upload:alert.msg!background.txt",
                                                "The Civic Water Trust opened a new pumping station in Lagos on Monday.")
    assert (forwarded.origin, forwarded.title, forwarded.date, forwarded.source) == (
        "upload:alert.msg!Forwarded alert", "Rail talks resume", "2024-10-07", "Alerts")
    assert skipped.origin == "upload:alert.msg"
    assert skipped.reason.startswith("attachments: 1 file(s) of other types skipped (.png)")


def test_eight_bit_properties_are_read_in_the_messages_code_page_and_an_html_body_gives_its_main_text():
    (article,), problems = read("ansi.msg", ANSI)
    assert problems == [] and (article.title, article.source, article.date) == (
        "Café owners protest in Liège", "Bureau", "2024-09-30")
    assert "Home | News" not in article.text  # (the page's menu)
    assert "Café owners marched through Liège on Monday" in article.text


def test_compressed_rich_text_is_decompressed_and_a_message_with_only_rich_text_gives_its_text():
    assert decompressed_rtf(HELLO) == HELLO_RTF
    stored = len(HELLO_RTF).to_bytes(4, "little")
    assert decompressed_rtf((len(HELLO_RTF) + 12).to_bytes(4, "little") + stored + b"MELA" + bytes(4) + HELLO_RTF) == HELLO_RTF
    with pytest.raises(Unreadable):
        decompressed_rtf(b"\x10\x00\x00\x00\x11\x00\x00\x00ABCD\xff\xff\xff\xff")
    (article,), problems = read("rich.msg", RTF_ONLY)
    assert problems == [] and (article.title, article.date, article.text) == ("Rich text only", "2024-10-01", "hello world")


def test_rich_text_that_cannot_be_read_is_named_and_the_attachments_still_read():
    (attached,), (problem,) = read("rich.msg", BAD_RTF)
    assert attached.origin == "upload:rich.msg!note.txt" and problem.origin == "upload:rich.msg"
    assert problem.reason == "a damaged Outlook message (its rich text is neither compressed nor stored)"


def test_a_folder_of_messages_is_read_with_the_other_files(tmp_path):
    (tmp_path / "alert.msg").write_bytes(STORY)
    (tmp_path / "note.txt").write_text("The Civic Water Trust said on Monday that pipes would be replaced.")
    articles, problems = articles_and_problems(read_paths([tmp_path]))
    assert sorted(a.origin.rsplit("/", 1)[-1] for a in articles) == [
        "alert.msg", "alert.msg!Forwarded alert", "alert.msg!background.txt", "note.txt"]
    assert [p.reason[:12] for p in problems] == ["attachments:"]


def test_an_eml_saved_as_msg_is_read_as_an_email():
    data = (b"From: Harbour Alerts <alerts@harbour.example>\r\nSubject: Night ferry\r\n"
            b"Date: Tue, 05 Mar 2024 18:30:00 -0500\r\n\r\nThe night ferry will run all year, the board said.\r\n")
    (article,), problems = read("ferry.msg", data)
    assert problems == [] and (article.title, article.date, article.source) == ("Night ferry", "2024-03-05", "Harbour Alerts")


@pytest.mark.parametrize("name, data, reason", [
    ("empty.msg", b"", "empty file"),
    ("notes.msg", b"Just some words that no program wrote as a message.", "not an e-mail message"),
    ("story.msg", STORY_DOC, "not an Outlook message (no message properties in it)"),
    ("cut.msg", STORY[:2000], "a damaged Outlook message"),
    ("note.msg", NO_TEXT, "an e-mail without text (and without an attachment Dateline reads)"),
])
def test_a_message_that_cannot_be_read_is_named(name, data, reason):
    articles, (problem,) = read(name, data)
    assert articles == [] and problem.origin == f"upload:{name}" and problem.reason.startswith(reason)


def test_a_compound_file_whose_streams_hold_more_than_the_file_is_refused(monkeypatch):
    monkeypatch.setattr(ole, "MAX_EXPANSION", 0)  # (as streams that share their sectors would)
    articles, (problem,) = read("alert.msg", STORY)
    assert articles == [] and problem.reason.startswith("a damaged Outlook message (its streams hold more than the file)")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.integers(0, len(STORY) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       length=st.integers(0, len(STORY)), message=st.sampled_from([STORY, RTF_ONLY]))
def test_damaged_messages_end_as_articles_or_problems(cuts, length, message):
    data = bytearray(message[:max(length, 9)])
    for at, value in cuts:
        data[at % len(data)] = value
    articles, problems = read("alert.msg", bytes(data))
    assert articles or problems
    assert all(a.text.strip() for a in articles) and all(p.reason.strip() for p in problems)

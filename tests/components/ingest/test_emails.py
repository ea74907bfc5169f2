"""E-mails (.eml): the message one article (subject, date, sender, plain text else the HTML's main
text, quotes and signature left out), each attachment read as the file it is, other attachments
counted; a file that is no message, or one with nothing to read, named. The messages are built
with Python's ``email`` package, as mail programs write them. No model, no network."""
from __future__ import annotations

from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest import read_paths, read_uploads
from components.ingest.formats import format_of, read_document
from tests.components.ingest.reading import articles_and_problems, word_document, word_paragraph

STORY = ("The harbour board voted on Tuesday to extend the night ferry service, its chair said.\n\n"
         "\"We listened to the islanders,\" said Maria Lopez, who chairs the board.")


def _message(body: str | None = None, *, html: str | None = None, subject: str = "Fwd: Night ferry to run all year",
             sender: str = "Harbour Alerts <alerts@harbour.example>") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "desk@example.org"
    message["Subject"] = subject
    message["Date"] = "Tue, 05 Mar 2024 18:30:00 -0500"
    if body is not None:
        message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html") if body is not None else message.set_content(html, subtype="html")
    return message


def test_an_eml_file_is_an_email():
    assert format_of("Alert.EML") == "eml"


def test_an_email_is_one_article_with_its_subject_date_and_sender(tmp_path):
    body = (f"PORTSMOUTH (Reuters) - {STORY}\n\n> On Monday, Jo wrote:\n> what about the ferry?\n\n"
            "-- \nHarbour Alerts, 1 Quay Street\nUnsubscribe: reply STOP")
    message = _message(body, subject="Fwd: Re: Night ferry to run all year ✓")
    path = tmp_path / "alert.eml"
    path.write_bytes(bytes(message))
    (article,), problems = articles_and_problems(read_paths(path))
    assert article.text == STORY and problems == []
    assert (article.title, article.date, article.source, article.dateline) == (
        "Night ferry to run all year ✓", "2024-03-05", "Harbour Alerts", ("Portsmouth",))


def test_the_plain_body_is_preferred_and_an_html_only_message_gives_its_main_text():
    html = ("<html><body><nav>Home | World | Sport</nav><article><h1>Night ferry</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) + "</article></body></html>")
    (both,), _ = articles_and_problems(read_uploads([("both.eml", bytes(_message(STORY, html=html)))]))
    assert both.text == STORY
    (only,), _ = articles_and_problems(read_uploads([("html.eml", bytes(_message(html=html)))]))
    assert "Maria Lopez" in only.text and "Home | World" not in only.text


def test_attachments_are_read_as_their_files_and_the_others_counted():
    message = _message("A story is attached.\n\n-- \nThe desk")
    message.add_attachment(word_document(word_paragraph("Tolls to rise", "Title")
                                         + word_paragraph("Bridge tolls will rise by ten cents in March.")),
                           maintype="application", subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="tolls.docx")
    message.add_attachment(b"BEGIN:VCALENDAR", maintype="text", subtype="calendar", filename="meeting.ics")
    message.add_attachment(b"\x89PNG\r\n", maintype="image", subtype="png", filename="chart.png")
    articles, problems = articles_and_problems(read_uploads([("mail.eml", bytes(message))]))
    assert [(a.origin, a.title) for a in articles] == [("upload:mail.eml", "Night ferry to run all year"),
                                                       ("upload:mail.eml!tolls.docx", "Tolls to rise")]
    (other,) = problems
    assert other.origin == "upload:mail.eml" and "2 file(s) of other types skipped" in other.reason
    assert ".ics" in other.reason and ".png" in other.reason


def test_a_message_forwarded_as_an_attachment_is_read_as_an_email():
    inner = _message(STORY, subject="Night ferry to run all year", sender="Portsmouth Desk <desk@harbour.example>")
    outer = _message("See the story below.\n\n-- \nJo", subject="Fwd: ferry")
    outer.add_attachment(inner)
    articles, problems = articles_and_problems(read_uploads([("fwd.eml", bytes(outer))]))
    assert [(a.origin, a.title, a.source) for a in articles] == [
        ("upload:fwd.eml", "ferry", "Harbour Alerts"),
        ("upload:fwd.eml!message1", "Night ferry to run all year", "Portsmouth Desk")]
    assert articles[1].text == STORY and problems == []


@pytest.mark.parametrize("data, reason", [
    (b"just some words\nwith no headers at all\n", "not an e-mail message"),
    (bytes(_message("-- \nonly a signature")), "an e-mail without text"),
    (b"", "empty file"),
])
def test_a_message_with_nothing_to_read_or_no_message_is_named(data, reason):
    articles, (problem,) = articles_and_problems(read_uploads([("x.eml", data)]))
    assert articles == [] and problem.origin == "upload:x.eml" and reason in problem.reason


def test_an_unreadable_date_is_named_and_the_message_goes_in_undated():
    data = bytes(_message(STORY)).replace(b"Date: Tue, 05 Mar 2024 18:30:00 -0500", b"Date: sometime last week")
    (article,), (problem,) = articles_and_problems(read_uploads([("d.eml", data)]))
    assert article.date is None and "stored without a date" in problem.reason


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=3000))
def test_any_bytes_or_a_cut_message_give_articles_or_named_problems(data, cut):
    whole = bytes(_message(STORY, html=f"<p>{STORY}</p>"))
    for sample in (data, b"From: a@b.c\nSubject: x\n\n" + data, whole[:cut]):
        items = list(read_document(sample, "x.eml", "eml"))
        articles, problems = articles_and_problems(items)
        assert len(articles) + len(problems) == len(items) >= 1
        assert all(a.text.strip() for a in articles)

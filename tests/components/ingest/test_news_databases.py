"""News databases' exports: a LexisNexis text export, a Nexis Uni Word document (or its text), a
Factiva HTML page in either of its formats: one article per story, with its headline, outlet,
date and dateline, and none of the database's head or index lines in its text. The exports are
written here after the layouts those databases print (invented stories). No model, no network."""
from __future__ import annotations

import html
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest import read_paths, read_uploads
from components.ingest.formats import read_document
from components.records import Article
from tests.components.ingest.reading import articles_and_problems, pdf_document, word_document, word_paragraph

FERRY = ("The harbour board voted on Tuesday to extend the night ferry service, its chair said.",
         "\"We listened to the islanders,\" said Maria Lopez, who chairs the board.")
TOLLS = ("Bridge tolls will rise by ten cents in March, the transport ministry announced.",
         "Drivers' groups said the rise was the third in two years.")
# Words the database prints around a story, which no article's text may hold.
INDEX_WORDS = ("LOAD-DATE", "LANGUAGE:", "PUBLICATION-TYPE", "Load-Date", "Classification", "End of Document",
               "BYLINE", "Byline", "LENGTH", "Length:", "Copyright", "Job Number", "DOCUMENTS", "Body\n")


def _wrapped(paragraph: str, width: int = 60) -> str:
    """``paragraph`` cut into lines of at most ``width`` characters, as the text export wraps them."""
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def _check_stories(articles, problems, origin: str, ferry_head: tuple, tolls_head: tuple) -> None:
    """The export gave the ferry and the tolls stories, with their heads ``(title, source, date,
    dateline)``, as ``origin#1`` and ``#2``, and named its third story (a chart's, without text)."""
    ferry, tolls = articles
    assert ferry.text == "\n\n".join(FERRY) and tolls.text == "\n\n".join(TOLLS)
    assert (ferry.title, ferry.source, ferry.date, ferry.dateline) == ferry_head
    assert (tolls.title, tolls.source, tolls.date, tolls.dateline) == tolls_head
    assert [a.origin for a in articles] == [f"{origin}#1", f"{origin}#2"]
    (graphic,) = problems
    assert graphic.origin == f"{origin}#3" and "without text" in graphic.reason
    assert not any(word in a.text for a in articles for word in INDEX_WORDS)


CLASSIC = f"""Download Request: Selected Items: 1-3
Time Of Request: Friday, March 20, 2018  16:51:31

Terms: (ferry or tolls)


                               1 of 3 DOCUMENTS



                               The Harbour Gazette (Portsmouth)

                            January 11, 2010 Monday
                                   Edition 1;
                                   Final

Night ferry to run
all year

BYLINE: Jane Doe

SECTION: NEWS; Pg. 4

LENGTH: 355 words

DATELINE: PORTSMOUTH, Jan. 10

{_wrapped(FERRY[0])}

{_wrapped(FERRY[1])}

LOAD-DATE: January 12, 2010

LANGUAGE: ENGLISH

GRAPHIC: The night ferry leaving the
harbour on Monday

PUBLICATION-TYPE: Newspaper


                       Copyright 2010 Harbour Gazette Ltd
                              All Rights Reserved

                               2 of 3 DOCUMENTS



                                  Transport Weekly

                            March 2, 2011

Tolls to rise

LENGTH: 120 words

WASHINGTON (AP) -- {_wrapped(TOLLS[0])}

{_wrapped(TOLLS[1])}

LOAD-DATE: March 3, 2011

LANGUAGE: ENGLISH

                               3 of 3 DOCUMENTS

                                  Transport Weekly

                            March 9, 2011

Tolls: the chart

LENGTH: 0 words

LOAD-DATE: March 9, 2011
"""


def test_a_lexisnexis_text_export_gives_one_article_per_story(tmp_path):
    path = tmp_path / "lexis.txt"
    path.write_text(CLASSIC, encoding="utf-8")
    _check_stories(*articles_and_problems(read_paths(path)), str(path),  # (the third: a chart's entry, no text)
                   ("Night ferry to run all year", "The Harbour Gazette (Portsmouth)", "2010-01-11", ("Portsmouth",)),
                   ("Tolls to rise", "Transport Weekly", "2011-03-02", ("Washington",)))


def test_a_german_lexisnexis_export_is_split_and_its_dates_read():
    text = (CLASSIC.replace("1 of 3 DOCUMENTS", "Dokument 1 von 2").replace("2 of 3 DOCUMENTS", "Dokument 2 von 2")
            .replace("LENGTH:", "LÄNGE:").replace("January 11, 2010 Monday", "11. Januar 2010 Montag")
            .replace("March 2, 2011", "2. März 2011").replace("LANGUAGE: ENGLISH", "SPRACHE: GERMAN"))
    articles, _ = articles_and_problems(read_uploads([("export.txt", text.encode("utf-8"))]))
    assert [a.date for a in articles] == ["2010-01-11", "2011-03-02"]
    assert [a.text for a in articles] == ["\n\n".join(FERRY), "\n\n".join(TOLLS)]


def _nexis_html_story(n: int, total: int, outlet: str, date: str, headline: str, fields: list[tuple[str, str]],
                      paragraphs: tuple[str, ...], tail: list[tuple[str, str]]) -> str:
    """One story of LexisNexis's HTML export (Nexis UK's), as its page lays it out."""
    def field(name: str, value: str) -> str:
        return f'<div class="c5"><p class="c6"><span class="c8">{name}: </span><span class="c2">{value}</span></p></div>'

    return (f"<!-- Hide XML section from browser\n<DOC NUMBER={n}>\n<DOCFULL> -->\n"
            f'<div class="c0"><p class="c1"><span class="c2">{n} of {total} DOCUMENTS</span></p></div>'
            f'<div class="c0"><br></div><div class="c3"><p class="c1"><span class="c4">{outlet}</span></p></div>'
            f'<div class="c3"><p class="c1"><span class="c4">{date}</span><br><span class="c4">Final Edition</span></p></div>'
            f'<div class="c5"><p class="c6"><span class="c7">{headline}</span></p></div>'
            + "".join(field(*f) for f in fields)
            + '<div class="c5">' + "".join(f'<p class="c9"><span class="c2">{html.escape(p)}</span></p>' for p in paragraphs)
            + "</div>" + "".join(field(*f) for f in tail)
            + '<div class="c3"><p class="c1"><span class="c2">Copyright 2010 Harbour Gazette Ltd</span></p></div>'
            + "<!-- Hide XML section from browser\n</DOCFULL>\n</DOC> -->\n")


def test_a_lexisnexis_html_export_gives_one_article_per_story():
    page = ("<html><head><title>Dokumente</title></head><body>"
            + _nexis_html_story(1, 2, "The Harbour Gazette", "January 11, 2010 Monday", "Night ferry to run all year",
                                [("BYLINE", "Jane Doe"), ("SECTION", "NEWS; Pg. 4"), ("LENGTH", "355 words"),
                                 ("DATELINE", "PORTSMOUTH, Jan. 10")], FERRY,
                                [("LOAD-DATE", "January 12, 2010"), ("LANGUAGE", "ENGLISH")])
            + _nexis_html_story(2, 2, "Transport Weekly", "2. März 2011", "Tolls to rise", [("LÄNGE", "120 Wörter")],
                                TOLLS, [("SPRACHE", "GERMAN")])
            + "</body></html>").encode("utf-8")
    (ferry, tolls), problems = articles_and_problems(read_uploads([("nexis.html", page)]))
    assert problems == []
    assert ferry.text == "\n\n".join(FERRY) and tolls.text == "\n\n".join(TOLLS)
    assert (ferry.title, ferry.source, ferry.date, ferry.dateline) == (
        "Night ferry to run all year", "The Harbour Gazette", "2010-01-11", ("Portsmouth",))
    assert (tolls.title, tolls.source, tolls.date) == ("Tolls to rise", "Transport Weekly", "2011-03-02")
    assert [a.origin for a in (ferry, tolls)] == ["upload:nexis.html#1", "upload:nexis.html#2"]


#: A Nexis Uni export's lines (its .docx paragraphs): a cover page, then each story's head, "Body",
#: its text and its index, and "End of Document". A no-break space follows the fields' colons.
UNI = ["Date and Time: Monday, May 6, 2019 9:44:00 AM EDT", "Job Number: 91234567", "Documents (3)",
       "1. Night ferry to run all year", "Client/Matter: -None-", "Search Terms: ferry or tolls",
       "Search Type: Terms and Connectors",
       "Night ferry to run all year", "The Harbour Gazette", "May 5, 2019, Sunday,, FINAL EDITION",
       "Copyright 2019 Harbour Gazette Ltd All Rights Reserved", "Section: NEWS; Pg. 4; Length:\u00a0355 words",
       "Byline: Jane Doe", "Dateline: PORTSMOUTH, May 4", "Body", *FERRY, "Classification", "Language: ENGLISH",
       "Publication-Type: Newspaper", "Subject: FERRIES (90%)", "Load-Date: May 6, 2019", "End of Document",
       "Tolls to rise", "Transport Weekly", "March 2, 2019 Saturday 10:30 PM EST", "Length:\u00a0120 words",
       "Body", f"WASHINGTON (AP) \u2014 {TOLLS[0]}", TOLLS[1], "Graphic", "A chart of the tolls since 2001.",
       "Load-Date: March 3, 2019", "End of Document",
       "Tolls: the chart", "Transport Weekly", "March 9, 2019", "Load-Date: March 9, 2019", "End of Document"]


def _check_uni(articles, problems, origin):
    _check_stories(articles, problems, origin,
                   ("Night ferry to run all year", "The Harbour Gazette", "2019-05-05", ("Portsmouth",)),
                   ("Tolls to rise", "Transport Weekly", "2019-03-02", ("Washington",)))


def test_a_nexis_uni_word_export_gives_one_article_per_story():
    data = word_document("".join(word_paragraph(html.escape(line)) for line in UNI))
    _check_uni(*articles_and_problems(read_uploads([("nexis.docx", data)])), "upload:nexis.docx")


def test_a_story_keyed_in_line_by_line_reads_as_its_paragraphs():
    lines = ["The harbour board voted on Tuesday to extend", "the night ferry service, its chair", "said.",
             "Ferries", "Drivers' groups said the rise was the third in two years."]
    at = UNI.index("Body") + 1
    data = word_document("".join(word_paragraph(html.escape(x)) for x in [*UNI[:at], *lines, *UNI[at + 2:]]))
    ferry = articles_and_problems(read_uploads([("nexis.docx", data)]))[0][0]
    assert ferry.text == ("The harbour board voted on Tuesday to extend the night ferry service, its chair said.\n\n"
                          "Ferries\n\nDrivers' groups said the rise was the third in two years.")


def test_a_nexis_uni_export_cut_inside_a_story_names_it():
    cut = UNI[:UNI.index("Graphic")]  # (the tolls story's text, then nothing)
    articles, problems = articles_and_problems(read_uploads([("cut.docx", word_document(
        "".join(word_paragraph(html.escape(x)) for x in cut)))]))
    assert [a.title for a in articles] == ["Night ferry to run all year", "Tolls to rise"]
    (problem,) = problems
    assert problem.origin == "upload:cut.docx#2" and "may be cut short" in problem.reason


def test_a_nexis_uni_export_saved_as_text_reads_as_the_word_one():
    text = "\r\n\r\n".join(UNI)
    _check_uni(*articles_and_problems(read_uploads([("nexis.txt", text.encode("utf-8"))])), "upload:nexis.txt")
    from_word = read_uploads([("n.docx", word_document("".join(word_paragraph(html.escape(x)) for x in UNI)))])
    from_text = read_uploads([("n.txt", text.encode("utf-8"))])
    assert [a.id for a in from_word if isinstance(a, Article)] == [a.id for a in from_text if isinstance(a, Article)]


#: Longer stories for the exports printed to PDF: a PDF's lines tell where a paragraph ends only
#: by a short last line, so its paragraphs run to several lines.
PRINTED_FERRY = ("The harbour board voted on Tuesday to extend the night ferry service to the islands, its chair "
                 "said, after a year in which the number of passengers rose by a third and the government paid "
                 "for two new boats.",
                 "\u201cWe listened to the islanders,\u201d the chair, Anna Berg, told reporters on the quay after "
                 "the vote, which passed by seven votes to two.")
PRINTED_TOLLS = ("Bridge tolls will rise by ten cents in March, the transport ministry announced on Friday, the "
                 "third rise in two years and the largest since the bridge opened.",
                 "Drivers' groups said the rise would hit commuters hardest and asked the ministry to publish "
                 "the figures behind it.")


def _printed(lines: list[str], *, width: int = 58, per_page: int = 14) -> bytes:
    """``lines`` printed to PDF as a database prints an export, their stories' text the longer
    one of :data:`PRINTED_FERRY` and :data:`PRINTED_TOLLS`: each line wrapped at ``width``
    characters, ``per_page`` lines a page, "Page N of M" at each page's foot."""
    import textwrap

    longer = dict(zip((*FERRY, *TOLLS), (*PRINTED_FERRY, *PRINTED_TOLLS)))
    lines = [next((line.replace(short, long) for short, long in longer.items() if short in line), line)
             for line in lines]
    drawn = [part for line in lines for part in (textwrap.wrap(line, width) or [""])]
    pages = [drawn[i:i + per_page] for i in range(0, len(drawn), per_page)]
    return pdf_document([[*page, f"Page {n} of {len(pages)}"] for n, page in enumerate(pages, 1)])


def _check_printed(articles, problems, origin: str, ferry_head: tuple, tolls_head: tuple) -> None:
    """As :func:`_check_stories`, for the stories of :func:`_printed` (the ferry's paragraphs, the
    tolls' after their wire dateline)."""
    ferry, tolls = articles
    assert ferry.text == "\n\n".join(PRINTED_FERRY) and tolls.text == "\n\n".join(PRINTED_TOLLS)
    assert (ferry.title, ferry.source, ferry.date, ferry.dateline) == ferry_head
    assert (tolls.title, tolls.source, tolls.date, tolls.dateline) == tolls_head
    assert [a.origin for a in articles] == [f"{origin}#1", f"{origin}#2"]
    assert not any(word in a.text for a in articles for word in (*INDEX_WORDS, "Page 1"))
    return problems


def test_a_nexis_uni_export_printed_to_pdf_gives_one_article_per_story():
    """A PDF of the export: its stories' lines joined back into paragraphs across pages, each
    head line and marker read on its own (not dropped where it closes most pages), an article
    per story with its head as from its Word document."""
    problems = _check_printed(*articles_and_problems(read_uploads([("nexis.pdf", _printed(UNI))])),
                              "upload:nexis.pdf", ("Night ferry to run all year", "The Harbour Gazette", "2019-05-05",
                                                   ("Portsmouth",)),
                              ("Tolls to rise", "Transport Weekly", "2019-03-02", ("Washington",)))
    (graphic,) = problems
    assert graphic.origin == "upload:nexis.pdf#3" and "without text" in graphic.reason


def _factiva_article(headline: str, head: list[str], paragraphs: tuple[str, ...], doc_id: str, lang: str = "en",
                     number: int | None = None) -> str:
    """A story of Factiva's HTML page; ``number``: its place in a numbered list ("1) " before the headline)."""
    counted = f' counted">{number}) ' if number else '">'
    divs = "".join(f"<div>{html.escape(x)}</div>" for x in head)
    ps = "".join(f'<p class="articleParagraph {lang}articleParagraph">{html.escape(p)}  </p>' for p in paragraphs)
    return (f'<div id="article-{doc_id}" class="article"><div class="article {lang}Article"><p></p><div>News; 1</div>'
            f'<div id="hd"><span class="{lang}Headline{counted}{html.escape(headline)}  </span></div>'
            f'<div class="author">By Jane Doe</div>{divs}<p></p>{ps}<p>Harbour Gazette Online</p>'
            f"<p>Dokument {doc_id}</p></div></div><br><span></span>")


def _factiva_page(articles: str) -> bytes:
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>Factiva</title>'
            '</head><body><div id="navcontainer"><h1>Dow Jones Factiva</h1></div><form><div id="contentWrapper">'
            f'<div id="contentLeft">{articles}</div></div></form></body></html>').encode("utf-8")


FACTIVA = _factiva_page(
    _factiva_article("Night ferry to run all year", ["355 Wörter", "5 Mai 2019", "The Harbour Gazette", "HARGAZ",
                                                     "Englisch", "Copyright 2019 Harbour Gazette Ltd."],
                     FERRY, "HARGAZ0020190505ef5500001", number=1)
    + _factiva_article("Tolls to rise", ["120 Wörter", "2 März 2019", "22:30", "Transport Weekly", "TRNWKY", "Englisch",
                                         "(c) 2019 Transport Weekly"],
                       (f"WASHINGTON (AP) -- {TOLLS[0]}", TOLLS[1]), "TRNWKY0020190302ef3200002"))


def _check_factiva(articles, problems, origin: str) -> None:
    """The Factiva export gave the ferry and tolls stories with their heads and ids, as ``origin#1``
    and ``#2``, and nothing else."""
    ferry, tolls = articles
    assert problems == []
    assert ferry.text == "\n\n".join(FERRY) and tolls.text == "\n\n".join(TOLLS)
    assert (ferry.title, ferry.source, ferry.date, ferry.source_id) == (
        "Night ferry to run all year", "The Harbour Gazette", "2019-05-05", "HARGAZ0020190505ef5500001")
    assert (tolls.title, tolls.source, tolls.date, tolls.dateline, tolls.source_id) == (
        "Tolls to rise", "Transport Weekly", "2019-03-02", ("Washington",), "TRNWKY0020190302ef3200002")
    assert [a.origin for a in articles] == [f"{origin}#1", f"{origin}#2"]


def test_a_factiva_html_export_gives_one_article_per_story():
    _check_factiva(*articles_and_problems(read_uploads([("factiva.html", FACTIVA)])), "upload:factiva.html")


def test_a_factiva_export_with_its_index_reads_the_fields_beside_their_codes():
    def row(code: str, value: str) -> str:
        return f'<tr><td class="index"><b>{code}</b>&nbsp;</td><td>{value}</td></tr>'

    paragraphs = "".join(f'<p class="articleParagraph enarticleParagraph">{html.escape(p)}</p>' for p in FERRY)
    table = ("<table>" + row("HD", "<b>Night ferry to run all year</b>") + row("BY", "Jane Doe") + row("WC", "355 words")
             + row("PD", "5 May 2019") + row("SN", "The Harbour Gazette") + row("SC", "HARGAZ") + row("LA", "English")
             + row("CY", "(c) 2019 Harbour Gazette Ltd") + row("LP", paragraphs[:paragraphs.index("</p>") + 4])
             + row("TD", paragraphs[paragraphs.index("</p>") + 4:]) + row("NS", "gtrans : Transport")
             + row("AN", "Document HARGAZ0020190505ef5500001") + "</table>")
    page = _factiva_page(f'<div class="article"><div class="article enArticle">{table}</div></div>')
    (article,), problems = articles_and_problems(read_uploads([("indexed.htm", page)]))
    assert (article.title, article.source, article.date, article.source_id) == (
        "Night ferry to run all year", "The Harbour Gazette", "2019-05-05", "HARGAZ0020190505ef5500001")
    assert article.text == "\n\n".join(FERRY) and problems == []


def test_a_factiva_export_in_a_zip_is_named_by_member_and_story_and_reads_again_the_same(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("exports/factiva.html", FACTIVA)
        z.writestr("exports/lexis.txt", CLASSIC)
    path = tmp_path / "exports.zip"
    path.write_bytes(buf.getvalue())
    first, _ = articles_and_problems(read_paths(path))
    assert [a.origin for a in first] == [f"{path}!exports/factiva.html#1", f"{path}!exports/factiva.html#2",
                                         f"{path}!exports/lexis.txt#1", f"{path}!exports/lexis.txt#2"]
    assert [a.id for a in articles_and_problems(read_paths(path))[0]] == [a.id for a in first]


def _rtf(paragraphs: list[str]) -> bytes:
    """An RTF document of ``paragraphs`` as Word saves one: a font table, a picture, each paragraph
    ended by ``\\par``, characters beyond ASCII as ``\\'xx`` (Windows-1252) or ``\\uN?``."""
    def escaped(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) < 128:
                out.append(ch)
            elif ch.encode("cp1252", errors="ignore"):
                out.append(f"\\'{ch.encode('cp1252')[0]:02x}")
            else:
                out.append(f"\\u{ord(ch)}?")
        return "".join(out)
    body = "".join(f"\\pard\\plain\\f0 {escaped(p)}\\par\n" for p in paragraphs)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}{\\*\\generator Riched20;}"
            "{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a}\n" + body + "}").encode("ascii")


#: A Factiva export in its Article Format, as lines (its RTF's paragraphs, or a text file's).
FACTIVA_LINES = ["Night ferry to run all year", "By Jane Doe", "355 words", "5 May 2019", "The Harbour Gazette", "HARGAZ",
                 "English", "Copyright 2019 Harbour Gazette Ltd.", *FERRY, "Document HARGAZ0020190505ef5500001",
                 "Tolls to rise", "1,120 words", "2 March 2019", "22:30 GMT", "Transport Weekly", "TRNWKY", "English",
                 "(c) 2019 Transport Weekly", f"WASHINGTON (AP) -- {TOLLS[0]}", TOLLS[1],
                 "Document TRNWKY0020190302ef3200002"]


def test_a_factiva_rtf_export_gives_one_article_per_story():
    _check_factiva(*articles_and_problems(read_uploads([("factiva.rtf", _rtf(FACTIVA_LINES))])), "upload:factiva.rtf")


def test_a_factiva_export_copied_into_a_text_file_gives_one_article_per_story():
    data = "\n\n".join(FACTIVA_LINES).encode("utf-8")
    _check_factiva(*articles_and_problems(read_uploads([("factiva.txt", data)])), "upload:factiva.txt")


def test_a_factiva_export_printed_to_pdf_gives_one_article_per_story():
    problems = _check_printed(*articles_and_problems(read_uploads([("factiva.pdf", _printed(FACTIVA_LINES))])),
                              "upload:factiva.pdf", ("Night ferry to run all year", "The Harbour Gazette", "2019-05-05",
                                                     ()),
                              ("Tolls to rise", "Transport Weekly", "2019-03-02", ("Washington",)))
    assert problems == []


def test_a_factiva_export_cut_inside_its_last_story_keeps_it_and_names_it():
    cut = FACTIVA_LINES[:-2]  # (the tolls story's last paragraph and its Document line missing)
    articles, problems = articles_and_problems(read_uploads([("cut.txt", "\n\n".join(cut).encode("utf-8"))]))
    assert [a.title for a in articles] == ["Night ferry to run all year", "Tolls to rise"]
    assert articles[1].text == TOLLS[0] and articles[1].source_id is None
    (problem,) = problems
    assert problem.origin == "upload:cut.txt#2" and "may be cut short" in problem.reason


def test_a_factiva_export_with_its_index_as_lines_reads_each_field_after_its_code():
    lines = ["HD Night ferry to run all year", "BY Jane Doe", "WC 355 words", "PD 5 May 2019", "SN The Harbour Gazette",
             "SC HARGAZ", "LA English", "CY Copyright 2019 Harbour Gazette Ltd.", "LP", FERRY[0], "TD", FERRY[1],
             "NS gtrans : Transport", "AN Document HARGAZ0020190505ef5500001",
             "HD Tolls to rise", "PD 2 March 2019", "SN Transport Weekly", "TD", *TOLLS,
             "AN Document TRNWKY0020190302ef3200002"]
    (ferry, tolls), problems = articles_and_problems(read_uploads([("indexed.rtf", _rtf(lines))]))
    assert (ferry.title, ferry.source, ferry.date, ferry.source_id) == (
        "Night ferry to run all year", "The Harbour Gazette", "2019-05-05", "HARGAZ0020190505ef5500001")
    assert ferry.text == "\n\n".join(FERRY) and tolls.text == "\n\n".join(TOLLS) and problems == []


def test_an_rtf_document_is_one_article_in_its_own_characters():
    paragraphs = ["Café owners in Zürich — and in Łódź — said prices rose.", "Brackets {kept} and a back\\slash."]
    (article,), problems = articles_and_problems(read_uploads([("note.rtf", _rtf(paragraphs))]))
    assert article.text == "\n\n".join(paragraphs) and article.title is None and problems == []


@pytest.mark.parametrize("data, reason", [
    (b"Not rich text at all.", "not an RTF document"),
    (b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par\\par}", "an RTF document without text"),
])
def test_an_rtf_file_without_text_or_not_rtf_is_named(data, reason):
    articles, (problem,) = articles_and_problems(read_uploads([("x.rtf", data)]))
    assert articles == [] and problem.origin == "upload:x.rtf" and reason in problem.reason


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), cut=st.integers(min_value=0, max_value=2000))
def test_any_bytes_or_a_cut_rtf_give_articles_or_named_problems(data, cut):
    for sample in (data, b"{\\rtf1" + data, _rtf(FACTIVA_LINES)[:cut]):
        items = list(read_document(sample, "x.rtf", "rtf"))
        articles, problems = articles_and_problems(items)
        assert len(articles) + len(problems) == len(items) and all(a.text.strip() for a in articles)


@pytest.mark.parametrize("name, data", [
    ("minutes.txt", b"The meeting closed at six.\n\nEnd of Document\n"),  # (no "Body" line)
    ("notes.txt", b"We read 1 of 10 DOCUMENTS today and found nothing.\n"),
    ("page.html", b"<html><body><div class='article'><p>The harbour board voted on Tuesday to extend the night"
                  b" ferry service, its chair said, after a long debate.</p></div></body></html>"),
])
def test_files_that_only_look_like_exports_are_read_as_they_are(name, data):
    articles, problems = articles_and_problems(read_uploads([(name, data)]))
    assert len(articles) == 1 and problems == []
    assert articles[0].origin == f"upload:{name}"


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(CLASSIC)), which=st.sampled_from(["classic", "uni", "factiva"]))
def test_an_export_cut_anywhere_gives_articles_or_named_problems(cut, which):
    data = {"classic": CLASSIC.encode("utf-8"), "uni": "\n".join(UNI).encode("utf-8"), "factiva": FACTIVA}[which]
    data = data[:cut * len(data) // len(CLASSIC)]
    items = list(read_document(data, "x", "html" if which == "factiva" else "text"))
    articles, problems = articles_and_problems(items)
    assert len(articles) + len(problems) == len(items)
    assert all(a.text.strip() for a in articles) and all(p.reason for p in problems)
    assert not any(word in a.text for a in articles for word in ("LOAD-DATE:", "Load-Date:", "End of Document"))

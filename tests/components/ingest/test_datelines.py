"""Wire datelines at the start of a body in every format (.txt, HTML, JSON/JSONL, CSV): the
places and the credited wire agency, which is the source when the file gives none. Sentences
written for these tests; no model, no network."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.ingest import read_paths
from components.datelines import US_STATE_ABBREVIATIONS, read_dateline
from components.ingest.header import split_header
from components.ingest.webpages import read_html
from components.records import Article

BODY = "The harbour board voted on Tuesday to extend the night ferry service."


@pytest.mark.parametrize("opening,places,agency", [
    ("WASHINGTON (AP) \u2014 ", ("Washington",), "AP"),
    ("MADRID \u2014 ", ("Madrid",), None),
    ("BAAR, SWITZERLAND (Reuters) - ", ("Baar", "Switzerland"), "Reuters"),
    ("BAAR, Switzerland (Reuters) - ", ("Baar", "Switzerland"), "Reuters"),
    ("LONDON, Dec 2 (Reuters) - ", ("London",), "Reuters"),
    ("KYIV, Ukraine \u2014 ", ("Kyiv", "Ukraine"), None),
    ("NAIROBI, Kenya (AFP) \u2013 ", ("Nairobi", "Kenya"), "AFP"),
    ("LIMA -- ", ("Lima",), None),
    ("OSLO: ", ("Oslo",), None),
    ("BEIJING (Xinhua) -- ", ("Beijing",), "Xinhua"),
    ("SEOUL, Dec. 3 (Yonhap) -- ", ("Seoul",), "Yonhap"),
    ("ATLANTA (CNN) \u2014 ", ("Atlanta",), "CNN"),  # an outlet credited like an agency
    ("  \n BOGOTA (A.P.) \u2014 ", ("Bogota",), "A.P."),
    # a place in title case, credited to a news agency (the German and French wires' style)
    ("Berlin (dpa) - ", ("Berlin",), "dpa"),
    ("Paris (AFP) \u2013 ", ("Paris",), "AFP"),
    ("New York, March 3 (Reuters) - ", ("New York",), "Reuters"),
    ("S\u00e3o Paulo (Reuters) - ", ("S\u00e3o Paulo",), "Reuters"),
    ("Frankfurt (dpa-AFX) - ", ("Frankfurt",), "dpa-AFX"),
    ("Washington (AFP/dpa) - ", ("Washington",), "AFP/dpa"),
    # capitals beyond ASCII, as Unicode has them
    ("Z\u00dcRICH (Reuters) - ", ("Z\u00fcrich",), "Reuters"),
    ("S\u00c3O PAULO (AP) \u2014 ", ("S\u00e3o Paulo",), "AP"),
    ("BOGOT\u00c1, Colombia (AP) \u2014 ", ("Bogot\u00e1", "Colombia"), "AP"),
    ("\u0141\u00d3D\u0179, Poland (Reuters) - ", ("\u0141\u00f3d\u017a", "Poland"), "Reuters"),
    ("\u00c9vry (AFP) - ", ("\u00c9vry",), "AFP"),
    ("\u00dcberlingen (dpa) - ", ("\u00dcberlingen",), "dpa"),
])
def test_datelines_give_places_and_the_wire_agency(opening, places, agency):
    text = opening + BODY
    line = read_dateline(text)
    assert line is not None
    assert (line.places, line.agency) == (places, agency)
    assert text[line.end:] == BODY


@pytest.mark.parametrize("text", [
    "BREAKING news \u2014 the harbour board voted to extend the ferry.",
    "US stocks fell \u2014 sharply \u2014 on Tuesday.",
    "BREAKING: the harbour board voted to extend the ferry.",
    "UN \u2014 the assembly met.",
    "Madrid \u2014 the council met on Tuesday.",
    "FERRY SERVICE EXTENDED - BOARD VOTES YES",
    "The board said - after a long debate - that the ferry stays.",
    "NATO (Brussels) - the allies met.",
    # title case needs a news agency credited: a ticker, a party, an organisation are none
    "Apple (AAPL) - shares rose on Tuesday.",
    "Scholz (SPD) - the chancellor said so.",
    "Nato (Reuters) - the allies met.",
    "Madrid (Spain) - the council met on Tuesday.",
    "\u00c9TAT D'URGENCE - LE GOUVERNEMENT D\u00c9CR\u00c8TE",  # a headline in capitals, accents or not
    "\u00c9vry (Essonne) - le maire a parl\u00e9.",
])
def test_openings_that_are_not_datelines(text):
    assert read_dateline(text) is None
    head = split_header(text)
    assert head.dateline == () and head.source is None and head.body == text


def test_txt_credit_of_an_outlet_is_the_source_as_for_an_agency():
    head = split_header("ATLANTA (CNN) \u2014 " + BODY)
    assert head.dateline == ("Atlanta",) and head.source == "CNN" and head.body == BODY


def page(opening: str, *, site: str | None) -> bytes:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry service extended</title>
{meta}</head><body><nav><a href="/">Home</a></nav><article><h1>Ferry service extended</h1>
<p>{opening}{BODY} The service will run until midnight from next month, officials said.</p>
<p>Passengers had asked for later sailings for years, the board\u2019s chair told reporters.</p>
</article></body></html>""".encode("utf-8")


def test_html_dateline_is_split_off_and_its_agency_is_the_source():
    article = read_html(page("BAAR, Switzerland (Reuters) - ", site=None), "p.html")
    assert isinstance(article, Article)
    assert article.dateline == ("Baar", "Switzerland") and article.source == "Reuters"
    assert article.text.startswith(BODY)


def test_html_site_name_stays_the_source_before_the_agency():
    article = read_html(page("WASHINGTON (AP) \u2014 ", site="Harbour News"), "p.html")
    assert article.dateline == ("Washington",) and article.source == "Harbour News"
    assert article.text.startswith(BODY)


def test_html_without_a_dateline_keeps_its_text():
    article = read_html(page("", site=None), "p.html")
    assert article.dateline == () and article.source is None and article.text.startswith(BODY)


def test_records_keep_their_text_and_gain_the_dateline_and_agency(tmp_path: Path):
    text = "MADRID (EFE) - " + BODY
    rows = [{"id": "a", "text": text},
            {"id": "b", "text": text, "source": "Harbour News"},
            {"id": "c", "text": text, "dateline": "Toledo"},
            {"id": "d", "text": "BREAKING news \u2014 " + BODY}]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    csv_path = tmp_path / "feed.csv"
    csv_path.write_text(f'id,text\ne,"{text}"\n', encoding="utf-8")
    got = {a.source_id: a for a in read_paths([path, csv_path]) if isinstance(a, Article)}
    assert all(a.text == text for k, a in got.items() if k != "d")
    assert [(got[k].dateline, got[k].source) for k in "abcde"] == [
        (("Madrid",), "EFE"), (("Madrid",), "Harbour News"), (("Toledo",), "EFE"), ((), None),
        (("Madrid",), "EFE")]


caps_words = st.lists(st.text(alphabet="ABCDEFGHIKLMNOPRSTUVYZ'.-", min_size=1, max_size=8),
                      min_size=1, max_size=3).map(" ".join)
openings = st.one_of(
    st.text(max_size=40),
    st.builds(lambda lead, place, region, sep, rest: lead + place + region + sep + rest,
              st.sampled_from(["", "  ", "\n \t"]), st.one_of(caps_words, caps_words.map(str.title)),
              st.sampled_from(["", ", Ukraine", ", ILL.", ", Dec 2", "/Tehran", ", Ala., Dec. 3, 2024"]),
              st.sampled_from([" \u2014 ", " - ", " -- ", " \u2013 ", ": ", " (AP) \u2014 ", " (CNN) ", "-",
                               " (Reuters) - ", " (dpa) - ", " (AFP/dpa) \u2013 "]),
              st.one_of(st.text(max_size=40), st.just(BODY), st.just("IN CAPS ONLY."))))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=openings)
def test_a_dateline_is_always_a_prefix_and_split_header_only_removes_it(text):
    line = read_dateline(text)
    if line is not None:
        assert 0 < line.end <= len(text) and text[line.end:].strip()
        prefix = " ".join(text[:line.end].split()).lower()
        assert line.places and all(p.lower() in prefix or p in US_STATE_ABBREVIATIONS.values()
                                   for p in line.places)
    head = split_header(text)
    if not text.lstrip().lower().startswith("date"):
        assert head.body == (text[line.end:] if line else text).strip()
        assert head.dateline == (line.places if line else ())

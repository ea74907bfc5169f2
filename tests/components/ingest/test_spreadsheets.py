"""Excel workbooks (.xlsx) as media-monitoring services export a corpus: one article per row under a
header row, columns read as a CSV file's are, dates as dates; a sheet without a text column, an
empty workbook and a file that is no workbook named. No model, no network."""
from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from hypothesis import example, given, settings
from hypothesis import strategies as st

from components.ingest import read_paths, read_uploads
from components.ingest.formats import format_of, read_document
from components.records import Article, Problem
from tests.components.ingest.reading import articles_and_problems

STORY = "The harbour board voted on Tuesday to extend the night ferry service, its chair said."


def _book(sheets: dict[str, list[list]]) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    day = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, day)
                elif value is not None:
                    sheet.write(r, c, value)
    book.close()
    return buf.getvalue()



def test_an_xlsx_file_is_a_workbook():
    assert format_of("Export.XLSX") == "xlsx"


def test_each_row_of_a_monitoring_export_is_an_article_with_its_fields(tmp_path):
    rows = [["", None, None],  # a blank first row, as exports often have
            ["Headline", "Published Date", "Source", "Article Text", "URL", "Reach"],
            ["Port reopens", dt.datetime(2024, 3, 5, 9, 30), "Harbour News", f"OSLO (Reuters) - {STORY}", "https://x.example/1", 12000],
            ["Fees rise", 45357.25, "Harbour News", STORY + "\nA second line.", None, 5],  # a date cell without its format
            ["No text", "2024-03-07", "Harbour News", None],
            ["Zero", 0, None, STORY + " Zero."]]
    path = tmp_path / "monitor.xlsx"
    path.write_bytes(_book({"Export": rows}))
    articles, problems = articles_and_problems(read_paths(path))
    port, fees, zero = articles
    assert (port.title, port.date, port.source, port.url, port.dateline) == (
        "Port reopens", "2024-03-05", "Harbour News", "https://x.example/1", ("Oslo",))
    assert port.text == f"OSLO (Reuters) - {STORY}"  # kept as given, as a CSV cell is
    assert (fees.date, fees.text) == ("2024-03-06", STORY + "\nA second line.")
    assert [a.origin for a in articles] == [f"{path}:3", f"{path}:4", f"{path}:6"]
    reasons = {p.origin: p.reason for p in problems}
    assert reasons[f"{path}:5"] == "empty text"
    assert zero.date is None and "placeholder for a missing date" in reasons[f"{path}:6"]


def test_every_sheet_with_a_text_column_is_read_and_the_others_are_left():
    data = _book({"Notes": [["just notes"], ["more"]],
                  "Week 1": [["title", "text"], ["A", STORY]],
                  "Week 2": [["titre", "texte", "date"], ["B", STORY + " Deux.", "14/03/2024"]]})
    articles, problems = articles_and_problems(read_uploads([("book.xlsx", data)]))
    assert [(a.origin, a.title) for a in articles] == [("upload:book.xlsx!Week 1:2", "A"), ("upload:book.xlsx!Week 2:2", "B")]
    assert articles[1].date == "2024-03-14" and problems == []


def test_workbooks_that_cannot_be_used_are_named():
    files = [("cols.xlsx", _book({"S": [["name", "value"], ["a", 1]]})), ("empty.xlsx", _book({"S": []})),
             ("header.xlsx", _book({"S": [["title", "text"]]})), ("fake.xlsx", b"this is not a workbook"),
             ("cut.xlsx", _book({"S": [["text"], [STORY]]})[:300])]
    articles, problems = articles_and_problems(read_uploads(files))
    reasons = {p.origin: p.reason for p in problems}
    assert articles == []
    assert reasons["upload:cols.xlsx"].startswith("no text") and "name, value" in reasons["upload:cols.xlsx"]
    assert reasons["upload:empty.xlsx"].startswith("no text")
    assert reasons["upload:header.xlsx"] == "no rows under the header row"
    assert reasons["upload:fake.xlsx"].startswith("not a readable Excel workbook")
    assert reasons["upload:cut.xlsx"].startswith("not a readable Excel workbook")


def test_a_workbook_bomb_is_refused_unopened():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", "<sst>" + "a" * (30 << 20) + "</sst>")  # 30 MB of one letter
    articles, (problem,) = articles_and_problems(read_uploads([("bomb.xlsx", buf.getvalue())]))
    assert articles == [] and problem.reason.startswith("Excel workbook refused") and "a zip bomb?" in problem.reason


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.lists(st.one_of(st.none(), st.text(max_size=30), st.integers(-10**6, 10**7),
                                         st.floats(allow_nan=False, allow_infinity=False)), max_size=4), max_size=6),
       cut=st.one_of(st.none(), st.integers(0, 5000)))
@example(cells=[["=\x1f"]], cut=None)  # (a formula with a control character: the sheet is no well-formed XML)
def test_whatever_a_workbook_holds_it_gives_articles_or_named_problems(cells, cut):
    data = _book({"S": [["title", "text", "date", "x"], *cells]})
    items = list(read_document(data if cut is None else data[:cut], "w.xlsx", "xlsx"))  # never raises
    assert all(isinstance(i, (Article, Problem)) for i in items)
    assert all(i.text.strip() and i.origin.startswith("w.xlsx:") for i in items if isinstance(i, Article))

"""components.export.tables: CSV / JSON / XLSX of exactly the frame; a text that a spreadsheet would run
as a formula stays text."""
from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import pytest

from components import export

from .hostile_texts import FORMULA, SCRIPT_QUOTE


def test_csv_round_trips_the_frame_with_iso_days(quotes):
    back = pd.read_csv(io.BytesIO(export.frame_csv(quotes)))
    assert list(back.columns) == list(quotes.columns)
    assert list(back["date"]) == ["2024-12-02", "2024-11-30"]
    assert list(back["quote"]) == ["'" + FORMULA, SCRIPT_QUOTE]     # the formula neutralised


# Cells a spreadsheet would run as a formula (OWASP, CSV injection), and their full-width forms.
FORMULA_CELLS = [FORMULA, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-1+1", "\t=1+1",
                 "\r=1+1", "\uff1d1+1", "\uff0bcmd", "\uff0d1+1", "\uff20SUM(A1)", '=1+1 "quoted"']


def _injection_frame() -> pd.DataFrame:
    n = len(FORMULA_CELLS)
    return pd.DataFrame({
        "quote": FORMULA_CELLS,
        "speaker": ["Lena Marsh"] * n,
        "aliases": [["=cmd", "Marsh"]] + [["Marsh"]] * (n - 1),
        "n_mentions": [-3] * n,
        "share": [-0.25] * n,
    })


def _raw_rows(data: bytes) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _csv_writers():
    """Every CSV writer of the app and the CLI: the export function and the dashboard's CSV
    download buttons (which must go through it)."""
    from dashboard import downloads

    yield "export.frame_csv", export.frame_csv
    for label, _ext, _mime, func in downloads.TABLE_FORMATS:
        if label == "CSV":
            yield "dashboard CSV download", lambda frame, func=func: downloads._exporter(func, frame)()


@pytest.mark.parametrize("write", [w for _, w in _csv_writers()], ids=[n for n, _ in _csv_writers()])
def test_every_csv_writer_neutralises_formula_cells(write):
    header, *rows = _raw_rows(write(_injection_frame()))
    assert header == ["quote", "speaker", "aliases", "n_mentions", "share"]
    assert [r[0] for r in rows] == ["'" + cell for cell in FORMULA_CELLS]
    assert [r[1] for r in rows] == ["Lena Marsh"] * len(FORMULA_CELLS)     # plain text unchanged
    assert rows[0][2] == "'=cmd; Marsh" and rows[1][2] == "Marsh"           # list cells joined first
    assert {(r[3], r[4]) for r in rows} == {("-3", "-0.25")}                 # numbers stay numbers


def test_csv_writes_numbers_unquoted_and_doubles_embedded_quotes():
    text = export.frame_csv(_injection_frame()).decode("utf-8")
    line = text.splitlines()[-1]
    assert line == '"\'=1+1 ""quoted""","Lena Marsh","Marsh",-3,-0.25'


def test_csv_safe_changes_only_strings_that_start_a_formula():
    assert export.csv_safe("=1+1") == "'=1+1"
    assert export.csv_safe("-3") == "'-3"                 # text, even if it looks like a number
    assert export.csv_safe(-3) == -3 and export.csv_safe(-2.5) == -2.5
    assert export.csv_safe("Peace talks - day 2") == "Peace talks - day 2"
    assert export.csv_safe(None) is None and export.csv_safe("") == ""


def test_json_is_an_array_of_rows_with_lists_and_nulls():
    frame = pd.DataFrame({"actor": ["Lena Marsh", "Norway"], "aliases": [["Marsh", "L. Marsh"], []],
                          "n": [3, 1], "role": ["minister", None]})
    rows = json.loads(export.frame_json(frame))
    assert rows == [{"actor": "Lena Marsh", "aliases": ["Marsh", "L. Marsh"], "n": 3, "role": "minister"},
                    {"actor": "Norway", "aliases": [], "n": 1, "role": None}]


def test_json_days_are_iso_strings(quotes):
    rows = json.loads(export.frame_json(quotes))
    assert [r["date"] for r in rows] == ["2024-12-02", "2024-11-30"]


def _sheet_cells(xlsx: bytes) -> dict[str, tuple[str | None, str]]:
    """``{cell ref: (type attribute, value text or formula marker)}`` of sheet 1, resolving
    shared strings."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        names = z.namelist()
        assert "xl/worksheets/sheet1.xml" in names
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                      for si in root.findall("m:si", ns)]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        has_links = any(n.startswith("xl/worksheets/_rels/") for n in names)
    cells = {}
    for c in sheet.iter(f"{{{ns['m']}}}c"):
        if c.find("m:f", ns) is not None:
            cells[c.get("r")] = (c.get("t"), "<formula>")
            continue
        v = c.find("m:v", ns)
        text = v.text if v is not None else "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t"))
        cells[c.get("r")] = (c.get("t"), shared[int(text)] if c.get("t") == "s" else text)
    cells["_links"] = (None, str(has_links))
    return cells


def test_xlsx_keeps_text_starting_with_equals_as_a_string(quotes):
    cells = _sheet_cells(export.frame_xlsx(quotes))
    assert cells["A1"] == ("s", "date")
    assert cells["C2"] == ("s", FORMULA)               # a string cell, not a formula
    assert cells["C3"] == ("s", SCRIPT_QUOTE)
    assert cells["A2"] == ("s", "2024-12-02")
    assert cells["_links"] == (None, "False")           # no hyperlink made of the URL


def test_xlsx_keeps_every_formula_like_text_as_a_string():
    cells = _sheet_cells(export.frame_xlsx(_injection_frame()))
    column_a = [cells[f"A{i}"] for i in range(2, len(FORMULA_CELLS) + 2)]
    assert all(t in ("s", "str", "inlineStr") for t, _ in column_a)
    # (xlsxwriter stores a carriage return as the escape _x000D_, which Excel reads back as one)
    assert [v.replace("_x000D_", "\r") for _, v in column_a] == FORMULA_CELLS
    assert cells["D2"] == (None, "-3")                     # a number cell


def test_xlsx_of_an_empty_frame_has_the_header():
    cells = _sheet_cells(export.frame_xlsx(pd.DataFrame(columns=["actor", "n_mentions"])))
    assert cells["A1"] == ("s", "actor") and cells["B1"] == ("s", "n_mentions")

"""Excel workbooks (``.xlsx``, as media-monitoring services and spreadsheets export a corpus):
one article per row under a header row, its columns read as a CSV file's are
(:func:`~.structured.read_record`: ``text``/``body``/``content``…, ``date``, ``title``…).

Read with openpyxl in read-only mode, row by row, cells as their values (a formula as the value
it last computed): a date cell is a date, so no day/month order is guessed, and a number in the
date column is an Excel serial date (a date cell that lost its format). Every sheet whose
first non-empty row names a text column is read, in the workbook's order; a row is named
``book.xlsx:5`` (its row number) in a one-sheet workbook and ``book.xlsx!Sheet2:5`` otherwise. A
workbook with no such sheet is one Problem naming the columns found, as a file that is no workbook
(or a damaged one) is, and one whose parts expand absurdly (a zip bomb) is refused unopened. ``.xls`` (Excel 97–2003) is not read: save it as ``.xlsx`` or CSV.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Iterator

from ..records import Article, Problem
from .limits import bomb_reason
from .structured import column_for, no_text_column, read_record

#: What openpyxl raises for a file that is no workbook, or a damaged one.
_BROKEN = (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError)


def read_xlsx(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield an Article per row of the workbook ``data`` (the file's bytes) under a header row
    naming a text column, and a Problem for each row that cannot be used (as for CSV), for a
    workbook without such a sheet, and for one that cannot be opened (``origin``: the file)."""
    from openpyxl import load_workbook

    if why := _bomb(data):
        yield Problem(origin, why)
        return
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _BROKEN as err:
        yield Problem(origin, f"not a readable Excel workbook ({type(err).__name__}: {err}); "
                              "save it again as .xlsx or CSV")
        return
    try:
        tables = []
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for number, header in enumerate(rows, start=1):
                if any(_filled(v) for v in header):
                    tables.append((sheet.title, number, list(header), rows))
                    break
        readable = [t for t in tables if not no_text_column([_name(h) for h in t[2]])]
        if not readable:
            header = tables[0][2] if tables else []
            yield Problem(origin, no_text_column([_name(h) for h in header]) or "an empty workbook")
            return
        for title, number, header, rows in readable:
            where = origin if len(readable) == 1 else f"{origin}!{title}"
            names = [_name(h) for h in header]
            date_column = column_for(names, "date")
            found = False
            for row_number, row in enumerate(rows, start=number + 1):
                if any(_filled(v) for v in row):
                    found = True
                    record = {n: v for n, v in zip(names, row) if n}
                    if date_column and _serial(record.get(date_column)):
                        record[date_column] = _from_serial(record[date_column])
                    yield from read_record(record, f"{where}:{row_number}")
            if not found:
                yield Problem(where, "no rows under the header row")
    except _BROKEN as err:
        yield Problem(origin, f"a damaged Excel workbook ({type(err).__name__}: {err}); the rows before it were read")
    finally:
        book.close()


def _bomb(data: bytes) -> str | None:
    """Why the workbook ``data`` is refused before it is opened: its parts expand absurdly, a zip
    bomb (:func:`~.limits.bomb_reason`; openpyxl holds a workbook's shared strings in memory);
    None otherwise, or when it is no zip at all (openpyxl then says so)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            expansion = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    return bomb_reason("Excel workbook refused", expansion, len(data))


#: Excel serial dates (days since 1899-12-30, 1900 date system) up to 9999-12-31.
_SERIALS = (0, 2_958_466)


def _serial(value: object) -> bool:
    """Whether ``value`` is a number that reads as an Excel serial date."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and _SERIALS[0] <= value < _SERIALS[1]


def _from_serial(value: float) -> dt.datetime:
    """The day and time of an Excel serial date (openpyxl's reading, Excel's 1900 leap-year bug
    included); a serial under 1 (a time of day alone: no date was entered) as day zero, 1899-12-30."""
    from openpyxl.utils.datetime import from_excel

    return from_excel(value) if value >= 1 else dt.datetime(1899, 12, 30)


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _name(header_cell: object) -> str:
    """A header cell as a column name ("" for an empty one; numbers and dates as written)."""
    return "" if header_cell is None else str(header_cell).strip()

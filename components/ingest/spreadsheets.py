"""Excel workbooks (``.xlsx``, ``.xls``, as media-monitoring services and spreadsheets export a corpus):
one article per row under a header row, its columns read as a CSV file's are
(:func:`~.structured.read_record`: ``text``/``body``/``content``…, ``date``, ``title``…).

Read with openpyxl in read-only mode, row by row, cells as their values (a formula as the value
it last computed): a date cell is a date, so no day/month order is guessed, and a number in the
date column is an Excel serial date (a date cell that lost its format). Every sheet whose
first non-empty row names a text column is read, in the workbook's order; a row is named
``book.xlsx:5`` (its row number) in a one-sheet workbook and ``book.xlsx!Sheet2:5`` otherwise. A
workbook with no such sheet is one Problem naming the columns found, as a file that is no workbook
(or a damaged one) is, and one whose parts expand absurdly (a zip bomb) is refused unopened.

``.xls``: an Excel 97–2003 workbook (BIFF8, read with xlrd) is read the same way; so is what
exports often name ``.xls``, told by its first bytes: an ``.xlsx``, a web page's tables, or text
with a separator (see :func:`read_xls`).
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Callable, Iterable, Iterator, Sequence

from ..records import Article, Problem
from .limits import bomb_reason
from .structured import column_for, no_text_column, read_record

#: What openpyxl raises for a file that is no workbook, or a damaged one (SyntaxError: a part that
#: is no well-formed XML, such as a sheet holding a control character, found as its rows are read).
_BROKEN = (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError, SyntaxError)


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
        yield from _read_sheets(((sheet.title, sheet.iter_rows(values_only=True)) for sheet in book.worksheets),
                                origin, lambda value: _from_serial(value) if _serial(value) else value)
    except _BROKEN as err:
        yield Problem(origin, f"a damaged Excel workbook ({type(err).__name__}: {err}); the rows before it were read")
    finally:
        book.close()


def read_xls(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield an Article per row of the ``.xls`` file ``data`` (its bytes) under a header row naming
    a text column, as :func:`read_xlsx` does, and a Problem for each row or file that cannot be
    used (``origin``: the file). An Excel 97–2003 workbook is read with xlrd (a date cell as its
    date, in the workbook's 1900 or 1904 date system); what exports and "save as" often name
    ``.xls`` is told by its first bytes and read as what it is: an ``.xlsx``, a web page's tables
    (HTML, each table a sheet), or text with a separator (as CSV)."""
    from .ole import OLE_MAGIC

    head = data[:2048].lstrip().lower()
    if data.startswith(b"PK"):
        yield from read_xlsx(data, origin)
    elif data.startswith(OLE_MAGIC):
        yield from _read_biff(data, origin)
    elif b"<table" in data[:65536].lower() or b"<html" in head:
        yield from _read_sheets(_html_tables(data), origin, lambda value: value)
    else:
        from .decoding import decode
        from .errors import Unreadable
        from .structured import read_csv

        try:
            text = decode(data)
        except Unreadable as err:
            yield Problem(origin, f"not an Excel workbook ({err.reason}); save it again as .xlsx or CSV")
            return
        yield from read_csv(text, origin, delimiter=None)


def _read_biff(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """The rows of the Excel 97–2003 workbook ``data``: its workbook stream taken from the
    compound file (:mod:`.ole`: xlrd's own reader of the container can loop on a damaged one), and
    read with xlrd (see :func:`read_xls`)."""
    import xlrd

    from .ole import streams

    found = streams(data, ("Workbook", "Book"), "Excel workbook")  # (Unreadable when damaged: the file's problem)
    if not found:
        yield Problem(origin, "not an Excel workbook (an Office file of another kind, with no Workbook stream); "
                              "save it again as .xlsx or CSV")
        return
    stream = found["Workbook"] if "Workbook" in found else found["Book"]
    try:  # (rows not padded to the widest: a damaged file's stray far cell costs nothing)
        book = xlrd.open_workbook(file_contents=stream, on_demand=True, ragged_rows=True,
                                  logfile=io.StringIO())  # (its warnings: not ours to print)
    except Exception as err:  # noqa: BLE001 - xlrd raises many kinds for a damaged file
        yield Problem(origin, f"not a readable Excel workbook ({type(err).__name__}: {err}); "
                              "save it again as .xlsx or CSV")
        return

    def day(number: object) -> object:
        """An Excel serial date as its day and time in the workbook's date system (1900 or 1904);
        anything else, or a number that names no day, as it is."""
        if not _serial(number):
            return number
        try:
            return xlrd.xldate.xldate_as_datetime(number, book.datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return number

    def rows(sheet) -> Iterator[list]:
        for r in range(sheet.nrows):
            yield [None if c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
                   else day(c.value) if c.ctype == xlrd.XL_CELL_DATE else c.value for c in sheet.row(r)]

    try:
        sheets = (book.sheet_by_index(i) for i in range(book.nsheets))
        yield from _read_sheets(((sheet.name, rows(sheet)) for sheet in sheets), origin, day)
    except Exception as err:  # noqa: BLE001 - xlrd raises many kinds for a damaged file
        yield Problem(origin, f"a damaged Excel workbook ({type(err).__name__}: {err}); the rows before it were read")
    finally:
        book.release_resources()


def _html_tables(data: bytes) -> Iterator[tuple[str, Iterator[list]]]:
    """The tables of the web page ``data`` (parsed as :func:`~.webpages.load_page` parses a page,
    its ``<meta charset>`` honoured) as sheets: ("Table N", its rows' cell texts)."""
    from .safe_xml import text_of
    from .webpages import load_page

    root = load_page(data)
    for n, table in enumerate(root.iter("table") if root is not None else (), start=1):
        yield f"Table {n}", iter([[text_of(cell) for cell in row.xpath("./th|./td")] for row in table.iter("tr")])


def _read_sheets(sheets: Iterable[tuple[str, Iterator[Sequence]]], origin: str,
                 date_value: Callable[[object], object]) -> Iterator[Article | Problem]:
    """An Article per row of each sheet of ``sheets`` ((title, rows): each row its cells' values)
    whose first non-empty row names a text column, as :func:`read_xlsx` says; ``date_value``
    turns a date column's cell into what :func:`~.structured.read_record` reads (an Excel
    serial date into its day)."""
    tables = []
    for title, rows in sheets:
        for number, header in enumerate(rows, start=1):
            if any(_filled(v) for v in header):
                tables.append((title, number, list(header), rows))
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
                if date_column and date_column in record:
                    record[date_column] = date_value(record[date_column])
                yield from read_record(record, f"{where}:{row_number}")
        if not found:
            yield Problem(where, "no rows under the header row")


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

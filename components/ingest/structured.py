"""Records from JSON, JSON Lines and CSV/TSV files: one article per object or row.

Columns are matched by name, case-insensitively, through :data:`FIELD_ALIASES` (``body`` or
``content`` for the text, ``published`` or ``pubdate`` for the date…). The text is kept exactly as
given (offsets into it must stay valid, e.g. for evaluation sets), but for the mark a news API
leaves where it cut a story (:data:`CUT_MARKER`, taken off its end; the record named); dates are
normalised to ``YYYY-MM-DD``, the input's ``id`` becomes ``source_id``. A record without a dateline field gets
the places of a wire dateline that opens its text (:func:`components.datelines.read_dateline`; the text keeps
it), and one without a source gets the agency or outlet that dateline credits. A date that is given
but unreadable or outside 1800–2100 (:mod:`.dates`) is a Problem for the record, which goes in
undated. A title loses the record's own site name (its source, or its URL's domain name:
:func:`~.titles.strip_site_name`).

A record that cannot be used (a broken JSONL line, a row with no text, a CSV row swallowed by a
misplaced quote) is a Problem whose origin names its line (``file.jsonl:17``, ``file.csv:5``) or
item (``file.json#3``, 1-based); the rest of the file is read.
"""
from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from typing import Iterable, Iterator

from ..records import Article, Problem
from .dates import read_date
from .errors import Unreadable
from ..datelines import read_dateline
from .titles import decode_references, domain_name, site_keys, strip_site_name

# Article field -> accepted column names, in order of preference (compared lower-case, with
# spaces and hyphens read as underscores): English first, then the usual words of exports in
# French, German, Spanish, Italian and Portuguese (written for Dateline; "data", which is
# Italian and Portuguese for a date, is left out: English JSON uses it for any payload).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "main_text", "body_text", "story",
             "texte", "contenu", "corps", "inhalt", "volltext", "artikeltext", "texto", "contenido",
             "cuerpo", "testo", "contenuto", "conteúdo", "conteudo", "corpo"),
    "source_id": ("id", "doc_id", "docid", "document_id", "article_id", "guid", "uuid", "uid",
                  "identifier", "_id", "identifiant", "kennung", "identificador", "identificativo"),
    "date": ("date", "published", "pubdate", "pub_date", "published_at", "publish_date",
             "published_date", "publication_date", "date_published", "datetime", "timestamp",
             "created_at", "time", "web_publication_date",
             "date_publication", "date_de_publication", "datum", "veröffentlicht", "veroeffentlicht",
             "fecha", "fecha_publicacion", "fecha_de_publicación", "data_pubblicazione", "data_publicacao"),
    "title": ("title", "headline", "heading", "head", "subject", "web_title",
              "titre", "titel", "überschrift", "ueberschrift", "schlagzeile", "título", "titulo", "titolo"),
    "source": ("source", "publisher", "source_name", "sitename", "site_name", "site", "outlet",
               "agency", "publication", "feed", "provider", "domain",
               "quelle", "fuente", "fonte", "éditeur", "editeur", "verlag", "editor", "agence", "agentur", "agencia"),
    "url": ("url", "link", "href", "uri", "source_url", "article_url", "permalink", "web_url", "lien", "enlace"),
    "dateline": ("dateline", "dateline_places"),
}
# Keys under which a JSON object may wrap its list of articles ({"articles": [...]}), and the keys
# of the objects an API wraps that list in ({"response": {"results": [...]}} of The Guardian's
# API, {"hits": {"hits": [...]}} of an Elasticsearch export), followed at most MAX_WRAPPING deep.
WRAPPER_KEYS = ("articles", "data", "items", "results", "documents", "docs", "records", "entries",
                "stories", "posts", "hits")
ENVELOPE_KEYS = ("response", "hits", "result", "data", "body")
MAX_WRAPPING = 3
# Keys of an object inside a record that holds the record's own fields ({"fields": {"bodyText":
# …}} of The Guardian's API, {"_source": {…}} of Elasticsearch): read as if at the top, which wins.
FIELD_CONTAINERS = ("fields", "_source", "attributes", "properties")
CSV_DELIMITERS = ",;\t|"
# Where a camelCase name starts a new word ("publishedAt", "bodyText", "articleID").
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
NO_TEXT = "no text (expected a field named " + ", ".join(FIELD_ALIASES["text"][:4]) + "…)"
#: What a news API puts where it cut a story short (NewsAPI's ``content``: its first 200
#: characters, then ``… [+2714 chars]``): taken off the text, and the record named.
CUT_MARKER = re.compile(r"\s*\[\+(\d[\d,]*) chars\]\s*\Z")

# Article bodies are longer than the csv module's default field limit (128 KiB); the limit is
# process-wide, and raising it only lets longer cells through.
csv.field_size_limit(2**31 - 1)


def read_jsonl(text: str, origin: str) -> Iterator[Article | Problem]:
    """Yield one Article per JSON object line of ``text``; blank lines are skipped, a broken
    line is a Problem at ``origin:LINE``."""
    # Split on "\n" only: str.splitlines() would also split inside strings at U+2028 and friends.
    yield from read_jsonl_lines(text.split("\n"), origin)


def read_jsonl_lines(lines: Iterable[str | Unreadable], origin: str) -> Iterator[Article | Problem]:
    """:func:`read_jsonl` over ``lines`` taken one at a time (a file streamed by
    :func:`~.decoding.iter_lines`: never more than one line in memory); a line that could not be
    read (an :class:`~.errors.Unreadable`) is a Problem at ``origin:LINE``."""
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if isinstance(line, Unreadable):
            yield Problem(where, line.reason)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(where, f"invalid JSON: {err.msg} (column {err.colno})")
            continue
        yield from read_record(obj, where)


def read_json(text: str, origin: str) -> Iterator[Article | Problem]:
    """Yield the articles of a JSON document: an array of objects, one object, or an object
    wrapping an array (``{"articles": [...]}``). A file that is really JSON Lines is read as such."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            yield from read_jsonl(text, origin)
        else:
            yield Problem(origin, f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})")
        return
    doc = _unwrapped(doc)
    if isinstance(doc, list):
        if not doc:
            yield Problem(origin, "empty JSON array")
        for i, obj in enumerate(doc, start=1):
            yield from read_record(obj, f"{origin}#{i}")
    else:
        yield from read_record(doc, origin)


def _unwrapped(doc: object) -> object:
    """The list of records a JSON document wraps (see :data:`WRAPPER_KEYS` and
    :data:`ENVELOPE_KEYS`), or ``doc`` itself (a list, or one record with a text)."""
    for _ in range(MAX_WRAPPING):
        if not isinstance(doc, dict) or _pick(_keys(_with_contained_fields(doc)), "text") is not None:
            return doc
        wrapped = next((doc[k] for k in WRAPPER_KEYS if isinstance(doc.get(k), list)), None)
        if wrapped is not None:
            return wrapped
        envelope = next((doc[k] for k in ENVELOPE_KEYS if isinstance(doc.get(k), dict)), None)
        if envelope is None:
            return doc
        doc = envelope
    return doc


def _with_contained_fields(obj: dict) -> dict:
    """``obj`` with the fields of its :data:`FIELD_CONTAINERS` added (its own keys win)."""
    inner = [obj[k] for k in FIELD_CONTAINERS if isinstance(obj.get(k), dict)]
    if not inner:
        return obj
    return {**{k: v for fields in inner for k, v in fields.items()},
            **{k: v for k, v in obj.items() if k not in FIELD_CONTAINERS}}


def read_csv(text: str, origin: str, *, delimiter: str | None = None) -> Iterator[Article | Problem]:
    """Yield one Article per row of a CSV (or TSV) file with a header row.

    delimiter: the column separator; None to pick the one of ``,;\\t|`` most frequent in the
        header row.
    A file without a text column, or without a row under its header, is one Problem; a row
    without text is a Problem at ``origin:LINE`` (the line the row starts on). A misplaced quote — one that opens a cell and is
    never closed (the csv module would read the rest of the file as that one cell), or one whose
    cell runs over several lines and closes in the middle of a later cell — is a Problem at the
    line of the quote; that row is skipped and reading resumes on the next line.
    """
    first = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = max(CSV_DELIMITERS, key=first.count) if any(d in first for d in CSV_DELIMITERS) else ","
    lines = io.StringIO(text, newline="").readlines()  # the physical lines, as the csv module counts them
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as err:
        yield Problem(origin, f"no CSV header row ({err})" if str(err) else "no CSV header row")
        return
    names = [_norm_key(h) for h in header]
    if missing := no_text_column(header):
        yield Problem(origin, missing)
        return
    start = 0  # lines before the ones the current reader reads
    line = reader.line_num + 1  # the line the next row starts on
    any_row = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if not any_row:
                yield Problem(origin, "no rows under the CSV header")
            return
        except csv.Error as err:
            yield Problem(f"{origin}:{line}", f"malformed CSV ({err}); the rest of the file is skipped")
            return
        row_line, line = line, start + reader.line_num + 1
        bad = _misplaced_quote(lines, row_line, line - 1, row, delimiter)
        if bad is not None:
            any_row = True
            opened, reason = bad
            yield Problem(f"{origin}:{opened}", f"malformed CSV: the quote opened on line {opened} {reason}; "
                                                "that row is skipped (fix the quote and ingest the file again)")
            start, line = opened, opened + 1  # read on from the line after the quote
            reader = csv.reader(lines[start:], delimiter=delimiter)
            continue
        if not any(cell.strip() for cell in row):
            continue
        any_row = True
        yield from read_record(dict(zip(names, row)), f"{origin}:{row_line}")


def _misplaced_quote(lines: list[str], first: int, last: int, row: list[str], delimiter: str) -> tuple[int, str] | None:
    """Whether the row read from ``lines`` ``first``..``last`` (1-based, inclusive) was swallowed
    by a misplaced quote: a quote that opens a cell and is never closed (the row runs to the end of
    the file), or a cell over several lines whose closing quote is not followed by a delimiter or
    a line end (the quote that closed it was meant to open a cell of a later row). Returns (line of
    the quote, what is wrong), or None for a sound row."""
    at_end = last >= len(lines)
    if not at_end and not any("\n" in cell or "\r" in cell for cell in row):
        return None
    opened: int | None = None  # line of the quote of the quoted cell we are in
    at_cell_start = True
    for number in range(first, last + 1):
        ln, i = lines[number - 1], 0
        while i < len(ln):
            if opened is not None:
                j = ln.find('"', i)
                if j < 0:
                    break
                if ln.startswith('""', j):  # an escaped quote
                    i = j + 2
                    continue
                if number > opened and ln[j + 1:j + 2] not in ("", delimiter, "\r", "\n"):
                    return opened, f"closes on line {number} in the middle of a cell"
                opened, at_cell_start, i = None, False, j + 1
                continue
            ch = ln[i]
            if ch == '"' and at_cell_start:
                opened = number
            else:
                at_cell_start = ch in (delimiter, "\r", "\n")
            i += 1
    if at_end and opened is not None:
        return opened, "is never closed"
    return None


def column_for(header: list[str], name: str) -> str | None:
    """The column of ``header`` (names as written) that supplies the article field ``name``
    ("text", "date"… see :data:`FIELD_ALIASES`), or None."""
    found = _pick({_norm_key(str(h)): h for h in reversed(header) if h}, name)
    return str(found) if found is not None else None


def no_text_column(header: list[str]) -> str | None:
    """The Problem reason for a table whose ``header`` (its column names as written) names no
    text column (see :data:`FIELD_ALIASES`), or None when one does."""
    if column_for(header, "text") is not None:
        return None
    shown = ", ".join(str(h) for h in header[:12] if h)
    return f"{NO_TEXT}; columns found: {shown or 'none'}"


def read_record(obj: object, origin: str) -> Iterator[Article | Problem]:
    """The Article of one record (a JSON object, or a table's row as ``{column: value}``),
    followed by a Problem when its date is given but unreadable or out of range (the article is
    then undated); or only a Problem when the record has no text."""
    if not isinstance(obj, dict):
        yield Problem(origin, f"not a JSON object (found {type(obj).__name__})")
        return
    obj = _with_contained_fields(obj)
    keys = _keys(obj)
    text_key = _pick(keys, "text")
    if text_key is None:
        present = _pick({_norm_key(str(k)): k for k in obj}, "text") is not None
        yield Problem(origin, "empty text" if present else NO_TEXT)
        return
    text = obj[text_key]
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        text = "\n\n".join(text)
    if not isinstance(text, str):
        yield Problem(origin, f"text field {text_key!r} is not a string")
        return
    if not text.strip():
        yield Problem(origin, "empty text")
        return
    cut = CUT_MARKER.search(text)
    if cut:
        text = text[:cut.start()]

    def field(name: str) -> str | None:
        key = _pick(keys, name)
        return _as_str(obj[key]) if key is not None else None

    date_key, dateline_key = _pick(keys, "date"), _pick(keys, "dateline")
    date, problem = read_date(obj[date_key]) if date_key is not None else (None, None)
    dateline = _dateline(obj[dateline_key]) if dateline_key is not None else ()
    line = read_dateline(text)
    title, source, url = field("title"), field("source"), field("url")
    title = decode_references(title) if title else title
    if title:  # "Storm hits coast | Example News" from a record of Example News → "Storm hits coast"
        title = strip_site_name(title, site_keys([source, domain_name(url)]))
    yield Article.from_text(
        text, date=date, dateline=dateline or (line.places if line else ()),
        title=title, source=source or (line.agency if line else None),
        url=url, origin=origin, source_id=field("source_id"))
    if problem:
        yield Problem(origin, problem)
    if cut:
        yield Problem(origin, f"only the opening of the story: the service that exported it cut the rest ({cut[1]} "
                              "characters) and marked the cut, which was taken off; its actors, places and quotes "
                              "come from the opening alone (export the full text to have them all)")


def _keys(obj: dict) -> dict[str, object]:
    """Normalised key -> original key, for the keys whose value is not empty."""
    out: dict[str, object] = {}
    for k, v in obj.items():
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        out.setdefault(_norm_key(str(k)), k)
    return out


def _pick(keys: dict[str, object], name: str) -> object | None:
    """The original key that supplies article field ``name`` (its first alias present), or None."""
    for alias in FIELD_ALIASES[name]:
        if alias in keys:
            return keys[alias]
    return None


@lru_cache(maxsize=4096)  # (the same few keys on every record of a file)
def _norm_key(key: str) -> str:
    """A column name as the aliases are written: lower case, words joined by "_" ("Published At",
    "published-at" and "publishedAt" → "published_at")."""
    key = _CAMEL_HUMP.sub("_", key.strip().lstrip("\ufeff"))
    return key.lower().replace(" ", "_").replace("-", "_")


def _as_str(value: object) -> str | None:
    """A metadata value as a string: ``{"name": "BBC"}`` -> "BBC", numbers as written."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v is not None)
    if value is None or isinstance(value, (dict, bool)):
        return None
    s = str(value).strip()
    return s or None


def _dateline(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.replace(";", "/").split("/")
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(s for s in (str(v).strip() for v in value if v is not None) if s)

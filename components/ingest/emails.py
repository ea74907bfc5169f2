"""E-mails saved as files (``.eml``: a story, an agency's alert or a press release as it came by
mail): the message is one article, and each attachment Dateline reads is read as the file it is.

The message is parsed by Python's ``email`` package (RFC 5322 and MIME: encoded headers,
quoted-printable and base64 bodies, each part's charset honoured). The article's title is the
subject (its ``Fwd:``/``Re:`` prefixes off), its date the ``Date`` header, its source the sender's
name (else address). Its text is the plain-text body, else the HTML body's main text (found as in an
``.html`` file, :func:`~.webpages.extract_page`); a signature after the ``-- `` line (RFC 3676)
and lines quoted with ``>`` are left out, and a wire dateline that opens it is split off
(:mod:`.header`). An attachment's origin is the message's and its name (``alert.eml!story.docx``);
a message forwarded as an attachment is read as an e-mail (``alert.eml!message2``), one level deep;
attachments of types Dateline does not read are counted in one Problem. A message with neither text nor a readable
attachment is a Problem, as is a file that is no message.
"""
from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import email.utils
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Iterator

from ..records import Article, Problem
from .boilerplate import clean_body
from .dates import read_date
from .errors import Unreadable
from .header import split_header

#: A subject's reply and forward prefixes, in the languages mail programs write them.
_PREFIXES = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr|rv|sv|vs)\s*:\s*)+", re.IGNORECASE)
#: The signature delimiter line (RFC 3676): two dashes and a space.
_SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)
#: What Python's ``email`` package raises for a message it cannot take apart.
_DAMAGED = (email.errors.MessageError, IndexError, ValueError, LookupError, TypeError, AttributeError)
#: The formats of unnamed parts beside the body, by content type.
_UNNAMED = {"text/plain": "text", "text/html": "html"}
#: Headers of which at least one makes bytes a message.
_HEADERS = ("from", "subject", "date", "message-id", "to")


def read_eml(data: bytes, origin: str, *, nested: bool = False) -> Iterator[Article | Problem]:
    """Yield the article of the e-mail ``data`` (the file's bytes) and what its attachments hold,
    or Problems saying why there is nothing (``origin``: the file). ``nested``: ``data`` is a
    message forwarded as an attachment (the messages it holds in turn are not read). Raises
    :class:`~.errors.Unreadable` for an empty file."""
    if not data.strip():
        raise Unreadable("empty file")
    headers = email.message_from_bytes(data, policy=email.policy.compat32)  # (headers as written)
    if not any(headers.get(h) for h in _HEADERS):
        yield Problem(origin, "not an e-mail message (no From, Subject or Date header); save it again as .eml")
        return
    try:  # (a damaged MIME structure, a header its parser cannot read)
        message = email.message_from_bytes(data, policy=email.policy.default)
        text = _body_text(message)
        attached = list(_attachments(message, origin, nested))
    except _DAMAGED as err:
        yield Problem(origin, f"a damaged e-mail ({type(err).__name__}: {err}); save it again as .eml")
        return
    # (no Date header: no date and no problem)
    yield from message_items(text, _subject(headers), _header(headers, "date"), _sender(headers), origin, attached)


def message_items(text: str, title: str | None, date: object, sender: str | None, origin: str,
                  attached: list[Article | Problem]) -> list[Article | Problem]:
    """What a message (an e-mail or an Outlook message, from the file ``origin``) gives: the
    article of its ``text`` (its body as :func:`body_text` gives it; none when empty) with its
    ``title``, ``date`` (as :func:`~.dates.read_date` reads it; a Problem when it cannot be used)
    and ``sender`` as the source (else the wire dateline's), its wire dateline split off; then
    ``attached`` (what its attachments hold, and Problems already found); a Problem first when
    none of it is an article."""
    found: list[Article | Problem] = []
    if text:
        head = split_header(text)
        day = read_date(date)
        found.append(Article.from_text(head.body, title=title, date=day.date, source=sender or head.source,
                                       dateline=head.dateline, origin=origin))
        if day.problem:
            found.append(Problem(origin, day.problem))
    found += attached
    if not any(isinstance(item, Article) for item in found):
        found.insert(0, Problem(origin, "an e-mail without text (and without an attachment Dateline reads)"))
    return found


def _body_text(message) -> str:
    """The message's text: its plain body, else its HTML body's main text; quoted lines and the
    signature left out, boilerplate cleaned ("" when it has none)."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):  # (an unknown charset, a broken encoding)
        content = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    return body_text(content, html=part.get_content_subtype() == "html")


def body_text(content: str | bytes, *, html: bool = False) -> str:
    """The text of a message's body ``content`` (decoded; an HTML page when ``html``: its main
    text; bytes only for a page, whose own charset is then read as a file's is): quoted lines
    and the signature left out, boilerplate cleaned ("" when it has none)."""
    if html:  # (its main text only: cleaned, and its dateline split, below)
        from .webpages import extract_page, load_page

        # (decoded already: the page is given as UTF-8, whatever its own <meta> said)
        raw = content if isinstance(content, bytes) else b'<meta charset="utf-8">' + content.encode("utf-8")
        page = extract_page(load_page(raw)) if raw.strip() else None
        content = page.text if page else ""
    content = _SIGNATURE.split(content.replace("\r\n", "\n"), maxsplit=1)[0]
    content = "\n".join(line for line in content.split("\n") if not line.lstrip().startswith(">"))
    return clean_body(content.strip(), repeats=False).text


def _header(headers, name: str) -> str:
    """The header ``name`` of a message parsed as written, its encoded words (RFC 2047) decoded
    where they can be; "" when it has none."""
    value = headers.get(name)
    if value is None:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(str(value))))
    except (email.errors.HeaderParseError, UnicodeError, LookupError, ValueError):
        return str(value)


def _subject(headers) -> str | None:
    """The subject without its reply and forward prefixes, or None."""
    return plain_subject(_header(headers, "subject"))


def plain_subject(subject: str) -> str | None:
    """A message's ``subject`` as a title: its spaces collapsed, its reply and forward prefixes
    ("Re:", "Fwd:", "AW:"…) off; None when nothing is left."""
    return _PREFIXES.sub("", " ".join(subject.split())).strip() or None


def _sender(headers) -> str | None:
    """The sender's name as the From header gives it, else its address, or None."""
    name, address = email.utils.parseaddr(_header(headers, "from"))
    return name.strip() or address.strip() or None


def _attachments(message, origin: str, nested: bool) -> Iterator[Article | Problem]:
    """What the message's attachments hold: each read as the file it is named as, a forwarded
    message as an e-mail (unless ``nested``), an unnamed text or HTML part as text or a page; one
    Problem counting the others (images shown inside the message are not counted)."""
    from .formats import read_document, skipped_reason  # (formats reads e-mails)

    others: Counter[str] = Counter()
    for n, part in enumerate(message.iter_attachments(), 1):
        name = part.get_filename() or ""
        kind = part.get_content_type()
        if kind == "message/rfc822" and not nested:
            inner = part.get_content()
            yield from read_eml(bytes(inner), f"{origin}!{name or f'message{n}'}", nested=True)
            continue
        fmt = attachment_format(name) if name else _UNNAMED.get(kind)
        if fmt is None:
            if part.get_content_maintype() != "image" or part.get_content_disposition() == "attachment":
                others[PurePosixPath(name).suffix.lower() or kind] += 1
            continue
        payload = part.get_payload(decode=True) or b""
        if name or payload.strip():  # (an unnamed empty part is no file)
            yield from read_document(payload, f"{origin}!{name or f'part{n}'}", fmt)
    if others:
        yield Problem(origin, "attachments: " + skipped_reason(others))


def attachment_format(name: str) -> str | None:
    """The format an attachment named ``name`` is read as (:func:`~.formats.format_of`), or None
    for one not read: of an unknown type, an archive, or gzipped (one level of files only)."""
    from .formats import ARCHIVES, format_of, gzipped  # (formats reads e-mails)

    fmt = format_of(name)
    return None if fmt is None or fmt in ARCHIVES or gzipped(fmt) is not None else fmt

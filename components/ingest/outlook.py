"""Outlook messages saved as files (``.msg``: a story or an agency's alert dragged out of Outlook),
read as an e-mail saved as ``.eml`` is (:mod:`.emails`).

A ``.msg`` is an OLE compound file of the message's properties (Microsoft's Outlook Item format,
[MS-OXMSG]; its streams read with olefile, :mod:`.ole`). The article's title is the subject (its
``RE:``/``Fwd:`` prefixes off), its date the day it was sent (else received), its source the
sender's name (else address). Its text is the plain-text body, else the HTML body's main text, its
quoted lines and signature left out and a wire dateline that opens it split off; else the text of
its rich-text (RTF) body, decompressed ([MS-OXRTFCP]) and read as an ``.rtf`` file is. Each
attachment Dateline reads is read as the file it is named as (``alert.msg!story.docx``), a message
attached to it as a message (``alert.msg!Forwarded alert``), one level deep; the others are counted
in one Problem. A message with neither text nor a readable attachment, or a compound file that is
no Outlook message, is a Problem; a file named ``.msg`` that is a message as mail programs save it
(RFC 5322) is read as an ``.eml``.
"""
from __future__ import annotations

import codecs
import struct
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import Iterator

from ..records import Article, Problem
from .documents import rtf_text
from .emails import attachment_format, body_text, message_items, plain_subject, read_eml
from .errors import Unreadable
from .ole import OLE_MAGIC, all_streams

# Property ids ([MS-OXPROPS]) and the suffixes of the streams that hold their values ([MS-OXMSG] 2.1).
SUBJECT, SENDER_NAME, SENDER_ADDRESS, SENDER_SMTP = 0x0037, 0x0C1A, 0x0C1F, 0x5D01
BODY, RTF_BODY, HTML_BODY = 0x1000, 0x1009, 0x1013
SENT, RECEIVED = 0x0039, 0x0E06                    # times (PT_SYSTIME), in the properties stream
CODE_PAGE, INTERNET_CODE_PAGE = 0x3FFD, 0x3FDE     # numbers (PT_LONG), in the properties stream
ATTACHED, ATTACH_LONG_NAME, ATTACH_NAME, DISPLAY_NAME = 0x3701, 0x3707, 0x3704, 0x3001
UNICODE, EIGHT_BIT, BINARY, OBJECT = "001F", "001E", "0102", "000D"
_PROPERTIES, _ATTACHMENT = "__properties_version1.0", "__attach_version1.0_#"
#: The size of the properties stream's header: a message's own, a message attached to it.
_HEADER = {False: 32, True: 24}
_FILETIME_START = datetime(1601, 1, 1)
KIND = "Outlook message"


@dataclass
class Message:
    """One message of a ``.msg`` file: its property streams by name (``__substg1.0_0037001F``),
    its fixed-size properties (id → 8 value bytes) and its attachments."""

    values: dict[str, bytes]
    fixed: dict[int, bytes]
    attachments: list[Attachment] = field(default_factory=list)

    def text(self, prop: int) -> str:
        """The string property ``prop`` ("" when the message has none)."""
        if (raw := self.values.get(f"__substg1.0_{prop:04X}{UNICODE}")) is not None:
            return raw.decode("utf-16-le", errors="replace").rstrip("\0")
        raw = self.values.get(f"__substg1.0_{prop:04X}{EIGHT_BIT}")
        return "" if raw is None else raw.decode(self.code_page(), errors="replace").rstrip("\0")

    def binary(self, prop: int) -> bytes | None:
        """The binary property ``prop`` (None when the message has none)."""
        return self.values.get(f"__substg1.0_{prop:04X}{BINARY}")

    def number(self, prop: int) -> int | None:
        """The 32-bit number property ``prop`` (None when the message has none)."""
        raw = self.fixed.get(prop)
        return None if raw is None else struct.unpack_from("<I", raw)[0]

    def time(self, prop: int) -> datetime | None:
        """The time property ``prop`` (UTC), None when absent or impossible."""
        raw = self.fixed.get(prop)
        try:
            return _FILETIME_START + timedelta(microseconds=struct.unpack("<Q", raw)[0] // 10) if raw else None
        except OverflowError:
            return None

    def code_page(self, prop: int = CODE_PAGE) -> str:
        """The codec the code page property ``prop`` names (:data:`CODE_PAGE`: the message's
        8-bit strings'; :data:`INTERNET_CODE_PAGE`: its HTML body's); Windows-1252 when it names
        none Python knows."""
        try:
            return codecs.lookup(f"cp{self.number(prop)}").name
        except LookupError:
            return "cp1252"


@dataclass
class Attachment:
    """An attachment: its name, and its bytes or the message it is."""

    name: str
    data: bytes | None = None
    message: Message | None = None


def read_msg(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the Outlook message ``data`` (the file's bytes) and what its
    attachments hold, or Problems saying why there is nothing (``origin``: the file). Raises
    :class:`~.errors.Unreadable` for an empty or damaged file, or another kind of compound file."""
    if not data.strip(b"\0 \t\r\n"):
        raise Unreadable("empty file")
    if not data.startswith(OLE_MAGIC):  # (some programs name an .eml so)
        yield from read_eml(data, origin)
        return
    streams = all_streams(data, KIND)
    if not any(path[-1].startswith("__substg1.0_") for path in streams):
        raise Unreadable("not an Outlook message (no message properties in it); save it again from Outlook")
    yield from _articles(_message(streams, (), nested=False), origin, nested=False)


def _message(streams: dict[tuple[str, ...], bytes], at: tuple[str, ...], *, nested: bool) -> Message:
    """The message whose streams are under the storage path ``at`` (``()`` for the file's own;
    ``nested``: a message attached to another, read without its own attachments)."""
    values = {path[-1]: raw for path, raw in streams.items() if path[:-1] == at}
    message = Message(values, _fixed(values.get(_PROPERTIES, b""), _HEADER[bool(at)]))
    if nested:
        return message
    for storage in sorted({path[len(at)] for path in streams if len(path) > len(at) + 1
                           and path[len(at)].startswith(_ATTACHMENT)}):
        inside = at + (storage,)
        own = Message({path[-1]: raw for path, raw in streams.items() if path[:-1] == inside}, {})
        name = own.text(ATTACH_LONG_NAME) or own.text(ATTACH_NAME) or own.text(DISPLAY_NAME)
        embedded = inside + (f"__substg1.0_{ATTACHED:04X}{OBJECT}",)
        if any(path[:len(embedded)] == embedded for path in streams):
            message.attachments.append(Attachment(name, message=_message(streams, embedded, nested=True)))
        else:
            message.attachments.append(Attachment(name, data=own.binary(ATTACHED)))
    return message


def _fixed(stream: bytes, header: int) -> dict[int, bytes]:
    """The fixed-size properties of a properties stream (``header`` bytes, then 16 a property:
    its tag, flags and 8 bytes of value), by property id."""
    out = {}
    for at in range(header, len(stream) - 15, 16):
        tag = struct.unpack_from("<I", stream, at)[0]
        out[tag >> 16] = stream[at + 8:at + 16]
    return out


def _articles(message: Message, origin: str, *, nested: bool) -> Iterator[Article | Problem]:
    """The article of ``message`` (from the file ``origin``) and what its attachments hold."""
    found: list[Article | Problem] = []
    try:
        text = _body(message)
    except Unreadable as err:  # (its rich text: the attachments are still read)
        text = ""
        found.append(Problem(origin, err.reason))
    sent = message.time(SENT) or message.time(RECEIVED)
    sender = message.text(SENDER_NAME) or message.text(SENDER_SMTP) or message.text(SENDER_ADDRESS)
    yield from message_items(text, plain_subject(message.text(SUBJECT)), sent.date() if sent else None,
                             " ".join(sender.split()) or None, origin, found + list(_attached(message, origin, nested)))


def _body(message: Message) -> str:
    """The message's text: its plain body, else its HTML body's main text, else its rich text's
    ("" when none). Raises :class:`~.errors.Unreadable` for rich text that cannot be read."""
    plain = message.text(BODY)
    if plain.strip():
        return body_text(plain)
    html: str | bytes | None = message.binary(HTML_BODY)
    if html is None:
        html = message.text(HTML_BODY)
    elif message.number(INTERNET_CODE_PAGE):  # (else the page's own charset is read, as a file's)
        html = html.decode(message.code_page(INTERNET_CODE_PAGE), errors="replace")
    if html.strip():
        return body_text(html, html=True)
    rtf = message.binary(RTF_BODY)
    return body_text(rtf_text(decompressed_rtf(rtf))) if rtf else ""


#: The window's first bytes in compressed RTF ([MS-OXRTFCP] 2.1.3.1.1), and the window's size.
_RTF_START = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
              b"\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0"
              b"\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")
_RTF_WINDOW = 4096
#: The kinds of a compressed RTF body: compressed ("LZFu") or stored as it is ("MELA").
_LZFU, _MELA = 0x75465A4C, 0x414C454D


def decompressed_rtf(data: bytes) -> bytes:
    """The RTF of a message's compressed rich-text body ([MS-OXRTFCP]: a 16-byte header of
    sizes, kind and checksum, then runs of 8 literal bytes or 2-byte references into a 4,096-byte
    window that starts as :data:`_RTF_START`; a reference to the write position ends it).
    Raises :class:`~.errors.Unreadable` when the body is of neither kind."""
    if len(data) < 16:
        raise Unreadable("a damaged Outlook message (its rich text is cut short)")
    size, raw_size, kind = struct.unpack_from("<III", data)
    body = data[16:4 + size]
    if kind == _MELA:
        return body[:raw_size]
    if kind != _LZFU:
        raise Unreadable("a damaged Outlook message (its rich text is neither compressed nor stored)")
    window = bytearray(_RTF_WINDOW)
    window[:len(_RTF_START)] = _RTF_START
    at, out, i = len(_RTF_START), bytearray(), 0
    while i < len(body):
        control, i = body[i], i + 1
        for bit in range(8):
            if i >= len(body):
                break
            if not control >> bit & 1:  # a literal byte
                window[at], at = body[i], (at + 1) % _RTF_WINDOW
                out.append(body[i])
                i += 1
                continue
            if i + 1 >= len(body):
                return bytes(out)
            offset, length = (body[i] << 8 | body[i + 1]) >> 4, (body[i + 1] & 0x0F) + 2
            i += 2
            if offset == at:  # the end
                return bytes(out)
            for _ in range(length):
                window[at], at = window[offset], (at + 1) % _RTF_WINDOW
                out.append(window[offset])
                offset = (offset + 1) % _RTF_WINDOW
    return bytes(out)


def _attached(message: Message, origin: str, nested: bool) -> Iterator[Article | Problem]:
    """What the attachments of ``message`` hold (as :func:`components.ingest.emails.read_eml`
    reads an e-mail's): a file Dateline reads as that file, a message as a message (unless
    ``nested``), one Problem counting the others."""
    from .formats import read_document, skipped_reason  # (formats reads messages)

    others: Counter[str] = Counter()
    for n, attachment in enumerate(message.attachments, 1):
        name = " ".join(attachment.name.split()) or f"attachment{n}"
        if attachment.message is not None:
            if not nested:
                yield from _articles(attachment.message, f"{origin}!{name}", nested=True)
            continue
        fmt = attachment_format(name)
        if fmt is None or attachment.data is None:
            others[PurePosixPath(name).suffix.lower() or "(no extension)"] += 1
            continue
        yield from read_document(attachment.data, f"{origin}!{name}", fmt)
    if others:
        yield Problem(origin, "attachments: " + skipped_reason(others))

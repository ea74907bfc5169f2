"""Web pages saved as one file (``.mhtml``/``.mht``: a browser's "Webpage, Single File"): the
page inside is read as an ``.html`` file is (:func:`~.webpages.read_page`).

An MHTML file is a MIME message (RFC 2557) whose first ``text/html`` part is the page, the
images and styles beside it; it is parsed by Python's ``email`` package (quoted-printable and
base64 decoded, the part's charset honoured). The page's address, from the part's
``Content-Location`` or the browser's ``Snapshot-Content-Location``, is the article's URL when
the page declares none. A file with no HTML part is a Problem.
"""
from __future__ import annotations

import dataclasses
import email
import email.policy
from typing import Iterator

from ..records import Article, Problem
from .errors import Unreadable
from .webpages import read_page

NO_PAGE = "no web page in the MHTML file (it holds no text/html part)"


def read_mhtml(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the page saved in the MHTML file ``data`` (its bytes), or a Problem
    (``origin``: the file, for reports). Raises :class:`~.errors.Unreadable` for an empty file,
    and as :func:`~.webpages.read_page` does for a page that is binary or undecodable."""
    if not data.strip():
        raise Unreadable("empty file")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    body = page.get_payload(decode=True) if page is not None else None
    if not body:
        yield Problem(origin, NO_PAGE)
        return
    charset = page.get_content_charset()
    if charset and b"charset" not in body[:2048].lower():  # (the page's own declaration wins)
        body = f'<meta charset="{charset}">'.encode("ascii") + body
    address = page.get("Content-Location") or message.get("Snapshot-Content-Location")
    for item in read_page(body, origin):
        if isinstance(item, Article) and not item.url and address and str(address).startswith(("http://", "https://")):
            item = dataclasses.replace(item, url=str(address).strip())
        yield item

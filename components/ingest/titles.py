"""Page titles: the site's name stripped from a title ("Storm hits coast | Example News",
"Example News: Storm hits coast" → "Storm hits coast"), and the headline recognised when a page
repeats it as the first line of its body.

A part of a title is stripped only when it *is* the page's own site name — the name the page
declares (``og:site_name``, as trafilatura reads it) or the name of its domain
(``www.example-news.co.uk`` → "example news") — never by a list of outlets; a title that merely
contains a dash ("Anti-war march - a view from the square") keeps it.

A title from a JSON or CSV record may still carry HTML's character references ("&#163;1.8m fine",
"Fish &amp; chips"): they are decoded (:func:`decode_references`), as a browser would show them.
"""
from __future__ import annotations

import html
import re
import unicodedata
from html.entities import html5
from typing import Iterable
from urllib.parse import urlsplit

# Separators between a title and a site name: " | ", " - ", " – ", " — ", " :: ", " · ", " • ",
# " » ", " / "; and "Site: Title" (a colon after a leading site name only).
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|/|~)\s+")
_LEADING = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|/|~)\s+|:\s+")
# Leading words a site name may have or lack ("The Example Times" ~ "exampletimes.com").
_ARTICLES = ("the ",)
# Generic words a site's name may add to its domain's name ("BBC News" on bbc.co.uk).
_NAME_TAILS = ("news", "online", "com", "live", "digital", "tv", "radio")
# Host labels that are not the site's name ("www", "m", "amp", "edition"…).
_HOST_PREFIXES = frozenset({"www", "www1", "www2", "m", "mobile", "amp", "edition", "news", "en"})
# Second-level labels of country domains ("co.uk", "com.au"): the name stands before them.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"})


# An HTML character reference: numeric ("&#163;", "&#xA3;") or named, with its semicolon ("&amp;").
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_references(title: str) -> str:
    """``title`` with its HTML character references decoded ("&#163;1.8m fine" → "£1.8m fine",
    "Fish &amp; chips" → "Fish & chips"). Only complete references are read: a name that is no
    HTML entity ("R&D;"), or an ampersand without a semicolon ("AT&T"), stays as written."""
    def one(m: re.Match) -> str:
        ref = m.group(0)
        return html.unescape(ref) if ref.startswith("&#") or ref[1:] in html5 else ref
    return _REFERENCE.sub(one, title) if "&" in title else title


def name_key(name: str) -> str:
    """``name`` reduced for comparison: NFKC, case-folded, a leading "the " dropped, and only
    letters and digits kept ("The Example-Times" → "exampletimes")."""
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    for article in _ARTICLES:
        if s.startswith(article):
            s = s[len(article):]
    return "".join(ch for ch in s if ch.isalnum())


def domain_name(url: str | None) -> str | None:
    """The site's name in a URL's host ("https://www.example-news.co.uk/x" → "example-news"),
    or None when the URL has no host."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return labels[0] if labels else None
    labels = labels[:-1]  # the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    while len(labels) > 1 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    return labels[-1]


def site_keys(names: Iterable[str | None]) -> frozenset[str]:
    """The comparison keys (:func:`name_key`) of a page's site names; a name that is a host
    ("example.com") also gives its domain name."""
    keys = set()
    for name in names:
        if not name or not name.strip():
            continue
        keys.add(name_key(name))
        domain = _host_domain(name)
        if domain:
            keys.add(name_key(domain))
    keys.discard("")
    return frozenset(keys)


def strip_site_name(title: str, keys: frozenset[str]) -> str:
    """``title`` without a leading or trailing part that is the site's name.

    keys: the page's site-name keys (:func:`site_keys`); with none the title is kept.
    Returns ``title`` itself when nothing is stripped, else what is left with its spaces
    collapsed. Strips repeatedly from the end ("Storm - Weather - Example News" loses only the site name,
    unless "Weather" is a name too) and once from the start; never strips the whole title.
    """
    if not keys:
        return title
    spaced = " ".join(title.split())
    seps = list(_SEPARATOR.finditer(spaced))
    if seps and seps[-1].start() > 0 and _is_site(spaced[seps[-1].end():], keys):
        return strip_site_name(spaced[:seps[-1].start()], keys)
    first = _LEADING.search(spaced)
    if first and first.start() > 0 and first.end() < len(spaced) and _is_site(spaced[:first.start()], keys):
        return spaced[first.end():].strip()
    return title


def _host_domain(text: str) -> str | None:
    """The domain name of ``text`` when it is a host name ("www.example.co.uk" → "example"),
    else None (:func:`domain_name`)."""
    text = text.strip()
    return domain_name(text) if "." in text and " " not in text else None


def _is_site(part: str, keys: frozenset[str]) -> bool:
    key = name_key(part)
    if not key:
        return False
    host = _host_domain(part)
    if key in keys or (host and name_key(host) in keys):
        return True
    return any(key == k + tail for k in keys for tail in _NAME_TAILS)


def same_headline(line: str, title: str) -> bool:
    """True when body ``line`` repeats ``title``, differing at most in case, punctuation and
    spacing ("STORM HITS COAST." repeats "Storm hits coast")."""
    a, b = _letters(line), _letters(title)
    return bool(a) and a == b


def _letters(s: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in
                            unicodedata.normalize("NFKC", s).casefold()).split())

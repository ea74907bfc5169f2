"""Boilerplate lines in an article body: page furniture that survived the extraction of a page's
main text (sign-up boxes, "Related:" links, app and social-media prompts, share buttons,
"Advertisement", copyright and photo-credit lines, WordPress shortcodes) and story blocks a page
holds twice or three times.

Conservative by design: a rule only ever removes a *whole line*, and only a short one
(at most :data:`MAX_FURNITURE_WORDS` words; a line that is wholly a shortcode excepted), never part
of a sentence. Prompts are recognised by their shape — an imperative opener and the thing it
promotes ("Sign up … newsletter", "Download our app", "Follow us on X") — so a sentence of the
story that merely mentions a newsletter stays, and a line holding quotation marks (speech) is never
a prompt. A repeated block is dropped only when the run of lines it repeats is long
(:data:`MIN_REPEATED_CHARS`), and its first copy is always kept. The words come from
:mod:`components.lexicon.page_furniture`.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..lexicon.page_furniture import (APP_OPENERS, CREDIT_LABELS, FILLER_LINES, FOLLOW_OPENERS,
                                      LINK_LABELS, SHORTCODE_TAGS, SIGN_UP_OBJECTS, SIGN_UP_OPENERS,
                                      SOCIAL_NETWORKS)

# Longest line (in words) any furniture rule looks at: longer lines are story text.
MAX_FURNITURE_WORDS = 25
# Longest credit after "Photo:" (in words) read as a name and an outlet, not a caption sentence.
MAX_CREDIT_WORDS = 8
# Shortest run of repeated lines (in characters) dropped as a second copy of a story block (the
# size below which trafilatura's own deduplication leaves text alone).
MIN_REPEATED_CHARS = 100
# Bounds on the search for repeated blocks, so that a file of thousands of like lines stays fast:
# earlier places of a line tried (the latest ones), and bodies longer than this (in non-blank
# lines) are not searched at all.
MAX_REPEAT_CANDIDATES = 8
MAX_LINES_SEARCHED = 5000
# The Problem reason for a file or page whose every line is boilerplate.
NOTHING_BUT_BOILERPLATE = "no article text: every line is page boilerplate (sign-up, links, copyright…)"


class Removal(NamedTuple):
    """A line taken out of a body. kind: "shortcode", "link", "filler", "sign-up", "app",
    "follow", "copyright", "credit" or "repeat"; line: the line as it was."""

    kind: str
    line: str


class Cleaned(NamedTuple):
    """A body after cleaning. text: the body without the removed lines (unchanged, the very same
    string, when nothing was removed); removed: what was taken out, in order."""

    text: str
    removed: list[Removal]


def _alternatives(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_LEAD = r"^[\s\W_]*"  # bullets, arrows, emoji before a label: "» Related:", "▶ READ MORE"
_SHORTCODE_NAMES = _alternatives(SHORTCODE_TAGS)
_SHORTCODE_LINE = re.compile(
    rf"^\s*(?:\[(?P<tag>[a-z][a-z0-9_-]*)\b[^\]\n]*\].*\[/(?P=tag)\]"  # [caption …]…[/caption], any tag
    rf"|\[(?:{_SHORTCODE_NAMES})\b[^\]\n]*/?\](?:\s*\S+\s*\[/(?:{_SHORTCODE_NAMES})\])?)\s*$",  # [gallery ids=…]
    re.IGNORECASE)
_LINK_LINE = re.compile(rf"{_LEAD}(?:{_alternatives(LINK_LABELS)})\s*(?:[:|»›>–—-].*)?$", re.IGNORECASE)
_SIGN_UP_LINE = re.compile(rf"{_LEAD}(?:{_alternatives(SIGN_UP_OPENERS)})\b.*\b(?:{_alternatives(SIGN_UP_OBJECTS)})\b",
                           re.IGNORECASE)
_APP_LINE = re.compile(rf"{_LEAD}(?:{_alternatives(APP_OPENERS)})\b.*"
                       r"(?:\b(?:our|the)\s+(?:[\w'’-]+\s+){0,3}apps?\b|\bapp\s+store\b|\bgoogle\s+play\b)",
                       re.IGNORECASE)
_FOLLOW_LINE = re.compile(rf"{_LEAD}(?:{_alternatives(FOLLOW_OPENERS)})\s.*\b(?:{_alternatives(SOCIAL_NETWORKS)})\b",
                          re.IGNORECASE)
_COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\s*)?(?:©|\(c\)|℗)|^\s*copyright\s+(?:\d{4}|by\b)"
                             r"|\ball\s+rights\s+reserved\W*$", re.IGNORECASE)
_CREDIT_LINE = re.compile(rf"{_LEAD}(?:{_alternatives(CREDIT_LABELS)})\s*(?:[:|/,]|\s+by\b)\s*(?P<rest>.+)$",
                          re.IGNORECASE)
#: The line a WordPress feed (the Yoast SEO plugin's default RSS footer) puts after each post.
_FEED_FOOTER = re.compile(r"^\s*The post .{1,300} appeared first on .{1,150}$")
_QUOTES = re.compile(r"[\"“”„«»]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")
_NOT_WORD = re.compile(r"[^\w\s'’]+")


def furniture_kind(line: str) -> str | None:
    """The kind of page furniture ``line`` is (see :class:`Removal`, "repeat" aside), or None when
    it may be story text. line: one line of a body, without its line end."""
    if _SHORTCODE_LINE.match(line):
        return "shortcode"
    words = line.split()
    if not words or len(words) > MAX_FURNITURE_WORDS:
        return None
    if " ".join(_NOT_WORD.sub(" ", line).lower().split()) in FILLER_LINES:
        return "filler"
    if _LINK_LINE.match(line) or _FEED_FOOTER.match(line):
        return "link"
    if _COPYRIGHT_LINE.search(line):
        return "copyright"
    m = _CREDIT_LINE.match(line)
    if m and len(m["rest"].split()) <= MAX_CREDIT_WORDS and not _SENTENCE_END.search(line):
        return "credit"
    if _QUOTES.search(line):  # speech is never a prompt
        return None
    for kind, pattern in (("sign-up", _SIGN_UP_LINE), ("app", _APP_LINE), ("follow", _FOLLOW_LINE)):
        if pattern.match(line):
            return kind
    return None


def clean_body(text: str, *, repeats: bool = True) -> Cleaned:
    """Remove boilerplate lines and repeated story blocks from ``text``.

    text: an article body, lines separated by ``\\n``.
    repeats: also drop second and later copies of a story block (as a page's extraction may
        hold them); False leaves repeated text alone (a plain-text file is what its author wrote).
    Returns the cleaned body (blank-line runs left by a removal closed up, ends stripped) and the
    removed lines; ``text`` itself when nothing was removed.
    """
    lines = text.split("\n")
    removed: list[Removal] = []
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        kind = furniture_kind(line)
        if kind:
            keep[i] = False
            removed.append(Removal(kind, line))
    for i in _repeated_lines([ln if k else "" for ln, k in zip(lines, keep)]) if repeats else ():
        keep[i] = False
        removed.append(Removal("repeat", lines[i]))
    if not removed:
        return Cleaned(text, [])
    out: list[str] = []
    for line, k in zip(lines, keep):
        if k and not (not line.strip() and out and not out[-1].strip()):
            out.append(line)
    return Cleaned("\n".join(out).strip(), removed)


def _repeated_lines(lines: list[str]) -> list[int]:
    """Indexes of the lines that repeat an earlier run of lines (blank lines aside) holding at
    least :data:`MIN_REPEATED_CHARS` characters; the first copy is never among them."""
    content = [(i, " ".join(line.split())) for i, line in enumerate(lines) if line.strip()]
    if len(content) > MAX_LINES_SEARCHED:
        return []
    seen_at: dict[str, list[int]] = {}
    drop: list[int] = []
    k = 0
    while k < len(content):
        best = 0
        for p in seen_at.get(content[k][1], ())[-MAX_REPEAT_CANDIDATES:]:
            n = 0
            while k + n < len(content) and p + n < k and content[p + n][1] == content[k + n][1]:
                n += 1
            best = max(best, n)
        run = content[k:k + best]
        if best and sum(len(s) for _, s in run) >= MIN_REPEATED_CHARS:
            drop.extend(i for i, _ in run)
            k += best
            continue
        seen_at.setdefault(content[k][1], []).append(k)
        k += 1
    return drop

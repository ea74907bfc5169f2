"""Direct-quote errors of an ``extract`` run against PolNeAR (:func:`quote_breakdown`), by the
``quote_score`` scorer's coverage rules: missed gold quotes, false positives, speaker errors."""
from __future__ import annotations

import collections
import dataclasses
from types import ModuleType
from typing import Mapping

from breakdown_text import N_TOP, clip, counters_by_group, spread, text_table

# Quote length bands (words in the predicted content).
LENGTH_BANDS = ((1, 3, "1-3 w"), (4, 10, "4-10 w"), (11, 30, "11-30 w"), (31, 10**9, ">30 w"))
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me",
                      "who", "this", "that", "one"})
NAME_PARTICLES = frozenset({"de", "la", "van", "von", "der", "al", "bin", "of", "the", "and", "jr", "jr."})
MISSED_NONE = "no overlapping prediction"
MISSED_SHORT = "prediction too short (covers < 50%)"
MISSED_OUTSIDE = "overlapping prediction lies mostly outside"


def speaker_mention_type(text: str) -> str:
    """Kind of speaker mention as annotated: ``pronoun`` ("he"), ``name`` (every word
    capitalised, particles such as "de" allowed: "Mr. Trump", "Hillary Clinton") or
    ``title/description`` ("the spokesman", "former Secretary of State Hillary Clinton")."""
    words = text.replace("\u2019", "'").split()
    if not words:
        return "title/description"
    if len(words) == 1 and words[0].lower().strip(".,") in PRONOUNS:
        return "pronoun"
    if all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in NAME_PARTICLES for w in words) \
            and words[0].lower() not in NAME_PARTICLES:
        return "name"
    return "title/description"


def length_band(n_words: int) -> str:
    """The name of the :data:`LENGTH_BANDS` band holding ``n_words`` (0 counts as the first)."""
    return next((name for lo, hi, name in LENGTH_BANDS if n_words <= hi), LENGTH_BANDS[-1][2])


def quote_breakdown(gold: list[dict], pred: Mapping[str, dict], *, rules: ModuleType) -> list[str]:
    """Direct-quote detection and speaker errors, by the scorer's coverage rules.

    gold: PolNeAR gold documents (``text``, ``quotes`` with content_spans/content/speaker_*,
        ``mixed_quotes``).
    pred: predictions by document id as read by the scorer (``quotes`` with content_spans or
        content_start/end, ``speaker_text``, ``speaker_start``/``speaker_end``, ``kind``).
    rules: the ``quote_score`` scorer module (its ``charset``, ``pred_spans`` and ``words``).

    As the scorer: a prediction belongs to the gold quote holding >= 50% of its letters and
    digits; otherwise it is ignored when >= 50% lies in a mixed attribution, else it is a false
    positive; a gold quote is found when its predictions cover >= 50% of it, and its speaker is
    right when the best-overlapping prediction's speaker mention overlaps the gold one or the
    two share a content word.

    Returns the lines: missed gold quotes by reason (none overlapping / too short / prediction
    mostly outside), false positives by kind × length band and by where they lie, speaker
    errors by gold mention type × predicted speaker (None / wrong), with examples."""
    tally = _QuoteTally()
    for g in gold:
        _tally_quote_document(tally, g, pred.get(g["id"], {}).get("quotes", []), rules=rules)
    return _missed_quote_lines(tally) + _false_quote_lines(tally) + _speaker_lines(tally)


@dataclasses.dataclass
class _QuoteTally:
    """What :func:`quote_breakdown` counts over the documents; examples are ``(doc id, offset, text)``."""

    n_gold: int = 0
    n_pred: int = 0         # predictions the scorer counts (not ignored in a mixed quote)
    n_att: int = 0          # found gold quotes with a gold speaker
    missed: collections.defaultdict = dataclasses.field(default_factory=lambda: collections.defaultdict(list))
    fp_rows: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)   # kind × length band
    fp_where: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    fp_ex: list = dataclasses.field(default_factory=list)
    sp_rows: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)   # mention type × error
    sp_all: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    sp_ex: list = dataclasses.field(default_factory=list)


def _tally_quote_document(tally: _QuoteTally, g: dict, pq: list[dict], *, rules: ModuleType) -> None:
    """Add one gold document ``g`` and its predicted quotes ``pq`` to ``tally``: each prediction
    goes to the gold quote holding >= 50% of it, is ignored in a mixed quote, or is a false
    positive; then each gold quote is found or missed, and a found one's speaker right or wrong."""
    text, gq = g["text"], g["quotes"]
    gsets = [rules.charset(text, q["content_spans"]) for q in gq]
    psets = [rules.charset(text, rules.pred_spans(q)) for q in pq]
    msets = [rules.charset(text, m["content_spans"]) for m in g.get("mixed_quotes", [])]
    owned = [[] for _ in gq]
    for j, ps in enumerate(psets):
        best = max(range(len(gsets)), key=lambda i: len(gsets[i] & ps), default=None)
        if ps and best is not None and len(gsets[best] & ps) >= 0.5 * len(ps):
            owned[best].append(j)
            tally.n_pred += 1
            continue
        if ps and any(len(m & ps) >= 0.5 * len(ps) for m in msets):
            continue  # ignored by the scorer
        tally.n_pred += 1
        spans = rules.pred_spans(pq[j])
        n_words = sum(len(text[s:e].split()) for s, e in spans)
        tally.fp_rows[pq[j].get("kind") or "?"][length_band(n_words)] += 1
        where = ("partly in a gold quote" if any(gs & ps for gs in gsets)
                 else "partly in a mixed quote" if any(m & ps for m in msets) else "outside any gold quote")
        tally.fp_where[where] += 1
        tally.fp_ex.append((g["id"], spans[0][0], f"[{pq[j].get('kind')}, {where}] "
                            f"{clip(' … '.join(text[s:e] for s, e in spans))}"))
    tally.n_gold += len(gq)
    for i, js in enumerate(owned):
        gs, q = gsets[i], gq[i]
        cov = set().union(*(psets[j] for j in js)) & gs if js else set()
        if len(cov) < 0.5 * len(gs):
            if js:
                reason = MISSED_SHORT
            elif any(ps & gs for ps in psets):
                reason = MISSED_OUTSIDE
            else:
                reason = MISSED_NONE
            tally.missed[reason].append((g["id"], q["content_spans"][0][0], clip(q.get("content")
                                        or " … ".join(text[s:e] for s, e in q["content_spans"]))))
            continue
        if q.get("speaker_text"):
            _tally_speaker(tally, g, q, pq[max(js, key=lambda j: len(psets[j] & gs))], rules=rules)


def _tally_speaker(tally: _QuoteTally, g: dict, q: dict, pb: dict, *, rules: ModuleType) -> None:
    """Add the speaker of a found gold quote ``q`` (of document ``g``) to ``tally``: right when the
    best-overlapping prediction ``pb``'s speaker mention overlaps the gold one or the two share a
    content word, else an error (no speaker predicted, or a wrong one)."""
    text = g["text"]
    tally.n_att += 1
    kind = speaker_mention_type(q["speaker_text"])
    tally.sp_all[kind] += 1
    span_ok = (pb.get("speaker_start") is not None and q.get("speaker_start") is not None
               and pb["speaker_start"] < q["speaker_end"] and q["speaker_start"] < pb["speaker_end"])
    if span_ok or rules.words(q["speaker_text"]) & rules.words(pb.get("speaker_text")):
        return
    has = pb.get("speaker_text") or pb.get("speaker_start") is not None
    col = "pred wrong" if has else "pred None"
    tally.sp_rows[kind][col] += 1
    mention = text[pb["speaker_start"]:pb["speaker_end"]] if pb.get("speaker_start") is not None else None
    tally.sp_ex.append((g["id"], q["content_spans"][0][0],
                        f'[{kind}] gold "{q["speaker_text"]}" -> pred {pb.get("speaker_text")!r}'
                        f' (mention {mention!r}) | {clip(q.get("content"), 70)}'))


def _missed_quote_lines(tally: _QuoteTally) -> list[str]:
    """Missed gold quotes by reason, the most frequent reason first, with examples."""
    missed = tally.missed
    n_missed = sum(len(v) for v in missed.values())
    out = [f"-- missed gold quotes: {n_missed} of {tally.n_gold} --"]
    for reason in sorted(missed, key=lambda r: (-len(missed[r]), r)):
        out.append(f"  {reason:<45} {len(missed[reason]):>5}")
        out += [f"    - {ex}" for _, _, ex in spread(missed[reason], lambda x: x[:2])[:3]]
    return out


def _false_quote_lines(tally: _QuoteTally) -> list[str]:
    """False positive quotes by kind × length band and by where they lie, with examples."""
    n_fp = sum(tally.fp_where.values())
    out = [f"-- false positive quotes: {n_fp} of {tally.n_pred} counted predictions --"]
    if n_fp:
        out += text_table(tally.fp_rows, [b[2] for b in LENGTH_BANDS], "kind")
        out.append("  where: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.fp_where.items(),
                                                                         key=lambda kv: (-kv[1], kv[0]))))
        out += [f"    - {ex}" for _, _, ex in spread(tally.fp_ex, lambda x: x[:2])[:N_TOP]]
    return out


def _speaker_lines(tally: _QuoteTally) -> list[str]:
    """Speaker errors by gold mention type × predicted speaker (None / wrong), with examples."""
    n_sp = sum(sum(c.values()) for c in tally.sp_rows.values())
    out = [f"-- speaker errors: {n_sp} of {tally.n_att} found quotes with a gold speaker --"]
    if n_sp:
        rows = {k: {"found": tally.sp_all[k], **tally.sp_rows.get(k, {})} for k in tally.sp_all}
        out += text_table(rows, ["found", "pred None", "pred wrong"], "gold mention", total=False)
        out += [f"    - {ex}" for _, _, ex in spread(tally.sp_ex, lambda x: x[:2])[:N_TOP]]
    return out

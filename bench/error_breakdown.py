"""Error breakdown of an ``extract`` run against a ../shared/eval gold set, so the remaining
errors can be read by category. Printed by ``bench/accuracy.py`` after each set's scorer lines.

The matching rules are the scorers' own (../shared/eval/score): each breakdown function takes
the scorer module it mirrors as ``rules`` (``geo_score`` for places, ``quote_score`` for
quotes; see :func:`load_scorers`) and calls its functions, so a gold item counted here as
missed is one the scorer counts as missed. CoNLL uses the scorer's exact (start, end, label)
match. Every function returns the lines to print (no printing), sorted so that two runs on
the same files print the same text.

usage: python bench/error_breakdown.py {conll2003,geowebnews,lgl,polnear} PRED.jsonl GOLD.jsonl
"""
from __future__ import annotations

import collections
import dataclasses
import hashlib
import importlib
import math
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Iterable, Mapping

from components.lexicon.demonyms import country_of_demonym
from components.places.mentions import REGION_DEMONYMS

ROOT = Path(__file__).resolve().parent.parent
SCORE_DIR = ROOT.parent / "shared" / "eval" / "score"

CONLL_LABELS = ("PER", "ORG", "LOC", "MISC")
CONLL_KINDS = ("missed", "spurious", "boundary", "wrong label", "boundary+label")
N_TOP = 5  # examples per list
# Resolution error bands (km), after the scorer's 161 km threshold; "unresolved" has no point.
BANDS = ((161.0, 500.0, "161-500"), (500.0, 2000.0, "500-2000"), (2000.0, math.inf, ">2000"))
UNRESOLVED = "unresolved"
# Quote length bands (words in the predicted content).
LENGTH_BANDS = ((1, 3, "1-3 w"), (4, 10, "4-10 w"), (11, 30, "11-30 w"), (31, 10**9, ">30 w"))
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me",
                      "who", "this", "that", "one"})
NAME_PARTICLES = frozenset({"de", "la", "van", "von", "der", "al", "bin", "of", "the", "and", "jr", "jr."})
MISSED_NONE = "no overlapping prediction"
MISSED_SHORT = "prediction too short (covers < 50%)"
MISSED_OUTSIDE = "overlapping prediction lies mostly outside"


def load_scorers(score_dir: Path = SCORE_DIR) -> SimpleNamespace:
    """Import the evaluation scorers from ``score_dir`` (added to ``sys.path``).

    Returns a namespace with ``common``, ``geo`` (geo_score) and ``quote`` (quote_score)
    modules. Raises ImportError when the folder is missing."""
    if not (score_dir / "common.py").is_file():
        raise ImportError(f"no scorers in {score_dir}")
    if str(score_dir) not in sys.path:
        sys.path.insert(0, str(score_dir))
    return SimpleNamespace(common=importlib.import_module("common"),
                           geo=importlib.import_module("geo_score"),
                           quote=importlib.import_module("quote_score"))


# ------------------------------------------------------------------ formatting helpers


def _clip(text: str | None, n: int = 100) -> str:
    """``text`` with whitespace collapsed, cut to ``n`` characters (… marks a cut)."""
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _top(counter: Mapping[str, int], n: int = N_TOP) -> str:
    """The ``n`` most frequent keys as ``"key"×count, …``, ties in key order; '' if empty."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f'"{_clip(k, 40)}"' + (f"×{c}" if c > 1 else "") for k, c in items)


def _line(label: str, count: int, total: int | None = None, examples: Mapping[str, int] | None = None,
          width: int = 30) -> str:
    """One indented summary line: label, count (of total), then the top examples."""
    of = f"/{total}" if total is not None else ""
    ex = _top(examples) if examples else ""
    return f"  {label:<{width}} {count:>5}{of:<6}" + (f"  e.g. {ex}" if ex else "")


def _spread(items: Iterable, key) -> list:
    """``items`` in a fixed pseudo-random order (SHA-1 of ``key(item)``), so that the first few
    examples come from different documents rather than the alphabetically first ones."""
    return sorted(items, key=lambda x: (hashlib.sha1(str(key(x)).encode()).hexdigest(), str(key(x))))


def _table(rows: Mapping[str, Mapping[str, int]], cols: Iterable[str], corner: str, *,
           total: bool = True) -> list[str]:
    """A small text table: one row per key of ``rows`` (sorted by the sum of its cells,
    descending, then by key), one column per ``cols``, and a total column if ``total``."""
    cols = list(cols)
    w = max([len(corner)] + [len(r) for r in rows]) + 2
    cw = {c: max(11, len(c) + 2) for c in cols}
    out = [f"  {corner:<{w}}" + "".join(f"{c:>{cw[c]}}" for c in cols) + (f"{'total':>8}" if total else "")]
    for r in sorted(rows, key=lambda r: (-sum(rows[r].values()), r)):
        out.append(f"  {r:<{w}}" + "".join(f"{rows[r].get(c, 0):>{cw[c]}}" for c in cols)
                   + (f"{sum(rows[r].values()):>8}" if total else ""))
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


# ------------------------------------------------------------------ CoNLL-2003


def conll_breakdown(gold: list[dict], pred: Mapping[str, dict], *, labels=CONLL_LABELS) -> list[str]:
    """Entity errors by kind, for the scorer's exact (start, end, label) match.

    gold: CoNLL gold documents (``id``, ``text``, ``entities``: start/end/label).
    pred: predictions by document id as read by the scorer's ``read_predictions`` (``spans``:
        start/end/label, CoNLL labels, "the"/"'s" already trimmed).
    labels: the labels scored; spans with other labels are ignored (as the scorer does).

    An unmatched gold entity is *missed* if no unmatched prediction overlaps it, *wrong label*
    if one has its exact span, *boundary* if an overlapping one has its label, else
    *boundary+label*. An unmatched prediction overlapping no unmatched gold entity is
    *spurious*. Returns the lines: a label × kind count table (gold label; predicted label for
    spurious), then the most frequent texts of each kind and the label confusions."""
    counts = {lab: collections.Counter() for lab in labels}
    texts = {k: collections.Counter() for k in CONLL_KINDS}
    confusion = collections.Counter()
    for g in gold:
        t = g["text"]
        gs = {(e["start"], e["end"], e["label"]) for e in g["entities"] if e["label"] in labels}
        ps = {(s["start"], s["end"], s["label"]) for s in pred.get(g["id"], {}).get("spans", [])
              if s["label"] in labels}
        ug, up = gs - ps, ps - gs
        for gs0, ge0, gl in sorted(ug):
            ov = sorted(p for p in up if _overlaps(gs0, ge0, p[0], p[1]))
            same = [p for p in ov if (p[0], p[1]) == (gs0, ge0)]
            if not ov:
                kind, key = "missed", f"{t[gs0:ge0]} {gl}"
            elif same:
                kind, key = "wrong label", f"{t[gs0:ge0]} {gl}->{same[0][2]}"
                confusion[f"{gl}->{same[0][2]}"] += 1
            elif any(p[2] == gl for p in ov):
                p = next(p for p in ov if p[2] == gl)
                kind, key = "boundary", f"{t[gs0:ge0]} -> {t[p[0]:p[1]]} {gl}"
            else:
                p = ov[0]
                kind, key = "boundary+label", f"{t[gs0:ge0]} {gl} -> {t[p[0]:p[1]]} {p[2]}"
            counts[gl][kind] += 1
            texts[kind][key] += 1
        for ps0, pe0, pl in sorted(up):
            if not any(_overlaps(ps0, pe0, g0, g1) for g0, g1, _ in ug):
                counts[pl]["spurious"] += 1
                texts["spurious"][f"{t[ps0:pe0]} {pl}"] += 1
    out = ["-- errors by kind (gold label; predicted label for spurious) --"]
    out += _table(counts, CONLL_KINDS, "label")
    out.append("-- most frequent texts --")
    for kind in CONLL_KINDS:
        out.append(f"  {kind:<15} {sum(texts[kind].values()):>5}  {_top(texts[kind])}")
    if confusion:
        out.append("  wrong label pairs: " + ", ".join(f"{k} {v}" for k, v in
                                                       sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0]))))
    return out


# ------------------------------------------------------------------ places


def name_shape(text: str) -> str:
    """How a toponym is written: ``demonym`` ("French", "Europeans"), ``lowercase`` ("state"),
    ``multiword`` ("New Orleans") or ``single word`` ("Ohio"), checked in that order."""
    t = " ".join(text.split())
    if country_of_demonym(t) is not None or t.lower() in REGION_DEMONYMS:
        return "demonym"
    if t[:1].islower():
        return "lowercase"
    if len(t.split()) > 1:
        return "multiword"
    return "single word"


def entity_under(start: int, end: int, entities: Iterable[dict]) -> str:
    """Which predicted entity lies under the span ``start:end``: its spaCy label if it has the
    same span, ``"in LABEL"`` if it contains the span, ``"~LABEL"`` if it only overlaps it,
    ``"no entity"`` otherwise (the largest overlap wins; ties by label)."""
    best = None
    for e in entities:
        ov = min(end, e["end"]) - max(start, e["start"])
        if ov <= 0:
            continue
        if (e["start"], e["end"]) == (start, end):
            tag = e["label"]
        elif e["start"] <= start and end <= e["end"]:
            tag = f"in {e['label']}"
        else:
            tag = f"~{e['label']}"
        if best is None or (-ov, tag) < best:
            best = (-ov, tag)
    return best[1] if best else "no entity"


def distance_band(km: float | None) -> str | None:
    """The resolution error band of ``km`` (None = no predicted point): None when within
    161 km (correct), else one of :data:`BANDS`' names or ``unresolved``."""
    if km is None:
        return UNRESOLVED
    if km <= 161:
        return None
    return next(name for lo, hi, name in BANDS if lo < km <= hi)


def geo_breakdown(gold: list[dict], pred: Mapping[str, dict], *, rules: ModuleType,
                  known: Mapping[int, tuple[str, str, str | None]] | None = None) -> list[str]:
    """Toponym recognition and resolution errors.

    gold: GeoWebNews / LGL gold documents (``toponyms``: start/end/text/type/lat/lon/geonameid).
    pred: predictions by document id as read by the scorer (``toponyms`` from ``places``, each
        with name/country_code/feature/lat/lon; ``entities`` with spaCy labels when the file is
        ``extract`` output).
    rules: the ``geo_score`` scorer module (its ``match`` and ``haversine`` are used).
    known: gazetteer facts by geonameid, ``{id: (name, feature, country_code)}``, used to name
        the gold place and its feature class; None or a missing id gives ``?``.

    Returns the lines: missed gold toponyms by gold type (when the set has types), by how the
    name is written and by the predicted entity under it; false positives by predicted feature
    class and by the entity they came from; resolution errors (matched, gold point known,
    > 161 km or unresolved) as a predicted → gold feature class × distance band table, with
    the most frequent examples."""
    tally = _GeoTally()
    for g in gold:
        _tally_geo_document(tally, g, pred.get(g["id"], {}), rules=rules, known=known or {})
    return _missed_toponym_lines(tally) + _false_place_lines(tally) + _resolution_lines(tally)


def _counters() -> collections.defaultdict:
    """Counters by group: ``{group: Counter({example: count})}``."""
    return collections.defaultdict(collections.Counter)


@dataclasses.dataclass
class _GeoTally:
    """What :func:`geo_breakdown` counts over the documents (groups map to example counters)."""

    n_gold: int = 0
    n_pred: int = 0
    n_scored: int = 0       # matched toponyms with a gold point
    by_type: collections.defaultdict = dataclasses.field(default_factory=_counters)   # missed, by gold type
    by_type_all: collections.Counter = dataclasses.field(default_factory=collections.Counter)   # gold, by type
    by_shape: collections.defaultdict = dataclasses.field(default_factory=_counters)  # missed, by name shape
    by_ent: collections.defaultdict = dataclasses.field(default_factory=_counters)    # missed, by entity under it
    fp_feat: collections.defaultdict = dataclasses.field(default_factory=_counters)   # false positives, by feature
    fp_how: collections.defaultdict = dataclasses.field(default_factory=_counters)    # false positives, by entity
    res: collections.defaultdict = dataclasses.field(default_factory=_counters)       # pred -> gold feature × band
    res_ex: collections.Counter = dataclasses.field(default_factory=collections.Counter)


def _tally_geo_document(tally: _GeoTally, g: dict, pd: dict, *, rules: ModuleType,
                        known: Mapping[int, tuple[str, str, str | None]]) -> None:
    """Add one gold document ``g`` and its prediction ``pd`` (``{}`` when none) to ``tally``."""
    gt = g["toponyms"]
    pt, ents = pd.get("toponyms", []), pd.get("entities") or []
    pairs = rules.match(gt, pt, False)
    tally.n_gold, tally.n_pred = tally.n_gold + len(gt), tally.n_pred + len(pt)
    hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, t in enumerate(gt):
        tally.by_type_all[t.get("type") or "all"] += 1
        if i in hit_g:
            continue
        tally.by_type[t.get("type") or "all"][t["text"]] += 1
        tally.by_shape[name_shape(t["text"])][t["text"]] += 1
        tally.by_ent[entity_under(t["start"], t["end"], ents)][t["text"]] += 1
    for j, p in enumerate(pt):
        if j not in hit_p:
            tally.fp_feat[p.get("feature") or "none"][p.get("text") or ""] += 1
            tally.fp_how[entity_under(p["start"], p["end"], ents)][p.get("text") or ""] += 1
    for i, j in pairs:
        _tally_resolution(tally, gt[i], pt[j], rules=rules, known=known)


def _tally_resolution(tally: _GeoTally, gg: dict, pp: dict, *, rules: ModuleType,
                      known: Mapping[int, tuple[str, str, str | None]]) -> None:
    """Add one matched pair (gold toponym ``gg``, predicted place ``pp``) to the resolution counts
    of ``tally``: nothing without a gold point, an error when > 161 km or unresolved."""
    if gg.get("lat") is None:
        return
    tally.n_scored += 1
    if pp.get("lat") is None or pp.get("lon") is None:
        km = None
    else:
        km = rules.haversine(gg["lat"], gg["lon"], pp["lat"], pp["lon"])
    band = distance_band(km)
    if band is None:
        return
    gname, gfeat, gcc = known.get(gg.get("geonameid"), (None, "?", None))
    gname = gg.get("normalised_name") or gname or "?"
    tally.res[f"{pp.get('feature') or 'none'} -> {gfeat}"][band] += 1
    pname = f"{pp.get('name')}, {pp.get('country_code')} ({pp.get('feature')})" if pp.get("name") \
        else "unresolved"
    dist = f"{km:,.0f} km" if km is not None else "no point"
    tally.res_ex[f'"{gg["text"]}" -> {pname} vs gold {gname}, {gcc or "?"} ({gfeat}) '
                 f"{gg['lat']:.2f},{gg['lon']:.2f}; {dist}"] += 1


def _group_lines(groups: Mapping[str, collections.Counter], limit: int | None = None) -> list[str]:
    """One :func:`_line` per group, the largest first (ties by name), at most ``limit``."""
    return [_line(k, sum(groups[k].values()), None, groups[k], width=22)
            for k in sorted(groups, key=lambda k: (-sum(groups[k].values()), k))[:limit]]


def _missed_toponym_lines(tally: _GeoTally) -> list[str]:
    """Missed gold toponyms by gold type (when the set has types), by how the name is written and
    by the predicted entity under them."""
    n_missed = sum(sum(c.values()) for c in tally.by_shape.values())
    out = [f"-- missed gold toponyms: {n_missed} of {tally.n_gold} --"]
    if set(tally.by_type_all) != {"all"}:
        out.append(" by gold type (missed/gold):")
        for k in sorted(tally.by_type_all, key=lambda k: (-sum(tally.by_type[k].values()), k)):
            out.append(_line(k, sum(tally.by_type[k].values()), tally.by_type_all[k], tally.by_type[k], width=22))
    out.append(" by how the name is written:")
    out += _group_lines(tally.by_shape)
    out.append(" by predicted entity under the gold span:")
    out += _group_lines(tally.by_ent, 8)
    return out


def _false_place_lines(tally: _GeoTally) -> list[str]:
    """False positive places by predicted feature class and by the entity they came from."""
    n_fp = sum(sum(c.values()) for c in tally.fp_feat.values())
    out = [f"-- false positive places: {n_fp} of {tally.n_pred} --"]
    out.append(" by predicted feature class:")
    out += _group_lines(tally.fp_feat)
    out.append(" by the entity they came from:")
    out += _group_lines(tally.fp_how, 8)
    return out


def _resolution_lines(tally: _GeoTally) -> list[str]:
    """Resolution errors as a predicted → gold feature class × distance band table, with the most
    frequent examples."""
    n_res = sum(sum(c.values()) for c in tally.res.values())
    out = [f"-- resolution errors (> 161 km or unresolved): {n_res} of {tally.n_scored} matched with gold point --"]
    if tally.res:
        out += _table(tally.res, [b[2] for b in BANDS] + [UNRESOLVED], "pred -> gold feature")
        out.append(" most frequent:")
        for k, c in sorted(tally.res_ex.items(), key=lambda kv: (-kv[1], kv[0]))[:8]:
            out.append(f"  {c:>3}× {k}")
    return out


def gazetteer_facts() -> dict[int, tuple[str, str, str | None]]:
    """``{geonameid: (name, feature, country_code)}`` for every gazetteer place that has an id
    (the project's gazetteer, :func:`components.places.gazetteer.load`)."""
    from components.places import gazetteer
    from components.places.gazetteer import Entry

    out = {}
    for row in gazetteer.load().entries:
        e = Entry(*row)
        if e.geonameid is not None:
            out[e.geonameid] = (e.name, e.feature, e.country_code)
    return out


# ------------------------------------------------------------------ quotes


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
    fp_rows: collections.defaultdict = dataclasses.field(default_factory=_counters)   # kind × length band
    fp_where: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    fp_ex: list = dataclasses.field(default_factory=list)
    sp_rows: collections.defaultdict = dataclasses.field(default_factory=_counters)   # mention type × error
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
                            f"{_clip(' … '.join(text[s:e] for s, e in spans))}"))
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
            tally.missed[reason].append((g["id"], q["content_spans"][0][0], _clip(q.get("content")
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
                        f' (mention {mention!r}) | {_clip(q.get("content"), 70)}'))


def _missed_quote_lines(tally: _QuoteTally) -> list[str]:
    """Missed gold quotes by reason, the most frequent reason first, with examples."""
    missed = tally.missed
    n_missed = sum(len(v) for v in missed.values())
    out = [f"-- missed gold quotes: {n_missed} of {tally.n_gold} --"]
    for reason in sorted(missed, key=lambda r: (-len(missed[r]), r)):
        out.append(f"  {reason:<45} {len(missed[reason]):>5}")
        out += [f"    - {ex}" for _, _, ex in _spread(missed[reason], lambda x: x[:2])[:3]]
    return out


def _false_quote_lines(tally: _QuoteTally) -> list[str]:
    """False positive quotes by kind × length band and by where they lie, with examples."""
    n_fp = sum(tally.fp_where.values())
    out = [f"-- false positive quotes: {n_fp} of {tally.n_pred} counted predictions --"]
    if n_fp:
        out += _table(tally.fp_rows, [b[2] for b in LENGTH_BANDS], "kind")
        out.append("  where: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.fp_where.items(),
                                                                         key=lambda kv: (-kv[1], kv[0]))))
        out += [f"    - {ex}" for _, _, ex in _spread(tally.fp_ex, lambda x: x[:2])[:N_TOP]]
    return out


def _speaker_lines(tally: _QuoteTally) -> list[str]:
    """Speaker errors by gold mention type × predicted speaker (None / wrong), with examples."""
    n_sp = sum(sum(c.values()) for c in tally.sp_rows.values())
    out = [f"-- speaker errors: {n_sp} of {tally.n_att} found quotes with a gold speaker --"]
    if n_sp:
        rows = {k: {"found": tally.sp_all[k], **tally.sp_rows.get(k, {})} for k in tally.sp_all}
        out += _table(rows, ["found", "pred None", "pred wrong"], "gold mention", total=False)
        out += [f"    - {ex}" for _, _, ex in _spread(tally.sp_ex, lambda x: x[:2])[:N_TOP]]
    return out


# ------------------------------------------------------------------ entry point


def breakdown(kind: str, pred_path: Path, gold_path: Path, *, score_dir: Path = SCORE_DIR,
              known: Mapping[int, tuple[str, str, str | None]] | None = None) -> list[str]:
    """The breakdown lines for one set.

    kind: ``conll2003`` | ``geowebnews`` | ``lgl`` | ``polnear``.
    pred_path: ``extract`` output (or scorer-format predictions) for the gold documents.
    gold_path: the gold JSONL.
    score_dir: the scorers' folder (their reading and matching functions are used).
    known: gazetteer facts for places (see :func:`gazetteer_facts`); loaded when None."""
    sc = load_scorers(score_dir)
    gold = sc.common.read_jsonl(str(gold_path))
    pred = sc.common.read_predictions(str(pred_path))
    if kind == "conll2003":
        return conll_breakdown(gold, pred)
    if kind in ("geowebnews", "lgl"):
        return geo_breakdown(gold, pred, rules=sc.geo, known=known if known is not None else gazetteer_facts())
    if kind == "polnear":
        return quote_breakdown(gold, pred, rules=sc.quote)
    raise ValueError(f"unknown set kind {kind!r}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    print("\n".join(breakdown(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))))

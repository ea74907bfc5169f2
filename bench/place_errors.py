"""Toponym errors of an ``extract`` run against GeoWebNews / LGL (:func:`geo_breakdown`), by the
``geo_score`` scorer's matching rules: missed gold toponyms, false positive places, resolution
errors."""
from __future__ import annotations

import collections
import dataclasses
import math
from types import ModuleType
from typing import Iterable, Mapping

from breakdown_text import counters_by_group, summary_line, text_table
from components.lexicon.countries import country_of_demonym
from components.lexicon.regions import REGION_DEMONYMS

# Resolution error bands (km), after the scorer's 161 km threshold; "unresolved" has no point.
BANDS = ((161.0, 500.0, "161-500"), (500.0, 2000.0, "500-2000"), (2000.0, math.inf, ">2000"))
UNRESOLVED = "unresolved"


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


@dataclasses.dataclass
class _GeoTally:
    """What :func:`geo_breakdown` counts over the documents (groups map to example counters)."""

    n_gold: int = 0
    n_pred: int = 0
    n_scored: int = 0       # matched toponyms with a gold point
    by_type: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)   # missed, by gold type
    by_type_all: collections.Counter = dataclasses.field(default_factory=collections.Counter)   # gold, by type
    by_shape: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)  # missed, by name shape
    by_ent: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)    # missed, by entity under it
    fp_feat: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)   # false positives, by feature
    fp_how: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)    # false positives, by entity
    res: collections.defaultdict = dataclasses.field(default_factory=counters_by_group)       # pred -> gold feature × band
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


def _group_lines(heading: str, groups: Mapping[str, collections.Counter], limit: int | None = None) -> list[str]:
    """``heading``, then one :func:`summary_line` per group, the largest first (ties by name), at most
    ``limit``."""
    return [heading] + [summary_line(k, sum(groups[k].values()), None, groups[k], width=22)
                        for k in sorted(groups, key=lambda k: (-sum(groups[k].values()), k))[:limit]]


def _missed_toponym_lines(tally: _GeoTally) -> list[str]:
    """Missed gold toponyms by gold type (when the set has types), by how the name is written and
    by the predicted entity under them."""
    n_missed = sum(sum(c.values()) for c in tally.by_shape.values())
    out = [f"-- missed gold toponyms: {n_missed} of {tally.n_gold} --"]
    if set(tally.by_type_all) != {"all"}:
        out.append(" by gold type (missed/gold):")
        for k in sorted(tally.by_type_all, key=lambda k: (-sum(tally.by_type[k].values()), k)):
            out.append(summary_line(k, sum(tally.by_type[k].values()), tally.by_type_all[k], tally.by_type[k], width=22))
    out += _group_lines(" by how the name is written:", tally.by_shape)
    out += _group_lines(" by predicted entity under the gold span:", tally.by_ent, 8)
    return out


def _false_place_lines(tally: _GeoTally) -> list[str]:
    """False positive places by predicted feature class and by the entity they came from."""
    n_fp = sum(sum(c.values()) for c in tally.fp_feat.values())
    out = [f"-- false positive places: {n_fp} of {tally.n_pred} --"]
    out += _group_lines(" by predicted feature class:", tally.fp_feat)
    out += _group_lines(" by the entity they came from:", tally.fp_how, 8)
    return out


def _resolution_lines(tally: _GeoTally) -> list[str]:
    """Resolution errors as a predicted → gold feature class × distance band table, with the most
    frequent examples."""
    n_res = sum(sum(c.values()) for c in tally.res.values())
    out = [f"-- resolution errors (> 161 km or unresolved): {n_res} of {tally.n_scored} matched with gold point --"]
    if tally.res:
        out += text_table(tally.res, [b[2] for b in BANDS] + [UNRESOLVED], "pred -> gold feature")
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

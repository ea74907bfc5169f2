"""Real-news dev set: 40 BBC articles of ../shared/eval/bbc/all.jsonl judged by hand (actors with
their type, places with the place meant), scored against the current ``extract``. A benchmark: it
prints figures and never fails on a score.

The sample: for each of the five BBC sections in alphabetical order, ``sorted(random.Random(2026)
.sample(sorted(ids of that section), 8))``, one generator for all five (:func:`sample_ids`). The
hand annotations are in bench/realnews/annotations.jsonl, by article id (the texts stay in
../shared); bench/realnews/README.md says how they were made and what each field means.

Actors (one predicted actor = an article's distinct canonical ``actor``, typed by the type most of
its mentions carry) are matched to the gold by name: the actor's own name, else its most frequent
mention text, against each gold actor's ``name`` and ``forms`` (case, a leading "the" and a
trailing "'s" ignored). Places (one predicted row = one ``places`` row with coordinates) are
matched by their mention text against each gold place's ``text`` and ``forms``; a row is right
when it lies within 161 km of the place meant, or when it is a country row naming the country
meant (a country is right at any of its points: the gold's point for it is only one of them),
wrong when the gold says it is no place. A
predicted actor no gold entry matches counts as not right; a place row no gold entry matches is
counted apart as "not judged" and left out of the place precision. ``--errors`` lists both, so
the gold can grow when the system starts finding new names.

usage: python bench/realnews.py [--pred FILE.jsonl] [--out FILE.jsonl] [--errors]
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # (this checkout's Dateline, not an installed one)
from components.lexicon.countries import country_code  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "eval" / "bbc" / "all.jsonl"
GOLD = Path(__file__).resolve().parent / "realnews" / "annotations.jsonl"
SEED, PER_SECTION = 2026, 8
KM = 161.0  # a place within 100 miles of the place meant is right (as the eval scorers count)


def sample_ids(rows: list[dict]) -> list[str]:
    """The sampled article ids: per section (sorted by name), 8 ids drawn by one
    ``random.Random(2026)`` from that section's sorted ids, each draw sorted."""
    by_section: dict[str, list[str]] = {}
    for row in rows:
        by_section.setdefault(row["category"], []).append(row["id"])
    rng = random.Random(SEED)
    return [i for s in sorted(by_section) for i in sorted(rng.sample(sorted(by_section[s]), PER_SECTION))]


def norm(name: str) -> str:
    """A name as matched: case-folded, spaces collapsed, a leading "the" and a trailing "'s" off."""
    s = re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip().casefold()
    s = re.sub(r"^the ", "", s)
    return re.sub(r"'s?$", "", s).strip()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def index(entries: list[dict], first: str) -> dict[str, dict]:
    """Gold entries by every normalised name they accept (``first`` and ``forms``)."""
    out: dict[str, dict] = {}
    for e in entries:
        for name in [e[first], *e.get("forms", [])]:
            out.setdefault(norm(name), e)
    return out


def predicted_actors(pred: dict) -> list[tuple[str, str | None, Counter]]:
    """An article's distinct actors: (canonical name, majority type, Counter of mention texts)."""
    forms: dict[str, Counter] = {}
    types: dict[str, Counter] = {}
    for e in pred.get("entities", []):
        if e.get("actor"):
            forms.setdefault(e["actor"], Counter())[e["text"]] += 1
            types.setdefault(e["actor"], Counter())[e.get("actor_type")] += 1
    return [(a, types[a].most_common(1)[0][0], forms[a]) for a in forms]


def match_actor(actor: str, forms: Counter, gold: dict[str, dict]) -> dict | None:
    """The gold actor a predicted one is: by its canonical name, else its most used mention text."""
    if norm(actor) in gold:
        return gold[norm(actor)]
    for text, _ in forms.most_common():
        if norm(text) in gold:
            return gold[norm(text)]
    return None


def type_ok(entry: dict, predicted: str | None) -> bool:
    """True when the predicted type is the gold type or one it also accepts."""
    return predicted == entry["type"] or predicted in entry.get("also_types", [])


def score_actors(gold: dict, pred: dict, tally: Counter, errors: list[str]) -> None:
    """Adds one article's actor counts to ``tally`` and its mistakes to ``errors``."""
    names = index(gold["actors"], "name")
    found: Counter = Counter()
    mistyped: Counter = Counter()
    for actor, kind, forms in predicted_actors(pred):
        tally["pred"] += 1
        entry = match_actor(actor, forms, names)
        if entry is None:
            tally["unjudged"] += 1
            errors.append(f"  actor not judged: {actor!r} ({kind})")
            continue
        found[id(entry)] += 1
        if entry["type"] is None:
            tally["junk"] += 1
            errors.append(f"  junk actor: {actor!r} ({kind})")
        elif type_ok(entry, kind):
            tally["right"] += 1
        else:
            tally["mistyped"] += 1
            mistyped[id(entry)] += 1
            errors.append(f"  mistyped: {actor!r} {kind} (gold {entry['type']})")
    for entry in gold["actors"]:
        verdict, seen = entry["verdict"], found[id(entry)] > 0
        if entry["type"] is not None:
            tally["gold"] += 1
            tally["gold_found"] += seen
            tally["split"] += found[id(entry)] > 1
        tally[f"was {verdict}"] += 1
        tally[f"was {verdict}, still listed"] += seen
        tally[f"was {verdict}, now right"] += seen and entry["type"] is not None and not mistyped[id(entry)]
        if entry["type"] is not None and not seen:
            errors.append(f"  actor missed: {entry['name']!r} ({entry['type']})")


def score_places(gold: dict, pred: dict, tally: Counter, errors: list[str]) -> None:
    """Adds one article's place counts to ``tally`` and its mistakes to ``errors``."""
    places = index(gold["places"], "text")
    people = {norm(n) for a in gold["actors"] if a["type"] == "person" for n in [a["name"], *a["forms"]]}
    people |= {norm(n) for p in gold["places"] if p.get("is") == "person" for n in [p["text"], *p.get("forms", [])]}
    points: dict[str, set] = {}
    hit: Counter = Counter()
    rows: Counter = Counter()
    for row in pred.get("places", []):
        if row.get("lat") is None or row.get("lon") is None:
            tally["unresolved rows"] += 1
            continue
        tally["rows"] += 1
        key = norm(row["text"])
        tally["people"] += key in people
        points.setdefault(key, set()).add((round(row["lat"], 2), round(row["lon"], 2)))
        entry = places.get(key)
        if entry is None:
            tally["rows unjudged"] += 1
            errors.append(f"  place not judged: {row['text']!r} -> {row.get('name')}, {row.get('country_code')}")
            continue
        tally["rows judged"] += 1
        rows[id(entry)] += 1
        if entry["lat"] is None:
            tally["not a place"] += 1
            errors.append(f"  not a place ({entry.get('is')}): {row['text']!r} -> {row.get('name')}, "
                          f"{row.get('country_code')}")
            continue
        d = km(row["lat"], row["lon"], entry["lat"], entry["lon"])
        right = d <= KM or is_country_meant(row, entry)
        tally["rows right"] += right
        hit[id(entry)] += right
        if not right:
            errors.append(f"  wrong place: {row['text']!r} -> {row.get('name')}, {row.get('country_code')} "
                          f"({d:.0f} km from {entry['place']})")
    tally["two ways"] += sum(1 for pts in points.values() if _spread(pts) > KM)
    for entry in gold["places"]:
        if entry["lat"] is not None:
            tally["gold places"] += 1
            tally["gold places found"] += hit[id(entry)] > 0
        verdict, n_rows, n_hits = entry["verdict"], rows[id(entry)], hit[id(entry)]
        tally[f"place was {verdict}"] += 1
        tally[f"place was {verdict}, still so"] += {"right": n_hits > 0, "wrong place": n_rows > 0 and not n_hits,
                                                    "not a place": n_rows > 0}.get(verdict, n_hits > 0)


def is_country_meant(row: dict, entry: dict) -> bool:
    """Is the predicted place ``row`` (an extract ``places`` row) the country the gold ``entry``
    means ("United States, US")? Then it is right wherever the gazetteer puts the country's point."""
    name, _, code = entry["place"].rpartition(", ")
    return row.get("feature") == "country" and row.get("country_code") == code and country_code(name) == code


def _spread(points: set) -> float:
    """The largest distance in km between any two of a name's resolved points in one article."""
    pts = sorted(points)
    return max((km(*a, *b) for i, a in enumerate(pts) for b in pts[i + 1:]), default=0.0)


def run_extract(articles: list[dict]) -> list[dict]:
    """``python -m components extract`` on the sampled articles; its output rows."""
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "components", "extract", str(src), "-o", str(out), "--force",
                               "-q"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"extract failed:\n{done.stderr}")
        return read_jsonl(out)


def read_jsonl(path: Path) -> list[dict]:
    """The rows of a JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def share(n: int, d: int) -> str:
    """``n/d`` as a ratio with its counts, or n/a when ``d`` is 0."""
    return f"{n / d:.3f} ({n}/{d})" if d else f"n/a ({n}/0)"


def language_line(preds: list[dict]) -> str:
    """Articles analysed by a pipeline of another language: those whose ``language`` (written by
    ``extract``) is neither English nor a language with a pipeline of its own (the ``models``
    setting) and that still got actors or places. All 40 BBC articles are English: expect 0."""
    from components.settings import language_models

    own = {"en", "und", *language_models()}
    other = [p for p in preds if (p.get("language") or "en") not in own]
    analysed = sum(1 for p in other if any(e.get("actor") for e in p.get("entities", [])) or p.get("places"))
    return (f"articles analysed by another language's pipeline: {analysed} of {len(other)} in languages "
            f"without a pipeline (of {len(preds)})")


def report(t: Counter, preds: list[dict]) -> list[str]:
    """The figures, one per line."""
    n = len(preds)
    judged = t["pred"]  # predicted actors no gold entry matches count as not right
    was = {k: share(t[f"was {k}, {still}"], t[f"was {k}"])
           for k, still in (("junk", "still listed"), ("right", "now right"), ("wrong type", "now right"),
                            ("missed", "still listed"))}
    place_was = {k: share(t[f"place was {k}, still so"], t[f"place was {k}"])
                 for k in ("right", "wrong place", "not a place")}
    found_late = share(t["place was missed, still so"] + t["place was unresolved, still so"],
                       t["place was missed"] + t["place was unresolved"])
    return [
        f"articles: {n}; predicted actors: {t['pred']} ({t['unjudged']} not judged, counted wrong); geocoded place rows: "
        f"{t['rows']} ({t['rows unjudged']} not judged; {t['unresolved rows']} more rows without coordinates)",
        f"actor precision (an actor, any type):  {share(t['right'] + t['mistyped'], judged)}",
        f"actor precision (an actor, right type): {share(t['right'], judged)}",
        f"actor type accuracy among actors:       {share(t['right'], t['right'] + t['mistyped'])}",
        f"junk actors:                            {share(t['junk'], judged)}",
        f"gold actors found: {share(t['gold_found'], t['gold'])}; found as several actors: {t['split']}",
        f"judged junk still listed: {was['junk']}; judged right still right: {was['right']}",
        f"judged mistyped now right: {was['wrong type']}; judged missed now found: {was['missed']}",
        f"place precision (within {KM:.0f} km or the country meant): {share(t['rows right'], t['rows judged'])}",
        f"people geocoded (text the gold marks a person): {share(t['people'], t['rows'])}",
        f"not-a-place rows: {t['not a place']} ({100 * t['not a place'] / max(n, 1):.1f} per 100 articles); "
        f"names resolved two ways in one article: {t['two ways']}",
        f"gold places found (within {KM:.0f} km or the country meant): {share(t['gold places found'], t['gold places'])}; "
        f"judged missed or unresolved now found: {found_late}",
        f"judged right place still right: {place_was['right']}; judged wrong place still wrong: "
        f"{place_was['wrong place']}; judged not a place, geocoded: {place_was['not a place']}",
        language_line(preds),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", help="score this extract output instead of running extract")
    ap.add_argument("--out", help="also write the extract output here")
    ap.add_argument("--errors", action="store_true", help="list every mistake, article by article")
    a = ap.parse_args()
    gold = {g["id"]: g for g in read_jsonl(GOLD)}
    if a.pred:
        preds = [p for p in read_jsonl(Path(a.pred)) if p["id"] in gold]
    else:
        if not BBC.is_file():
            print(f"no BBC articles at {BBC}", file=sys.stderr)
            return 2
        rows = read_jsonl(BBC)
        if sorted(sample_ids(rows)) != sorted(gold):
            print("note: the annotated ids are not the seeded sample of this all.jsonl", file=sys.stderr)
        preds = run_extract([r for r in rows if r["id"] in gold])
        if a.out:
            Path(a.out).write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    tally: Counter = Counter()
    by_id = {p["id"]: p for p in preds}
    for gid, g in gold.items():
        errors: list[str] = []
        score_actors(g, by_id.get(gid, {}), tally, errors)
        score_places(g, by_id.get(gid, {}), tally, errors)
        if a.errors and errors:
            print(gid, *errors, sep="\n")
    print("\n".join(report(tally, preds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

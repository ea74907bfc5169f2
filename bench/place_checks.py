"""Places that are not places, on real news text: runs ``python -m components extract`` over the
first N BBC articles (../shared/eval/bbc/all.jsonl, unannotated) and prints three rates read off
the output alone, with a few examples of each:

(a) people on the map: the share of place rows whose text the same article tags as a PERSON
    entity, or which is the last word of a PERSON entity of the article ("Mayer" with "Marissa
    Mayer");
(b) name-alike non-places per 100 articles: place rows resolved to a celestial body's name
    (:data:`components.lexicon.name_alikes.CELESTIAL_BODIES`), or to a gazetteer place of fewer
    than :data:`TINY` inhabitants while an entity labelled ORG, PRODUCT or PERSON covers the
    mention;
(c) one name, two places: distinct names (per article) resolved to two or more different places
    in one article.

A benchmark: it prints figures and never fails on them.

usage: python bench/place_checks.py [--limit 500] [--data PATH] [--out DIR] [--show 5] [--reuse]
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # (this checkout's Dateline, not an installed one)
from components.lexicon.name_alikes import CELESTIAL_BODIES  # noqa: E402
from components.lexicon.normalise import name_key  # noqa: E402
from components.places import gazetteer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "eval" / "bbc" / "all.jsonl"
# A gazetteer place with fewer inhabitants than this is "tiny" for check (b).
TINY = 10_000
NOT_PLACE_LABELS = ("ORG", "PRODUCT", "PERSON")


def _covering(place: dict, entities: list[dict]) -> str | None:
    """The label of an entity whose span covers ``place``'s, or None."""
    for e in entities:
        if e["start"] <= place["start"] and place["end"] <= e["end"]:
            return e["label"]
    return None


def checks(rows: list[dict], population: dict[int, int]) -> dict[str, list[str]]:
    """The offending place rows of each check (``people``, ``alikes``, ``two_ways``) as short
    descriptions, plus ``rows`` (one entry per place row in the text), for the ``extract`` output
    ``rows`` (one dict per article) and the gazetteer's ``population`` by GeoNames id."""
    out: dict[str, list[str]] = {"rows": [], "people": [], "alikes": [], "two_ways": []}
    for art in rows:
        ents = art.get("entities", [])
        people = {name_key(e["text"]) for e in ents if e["label"] == "PERSON"}
        surnames = {name_key(e["text"].split()[-1]) for e in ents if e["label"] == "PERSON" and " " in e["text"]}
        readings: dict[str, set] = collections.defaultdict(set)
        for p in art.get("places", []):
            if p.get("start") is None:
                continue
            out["rows"].append(p["text"])
            key = name_key(p["text"])
            where = f"{art['id']}: {p['text']!r} -> {p.get('name')} ({p.get('country_code')})"
            if p.get("lat") is None:
                continue
            if key in people or key in surnames:
                out["people"].append(where)
            label = _covering(p, ents)
            pop = population.get(p.get("geonameid"), TINY) if p.get("geonameid") else TINY
            if key in CELESTIAL_BODIES or (pop < TINY and label in NOT_PLACE_LABELS):
                out["alikes"].append(f"{where} [{label}, pop {pop}]")
            readings[key].add(p.get("geonameid") or (p["lat"], p["lon"]))
        for key, seen in readings.items():
            if len(seen) > 1:
                out["two_ways"].append(f"{art['id']}: {key!r} resolved {len(seen)} ways")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=500, help="first N articles (default 500)")
    ap.add_argument("--data", default=str(BBC), help="JSONL articles (default: the BBC set)")
    ap.add_argument("--out", default="/tmp/dateline-place-checks", help="where the extract output goes")
    ap.add_argument("--show", type=int, default=5, help="examples printed per check")
    ap.add_argument("--reuse", action="store_true", help="score the existing output, do not extract again")
    a = ap.parse_args()
    data = Path(a.data)
    if not data.is_file():
        print(f"no articles at {data}", file=sys.stderr)
        return 2
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    sample, pred = out / "articles.jsonl", out / "extract.jsonl"
    if not (a.reuse and pred.is_file()):
        with data.open(encoding="utf-8") as src:
            lines = [line for _, line in zip(range(a.limit), src)]
        sample.write_text("".join(lines), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "components", "extract", str(sample), "-o", str(pred), "--force",
                        "-q"], cwd=ROOT, check=True)
    rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    gaz = gazetteer.load()
    population = {e[0]: e[7] for e in gaz.entries if e[0] is not None}
    found = checks(rows, population)
    n_rows, n_art = len(found["rows"]), max(1, len(rows))
    print(f"{len(rows)} articles, {n_rows} place rows in the text")
    print(f"(a) people on the map: {len(found['people'])} rows = {len(found['people']) / max(1, n_rows):.2%} "
          "of place rows")
    print(f"(b) name-alike non-places: {len(found['alikes'])} rows = "
          f"{100 * len(found['alikes']) / n_art:.1f} per 100 articles")
    print(f"(c) one name, two places: {len(found['two_ways'])} names = "
          f"{100 * len(found['two_ways']) / n_art:.1f} per 100 articles")
    for name in ("people", "alikes", "two_ways"):
        for line in found[name][:a.show]:
            print(f"  {name}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

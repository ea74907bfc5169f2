"""Error breakdown of an ``extract`` run against a ../shared/eval gold set, so the remaining
errors can be read by category. Printed by ``bench/accuracy.py`` after each set's scorer lines.

The matching rules are the scorers' own (../shared/eval/score): each breakdown function takes
the scorer module it mirrors as ``rules`` (``geo_score`` for places, ``quote_score`` for
quotes; see :func:`load_scorers`) and calls its functions, so a gold item counted here as
missed is one the scorer counts as missed. CoNLL uses the scorer's exact (start, end, label)
match. Every function returns the lines to print (no printing), sorted so that two runs on
the same files print the same text. The CoNLL breakdown is here; places are in
``place_errors.py``, quotes in ``quote_errors.py``, the shared layout in ``breakdown_text.py``.

usage: python bench/error_breakdown.py {conll2003,geowebnews,lgl,polnear} PRED.jsonl GOLD.jsonl
"""
from __future__ import annotations

import collections
import importlib
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Mapping

from breakdown_text import text_table, top_examples
from place_errors import gazetteer_facts, geo_breakdown
from quote_errors import quote_breakdown

ROOT = Path(__file__).resolve().parent.parent
SCORE_DIR = ROOT.parent / "shared" / "eval" / "score"

CONLL_LABELS = ("PER", "ORG", "LOC", "MISC")
CONLL_KINDS = ("missed", "spurious", "boundary", "wrong label", "boundary+label")


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


# ------------------------------------------------------------------ CoNLL-2003


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


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
    out += text_table(counts, CONLL_KINDS, "label")
    out.append("-- most frequent texts --")
    for kind in CONLL_KINDS:
        out.append(f"  {kind:<15} {sum(texts[kind].values()):>5}  {top_examples(texts[kind])}")
    if confusion:
        out.append("  wrong label pairs: " + ", ".join(f"{k} {v}" for k, v in
                                                       sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0]))))
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

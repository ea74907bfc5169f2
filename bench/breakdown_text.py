"""The text of an error breakdown: clipped examples, summary lines and small tables, laid out so
that two runs on the same files print the same text."""
from __future__ import annotations

import collections
import hashlib
from typing import Iterable, Mapping

N_TOP = 5  # examples per list


def clip(text: str | None, n: int = 100) -> str:
    """``text`` with whitespace collapsed, cut to ``n`` characters (… marks a cut)."""
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def top_examples(counter: Mapping[str, int], n: int = N_TOP) -> str:
    """The ``n`` most frequent keys as ``"key"×count, …``, ties in key order; '' if empty."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return ", ".join(f'"{clip(k, 40)}"' + (f"×{c}" if c > 1 else "") for k, c in items)


def summary_line(label: str, count: int, total: int | None = None, examples: Mapping[str, int] | None = None,
                 width: int = 30) -> str:
    """One indented summary line: label, count (of total), then the top examples."""
    of = f"/{total}" if total is not None else ""
    ex = top_examples(examples) if examples else ""
    return f"  {label:<{width}} {count:>5}{of:<6}" + (f"  e.g. {ex}" if ex else "")


def spread(items: Iterable, key) -> list:
    """``items`` in a fixed pseudo-random order (SHA-1 of ``key(item)``), so that the first few
    examples come from different documents rather than the alphabetically first ones."""
    return sorted(items, key=lambda x: (hashlib.sha1(str(key(x)).encode()).hexdigest(), str(key(x))))


def text_table(rows: Mapping[str, Mapping[str, int]], cols: Iterable[str], corner: str, *,
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


def counters_by_group() -> collections.defaultdict:
    """Counters by group: ``{group: Counter({example: count})}``."""
    return collections.defaultdict(collections.Counter)

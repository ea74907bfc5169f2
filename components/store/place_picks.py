"""Analysts' place picks (``place_pick`` corrections, :mod:`components.store.corrections`) applied
to the ``places`` rows themselves, so that every count, list, map, filter and export reads the
place picked with no extra join.

A picked row takes the picked place's name, country, point, GeoNames id and feature, and keeps
what the machine chose in ``places.machine`` (a struct of those columns; NULL on a row no pick
changed). :func:`apply_place_picks` first gives the rows it looks at back what the machine chose,
then applies the picks in force, the later one where two apply to a row; so an undone pick leaves
no trace, and a row written by a new ingest or re-extraction takes the picks at once.
"""
from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from .connection import _exec
from .corrections import PLACE_FIELDS, picked_place

#: The columns a pick changes, as ``places.machine`` keeps them.
_MACHINE = "{" + ", ".join(f"'{c}': places.{c}" for c in PLACE_FIELDS) + "}"
_PICKS = pa.schema([("text", pa.string()), ("article_id", pa.string()), ("rank", pa.int32()),
                    ("name", pa.string()), ("country_code", pa.string()), ("lat", pa.float64()),
                    ("lon", pa.float64()), ("geonameid", pa.int64()), ("feature", pa.string())])


def _picks(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The picks in force, one row each: the text (lower case), the article (None: everywhere),
    its rank (the order made: a higher one applies over a lower) and the place picked."""
    rows = _exec(con, "SELECT name, article_id, value FROM corrections WHERE action = 'place_pick'"
                      " AND undone_at IS NULL ORDER BY made_at, uid")
    columns: dict[str, list] = {f.name: [] for f in _PICKS}
    for rank, (text, article_id, value) in enumerate(rows):
        place = picked_place(value)
        for key, v in (("text", text.lower()), ("article_id", article_id), ("rank", rank), *place.items()):
            columns[key].append(v)
    return pa.table(columns, schema=_PICKS)


def apply_place_picks(con: duckdb.DuckDBPyConnection, *, texts: Sequence[str] | None = None,
                      new_rows: str | None = None) -> None:
    """Bring the ``places`` rows in line with the picks in force (in the caller's transaction).

    texts: the place texts (any case) whose rows to bring in line (those of a pick just made or
    undone), None for every row (after an import). new_rows: instead, the name of a table or view
    whose ``article_id`` column lists the articles whose rows were just written (an ingest's
    batch): only theirs are looked at, and none is given back (new rows hold what the machine
    chose)."""
    picks = _picks(con)
    params = {"texts": sorted({t.lower() for t in texts})} if texts is not None else None
    if new_rows:
        scope = f"places.article_id IN (SELECT article_id FROM {new_rows})"
    else:
        scope = "lower(places.text) IN (SELECT unnest($texts::VARCHAR[]))" if texts is not None else "TRUE"
        _exec(con, "UPDATE places SET " + ", ".join(f"{c} = machine.{c}" for c in PLACE_FIELDS)
              + f", machine = NULL WHERE machine IS NOT NULL AND {scope}", params)
    if not picks.num_rows:
        return
    con.register("dl_place_picks", picks)
    try:
        _exec(con, f"""
            UPDATE places SET machine = {_MACHINE}, {", ".join(f"{c} = k.{c}" for c in PLACE_FIELDS)}
            FROM (SELECT places.article_id AS row_article, places.idx AS row_idx, k.*
                  FROM places JOIN dl_place_picks k ON k.text = lower(places.text)
                   AND (k.article_id IS NULL OR k.article_id = places.article_id)
                  WHERE {scope}
                  QUALIFY row_number() OVER (PARTITION BY places.article_id, places.idx ORDER BY k.rank DESC) = 1) k
            WHERE places.article_id = k.row_article AND places.idx = k.row_idx""", params)
    finally:
        con.unregister("dl_place_picks")

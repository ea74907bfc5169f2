"""The command line's corrections verbs (``python -m components actors|places|corrections …``),
thin over the store's methods (:class:`components.store.correcting.Correcting`):

- ``actors merge NAME INTO``, ``actors split ALIAS``, ``actors rename NAME NEW``,
  ``actors retype NAME TYPE``, ``actors hide NAME``;
- ``places hide TEXT [--article ID]``, ``places pick TEXT [CHOICE] [--as NAME] [--article ID]``
  (without CHOICE: the gazetteer's places of that name, numbered, to pick from);
- ``corrections list``, ``corrections export FILE``, ``corrections import FILE``, ``corrections undo ID``.

Each takes ``--db``. A name the store does not hold is refused in one line with the closest names
(:class:`~components.store.CorrectionError`, printed by ``__main__.main`` without a traceback).
"""
from __future__ import annotations

import argparse
import sys

from . import settings

#: ``actors`` sub-verbs: (argument names, the action, its help).
ACTOR_VERBS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "merge": (("name", "into"), "merge", "every name of actor NAME counts for actor INTO from now on"),
    "split": (("alias",), "split", "the name ALIAS becomes an actor of its own, whatever the automatic merge said"),
    "rename": (("name", "new"), "rename", "actor NAME is called NEW"),
    "retype": (("name", "type"), "retype", "actor NAME is a person, organization, state or group"),
    "hide": (("name",), "hide", "leave actor NAME (and its names) out of every view, table, count and export"),
}

#: ``places`` sub-verbs and their help (both take TEXT and ``--article``).
PLACE_VERBS = {
    "hide": "leave the places found as TEXT (any case) out of every count, list and map",
    "pick": "the places found as TEXT (any case) are another of the gazetteer's places: without CHOICE, list "
            "those called TEXT, numbered; with it, take that one",
}


def _store(a: argparse.Namespace):
    from .store import Store

    return Store.opened(a.db, existing=True)


def _said(correction) -> str:
    """One line for a correction: ``#3 merge "Okafor" into "Jane Okafor" (ana, 2026-12-01 21:30)``."""
    line = f"#{correction.id} {correction.describe()} ({correction.made_by}, {correction.made_at:%Y-%m-%d %H:%M} UTC)"
    if correction.undone_at:
        line += f" — undone by {correction.undone_by}, {correction.undone_at:%Y-%m-%d %H:%M} UTC"
    return line


def cmd_actors(a: argparse.Namespace) -> int:
    names, action, _ = ACTOR_VERBS[a.actors_verb]
    args = [getattr(a, n) for n in names]
    done = _store(a).correct(action, args[0], args[1] if len(args) > 1 else None)
    print(f"corrected: {_said(done)}")
    return 0


def cmd_places(a: argparse.Namespace) -> int:
    store = _store(a)
    if a.places_verb == "hide":
        done = store.correct("place_hide", a.text, article_id=a.article)
    else:
        from .places.choices import choices

        lookup = a.as_name or a.text
        offered = choices(lookup)
        if not offered:
            print(f'the gazetteer knows no place called "{lookup}": try another spelling with --as NAME',
                  file=sys.stderr)
            return 2
        if a.choice is None:
            print(f'places called "{lookup}", best known first (pick one: places pick "{a.text}" NUMBER'
                  + (f' --as "{a.as_name}"' if a.as_name else "") + "):")
            for i, c in enumerate(offered, 1):
                print(f"{i:>3}. {c.label}" + (f" [GeoNames {c.entry.geonameid}]" if c.entry.geonameid else ""))
            return 0
        chosen = _chosen(offered, a.choice)
        if chosen is None:
            print(f"no place {a.choice} among the {len(offered)} listed: give its number or GeoNames id "
                  f'(`places pick "{a.text}"` lists them)', file=sys.stderr)
            return 2
        done = store.correct("place_pick", a.text, chosen.place, article_id=a.article)
    print(f"corrected: {_said(done)}")
    return 0


def _chosen(offered: list, choice: int):
    """The :class:`~components.places.choices.Choice` numbered ``choice`` (from 1) in ``offered``,
    or the one with that GeoNames id; None if neither."""
    if 1 <= choice <= len(offered):
        return offered[choice - 1]
    return next((c for c in offered if c.entry.geonameid == choice), None)


def cmd_corrections(a: argparse.Namespace) -> int:
    store = _store(a)
    if a.corrections_verb == "list":
        made = store.corrections()
        for c in made:
            print(_said(c))
        if not made:
            print("no corrections yet (`python -m components actors --help` says how to make one)", file=sys.stderr)
    elif a.corrections_verb == "export":
        n = store.export_corrections(a.file)
        print(f"{n} correction{'s' if n != 1 else ''} written to {a.file}")
    elif a.corrections_verb == "import":
        n = store.import_corrections(a.file)
        print(f"{n} correction{'s' if n != 1 else ''} added from {a.file}"
              + (" (the others were held already)" if n == 0 else ""))
    else:
        done = store.undo_correction(a.id)
        print(f"undone: {_said(done)}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add the ``actors``, ``places`` and ``corrections`` verbs to ``sub`` (the sub-parsers of
    ``python -m components``)."""
    actors = sub.add_parser("actors", help="correct the actors: merge, split, rename, retype, hide")
    verbs = actors.add_subparsers(dest="actors_verb", required=True, metavar="VERB")
    for verb, (names, _, help_) in ACTOR_VERBS.items():
        p = settings.with_db(verbs.add_parser(verb, help=help_, description=help_))
        for name in names:
            p.add_argument(name, metavar=name.upper())
    actors.set_defaults(func=cmd_actors)

    places = sub.add_parser("places", help="correct the places: hide a place text, or pick another place for it")
    verbs = places.add_subparsers(dest="places_verb", required=True, metavar="VERB")
    for verb, help_ in PLACE_VERBS.items():
        p = settings.with_db(verbs.add_parser(verb, help=help_, description=help_))
        p.add_argument("text", metavar="TEXT")
        if verb == "pick":
            p.add_argument("choice", metavar="CHOICE", type=int, nargs="?", default=None,
                           help="the number of a place in the list, or its GeoNames id")
            p.add_argument("--as", dest="as_name", metavar="NAME", default=None,
                           help='look the gazetteer up under NAME instead of TEXT ("Gaza Strip" for "the Strip")')
        p.add_argument("--article", metavar="ID", default=None, help="only in this article (its id); default: everywhere")
    places.set_defaults(func=cmd_places)

    corrections = sub.add_parser("corrections", help="list, export, import or undo the corrections")
    verbs = corrections.add_subparsers(dest="corrections_verb", required=True, metavar="VERB")
    settings.with_db(verbs.add_parser("list", help="every correction, oldest first, with who made it and when"))
    settings.with_db(verbs.add_parser("export", help="write them to a JSON file to share")).add_argument("file", metavar="FILE")
    settings.with_db(verbs.add_parser("import", help="add those of a JSON file not held yet")).add_argument("file", metavar="FILE")
    settings.with_db(verbs.add_parser("undo", help="undo correction ID (it stays listed)")).add_argument("id", type=int, metavar="ID")
    corrections.set_defaults(func=cmd_corrections)

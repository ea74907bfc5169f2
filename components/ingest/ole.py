"""OLE compound files (Microsoft's Compound File Binary format, in which Word 97–2003, Excel
97–2003 and Outlook save): the streams they hold, read with olefile, whose reading checks every
chain of sectors against the file, so that a damaged or hostile file can neither make it loop nor
read past its end."""
from __future__ import annotations

import io
from collections.abc import Sequence

from .errors import Unreadable

#: The first bytes of an OLE compound file.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def streams(data: bytes, names: Sequence[str], kind: str) -> dict[str, bytes]:
    """The streams of the compound file ``data`` (its bytes) among ``names`` (top-level stream
    names: "WordDocument"), by name; those it lacks are left out. Raises :class:`Unreadable`
    naming ``kind`` ("Word document") when the file is damaged."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {name: ole.openstream(name).read() for name in names if ole.exists(name)}
    except Exception as err:  # noqa: BLE001 - olefile raises many kinds for a damaged file
        raise Unreadable(f"a damaged {kind} ({err}); save it again in a newer format or as text") from err


def all_streams(data: bytes, kind: str) -> dict[tuple[str, ...], bytes]:
    """Every stream of the compound file ``data`` (its bytes) by its path (the names of the
    storages it is in, then its own: ``("__attach_version1.0_#00000000", "__substg1.0_37010102")``).
    Raises :class:`Unreadable` naming ``kind`` when the file is damaged or cut short, or when its
    streams hold more than :data:`MAX_EXPANSION` times its size (a hostile file whose streams
    share sectors)."""
    import olefile

    out: dict[tuple[str, ...], bytes] = {}
    budget = MAX_EXPANSION * len(data)
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            for path in ole.listdir(streams=True, storages=False):
                size = ole.get_size(path)
                if size > budget:
                    raise Unreadable(f"a damaged {kind} (its streams hold more than the file); save it again")
                out[tuple(path)] = ole.openstream(path).read()
                if len(out[tuple(path)]) != size:  # (olefile reads what a cut file still holds)
                    raise Unreadable(f"a damaged {kind} (cut short: a stream ends early); save it again")
                budget -= size
    except Unreadable:
        raise
    except Exception as err:  # noqa: BLE001 - olefile raises many kinds for a damaged file
        raise Unreadable(f"a damaged {kind} ({err}); save it again") from err
    return out


#: How many times its own size a compound file's streams may hold in all (:func:`all_streams`).
MAX_EXPANSION = 4

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

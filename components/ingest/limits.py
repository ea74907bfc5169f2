"""Size limits: the defaults from the settings, and the report when something is too large."""
from __future__ import annotations

from .. import settings

MB = 1024 * 1024
#: Expansion ratio (uncompressed / compressed size) above which an archive, or a Word document's
#: text, is refused as a bomb, and the size it must expand to before the ratio is checked (tiny
#: repetitive files compress well too).
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 1 << 20


def default_limit(setting: str) -> int:
    """The limit in bytes given by the size setting ``setting`` (``max_file_mb``, ``max_zip_mb``)."""
    return int(float(settings.get(setting)) * MB)


def too_large(size: int, limit: int, *, setting: str, what: str = "too large:") -> str:
    """A Problem reason for ``size`` bytes over ``limit``: says which setting raises the limit."""
    env = settings.SETTINGS[setting].env_var
    return (f"{what} {size / MB:,.1f} MB, over the {limit / MB:,.0f} MB limit "
            f"(setting {setting}; raise it with {env})")

"""Size limits: the defaults from the settings, and the report when something is too large."""
from __future__ import annotations

from .. import settings

MB = 1024 * 1024
#: Expansion ratio (uncompressed / compressed size) above which an archive, or a Word document's
#: text, is refused as a bomb, and the size it must expand to before the ratio is checked (tiny
#: repetitive files compress well too).
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 1 << 20


def bomb_reason(what: str, expansion: int, size: int, *, so_far: bool = False, kind: str = "a zip bomb") -> str | None:
    """The Problem reason for ``size`` compressed bytes that expand to ``expansion`` when that is
    absurd (beyond :data:`RATIO_CHECKED_ABOVE`, over :data:`MAX_RATIO` times): ``what`` ("zip
    refused") and the ratio (``so_far``: of what was read until now), ending "— ``kind``?";
    None when the expansion is plausible."""
    ratio = expansion / max(size, 1)
    if expansion <= RATIO_CHECKED_ABOVE or ratio <= MAX_RATIO:
        return None
    expands = "it expands" if so_far else "it would expand"
    return f"{what}: {expands} {ratio:,.0f} times (to {expansion / 1e6:,.1f} MB{' so far' if so_far else ''}) — {kind}?"


def default_limit(setting: str) -> int:
    """The limit in bytes given by the size setting ``setting`` (``max_file_mb``, ``max_zip_mb``)."""
    return int(float(settings.get(setting)) * MB)


def too_large(size: int, limit: int, *, setting: str, what: str = "too large:") -> str:
    """A Problem reason for ``size`` bytes over ``limit``: says which setting raises the limit."""
    env = settings.SETTINGS[setting].env_var
    return (f"{what} {size / MB:,.1f} MB, over the {limit / MB:,.0f} MB limit "
            f"(setting {setting}; raise it with {env})")

"""Languages: the English name of each language code Dateline stores (``articles.language``: an
ISO 639-1 code such as ``"de"``, or ``"und"``, undetermined), so that lists and filters can name
a language instead of showing its code.

Source: ``pycountry``'s ISO 639-3 table (Debian's iso-codes), installed with the project. A
qualifier in parentheses is left out ("Modern Greek (1453-)" → "Modern Greek").
"""
from __future__ import annotations

import re
from functools import lru_cache

_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


@lru_cache(maxsize=512)
def language_name(code: str) -> str | None:
    """The English name of the language with ISO 639-1 (or 639-3) ``code`` ("de" → "German",
    "und" → "Undetermined"), or None for a code pycountry does not know."""
    import pycountry

    code = str(code).strip().lower()
    found = (pycountry.languages.get(alpha_2=code) if len(code) == 2 else None) \
        or (pycountry.languages.get(alpha_3=code) if len(code) == 3 else None)
    return _QUALIFIER.sub("", found.name) if found is not None else None

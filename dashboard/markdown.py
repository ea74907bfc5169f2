"""Escaping for the few places where Streamlit reads a string as markdown (button labels,
captions) and the string holds names that come from articles: every markdown character is
backslash-escaped, so a name is always shown as the text it is."""
from __future__ import annotations

import re

#: Characters with a meaning in Streamlit's markdown (incl. ``:icon:`` / ``:colour[...]``
#: directives and ``$`` maths).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def escape(text: object) -> str:
    """``text`` as markdown that displays exactly ``text``."""
    return _SPECIAL.sub(r"\\\1", str(text))

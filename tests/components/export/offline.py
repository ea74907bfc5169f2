"""What makes an exported page offline: it loads nothing from outside the file."""
from __future__ import annotations

import re


def external_refs(page: str) -> list[str]:
    """<script src=…> and <link href=…> that point outside the file."""
    refs = re.findall(r"<script[^>]*\ssrc\s*=\s*[\"']?([^\"' >]+)", page, flags=re.I)
    refs += re.findall(r"<link[^>]*\shref\s*=\s*[\"']?([^\"' >]+)", page, flags=re.I)
    return [r for r in refs if re.match(r"(https?:)?//", r)]

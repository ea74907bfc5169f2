"""News agencies, named in nearly every wire story and often mistaken for people by small models.

Written for Dateline: the world's main wire services by their usual short names (lower case),
not chosen from any evaluation document.
"""
from __future__ import annotations

NEWS_AGENCIES = frozenset("""
reuters afp ap xinhua interfax tass itar-tass ria bloomberg anadolu irna kyodo yonhap ansa
dpa efe pti bernama antara wafa sana isna tasnim fars mehr
""".split())

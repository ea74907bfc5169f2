"""The app's pages, in menu order: (script under ``dashboard/``, title, URL path).

The first page is the default one and lives at the app's root URL (``/``); the others at
``/<url path>``. No page icons: Streamlit would fetch them as favicons from Google Fonts, and
the app must request nothing outside localhost."""
from __future__ import annotations

PAGES: tuple[tuple[str, str, str], ...] = (
    ("views/overview.py", "Overview", "overview"),
    ("views/actors.py", "Actors", "actors"),
    ("views/map.py", "Map", "map"),
    ("views/timeline.py", "Timeline", "timeline"),
    ("views/quotes.py", "Quotes", "quotes"),
    ("views/articles.py", "Articles", "articles"),
    ("views/data.py", "Data", "data"),
)
#: The Data page's script (for links from empty states).
DATA_PAGE = "views/data.py"
#: The Articles page's script (quotes open their article there).
ARTICLES_PAGE = "views/articles.py"

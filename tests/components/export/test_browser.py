"""components.export.browser: a browser that cannot start gives a clear error."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from components import export
from components.export import browser


def test_missing_browser_raises_a_clear_error(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    renderer = browser._Renderer()
    with pytest.raises(export.ExportUnavailable, match="BROWSER_PATH"):
        renderer.render(go.Figure(), {"format": "png"})

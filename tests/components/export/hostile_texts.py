"""Texts from articles that must come out of every export as plain text: a spreadsheet formula and
markup with a script."""
from __future__ import annotations

FORMULA = '=HYPERLINK("http://evil.example","click")'
SCRIPT_QUOTE = 'We will not <script>alert("x")</script> back down'

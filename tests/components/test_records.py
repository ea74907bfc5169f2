"""Article ids are content hashes: the same story is one article however it was stored."""
from __future__ import annotations

import pytest

from components.records import Article, Extraction, Quote, content_id


@pytest.mark.parametrize("a,b", [
    ("Rain in Lisbon.\n", "Rain in Lisbon.\r\n"),
    ("Rain  in\tLisbon.", "Rain in Lisbon."),
    ("Cafe\u0301 opens.", "Caf\u00e9 opens."),  # decomposed vs composed é
])
def test_same_text_same_id(a, b):
    assert content_id(a) == content_id(b)


def test_different_text_different_id():
    assert content_id("Rain in Lisbon.") != content_id("Rain in Porto.")


def test_contract_uses_the_given_id_and_quote_pieces():
    art = Article.from_text('"A," he said, "B."', source_id="doc-1", dateline=["Oslo"])
    q = Quote(0, 18, "A, B.", spans=[(0, 4), (14, 18)])
    out = Extraction(art, "v1", [], [], [q]).to_contract()
    assert out["id"] == "doc-1" and out["dateline"] == ["Oslo"]
    assert out["quotes"][0]["content_spans"] == [[0, 4], [14, 18]]
    assert Extraction(Article.from_text("x"), "v1", [], [], []).to_contract()["id"] == content_id("x")


def test_contract_carries_the_language():
    art = Article.from_text("Rain in Lisbon.", language="en")
    assert Extraction(art, "v1", [], [], []).to_contract()["language"] == "en"

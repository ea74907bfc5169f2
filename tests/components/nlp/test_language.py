"""Language detection: my own sentences in a few languages, the undetermined cases, and a
property test that any string gives a code or "und" without raising."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from components.nlp.language import UNDETERMINED, detect_language

NEWS = {
    "en": ("The city council voted on Tuesday to close the old bridge for repairs, and the mayor said "
           "that the work would take most of the summer and cost far more than planned."),
    "fr": ("Le conseil municipal a voté mardi la fermeture du vieux pont pour des travaux, et le maire a "
           "déclaré que le chantier durerait presque tout l'été et coûterait bien plus que prévu."),
    "de": ("Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für Reparaturen zu sperren, und der "
           "Bürgermeister sagte, die Arbeiten würden fast den ganzen Sommer dauern."),
    "es": ("El ayuntamiento votó el martes cerrar el viejo puente para repararlo, y el alcalde dijo que "
           "las obras durarían casi todo el verano y costarían mucho más de lo previsto."),
    "ru": ("Городской совет во вторник проголосовал за закрытие старого моста на ремонт, и мэр сказал, "
           "что работы займут почти всё лето и обойдутся гораздо дороже, чем планировалось."),
    "zh": "市议会星期二投票决定关闭旧桥进行维修，市长说，这项工程将持续整个夏天，费用将远远超过原来的计划。",
}


@pytest.mark.parametrize("code", sorted(NEWS))
def test_news_paragraphs_get_their_language(code):
    assert detect_language(NEWS[code]) == code


@pytest.mark.parametrize("text", ["", "   \n ", "2024-03-01 12:00 +++ 3.5%", "Obama", "Biden visited Kyiv."])
def test_short_or_letterless_texts_are_undetermined(text):
    assert detect_language(text) == UNDETERMINED


def test_only_the_start_is_read():
    """A long English article with a foreign tail is still English (the first 2,000 characters)."""
    assert detect_language(NEWS["en"] * 20 + NEWS["fr"] * 5) == "en"


def test_lone_surrogates_do_not_stop_detection():
    assert detect_language("\ud800" + NEWS["de"] + "\udfff") == "de"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_any_string_gives_a_code_or_und(text):
    code = detect_language(text)
    assert code == UNDETERMINED or (len(code) == 2 and code.isalpha() and code.islower())

"""The language of an article's text: an ISO 639-1 code (``"en"``, ``"fr"``, ``"zh"``) or
``"und"`` (undetermined), from the offline detector py3langid (a maintained fork of langid.py,
Lui & Baldwin 2012: 97 languages, a 4.5 MB naive Bayes model, pure Python + numpy).

It is the first step of :mod:`components.nlp` (as DESIGN.md's data flow has it: "language
detected; one spaCy pass per article with that language's pipeline"): the language decides which
pipeline analyses an article. :mod:`components.extraction` calls :func:`detect_language` once
per article it extracts (an article read back from the store keeps its stored language) and
gives the configured pipeline only the articles in that pipeline's language. Being part of
``components.nlp``, this module is hashed into the pipeline version: a change to these rules
re-extracts stored articles. The module itself imports only py3langid (on first use).

Why py3langid (compared on 2026-12-01, 2 shared cores): on spaCy's example sentences
(``spacy.lang.*.examples``, 48 languages both detectors know, 366 sentences) py3langid 0.4.0 got
0.937 of single sentences right, lingua-language-detector 2.1.1 0.951 (high accuracy mode) and
0.888 (low accuracy mode); joined into one paragraph per language, both got 47–48 of 48 (py3langid
says ``wuu``, Wu Chinese, for Mandarin, mapped to ``zh`` below); on all 2,225 English BBC News
articles both said English every time. Speed on 500 BBC articles: py3langid 360–420 articles/s,
lingua 30–55 (high) and 62 (low), and lingua's wheel is 96 MB against 4.5 MB. Equal on
news-length texts, so the smaller and faster one.

Rules on top of the detector (all in :func:`detect_language`):

- a text with fewer than :data:`MIN_LETTERS` letters is ``"und"``: too short to tell;
- only the first :data:`SAMPLE_CHARS` characters are read (more adds time, not accuracy);
- a language whose probability is below :data:`MIN_CONFIDENCE` is ``"und"`` (short texts of
  a few names: "Biden visited Kyiv." scores Finnish at 0.11); an undetermined article is analysed by
  the configured pipeline, as every article was before languages were detected;
- a label that is not ISO 639-1 becomes its macrolanguage's code where ISO 639-3 gives one
  (:data:`MACROLANGUAGE`), else ``"und"``.
"""
from __future__ import annotations

from functools import lru_cache

#: The code for a text whose language could not be determined (ISO 639-2's ``und``).
UNDETERMINED = "und"

#: Fewer letters than this: undetermined.
MIN_LETTERS = 20

#: Characters of the text the detector reads (the first ones).
SAMPLE_CHARS = 2000

#: Below this probability (py3langid's normalised one) the language is undetermined. On spaCy's
#: example sentences no wrong answer reached 0.8 (29 wrong of 442).
MIN_CONFIDENCE = 0.8

#: py3langid's labels that are not ISO 639-1 codes, mapped to the ISO 639-1 code of the
#: macrolanguage they belong to in SIL's ISO 639-3 macrolanguage mappings
#: (https://iso639-3.sil.org/code_tables/macrolanguage_mappings); the others (``grc``, ``kab``,
#: ``zxx``…) have none and are undetermined.
MACROLANGUAGE = {
    "wuu": "zh", "yue": "zh",      # Wu, Cantonese → Chinese
    "arz": "ar", "ary": "ar",      # Egyptian, Moroccan Arabic → Arabic
    "uzs": "uz",                   # Southern Uzbek → Uzbek
    "sdh": "ku",                   # Southern Kurdish → Kurdish
    "gug": "gn",                   # Paraguayan Guaraní → Guarani
    "fuv": "ff",                   # Nigerian Fulfulde → Fulah
}


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier with normalised probabilities, loaded once per process (~0.3 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The language of ``text`` (str): an ISO 639-1 code such as ``"en"``, or
    :data:`UNDETERMINED` (``"und"``) for a text too short, without letters, or whose language the
    detector is not sure of (see the module's rules). Never raises for a string."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    # Lone surrogates (from a lenient decoder) cannot be encoded to UTF-8; the detector reads bytes.
    sample = sample.encode("utf-8", "replace").decode("utf-8")
    label, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return UNDETERMINED
    label = MACROLANGUAGE.get(label, label)
    return label if len(label) == 2 and label.isalpha() and label.islower() else UNDETERMINED

"""Word lists and name tables, each once and with its source, shared by actors, places and
quotes. Tuning constants (bonuses, thresholds) stay with the rules that use them.

- :mod:`.normalise` — how words and names are normalised before they are compared;
- :mod:`.countries` — country names, aliases and demonyms → ISO codes, display names;
- :mod:`.subdivisions` — US states and Canadian provinces and their abbreviations;
- :mod:`.regions` — world regions and seas, other names of Europe, regions' demonyms;
- :mod:`.place_words` — street and feature words, locative prepositions, words that are not places;
- :mod:`.name_alikes` — names far more often something else than a place (celestial bodies);
- :mod:`.titles` — forms of address, role nouns and their modifiers;
- :mod:`.reporting` — reporting verbs, speaker pronouns, abbreviations;
- :mod:`.news_agencies` — wire services;
- :mod:`.french` — French words: cue verbs, "selon", speaker pronouns, nouns of office.

The tables without a language in their name are English; a Doc of another language reads its
own module (:mod:`.french`), never the English tables where they would misread it.
"""

"""Word lists and name tables, each once and with its source, shared by actors, places,
quotes and ingest. Tuning constants (bonuses, thresholds) stay with the rules that use them.

- :mod:`.normalise` — how words and names are normalised before they are compared;
- :mod:`.countries` — country names, aliases and demonyms → ISO codes, display names;
- :mod:`.languages` — the English name of each stored language code (for the app's lists);
- :mod:`.subdivisions` — US states and Canadian provinces and their abbreviations;
- :mod:`.regions` — world regions and seas, other names of Europe, regions' demonyms;
- :mod:`.place_words` — street and feature words, locative prepositions, words that are not places;
- :mod:`.name_alikes` — names far more often something else than a place (celestial bodies);
- :mod:`.titles` — forms of address, role nouns and their modifiers;
- :mod:`.reporting` — reporting verbs, speaker pronouns, abbreviations;
- :mod:`.news_agencies` — wire services;
- :mod:`.time_zones` — time-zone abbreviations (IANA tzdata), no actor after a clock time;
- :mod:`.page_furniture` — the wording of sign-up, link, share, copyright and credit lines, shortcodes;
- :mod:`.given_names` — given names (US Census 1990), evidence that a name is a person's;
- :mod:`.actor_cues` — organisation name words and nouns, product, work and event cues;
- :mod:`.french` — French words: cue verbs, "selon", speaker pronouns, nouns of office.
- :mod:`.lemmas` — a token's lemma, worked out by the model's lemmatizer when a rule compares it
  with these lists (no word list of its own).

The tables without a language in their name are English; a Doc of another language reads its
own module (:mod:`.french`), never the English tables where they would misread it.
"""

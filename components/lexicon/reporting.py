"""Words of quote attribution: reporting verbs, the pronouns and determiners that stand for or
introduce a speaker, and the abbreviations a full stop does not end a sentence after.

Written for Dateline: general English words (reporting verbs as grammars of English list them),
not chosen from any evaluation document; the US state abbreviations come from
:mod:`components.lexicon.subdivisions`. Lower-case lemmas throughout; :mod:`components.quotes`
compares ``token.lemma_.lower()``.
"""
from __future__ import annotations

from .subdivisions import us_abbreviations

# Verbs that introduce or tag a direct quote ("said", "told", "tweeted", "joked"…).
SPEECH_VERBS = frozenset("""
say tell add write ask reply respond answer continue explain note declare tweet post retweet
insist argue claim state warn announce acknowledge admit recall predict complain joke quip shout
yell scream exclaim conclude observe remark suggest testify report read comment mutter whisper
boast brag concede counter retort snap muse recount agree assert caution confirm deny emphasize
emphasise stress promise vow pledge urge mock chant cry wonder thunder fume proclaim lament sniff
interject begin tease laugh sigh gush rave blast slam charge allege opine implore plead demand query
inquire enquire challenge reiterate repeat affirm contend maintain elaborate clarify hint mention
text email e-mail scoff marvel quote tout rail lash crow griped gripe grumble howl bellow chide
scold reason speculate surmise theorize theorise posit predict guess recall reflect reminisce
concur dismiss rebut reject protest object joke jest deadpan quipped echo sneer taunt jeer cheer
applaud praise hail celebrate thank apologize apologise preach lecture ask instruct order
command advise counsel recommend propose acknowledge disclose reveal divulge confide confess
volunteer offer put describe summarize summarise characterize characterise call label dub
speak talk bark growl snarl hiss roar holler boom retaliate
""".split())

# Verbs that reliably tag a quote even when the parser misses the structure; others in
# SPEECH_VERBS ("call", "describe"…) need the quote to be their complement or object.
STRONG_VERBS = frozenset("""
say tell add write ask reply respond answer continue explain note declare tweet post insist argue
claim state warn announce acknowledge admit recall predict complain joke quip shout yell scream
exclaim conclude observe remark testify mutter whisper boast brag concede counter retort snap muse
recount assert caution confirm emphasize emphasise stress interject thunder proclaim lament sniff
reiterate contend maintain scoff marvel gush rave write text email tease sigh laugh speak talk
bark growl snarl hiss roar holler elaborate boom retaliate
""".split())

# Pronouns that stand for a person speaker and are resolved to the last named person.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Pronouns for a group or the writer that may speak ("they wrote", "we said"); kept as written.
GROUP_PRONOUNS = frozenset({"they", "we", "i"})
# Relative pronouns: "Jane Okafor, who declared, …" — the mention stays "who", the speaker is the
# noun the clause hangs from.
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})

# Determiners that introduce someone new ("a spokesman said"): such a title is not resolved.
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "one", "some", "any"})

# Tokens before a period that do not end a sentence (besides the US state abbreviations).
ABBREVIATIONS = frozenset("""
mr mrs ms dr sen rep gov gen lt col sgt capt cmdr adm maj st jr sr inc co corp ltd no vs etc
prof rev hon pres supt jan feb mar apr aug sept sep oct nov dec u.s d.c u.n u.k
""".split()) | us_abbreviations()

"""Words that show what a name is, read by the actors step before a mention becomes an actor:
organisation name words ("Stata Labs", "Acme Ltd"), nouns that introduce an organisation ("oil
firm Yukos"), nouns that show a name is a product, a work or an event ("the Zafi virus",
"hit film Amelie", "World Athletics Championships").

Written for Dateline: general English words of company, sport and media naming, not chosen
from any evaluation document. Lower case throughout.
"""
from __future__ import annotations

# Last words of organisation names ("Acme Ltd", "Sendmail Inc", "Stata Labs", "Sale Sharks" is
# a plural instead): a name ending in one of them is no person.
ORG_NAME_WORDS = frozenset("""
inc inc. ltd ltd. plc llc llp corp corp. corporation co co. company companies group holdings
bank banks council ministry department party association university college agency fc afc
united rovers wanderers athletic club institute institution foundation society union
federation commission committee authority board labs laboratories technologies industries
partners airlines airways motors records studios pictures entertainment media network
networks newspapers times post gazette herald tribune journal press office court tribunal
police army navy force forces league alliance organisation organization centre center
services systems software capital securities investments fund trust ventures enterprises
guild guilds forum chamber syndicate cooperative consortium
""".split())

# Nouns right before a name that introduce an organisation ("oil firm Yukos", "investment
# company Baikal", "Finnish group Varttina", "consultancy Building Zones").
ORG_NOUNS = frozenset("""
firm company companies group unit subsidiary giant carrier airline bank broadcaster channel
network club side team party band charity consultancy organisation organization agency
regulator watchdog retailer supermarket chain maker manufacturer operator provider publisher
label studio start-up startup rival rivals insurer lender outfit conglomerate developer
newspaper paper magazine tabloid broadsheet outlet station franchise
""".split())

# Common nouns for a kind of body that news writing capitalises when it means one ("the
# Government", "the Administration", "the Council"): alone, not a name (OntoNotes, whose
# annotation the models learnt, marks no generic reference as a name), and no actor unless the
# article names the body in full ("the European Commission … the Commission", "the Bank of
# England … the Bank").
GENERIC_BODIES = frozenset("""
government administration ministry department agency authority board office party group state
regime council committee commission bank court
""".split())

# Common nouns for an official document or budget that news writing capitalises when it means
# one ("the Budget", "the Bill", "the Act"): an organisation's name to the models, no actor.
DOCUMENT_NOUNS = frozenset("""
budget bill act treaty constitution charter directive
""".split())

# Nouns a name modifies that make it a product, a work or a scheme ("the Zafi virus", "the Xbox 2
# console", "her Confessions album", "the Artemis programme"); kept to nouns a maker's name
# seldom modifies (a maker that speaks in the article stays an actor).
PRODUCT_HEADS = frozenset("""
console consoles handheld handhelds virus viruses worm worms trojan album albums single
singles song songs track tracks musical sitcom novel programme program rover probe spacecraft
""".split())

# Nouns right before a name that make it a product, a work or an event ("hit film Amelie",
# "his track Candy Shop", "the game Halo", "codenamed Xenon").
WORK_NOUNS = frozenset("""
film movie musical sitcom drama soap series programme show hit novel opera album single song
track game videogame app browser console handset codenamed dubbed titled virus worm
tournament championship marathon festival prize scheme
""".split())

# Last words of event, award and index names ("World Cross Country Championships", "New York
# Marathon", "Academy Awards", "Nikkei Index", "Davis Cup", "Syrian Civil War"), for names of
# two words or more (not after "of" or "the": "Department of War", "Stop the War").
EVENT_NAME_WORDS = frozenset("""
cup open championship championships games olympics olympiad marathon award awards prize
prizes festival trophy tournament index expo regatta war wars
""".split())

"""Titles and roles of people: forms of address, role nouns and the words that modify them.

Written for Dateline: general English words of news writing (forms of address as style guides
list them, office and occupation nouns), not chosen from any evaluation document. Compared lower
case, without a final full stop (:func:`components.lexicon.normalise.word_key`).
"""
from __future__ import annotations

# Forms of address written before a name (compared lower case, without a final ".").
HONORIFICS = frozenset("""
mr mrs ms miss mx dr sir dame prof rev reverend fr messrs mme mlle herr
gen col lt maj capt sgt adm cmdr brig cpl pvt gov sen rep pres atty hon supt insp det
""".split())
# Role nouns that end a title ("spokesman" in "Kremlin spokesman").
TITLE_HEADS = frozenset("""
president vice-president premier minister chancellor secretary secretary-general undersecretary spokesman
spokeswoman spokesperson representative ambassador envoy senator congressman congresswoman
governor mayor chairman chairwoman chairperson chair chief director head leader commander
officer official adviser advisor aide negotiator diplomat general judge justice prosecutor
attorney lawyer counsel candidate nominee ceo cfo coo founder co-founder executive manager
coach striker midfielder defender goalkeeper captain winger forward batsman bowler
analyst economist professor researcher scientist author editor correspondent reporter
journalist columnist king queen prince princess emperor pope cardinal bishop archbishop
ayatollah cleric imam rabbi sheikh sheik emir sultan monarch dictator speaker lawmaker
legislator mp deputy delegate commissioner inspector superintendent sheriff colonel major
lieutenant sergeant admiral marshal ruler owner partner treasurer comptroller auditor
strategist pollster boss rapporteur mediator president-elect chancellor-elect elect
activist campaigner spokesmen dean principal surgeon physician doctor historian
vice chancellor leader-elect frontrunner challenger incumbent mogul tycoon billionaire
businessman businesswoman entrepreneur investor banker actor actress singer star moderator
anchor host lady lord
""".split())
# Words that modify a title and belong to the role ("foreign" in "foreign ministry spokesman").
ROLE_MODIFIERS = frozenset("""
foreign interior defence defense finance justice health trade economy economic energy
prime deputy vice former ex acting interim senior top then incoming outgoing new
assistant associate press campaign communications military security state federal
national regional presidential party ministry department office government agency army
navy police council committee club team company bank executive supreme chief general
managing junior first parliamentary opposition central cabinet white house home
""".split())
# Titles that are part of how a person is named ("Pope Francis", "King Charles"): they are
# kept in the role but not stripped off the name.
NAME_TITLES = frozenset("""
king queen prince princess pope emperor empress sultan emir sheikh sheik lady lord
""".split())
# Titles whose "of" names their office, not an organisation, when written as a title with a
# capital: "Secretary of State", "Minister of Health" ("chief executive of Sony" and "general
# secretary of Unison" name the organisation).
PORTFOLIO_TITLES = frozenset("""
secretary undersecretary minister
""".split())
# Heads of a speaker noun phrase that name a role: "the spokesman said" → the person last
# introduced with that role, else the last named person speaking.
SPEAKER_TITLES = frozenset("""
spokesman spokeswoman spokesperson official minister president senator candidate adviser advisor
aide chairman chairwoman chair director secretary governor mayor congressman congresswoman
representative lawmaker leader chief strategist manager nominee ambassador general officer
diplomat prime premier chancellor attorney lawyer commissioner deputy analyst source
""".split())

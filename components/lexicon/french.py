"""French words for the rule steps: verbs that introduce or tag a quote, the prepositions that
attribute one ("selon"), the pronouns that stand for a speaker, and the nouns of office that
stand before a name ("le ministre", "la présidente").

Written for Dateline: general French (the verbes introducteurs du discours rapporté as French
grammars list them — dire, déclarer, affirmer, ajouter, expliquer…; the subject pronouns; common
nouns of office in news writing), not chosen from any evaluation document. Lower-case lemmas
(``token.lemma_.lower()``) or lower-case words; used for Docs whose language is French only.
"""
from __future__ import annotations

# Verbs that introduce ("Le ministre a déclaré : « … »") or tag ("« … », a déclaré le ministre",
# "« … », a-t-il ajouté") a direct quote, as lemmas.
CUE_VERBS = frozenset("""
dire déclarer affirmer ajouter expliquer préciser souligner indiquer assurer estimer annoncer
insister poursuivre répondre répliquer rétorquer confier raconter conclure marteler prévenir
rappeler reconnaître admettre avouer dénoncer regretter déplorer noter observer commenter écrire
tweeter lancer s'exclamer exclamer interroger demander questionner protester plaider avertir
confirmer démentir nier promettre jurer témoigner résumer relever souffler glisser ironiser
s'interroger réagir détailler argumenter objecter renchérir enchaîner murmurer crier
hurler s'emporter lâcher tonner soutenir juger considérer constater signaler révéler
""".split())

# Prepositions that attribute what follows them to their object ("selon le ministre", "d'après
# Marie Dupont"), as written (lower case).
ATTRIBUTING_PREPOSITIONS = frozenset({"selon", "d'après", "d’après"})

# Subject pronouns that stand for one person, resolved to the person last named; with the
# hyphen of an inverted subject ("a-t-il ajouté", "dit-elle") taken off first.
PERSON_PRONOUNS = frozenset({"il", "elle", "lui"})

# Pronouns for a group or the writer that may speak ("ont-ils déclaré"); kept as written.
GROUP_PRONOUNS = frozenset({"ils", "elles", "nous", "on", "je"})

# Nouns of office written before a name or standing for a person ("le ministre de l'Intérieur",
# "la porte-parole", "le président"), in their masculine and feminine forms.
TITLE_NOUNS = frozenset("""
président présidente ministre porte-parole secrétaire directeur directrice chef cheffe maire
député députée sénateur sénatrice ambassadeur ambassadrice procureur procureure juge avocat
avocate conseiller conseillère gouverneur gouverneure commissaire chancelier chancelière roi
reine prince princesse pape général générale colonel dirigeant dirigeante patron patronne
responsable représentant représentante délégué déléguée préfet préfète premier première
vice-président vice-présidente candidat candidate leader fondateur fondatrice présidente-directrice
président-directeur adjoint adjointe élu élue militant militante expert experte analyste
économiste professeur professeure chercheur chercheuse médecin entraîneur sélectionneur
capitaine joueur joueuse syndicaliste opposant opposante
""".split())

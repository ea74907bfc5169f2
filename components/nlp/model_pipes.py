"""Two of a model's own pipes, run faster with the same result (:func:`speed_up`).

- The attribute ruler (``attribute_ruler``: parts of speech, morphology and a few lemmas from
  the tagger's tags) becomes ``dateline_attributes_v1``: the same rules, in the same order,
  matched over whole columns of the Doc at once (numpy) instead of spaCy's ``Matcher`` token by
  token, then written in one ``Doc.from_array``. Every token ends with the part of speech,
  morphology and lemma the attribute ruler gives it; a ruler with a pattern this cannot match
  (an operator, an attribute other than those of :data:`MATCHED`) is kept as it is.
- The lemmatizer (``lemmatizer``) becomes ``dateline_lemmas_v1``, which lemmatizes nothing: it
  lends the model's lemmatizer to :func:`components.lexicon.lemmas.lemma`, which the rules call
  on the few tokens whose lemma they read, and which gives what the lemmatizer would have set.

Together they took about a seventh of ``en_core_web_sm``'s time on news text; the rule steps
take less than that, so Dateline's extraction runs at least as fast as the model's bare
pipeline. The pipeline version changes with this module (it is part of the rules' code,
:func:`components.nlp.version.rules_hash`)."""

import re
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import minibatch
from spacy.vocab import Vocab

from ..lexicon.lemmas import register

ATTRIBUTES = "dateline_attributes_v1"
LEMMAS = "dateline_lemmas_v1"

#: Token attributes a pattern may test (spaCy's names → attribute ids), and those written by array.
MATCHED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "POS": POS}
WRITTEN = (POS, MORPH, LEMMA, TAG)

class Unsupported(ValueError):
    """A pattern of the attribute ruler that :class:`FastAttributes` does not match."""


class _Predicate:
    """Whether, per token of a Doc's columns (attribute id → values), its ``attr`` satisfies
    ``value`` as spaCy's ``Matcher`` reads it (a string, a bool, or a dict of ``IN``, ``NOT_IN``
    or ``REGEX``). A class, not a closure, so that the pipe can go to spaCy's worker processes."""

    def __init__(self, attr: int, value: Any, vocab: Vocab) -> None:
        self.attr = attr
        self.seen: dict[int, bool] = {}     # REGEX: string id → whether it matches
        if isinstance(value, (str, bool)):
            self.op, self.arg = "IN", self._ids([value], vocab)
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
            (self.op, arg), = value.items()
            self.arg = re.compile(arg) if self.op == "REGEX" else self._ids(arg, vocab)
        else:
            raise Unsupported(f"pattern value {value!r}")

    @staticmethod
    def _ids(values: Sequence[Any], vocab: Vocab) -> np.ndarray:
        return np.array([int(v) if isinstance(v, bool) else vocab.strings.add(v) for v in values], dtype=np.uint64)

    def __call__(self, cols: dict[int, np.ndarray], vocab: Vocab) -> np.ndarray:
        column = cols[self.attr]
        if self.op == "IN":
            return column == self.arg[0] if len(self.arg) == 1 else np.isin(column, self.arg)
        if self.op == "NOT_IN":
            return ~np.isin(column, self.arg)
        keys, where = np.unique(column, return_inverse=True)
        for key in keys.tolist():
            if key not in self.seen:
                self.seen[key] = bool(key) and bool(self.arg.search(vocab.strings[key]))
        return np.array([self.seen[k] for k in keys.tolist()], dtype=bool)[where]


class _Rule:
    """One entry of the attribute ruler: its patterns, which token of a match it sets, and the
    attributes it sets (normalised as the ruler holds them)."""

    def __init__(self, patterns: list[list[dict]], index: int, attrs: dict[int, int], vocab: Vocab) -> None:
        self.patterns = []
        for pattern in patterns:
            steps = []
            for spec in pattern:
                if not set(spec) <= set(MATCHED):
                    raise Unsupported(f"pattern token {spec!r}")
                steps.append([_Predicate(MATCHED[k], v, vocab) for k, v in spec.items()])
            self.patterns.append(steps)
        self.index = index
        self.array_attrs = [(WRITTEN.index(a), v) for a, v in attrs.items() if a in WRITTEN]
        self.other_attrs = {a: v for a, v in attrs.items() if a not in WRITTEN}

    def targets(self, cols: dict[int, np.ndarray], vocab: Vocab, doc_of: np.ndarray) -> np.ndarray:
        """Positions of the tokens this rule sets among the tokens of ``cols`` (several Docs end
        to end; ``doc_of`` gives each token's Doc, and no match spans two Docs), in match order."""
        n = len(doc_of)
        found = []
        for steps in self.patterns:
            length = len(steps)
            if length > n:
                continue
            starts = np.ones(n - length + 1, dtype=bool)
            for k, predicates in enumerate(steps):
                for predicate in predicates:
                    starts &= predicate(cols, vocab)[k:n - length + 1 + k]
            if length > 1:
                starts &= doc_of[:n - length + 1] == doc_of[length - 1:]
            found.append(np.flatnonzero(starts) + (self.index if self.index >= 0 else length + self.index))
        return np.concatenate(found) if len(found) > 1 else (found[0] if found else np.empty(0, dtype=np.int64))


class FastAttributes:
    """The rules of a model's attribute ruler, matched column-wise (see the module's docstring).

    Built empty by its factory; :meth:`load` takes the rules of an ``AttributeRuler``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.rules: list[_Rule] = []

    def load(self, ruler: AttributeRuler) -> "FastAttributes":
        """Take the rules of ``ruler``, in its order (a later rule wins). Raises
        :class:`Unsupported` when a pattern is not one this matches."""
        self.rules = [_Rule(ruler.matcher.get(str(i))[1], ruler.indices[i], ruler.attrs[i], self.vocab)
                      for i in range(len(ruler.attrs))]
        return self

    def __call__(self, doc: Doc) -> Doc:
        """Set the part of speech, morphology, lemma (and what else the rules set) of the tokens
        of ``doc`` (tagged and parsed) as the attribute ruler would. Returns ``doc``."""
        self._apply([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """:meth:`__call__` over ``docs``, ``batch_size`` Docs matched at once; yields them in order."""
        for batch in minibatch(docs, batch_size):
            self._apply(batch)
            yield from batch

    def _apply(self, docs: Sequence[Doc]) -> None:
        docs = [doc for doc in docs if len(doc)]
        if not docs or not self.rules:
            return
        lengths = [len(doc) for doc in docs]
        cols = dict(zip(MATCHED.values(), np.concatenate([d.to_array(list(MATCHED.values())) for d in docs]).T))
        out = np.concatenate([d.to_array(list(WRITTEN)) for d in docs])
        doc_of = np.repeat(np.arange(len(docs)), lengths)
        later: list[tuple[int, dict[int, int]]] = []
        for rule in self.rules:
            targets = rule.targets(cols, self.vocab, doc_of)
            if not targets.size:
                continue
            for column, value in rule.array_attrs:
                out[targets, column] = value
            if rule.other_attrs:
                later.extend((int(t), rule.other_attrs) for t in targets)
        starts = np.cumsum([0] + lengths)
        for doc, start, end in zip(docs, starts[:-1], starts[1:]):
            doc.from_array(list(WRITTEN), out[start:end])
        for i, attrs in later:
            d = int(np.searchsorted(starts, i, side="right")) - 1
            set_token_attrs(docs[d][i - int(starts[d])], attrs)


@Language.factory(ATTRIBUTES)
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    """An empty :class:`FastAttributes` (:func:`speed_up` loads it with a model's rules)."""
    return FastAttributes(nlp.vocab)


class _FirstLemma:
    """A spaCy lemmatizer as a function of one token: its first lemma."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, token: Token) -> str:
        return self.lemmatizer.lemmatize(token)[0]


class LazyLemmas:
    """Lends a model's lemmatizer to :func:`components.lexicon.lemmas.lemma` for the Docs it
    sees (registered in each process that runs it); sets nothing on them."""

    def __init__(self) -> None:
        self.lemmatize: _FirstLemma | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatize is not None:
            register(doc.vocab, self.lemmatize)
        return doc


@Language.factory(LEMMAS)
def make_lazy_lemmas(nlp: Language, name: str) -> LazyLemmas:
    """A :class:`LazyLemmas` with no lemmatizer yet (:func:`speed_up` gives it the model's)."""
    return LazyLemmas()


def speed_up(nlp: Language) -> Language:
    """Replace, in ``nlp`` (a loaded spaCy pipeline, changed in place), its ``attribute_ruler``
    by ``dateline_attributes_v1`` (unless it holds a pattern that cannot be matched column-wise)
    and its ``lemmatizer`` by ``dateline_lemmas_v1``, each in its place. A pipeline without them
    is left as it is. Returns ``nlp``."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler):
        try:
            fast = FastAttributes(nlp.vocab).load(ruler)
        except Unsupported:
            fast = None
        if fast is not None:
            nlp.add_pipe(ATTRIBUTES, before="attribute_ruler").rules = fast.rules
            nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer):
        nlp.add_pipe(LEMMAS, before="lemmatizer").lemmatize = _FirstLemma(lemmatizer)
        nlp.remove_pipe("lemmatizer")
    return nlp

"""spaCy for Dateline: the pipelines, one per language (a model plus the rule steps as registered
components, :mod:`.pipeline`; the model's entity labels mapped to Dateline's, :mod:`.labels`),
the pipeline version every stored result is keyed by (:mod:`.version`), long texts parsed in
pieces (:mod:`.long_texts`), ``nlp.pipe`` over articles (:mod:`.batches`), worker processes kept
for a whole run (:mod:`.workers`) and the model's own pipes run faster (:mod:`.model_pipes`).

Importing this package registers the rule steps (``dateline_labels_v1``, ``dateline_actors_v1``,
``dateline_places_v1``, ``dateline_quotes_v1``) with spaCy."""
from .long_texts import LONG_TEXT_CHARS, PIECE_CHARS, join_pieces, split_text
from .batches import pipe_with_context
from .pipeline import (RULE_PIPES, Pipelines, add_rule_pipes, as_pipelines, load_model, load_pipelines, rule_pipes,
                       run_rule_pipes)
from .version import pipeline_version, rule_sources, rules_hash
from .workers import Workers, current_workers, worker_pool

__all__ = ["LONG_TEXT_CHARS", "PIECE_CHARS", "RULE_PIPES", "Pipelines", "add_rule_pipes", "as_pipelines",
           "join_pieces", "load_model", "load_pipelines", "pipe_with_context", "pipeline_version", "rule_pipes", "rule_sources", "rules_hash", "run_rule_pipes",
           "split_text", "Workers", "current_workers", "worker_pool"]

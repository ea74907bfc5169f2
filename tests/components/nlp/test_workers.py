"""Worker processes for ``--workers N`` start once per run, whatever the number of windows of
articles, and give what one process gives: the same records, languages and pipeline versions,
for articles of every language (detected in the workers) and read back from the store alike."""
from __future__ import annotations

import os
import struct
import time
from dataclasses import replace

from components import extraction
from components.extraction import extract_articles
from components.nlp import workers as workers_mod
from components.records import Article

STORIES = [f"Officials in Lisbon said on Monday that Maria Santos, the port director number {i}, would resign. "
           f"“We will rebuild the harbour,” she told reporters in Porto." for i in range(12)]

FRENCH = ("Le maire de Lyon, Jean Dupont, a annoncé lundi la fermeture du port. « Nous reconstruirons "
          "le quai », a-t-il déclaré aux journalistes réunis devant la mairie de la ville.")
GERMAN = ("Der Bürgermeister von Hamburg hat am Montag angekündigt, dass der Hafen geschlossen wird. "
          "„Wir bauen den Kai wieder auf“, sagte er vor Journalisten im Rathaus der Stadt.")


def test_the_workers_start_once_for_all_windows_and_give_what_one_process_gives(nlp, monkeypatch):
    articles = [Article.from_text(text) for text in STORIES]
    one = [ex.to_contract() for ex in extract_articles(articles, nlp=nlp, batch_size=2)]
    started = []
    real_init = workers_mod.Workers.__init__

    def counting_init(self, *args, **kwargs):
        started.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(workers_mod.Workers, "__init__", counting_init)
    monkeypatch.setattr(extraction, "WINDOW", 4)   # three windows in one process
    two = [ex.to_contract() for ex in extract_articles(articles, nlp=nlp, batch_size=2, workers=2)]
    assert two == one and any(ex["quotes"] for ex in one)
    assert len(started) == 1 and workers_mod.current_workers() is None   # closed after the run


def test_two_workers_detect_and_route_languages_as_one_process_does(pipelines):
    texts = [STORIES[0], FRENCH, GERMAN, "Biden, Kyiv.", STORIES[1], FRENCH.replace("Lyon", "Nantes")]
    articles = [Article.from_text(text, dateline=("Lisbon",)) for text in texts]
    articles.append(replace(Article.from_text(STORIES[2]), language="fr"))   # as read from the store
    one = [ex.to_contract() for ex in extract_articles(articles, nlp=pipelines, batch_size=2)]
    two = [ex.to_contract() for ex in extract_articles(articles, nlp=pipelines, batch_size=2, workers=2)]
    assert two == one
    assert [ex["language"] for ex in two] == ["en", "fr", "de", "und", "en", "fr", "fr"]
    assert two[1]["entities"] and not two[2]["entities"]   # German: stored, not analysed
    assert two[2]["pipeline_version"] == two[0]["pipeline_version"] != two[1]["pipeline_version"]


def test_an_interrupted_pool_stops_though_a_worker_was_cut_off_in_the_middle_of_a_result(pipelines):
    # A worker stopped while it sends a result leaves part of it in the results pipe: the pool's
    # thread, reading the rest, must not wait for ever (Python's exit would wait on that thread).
    workers = workers_mod.Workers(pipelines, 2)
    try:
        assert len(list(workers.map([(STORIES[0], {}, "en")], batch_size=1))) == 1  # started, idle
        manager = workers._pool._executor_manager_thread
        # a result's length (a mebibyte) and its first byte, as a worker cut off there leaves them
        os.write(workers._pool._result_queue._writer.fileno(), struct.pack("!i", 1 << 20) + b"\x80")
        time.sleep(0.5)  # (the pool's thread is now reading the rest)
    finally:
        started = time.monotonic()
        workers.close(now=True)
        took = time.monotonic() - started
    assert not manager.is_alive() and took < 4.5

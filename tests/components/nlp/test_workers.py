"""Worker processes for ``--workers N`` start once per run, whatever the number of windows of
articles, and give what one process gives."""
from __future__ import annotations

from components import extraction
from components.extraction import extract_articles
from components.nlp import workers as workers_mod
from components.records import Article

STORIES = [f"Officials in Lisbon said on Monday that Maria Santos, the port director number {i}, would resign. "
           f"“We will rebuild the harbour,” she told reporters in Porto." for i in range(12)]


def test_the_workers_start_once_for_all_windows_and_give_what_one_process_gives(nlp, monkeypatch):
    articles = [Article.from_text(text) for text in STORIES]
    one = [ex.to_contract() for ex in extract_articles(articles, nlp=nlp, batch_size=2)]
    started = []
    real_init = workers_mod.Workers.__init__

    def counting_init(self, *args, **kwargs):
        started.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(workers_mod.Workers, "__init__", counting_init)
    monkeypatch.setattr(extraction, "WINDOW", 4)   # three windows
    two = [ex.to_contract() for ex in extract_articles(articles, nlp=nlp, batch_size=2, workers=2)]
    assert two == one and any(ex["quotes"] for ex in one)
    assert len(started) == 1 and workers_mod.current_workers() is None   # closed after the run

"""The app's ingest bar (the first start and the Data page): through the bytes of the paths,
by files for uploads, never past full, under Streamlit's AppTest."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def bar_after(script, **kwargs) -> list[tuple[float, str]]:
    """(value, text) of each progress bar ``script`` leaves on the page."""
    at = AppTest.from_function(script, kwargs=kwargs, default_timeout=30).run()
    assert not at.exception
    return [(el.proto.value / 100, el.proto.text) for el in at.get("progress")]


def test_paths_move_the_bar_through_their_bytes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"x" * 300_000)
    (folder / "b.txt").write_bytes(b"y" * 100_000)

    def script(folder: str) -> None:
        from dashboard.ingest_bar import IngestBar

        bar = IngestBar([folder])
        bar.analysing()
        bar.on_file(folder + "/a.txt")  # (files read say nothing while bytes move the bar)
        bar.on_stored(256, 300_000)
        bar.on_stored(40, 380_000)

    [(value, text)] = bar_after(script, folder=str(folder))
    assert text == "296 articles stored; 95% of 391kB read"
    assert value == 0.95


def test_uploads_move_it_by_files_and_it_never_passes_full():
    def script() -> None:
        from dashboard.ingest_bar import IngestBar

        bar = IngestBar([], uploads=[("a.txt", b"one"), ("b.txt", b"two")])
        for name in ("a.txt", "b.txt", "c.txt"):  # (one more than counted: a zip's count may be short)
            bar.on_file(name)

    [(value, text)] = bar_after(script)
    assert text == "Read 3 of 2 files (c.txt)" and value == 1.0


def test_before_any_batch_it_says_what_is_happening_and_it_ends_full():
    def script() -> None:
        from dashboard.ingest_bar import IngestBar

        IngestBar([]).analysing()
        IngestBar([]).finish("3 added")

    (first, analysing), (last, done) = bar_after(script)
    assert first == 0.0 and analysing.startswith("Analysing the first articles")
    assert last == 1.0 and done == "3 added"

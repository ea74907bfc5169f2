"""Where ingest may read from: symbolic links in folder walks, the app's ingest roots, and
uploads read from memory under their own names (no spaCy)."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from components import settings
from components.ingest import count_uploads, outside_roots, read_paths, read_uploads
from tests.components.ingest.reading import articles_and_problems



# --- symbolic links in a folder walk ------------------------------------------------------------

def test_a_link_to_a_file_outside_the_folder_is_not_followed_and_is_named(tmp_path: Path):
    secret = tmp_path / "private" / "passwords.txt"
    secret.parent.mkdir()
    secret.write_text("root:hunter2 is the admin password\n", encoding="utf-8")
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Officials met in Paris on Monday.\n", encoding="utf-8")
    (folder / "sub" / "leak.txt").symlink_to(secret)
    (folder / "escape.txt").symlink_to(Path("..") / "private" / "passwords.txt")
    articles, problems = articles_and_problems(read_paths([folder]))
    assert [a.origin for a in articles] == [str(folder / "a.txt")]
    assert sorted((p.origin, p.reason) for p in problems) == [
        (str(folder / "escape.txt"), "symbolic link to a file outside the folder: not followed"),
        (str(folder / "sub" / "leak.txt"), "symbolic link to a file outside the folder: not followed")]
    assert not any("hunter2" in a.text for a in articles)


def test_a_link_to_a_file_inside_the_folder_isarticles_and_problems(tmp_path: Path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("Officials met in Paris on Monday.\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(Path("sub") / "a.txt")
    articles, problems = articles_and_problems(read_paths([folder]))
    assert [a.origin for a in articles] == [str(folder / "b.txt"), str(folder / "sub" / "a.txt")]
    assert problems == []


def test_a_link_to_a_folder_is_not_followed_and_is_named(tmp_path: Path):
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("The vault code is 1234, the admin said.\n", encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Officials met in Paris on Monday.\n", encoding="utf-8")
    (folder / "loop").symlink_to(folder)
    (folder / "out").symlink_to(elsewhere)
    articles, problems = articles_and_problems(read_paths([folder]))
    assert [a.origin for a in articles] == [str(folder / "a.txt")]
    assert sorted(p.origin for p in problems) == [str(folder / "loop"), str(folder / "out")]
    assert all("symbolic link to a folder: not followed" in p.reason for p in problems)


# --- the app's ingest roots ---------------------------------------------------------------------

def test_outside_roots_resolves_links_and_dot_dots(tmp_path: Path):
    root = tmp_path / "data"
    (root / "inner").mkdir(parents=True)
    (root / "out").symlink_to("/etc")
    assert not outside_roots(root, [root]) and not outside_roots(root / "inner" / "x.txt", [root])
    assert outside_roots("/etc/passwd", [root])
    assert outside_roots(root / "inner" / ".." / ".." / "elsewhere", [root])
    assert outside_roots(root / "out" / "passwd", [root])  # a link out of the root
    assert outside_roots(tmp_path / "data-other", [root])  # a prefix of the name is not a parent
    assert not outside_roots("/etc/passwd", [root, "/etc"])


def test_a_hidden_file_or_folder_under_a_root_is_refused_too(tmp_path: Path):
    root = tmp_path / "home"
    (root / ".ssh").mkdir(parents=True)
    (root / ".ssh" / "id_rsa").write_text("secret", encoding="utf-8")
    (root / ".notes.txt").write_text("secret", encoding="utf-8")
    assert outside_roots(root / ".ssh" / "id_rsa", [root])
    assert outside_roots(root / ".ssh", [root])
    assert outside_roots(root / ".notes.txt", [root])
    assert not outside_roots(root / "notes.txt", [root])


def test_ingest_roots_default_to_data_and_home_and_the_environment_overrides_them(monkeypatch, tmp_path):
    monkeypatch.delenv("DATELINE_INGEST_ROOTS", raising=False)
    assert settings.paths("ingest_roots") == [(settings.PROJECT_ROOT / "data").resolve(), Path.home().resolve()]
    monkeypatch.setenv("DATELINE_INGEST_ROOTS", os.pathsep.join([str(tmp_path), "", "~/corpora"]))
    assert settings.paths("ingest_roots") == [tmp_path.resolve(), (Path.home() / "corpora").resolve()]


# --- uploads ------------------------------------------------------------------------------------

def zip_bytes(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return buf.getvalue()


def test_uploads_are_named_by_their_file_names_and_counted_for_progress(tmp_path: Path, monkeypatch):
    import tempfile

    def no_temp_files(*a, **k):
        raise AssertionError("uploads must be read in memory")

    monkeypatch.setattr(tempfile, "mkdtemp", no_temp_files)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_temp_files)
    uploads = [("report.txt", b"Officials met in Paris on Monday.\n"),
               ("C:\\Users\\ana\\notes.txt", b"Rain fell on Lisbon.\n"),  # a client sending a full path
               ("batch.zip", zip_bytes({"inner/b.txt": "Snow fell on Oslo.\n", "skip.png": "x"})),
               ("slides.pptx", b"PK\x03\x04"), ("empty.txt", b"")]
    seen: list[str] = []
    articles, problems = articles_and_problems(read_uploads(uploads, on_file=seen.append))
    assert [a.origin for a in articles] == ["upload:report.txt", "upload:notes.txt", "upload:batch.zip!inner/b.txt"]
    assert [p.origin for p in problems] == ["upload:batch.zip", "upload:slides.pptx", "upload:empty.txt"]
    assert seen == ["upload:report.txt", "upload:notes.txt", "upload:batch.zip!inner/b.txt", "upload:empty.txt"]
    assert count_uploads(uploads) == len(seen)


def test_an_upload_over_the_size_limit_is_refused_with_the_setting_to_raise():
    (problem,) = read_uploads([("big.txt", b"word " * 1000)], max_file_bytes=1000)
    assert problem.origin == "upload:big.txt" and "max_file_mb" in problem.reason


@pytest.mark.parametrize("name", ["", "..", "a/"])
def test_an_upload_with_an_odd_name_is_still_named(name):
    items = list(read_uploads([(name, b"Officials met in Paris on Monday.\n")]))
    assert items and all(i.origin.startswith("upload:") for i in items)

"""Moving in and out: a data folder copied into each backend and back opens with the same links."""

from __future__ import annotations

from storage.__main__ import main
from storage.copy import copy_all
from storage.files import FileBackend
from storage.store import Store


def test_a_data_folder_moves_in_and_back_with_the_same_links(storage_place, tmp_path, capsys):
    folder = Store(tmp_path / "before")
    key, access = folder.create_space()
    folder.private(access).insert("journal", {"text": "week 3, still here"})
    _, partner_key = folder.add_partner_link(access, "For Sam")
    folder.shared(access).put("shares", "s", {"invitation": "hello"})
    target = storage_place.backend()

    first = copy_all(folder.backend, target)
    assert first.ok and first.copied == len(folder.backend.names("spaces/")) + 2
    again = copy_all(folder.backend, target)
    assert again.ok and again.copied == 0 and again.unchanged == first.copied  # idempotent

    moved = Store(storage_place.backend())
    there = moved.resolve(key)
    assert [d["text"] for d in moved.private(there).all("journal")] == ["week 3, still here"]
    assert moved.shared(moved.resolve(partner_key)).get("shares", "s")["invitation"] == "hello"
    moved.private(there).insert("journal", {"text": "written after the move"})

    back = tmp_path / "after"
    FileBackend(back).prepare("spaces", "links")
    report = copy_all(storage_place.backend(), FileBackend(back))
    assert report.ok
    home = Store(back)
    texts = [d["text"] for d in home.private(home.resolve(key)).all("journal")]
    assert texts == ["week 3, still here", "written after the move"]
    assert home.resolve(partner_key).role == "partner"


def test_the_copy_command_reports_and_verifies(tmp_path, capsys):
    folder = Store(tmp_path / "from")
    folder.create_space()
    assert main(["copy", str(tmp_path / "from"), str(tmp_path / "to")]) == 0
    assert "4 copied" in capsys.readouterr().out
    assert main(["copy", str(tmp_path / "from"), str(tmp_path / "to")]) == 0
    assert "0 copied, 4 already there" in capsys.readouterr().out

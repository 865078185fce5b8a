"""Killing a process mid-write never leaves an unreadable space or loses an acknowledged write."""

from __future__ import annotations

import os

from tests.support.kills import kill_loop

KILLS = int(os.environ.get("OPEN_DOOR_KILLS", "20"))


def test_kills_mid_write_lose_nothing(tmp_path):
    report = kill_loop(tmp_path / "data", kills=KILLS)
    print(
        f"\nkills={report.kills} acknowledged={report.acknowledged} "
        f"missing={report.missing} unreadable={report.unreadable}"
    )
    assert report.kills == KILLS
    assert report.acknowledged > KILLS  # the writer really was writing when killed
    assert report.missing == 0
    assert report.unreadable == 0

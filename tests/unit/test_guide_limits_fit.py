"""Readers that cut stored text at a limit never cut what a person typed within the box limits.

The share snapshot keeps at most ``INVITATION_LIMIT`` characters of a script's invitation; the
script builder refuses a box over its limit at the save, so the longest invitation a person can
make must still fit whole.
"""

from __future__ import annotations

from dataclasses import fields

from content.script import load_script_content
from guide.script import ScriptDraft, assemble
from guide.sharing import INVITATION_LIMIT

STEP_LIMIT, TIME_LIMIT, TIME_SLOTS = 600, 80, 3  # as ui/script/state.py enforces them


def test_the_longest_invitation_a_person_can_write_fits_the_share_limit():
    content = load_script_content()
    text = {f.key for step in content.steps for f in step.fields} - {
        "timing_checked",
        "worries",
        "times",
    }
    words = "Would you come with me? " * 40
    values: dict = {f.name: words[:STEP_LIMIT] for f in fields(ScriptDraft) if f.name in text}
    values["times"] = (words[:TIME_LIMIT],) * TIME_SLOTS
    values |= {name: True for name in ("offer_book", "offer_pay", "offer_stop_30")}
    script = assemble(ScriptDraft(**values), safety_mode=False)
    assert script.invitation
    assert len(script.invitation) <= INVITATION_LIMIT

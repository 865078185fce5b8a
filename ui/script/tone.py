"""The tone check in the builder: the tips under each box, and how many there are.

Each phrase that may backfire is shown with why and a gentler way to say it: advice, never a
block (``guide.tone``). The same advice comes once, naming every phrase it is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import streamlit as st

from content.messages import t
from content.script import Step
from guide.safety import escape_markdown
from guide.script import ScriptDraft, check_draft
from guide.tone import Flag, advice
from ui.context import Here


def by_field(draft: ScriptDraft) -> dict[str, list[Flag]]:
    """The tone check's flags for ``draft``, by the field (or ``field:part``) they are in."""
    tips: dict[str, list[Flag]] = defaultdict(list)
    for name, flag in check_draft(draft):
        tips[name].append(flag)
    return tips


def tips(place: Here, draft: ScriptDraft) -> dict[str, list[Flag]]:
    """:func:`by_field`, worked out once per draft (every step needs it)."""
    found = place.memo.get("script_tips")
    if found is not None and found[0] == draft:
        return found[1]  # type: ignore[return-value]
    worked = by_field(draft)
    place.memo["script_tips"] = (draft, worked)
    return worked


def count(draft: ScriptDraft) -> int:
    """How many tips the tone check shows in all: one per piece of advice in each box."""
    by_box: dict[str, list[Flag]] = defaultdict(list)
    for name, flag in check_draft(draft):
        by_box[name].append(flag)
    return sum(len(advice(flags)) for flags in by_box.values())


def in_step(step: Step, found: Mapping[str, list[Flag]]) -> int:
    """How many tips the boxes of one step show."""
    names = {f.key for f in step.fields}
    return sum(
        len(advice(flags))
        for name, flags in found.items()
        if name in names or name.split(":")[0] in names
    )


def show(flags: Sequence[Flag]) -> None:
    """Each phrase that may backfire, why, and a gentler way to say it (under its box)."""
    for tip in advice(flags):
        phrases = ", ".join(f"**“{escape_markdown(p)}”**" for p in tip.phrases)
        st.warning(
            t(
                "{phrases} — {why}  \n**Try instead:** {rewrite}",
                phrases=phrases,
                why=tip.why,
                rewrite=tip.rewrite,
            ),
            icon=":material/lightbulb:",
        )

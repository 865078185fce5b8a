"""Restoring a backup on My data: check the file, show what it brings back beside what is here now,
say what it replaces, and restore only once the person confirms.

The restore runs in the page run, after the front door has checked this run's link (a button's
rerun passes the door first). Safety mode and the partner-link pause travel inside the restore
itself: an older backup never switches safety mode off. After a restore the upload box is emptied
(a new key for each round), so the same file can't be restored twice by a stray press.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from content.messages import t
from guide import formatting
from guide.restore import Row, compare, contents, lost_words, outcome_words
from guide.safety import escape_markdown
from records import backup as backup_records
from records.backup import TABLES
from storage.backup import Backup, parse_backup
from storage.errors import BackupError, StorageError, StorageUnavailable
from storage.store import PRIVATE
from ui import feedback
from ui.context import Here
from ui.safety import state as safety_state

RESTORED, UPLOAD_ROUND = "my_data_restored", "my_data_upload_round"
CONFIRM = "my_data_confirm"
WHERE = "my_data_restoring"


def _readable(exported: str) -> str:
    """The backup is readable, and when it was made ("on 3 March 2026"), or that it can't tell."""
    day = formatting.read_day(exported)
    if day is None:
        return t("This backup is readable. It was made at a time it doesn't say clearly.")
    return t("This backup is readable. It was made on {date}.", date=formatting.date_words(day))


def _comparison(rows: list[Row]) -> None:
    """Each kind of thing: what the backup holds, what is here now, and what a restore does."""
    shown = [row for row in rows if row.outcome != "none"]
    with st.container(border=True, key="my_data_compare"):
        st.markdown(t("**What this backup brings back, beside what your space holds now**"))
        if not shown:
            st.caption(
                t("Neither the backup nor your space holds any answers, scripts or plans yet.")
            )
        for row in shown:
            lines = (
                f"**{row.topic}** · {outcome_words(row.outcome)}",
                t("In the backup: {words}", words=escape_markdown(row.backup)),
                t("In your space now: {words}", words=escape_markdown(row.now)),
            )
            st.markdown("  \n".join(lines))


def _restore(place: Here, backup: Backup, safety_on: bool, round_: int) -> None:
    """Replace the space with the backup now; on a fault, say so here and replace nothing."""
    # Safety mode and the pause travel inside the restore itself, not after it.
    tables = backup_records.ready_to_restore(place.private, backup.tables, safety_on)
    try:
        place.store.restore_backup(place.access, replace(backup, tables=tables))
    except (StorageError, OSError) as exc:
        message = exc.message if isinstance(exc, StorageError) else None
        feedback.leave(WHERE, message or StorageUnavailable.message, ok=False)
        feedback.show(WHERE)  # right here, in this run, under the button
        return
    st.session_state[RESTORED] = (
        t(
            "Your backup is restored. Safety mode stays on, and your partner links stay switched off."
        )
        if safety_on
        else t("Your backup is restored.")
    )
    st.session_state[UPLOAD_ROUND] = round_ + 1
    st.session_state.pop(CONFIRM, None)
    st.rerun()


def _checked(place: Here, backup: Backup, round_: int) -> None:
    """A readable backup: what it holds beside what is here, what it replaces, and the confirm."""
    rows = compare(
        contents(backup.tables.get(PRIVATE, {}), TABLES),
        contents(backup_records.private_now(place.private), TABLES),
    )
    st.success(_readable(backup.exported), icon=":material/check_circle:")
    _comparison(rows)
    gone = lost_words(rows)
    if gone:
        replaces = t(
            "Restoring replaces everything now in your space with the backup's contents, so "
            "{lost} would be removed: the backup has none. Your links stay as they are.",
            lost=formatting.join_and(gone),
        )
    else:
        replaces = t(
            "Restoring replaces everything now in your space with the backup's contents. Your "
            "links stay as they are."
        )
    st.warning(replaces, icon=":material/warning:")
    safety_on = safety_state.mode(place).on
    if safety_on:
        # Said before anything is replaced: an older backup holds older safety answers, which
        # would otherwise switch safety mode off and partner links back on.
        st.info(
            t(
                "**Safety mode stays on.** This backup may be from before safety mode came on. "
                "Restoring it keeps safety mode on, and your partner links stay switched off. "
                "Only taking the quiz's safety questions again can switch it off."
            ),
            icon=":material/health_and_safety:",
        )
    confirmed = st.checkbox(t("I understand that my current data will be replaced"), key=CONFIRM)
    if confirmed and st.button(t("Restore this backup"), type="primary", key="my_data_restore"):
        _restore(place, backup, safety_on, round_)


def restore(place: Here) -> None:
    """Choose a backup file; it is checked and compared before anything is replaced."""
    st.subheader(t("Restore from a backup"))
    st.write(
        t(
            "Choose a backup file. We check it first and show what it holds beside what your "
            "space holds now; nothing is replaced until you confirm."
        )
    )
    restored = st.session_state.pop(RESTORED, None)
    if restored:
        st.success(restored, icon=":material/check_circle:")
    # A new key for each restore empties the box, so the same file can't be restored twice.
    round_ = st.session_state.get(UPLOAD_ROUND, 0)
    upload = st.file_uploader(
        t("Backup file"),
        type=["json"],
        key="my_data_upload" if not round_ else f"my_data_upload_{round_}",
        max_upload_size=5,
        help=t("An Open Door backup is a .json file of at most 5 MB."),
    )
    if upload is None:
        return
    try:
        backup = parse_backup(upload.getvalue())
    except BackupError as exc:
        st.error(exc.message, icon=":material/error:")
        return
    _checked(place, backup, round_)

"""The *Saved versions* view: save the draft as a named version; load, rename or delete versions.

A version is a snapshot of the working draft with a name and a date (:mod:`records.script`, table
of versions; the share page offers their invitations to a partner link). Loading one replaces the
working draft (it asks first when the builder has words in no saved version) and opens *Build*;
deleting asks first; the working draft stays as it is either way.

Every button acts in its callback (guarded: a tab whose link no longer opens the space saves
nothing). What a callback has to say goes through :mod:`ui.feedback`: under the form it came from,
or in the version's own box; a version loaded or deleted is confirmed at the top of the page
(``state.PAGE``), since its box is not drawn on the coming run.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from content.messages import t, tn
from guide import formatting
from guide.limits import limit_hint, too_long
from guide.safety import escape_markdown
from guide.script import ScriptDraft
from records import script as script_records
from records.script import Version, Working
from storage.errors import StorageError
from ui import clock, feedback
from ui.callbacks import guarded
from ui.context import Here
from ui.script import state
from ui.script.view_picker import open_next

NAME_CHARS = 80
CONFIRM_DELETE = "script_confirm_delete"
CONFIRM_LOAD = "script_confirm_load"
VERSION_NEW, VERSION_OVER = "script_version_new", "script_version_over"  # feedback places
CUT_ICON = ":material/content_cut:"


def _row_place(vid: str) -> str:
    """Where a version's own box shows what its buttons left to say."""
    return f"script_version_{vid}"


def default_name(count: int, today: date) -> str:
    """A name for the next version, e.g. 'Version 2 — 12 Nov'."""
    return t("Version {number} — {date}", number=count + 1, date=formatting.day_month(today))


def same_words(a: ScriptDraft, b: ScriptDraft) -> bool:
    """True when two drafts say the same things (names aside)."""
    return replace(a, name="") == replace(b, name="")


def _typed_name(key: str) -> str:
    typed = st.session_state.get(key)
    return typed.strip() if isinstance(typed, str) else ""


# --- the view ------------------------------------------------------------------------------------


def show(place: Here) -> None:
    """Save the current draft as a named version; list the versions to load, rename or delete."""
    cur = state.current(place)
    draft, working = cur.draft, cur.working
    versions, damaged = script_records.versions(place.private)
    st.subheader(t("Save a version"), anchor=False)
    st.markdown(
        t(
            "A version is a snapshot of your plan with a name and a date. Keep as many as you "
            "like: one for a quiet Sunday, a shorter one for a text."
        )
    )
    empty = draft == ScriptDraft()
    current = next((v for v in versions if working and v.id == working.version_id), None)
    if current is not None and not empty:
        st.caption(t("You're working from “{name}”.", name=escape_markdown(current.name)))
        if not same_words(current.draft, draft):
            st.button(
                t("Save my changes to “{name}”", name=current.name),
                key="script_version_update",
                icon=":material/save:",
                on_click=_on_save_over,
                args=(place, current),
            )
    feedback.show(VERSION_OVER)
    with st.form("script_version_form", border=True):
        default = default_name(len(versions), clock.today())
        name_key = f"script_version_name_{len(versions)}"
        st.text_input(t("Name"), value=default, key=name_key, help=limit_hint(NAME_CHARS))
        if empty:
            st.caption(t("There's nothing to save yet: fill in a step under *Build* first."))
        st.form_submit_button(
            t("Save as a new version"),
            key="script_version_save",
            type="primary",
            icon=":material/bookmark_add:",
            disabled=empty,
            on_click=_on_save_new,
            args=(place, name_key, default),
        )
    feedback.show(VERSION_NEW)

    st.subheader(t("Saved versions"), anchor=False)
    if damaged:
        st.info(
            tn(
                "{count} saved version couldn't be read, so it is left out. Everything else "
                "is fine.",
                "{count} saved versions couldn't be read, so they are left out. Everything "
                "else is fine.",
                damaged,
            ),
            icon=":material/info:",
        )
    if not versions:
        st.caption(t("No saved versions yet."))
        return
    dirty = (
        working is not None and not empty and not any(same_words(v.draft, draft) for v in versions)
    )
    for version in versions:
        _version_row(place, version, working, dirty)


def _version_row(place: Here, version: Version, working: Working | None, dirty: bool) -> None:
    vid = version.id
    with st.container(border=True, key=f"script_version_{vid}"):
        st.markdown(f"**{escape_markdown(version.name)}**")
        moment = formatting.moment_words(clock.local(version.saved_at))
        if working and working.version_id == vid:
            st.caption(t("Saved {moment} · in the builder now", moment=moment))
        else:
            st.caption(t("Saved {moment}", moment=moment))
        with st.container(horizontal=True, key=f"script_version_actions_{vid}"):
            if dirty:  # words in no saved version: ask before they are replaced
                st.button(
                    t("Load"),
                    key=f"script_load_{vid}",
                    icon=":material/edit_note:",
                    on_click=_confirming,
                    args=(CONFIRM_LOAD, vid),
                )
            else:
                st.button(
                    t("Load"),
                    key=f"script_load_{vid}",
                    icon=":material/edit_note:",
                    on_click=_on_load,
                    args=(place, version),
                )
            with (
                st.popover(t("Rename"), icon=":material/edit:", key=f"script_rename_pop_{vid}"),
                st.form(f"script_rename_form_{vid}", border=False),
            ):
                st.text_input(
                    t("New name"),
                    value=version.name,
                    key=f"script_rename_{vid}",
                    help=limit_hint(NAME_CHARS),
                )
                st.form_submit_button(
                    t("Rename"),
                    key=f"script_rename_save_{vid}",
                    on_click=_on_rename,
                    args=(place, version),
                )
            st.button(
                t("Delete"),
                key=f"script_delete_{vid}",
                icon=":material/delete:",
                on_click=_confirming,
                args=(CONFIRM_DELETE, vid),
            )
        feedback.show(_row_place(vid))
        if st.session_state.get(CONFIRM_LOAD) == vid:
            _confirm_load(place, version)
        if st.session_state.get(CONFIRM_DELETE) == vid:
            _confirm_delete(place, version)


def _confirming(asking: str, vid: str | None) -> None:
    """Ask (or stop asking) to confirm a load or a delete of version ``vid``."""
    st.session_state[asking] = vid


def _confirm_load(place: Here, version: Version) -> None:
    st.warning(
        t(
            "Your plan in the builder has changes that aren't in a saved version. Loading "
            "“{name}” will replace them. You could save them as a version first.",
            name=escape_markdown(version.name),
        ),
        icon=":material/info:",
    )
    with st.container(horizontal=True, key=f"script_confirm_load_row_{version.id}"):
        st.button(
            t("Load anyway"),
            key=f"script_load_yes_{version.id}",
            type="primary",
            on_click=_on_load_anyway,
            args=(place, version),
        )
        st.button(
            t("Cancel"),
            key=f"script_load_no_{version.id}",
            on_click=_confirming,
            args=(CONFIRM_LOAD, None),
        )


def _confirm_delete(place: Here, version: Version) -> None:
    st.warning(
        t(
            "Delete “{name}”? This can't be undone. Your plan in the builder stays as it is.",
            name=escape_markdown(version.name),
        ),
        icon=":material/delete:",
    )
    with st.container(horizontal=True, key=f"script_confirm_delete_row_{version.id}"):
        st.button(
            t("Yes, delete it"),
            key=f"script_delete_yes_{version.id}",
            type="primary",
            on_click=_on_delete,
            args=(place, version),
        )
        st.button(
            t("Keep it"),
            key=f"script_delete_no_{version.id}",
            on_click=_confirming,
            args=(CONFIRM_DELETE, None),
        )


# --- the callbacks (they run before the page is drawn) -------------------------------------------


@feedback.saves(VERSION_NEW)
def _on_save_new(place: Here, name_key: str, default: str) -> str | None:
    """Save the working draft as a new version, named as typed (or the default name)."""
    name = _typed_name(name_key)
    long = too_long(name, NAME_CHARS)
    if long is not None:  # nothing saved; the name stays in its box
        feedback.leave(VERSION_NEW, long, ok=False, icon=CUT_ICON)
        return None
    name = name or default
    cur = state.current(place)
    version_id = script_records.save_version(place.private, name, cur.draft)
    state.store(place, cur, replace(cur.draft, name=name), version_id=version_id)
    return t("Saved as “{name}”.", name=name)


@feedback.saves(VERSION_OVER)
def _on_save_over(place: Here, version: Version) -> str:
    """Put the working draft's words into the version it was loaded from (its name stays)."""
    cur = state.current(place)
    script_records.update_version(place.private, version, cur.draft)
    state.store(place, cur, replace(cur.draft, name=version.name), version_id=version.id)
    return t("Saved your changes to “{name}”.", name=version.name)


def _load(place: Here, version: Version) -> None:
    """Make ``version`` the working draft and open *Build* (the link was checked just now)."""
    cur = state.current(place)
    try:
        script_records.write_working(place.private, version.draft, cur.quiz_at, version.id)
    except StorageError as exc:
        feedback.leave(_row_place(version.id), exc.message, ok=False)
        return
    # The widgets still show the old draft: leaving SYNCED alone makes the next run push.
    open_next("build")
    feedback.leave(state.PAGE, t("Loaded “{name}” into the builder.", name=version.name))


@guarded
def _on_load(place: Here, version: Version) -> None:
    _load(place, version)


@guarded
def _on_load_anyway(place: Here, version: Version) -> None:
    st.session_state.pop(CONFIRM_LOAD, None)
    _load(place, version)


@guarded
def _on_rename(place: Here, version: Version) -> None:
    """Give the version the name typed in its popover (its date and words stay)."""
    where = _row_place(version.id)
    name = _typed_name(f"script_rename_{version.id}")
    if not name:
        feedback.leave(
            where,
            t("A version needs a name: nothing was changed."),
            remark=True,
            icon=":material/edit:",
        )
        return
    long = too_long(name, NAME_CHARS)
    if long is not None:
        feedback.leave(where, long, ok=False, icon=CUT_ICON)
        return
    try:
        script_records.rename_version(place.private, version, name)
    except StorageError as exc:
        feedback.leave(where, exc.message, ok=False)
        return
    feedback.leave(where, t("Renamed to “{name}”.", name=name))


@guarded
def _on_delete(place: Here, version: Version) -> None:
    """Delete the version for good (the working draft stays)."""
    try:
        script_records.delete_version(place.private, version)
    except StorageError as exc:
        feedback.leave(_row_place(version.id), exc.message, ok=False)
        return
    st.session_state.pop(CONFIRM_DELETE, None)
    feedback.leave(state.PAGE, t("Deleted “{name}”.", name=version.name))

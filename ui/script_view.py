"""The script builder's finished-script side: output, practice and saved versions.

Storage is :mod:`records.script` (the working draft, the saved versions; its docstring lists the
tables), read fresh on every run so a new session resumes where the last one stopped.

Everything the user wrote is shown inert: ``st.text``/``st.code``, or Markdown escaped with
``guide.safety.escape_markdown`` (``Script.full_markdown`` is escaped already). The only HTML here
is two static style sheets (large type for practice, a clean printout) with no user text in them.

In safety mode the page draws only :func:`safety_instead`: why the builder is paused, and the way
to the Safety page, a hotline advocate and support of one's own.

Buttons that save or ask for a confirmation act in their ``on_click`` callbacks, so the page is
drawn once, already changed; what a callback has to say in place goes through :func:`note`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Literal

import streamlit as st

from content import resources
from content.script import SafetyInstead
from guide import formatting
from guide.limits import limit_hint, too_long
from guide.safety import escape_markdown
from guide.script import Script, ScriptDraft
from guide.tone import Flag, advice
from records import quiz as quiz_records
from records import script as script_records
from records.quiz import Entry
from records.script import Version, Working
from storage.errors import StorageError
from ui import clock, pages
from ui.callbacks import guarded
from ui.context import Here
from ui.safety import resources as safety_resources

NAME_CHARS = 80
SAFETY_PAGE, GOING_ALONE = pages.path("safety"), pages.path("going_alone")

PRACTICE_STATE = "script_practice_step"
CONFIRM_DELETE = "script_confirm_delete"
CONFIRM_LOAD = "script_confirm_load"
NOTE = "script_note"  # (where, kind, icon, words): what a callback wants said where it happened

# Static CSS only. The practice words get large type; a printout keeps only the script.
_PRACTICE_CSS = """<style>
.st-key-script_practice_words [data-testid="stMarkdownContainer"] p {
  font-size: 1.7rem; line-height: 1.45; margin-bottom: 0.8rem;
}
</style>"""
_PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], #od-quick-exit { display: none !important; }
  .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  .stMainBlockContainer { overflow: visible !important; height: auto !important; }
  /* Print the script whichever tab is open: its tab panel is shown, everything else hidden. */
  [data-testid="stTabPanel"]:has(.st-key-script_print) { display: block !important; }
  body * { visibility: hidden; }
  .st-key-script_print, .st-key-script_print * { visibility: visible; }
  .st-key-script_print {
    position: absolute; left: 0; top: 0; width: 100%; border: none !important;
  }
}
</style>"""


# --- time ----------------------------------------------------------------------------------------


def now_iso() -> str:
    """The current moment as an ISO string in UTC, for storage."""
    return datetime.now(UTC).isoformat()


def when(moment: datetime) -> str:
    """'12 Nov 2026, 14:05' in the user's time zone."""
    return formatting.moment_words(clock.local(moment))


def default_version_name(count: int, today: date) -> str:
    """A name for the next version, e.g. 'Version 2 — 12 Nov'."""
    return f"Version {count + 1} — {formatting.day_month(today)}"


# --- the working draft ---------------------------------------------------------------------------


def read_working(place: Here) -> Working | None:
    """The stored working draft, or None before the first save (damage is repaired, not raised)."""
    return script_records.read_working(place.private)


def write_working(place: Here, draft: ScriptDraft, quiz_at: str, version_id: str) -> str:
    """Store the working draft; return its new ``updated_at``."""
    return script_records.write_working(place.private, draft, quiz_at, version_id)


def clear_working(place: Here) -> None:
    """Remove the working draft (saved versions stay)."""
    script_records.clear_working(place.private)


def latest_quiz(place: Here) -> Entry | None:
    """The newest readable quiz result; damaged ones are skipped quietly."""
    return quiz_records.latest(place.private)


# --- saved versions ------------------------------------------------------------------------------


def read_versions(place: Here) -> tuple[list[Version], int]:
    """The readable versions, newest first, and how many were too damaged to read."""
    return script_records.versions(place.private)


def save_version(place: Here, name: str, draft: ScriptDraft) -> str:
    """Store a new version under a random id and return the id."""
    return script_records.save_version(place.private, name, draft)


def update_version(place: Here, version: Version, draft: ScriptDraft) -> None:
    """Replace a version's words with ``draft`` (its name stays)."""
    script_records.update_version(place.private, version, draft)


def rename_version(place: Here, version: Version, name: str) -> None:
    """Give a version a new name; its date and words stay as they were."""
    script_records.rename_version(place.private, version, name)


def same_words(a: ScriptDraft, b: ScriptDraft) -> bool:
    """True when two drafts say the same things (names aside)."""
    return replace(a, name="") == replace(b, name="")


# --- what a callback leaves to say --------------------------------------------------------------


def note(where: str, words: str, icon: str, kind: Literal["info", "warning"] = "warning") -> None:
    """Leave ``words`` for the coming run to show at ``where`` (a callback can't draw in place)."""
    st.session_state[NOTE] = (where, kind, icon, words)


def show_note(where: str) -> None:
    """Show, once, what a callback left to say at ``where``."""
    found = st.session_state.get(NOTE)
    if not (isinstance(found, tuple) and len(found) == 4 and found[0] == where):
        return
    st.session_state.pop(NOTE, None)
    _where, kind, icon, words = found
    (st.info if kind == "info" else st.warning)(words, icon=icon)


# --- tone tips -----------------------------------------------------------------------------------


def show_flags(flags: Sequence[Flag]) -> None:
    """Each phrase that may backfire, why, and a gentler way to say it. Advice, never a block.

    The same advice comes once, naming every phrase it is about (see ``guide.tone.advice``).
    """
    for tip in advice(flags):
        phrases = ", ".join(f"**“{escape_markdown(p)}”**" for p in tip.phrases)
        st.warning(
            f"{phrases} — {tip.why}  \n**Try instead:** {tip.rewrite}",
            icon=":material/lightbulb:",
        )


# --- output --------------------------------------------------------------------------------------


def _smaller_headings(markdown: str, levels: int) -> str:
    """Push our headings down ``levels`` steps; the user's own '#' is escaped, so never touched."""
    lines = []
    for line in markdown.split("\n"):
        if line.startswith("#"):
            line = "#" * levels + line
        lines.append(line)
    return "\n".join(lines)


def _copy_box(text: str, key: str) -> None:
    with st.expander("Copy as plain text", icon=":material/content_copy:", key=key):
        st.caption("Use the copy button at the top right of the box.")
        st.code(text, language=None, wrap_lines=True)


def empty_state(go_build: Callable[[], None]) -> None:
    """What shows before any step has words in it."""
    with st.container(border=True, key="script_empty"):
        st.markdown("**Your plan is empty for now, and that's fine.**")
        st.markdown(
            "Fill in any step under *Build*, even just one line, and your plan will appear here."
        )
        st.button("Start building", key="script_empty_build", on_click=go_build, type="primary")


def show_output(script: Script, tips: int, go_build: Callable[[], None]) -> None:
    """Talking points, the full script, the invitation and a printout, with downloads."""
    if script.is_empty:
        empty_state(go_build)
        return
    if tips:
        st.caption(
            f":material/lightbulb: The tone check has {tips} suggestion{'s' if tips > 1 else ''} "
            "for you under *Build*. They're only ideas; your words are yours."
        )
    points, full, invitation, printable = st.tabs(
        ["Talking points", "Full script", "Invitation", "Print view"], key="script_output_tabs"
    )
    with points:
        st.caption("One short line per step, to glance at on your phone.")
        st.markdown("\n".join(f"- {escape_markdown(p)}" for p in script.talking_points))
        _copy_box("\n".join(f"• {p}" for p in script.talking_points), "script_copy_points")
    with full:
        st.markdown(_smaller_headings(script.full_markdown, 2))
        _copy_box(script.full_text, "script_copy_full")
    with invitation:
        _invitation(script)
    with printable:
        st.html(_PRINT_CSS)
        st.caption(
            ":material/print: Use your browser's Print (Ctrl+P, or ⌘P on a Mac). Only the "
            "script below goes on the page."
        )
        with st.container(border=True, key="script_print"):
            st.markdown(_smaller_headings(script.full_markdown, 1))
    _downloads(script)


def _invitation(script: Script) -> None:
    if not script.invitation:
        st.info(
            "Fill in *Make one clear ask* or *Offer a small first step* under Build, and a "
            "short invitation appears here.",
            icon=":material/mail:",
        )
        return
    st.caption("A short note you could send, or read aloud. Change any word you like.")
    with st.container(border=True, key="script_invitation"):
        st.markdown(escape_markdown(script.invitation))
    _copy_box(script.invitation, "script_copy_invitation")


def _downloads(script: Script) -> None:
    stamp = clock.today().isoformat()
    with st.container(horizontal=True, key="script_downloads"):
        st.download_button(
            "Download as Markdown",
            data=script.full_markdown,
            file_name=f"conversation-plan-{stamp}.md",
            mime="text/markdown",
            icon=":material/download:",
            key="script_download_md",
            on_click="ignore",
        )
        st.download_button(
            "Download as plain text",
            data=script.full_text,
            file_name=f"conversation-plan-{stamp}.txt",
            mime="text/plain",
            icon=":material/download:",
            key="script_download_txt",
            on_click="ignore",
        )
    st.caption(
        "A downloaded file lands in your Downloads folder. On a shared device, move it "
        "somewhere private or delete it when you're done."
    )


# --- safety mode ---------------------------------------------------------------------------------

ADVOCATE_ID = "us-ndvh"  # the hotline with advocates; the Safety page has other countries


def safety_instead(words: SafetyInstead, has_words: bool) -> None:
    """Safety mode: instead of the builder, why it is paused and what helps (no coaching at all).

    Nothing of the draft, its steps, suggestions, examples, practice, downloads or saved versions
    is drawn, so no words toward asking the partner into joint therapy reach the screen.
    """
    with st.container(border=True, key="script_safety_instead"):
        st.subheader(words.title, anchor=False)
        for line in words.why:
            st.markdown(line)
    st.subheader(words.helps_title, anchor=False)
    st.markdown(words.safety_page)
    st.page_link(SAFETY_PAGE, label=words.safety_link, icon=":material/health_and_safety:")
    st.markdown(words.advocate)
    advocate = next((r for r in resources.us_resources() if r.id == ADVOCATE_ID), None)
    if advocate is not None:
        safety_resources.resource_card(advocate, "script_advocate")
    st.markdown(words.individual)
    st.page_link(GOING_ALONE, label=words.individual_link, icon=":material/self_improvement:")
    if has_words:
        st.caption(f":material/lock: {words.kept}")


# --- practice ------------------------------------------------------------------------------------


def _set_practice(index: int) -> None:
    st.session_state[PRACTICE_STATE] = index


def show_practice(script: Script, go_build: Callable[[], None]) -> None:
    """One step at a time in large type, to rehearse out loud."""
    if script.is_empty:
        empty_state(go_build)
        return
    st.html(_PRACTICE_CSS)
    total = len(script.steps)
    raw = st.session_state.get(PRACTICE_STATE, 0)
    index = min(max(raw if isinstance(raw, int) else 0, 0), total - 1)
    title, body = script.steps[index]
    st.caption(
        "Read each step out loud, in your own voice. Say it a few times until it feels like you."
    )
    st.progress((index + 1) / total, text=f"Step {index + 1} of {total}")
    with st.container(border=True, key="script_practice_card"):
        st.markdown(f"**{escape_markdown(title)}**")
        with st.container(key="script_practice_words"):
            for line in body.split("\n"):
                st.markdown(escape_markdown(line.removeprefix("- ")))
    with st.container(horizontal=True, key="script_practice_nav"):
        st.button(
            "Previous",
            key="script_practice_prev",
            icon=":material/arrow_back:",
            disabled=index == 0,
            on_click=_set_practice,
            args=(index - 1,),
        )
        st.button(
            "Next",
            key="script_practice_next",
            icon=":material/arrow_forward:",
            icon_position="right",
            type="primary",
            disabled=index == total - 1,
            on_click=_set_practice,
            args=(index + 1,),
        )
        if index == total - 1:
            st.button(
                "Start again",
                key="script_practice_restart",
                icon=":material/replay:",
                on_click=_set_practice,
                args=(0,),
            )


# --- saved versions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionActions:
    """What the versions list asks the page to do (the page owns the working draft)."""

    save_new: Callable[[str], None]
    save_over: Callable[[Version], None]
    load: Callable[[Version], None]


def show_versions(
    place: Here, draft: ScriptDraft, working: Working | None, actions: VersionActions
) -> None:
    """Save the current draft as a named version; list the versions to load, rename or delete."""
    versions, damaged = read_versions(place)
    st.subheader("Save a version", anchor=False)
    st.markdown(
        "A version is a snapshot of your plan with a name and a date. Keep as many as you like: "
        "one for a quiet Sunday, a shorter one for a text."
    )
    empty = draft == ScriptDraft()
    current = next((v for v in versions if working and v.id == working.version_id), None)
    if current is not None and not empty:
        changed = not same_words(current.draft, draft)
        st.caption(f"You're working from “{escape_markdown(current.name)}”.")
        if changed:
            st.button(
                f"Save my changes to “{current.name}”",
                key="script_version_update",
                icon=":material/save:",
                on_click=actions.save_over,
                args=(current,),
            )
        show_note("version_over")
    with st.form("script_version_form", border=True):
        default = default_version_name(len(versions), clock.today())
        name_key = f"script_version_name_{len(versions)}"
        st.text_input("Name", value=default, key=name_key, help=limit_hint(NAME_CHARS))
        if empty:
            st.caption("There's nothing to save yet: fill in a step under *Build* first.")
        st.form_submit_button(
            "Save as a new version",
            key="script_version_save",
            type="primary",
            icon=":material/bookmark_add:",
            disabled=empty,
            on_click=_save_new,
            args=(actions, name_key, default),
        )
    show_note("version_new")

    st.subheader("Saved versions", anchor=False)
    if damaged:
        st.info(
            f"{damaged} saved version{'s' if damaged > 1 else ''} couldn't be read, so "
            f"{'they are' if damaged > 1 else 'it is'} left out. Everything else is fine.",
            icon=":material/info:",
        )
    if not versions:
        st.caption("No saved versions yet.")
        return
    dirty = (
        working is not None and not empty and not any(same_words(v.draft, draft) for v in versions)
    )
    for version in versions:
        _version_row(place, version, working, dirty, actions)


def _save_new(actions: VersionActions, name_key: str, default: str) -> None:
    typed = st.session_state.get(name_key)
    name = typed.strip() if isinstance(typed, str) else ""
    long = too_long(name, NAME_CHARS)
    if long is not None:  # nothing saved; the name stays in its box
        note("version_new", long, ":material/content_cut:")
        return
    actions.save_new(name or default)


def _version_row(
    place: Here, version: Version, working: Working | None, dirty: bool, actions: VersionActions
) -> None:
    vid = version.id
    with st.container(border=True, key=f"script_version_{vid}"):
        st.markdown(f"**{escape_markdown(version.name)}**")
        note = " · in the builder now" if working and working.version_id == vid else ""
        st.caption(f"Saved {when(version.saved_at)}{note}")
        with st.container(horizontal=True, key=f"script_version_actions_{vid}"):
            st.button(
                "Load",
                key=f"script_load_{vid}",
                icon=":material/edit_note:",
                on_click=_ask_load if dirty else actions.load,
                args=(version,),
            )
            with (
                st.popover("Rename", icon=":material/edit:", key=f"script_rename_pop_{vid}"),
                st.form(f"script_rename_form_{vid}", border=False),
            ):
                st.text_input(
                    "New name",
                    value=version.name,
                    key=f"script_rename_{vid}",
                    help=limit_hint(NAME_CHARS),
                )
                st.form_submit_button(
                    "Rename",
                    key=f"script_rename_save_{vid}",
                    on_click=_rename,
                    args=(place, version),
                )
            st.button(
                "Delete",
                key=f"script_delete_{vid}",
                icon=":material/delete:",
                on_click=_confirming,
                args=(CONFIRM_DELETE, vid),
            )
        show_note(f"version_{vid}")
        if st.session_state.get(CONFIRM_LOAD) == vid:
            _confirm_load(version, actions)
        if st.session_state.get(CONFIRM_DELETE) == vid:
            _confirm_delete(place, version)


def _confirming(state: str, vid: str | None) -> None:
    """Ask (or stop asking) to confirm a load or a delete of version ``vid``."""
    st.session_state[state] = vid


def _ask_load(version: Version) -> None:
    _confirming(CONFIRM_LOAD, version.id)


@guarded
def _rename(place: Here, version: Version) -> None:
    typed = st.session_state.get(f"script_rename_{version.id}")
    name = typed.strip() if isinstance(typed, str) else ""
    if not name:
        note(
            f"version_{version.id}",
            "A version needs a name: nothing was changed.",
            ":material/edit:",
            "info",
        )
        return
    long = too_long(name, NAME_CHARS)
    if long is not None:
        note(f"version_{version.id}", long, ":material/content_cut:")
        return
    try:
        rename_version(place, version, name)
    except StorageError as exc:
        note(f"version_{version.id}", exc.message, ":material/cloud_off:")
        return
    st.session_state["script_flash"] = f"Renamed to “{name}”."


def _confirm_load(version: Version, actions: VersionActions) -> None:
    st.warning(
        "Your plan in the builder has changes that aren't in a saved version. Loading "
        f"“{escape_markdown(version.name)}” will replace them. You could save them as a version "
        "first.",
        icon=":material/info:",
    )
    with st.container(horizontal=True, key=f"script_confirm_load_row_{version.id}"):
        st.button(
            "Load anyway",
            key=f"script_load_yes_{version.id}",
            type="primary",
            on_click=_load_anyway,
            args=(actions, version),
        )
        st.button(
            "Cancel",
            key=f"script_load_no_{version.id}",
            on_click=_confirming,
            args=(CONFIRM_LOAD, None),
        )


def _load_anyway(actions: VersionActions, version: Version) -> None:
    st.session_state.pop(CONFIRM_LOAD, None)
    actions.load(version)


def _confirm_delete(place: Here, version: Version) -> None:
    st.warning(
        f"Delete “{escape_markdown(version.name)}”? This can't be undone. Your plan in the builder "
        "stays as it is.",
        icon=":material/delete:",
    )
    with st.container(horizontal=True, key=f"script_confirm_delete_row_{version.id}"):
        st.button(
            "Yes, delete it",
            key=f"script_delete_yes_{version.id}",
            type="primary",
            on_click=_delete,
            args=(place, version),
        )
        st.button(
            "Keep it",
            key=f"script_delete_no_{version.id}",
            on_click=_confirming,
            args=(CONFIRM_DELETE, None),
        )


@guarded
def _delete(place: Here, version: Version) -> None:
    try:
        script_records.delete_version(place.private, version)
    except StorageError as exc:
        note(f"version_{version.id}", exc.message, ":material/cloud_off:")
        return
    st.session_state.pop(CONFIRM_DELETE, None)
    st.session_state["script_flash"] = f"Deleted “{version.name}”."

"""Safety: help right now, when couples therapy is not the right step, safety mode, a private
safety plan, and staying private on this device.

Written for someone who may be frightened and reading on a phone: the numbers come first, as
buttons a phone can dial, and each section is short and headed.

The safety plan is the only thing this page stores, and only when the user chose "keep it in the
app" before saving (:mod:`records.safety` keeps it, with ``keep_in_app`` True). "Only download it" keeps the plan in this session's memory until the file is
taken, then clears it; nothing reaches storage. The plan form's widgets are filled from storage
when the page opens, so a new session shows the kept plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from content import resources as res
from content import safety as safety_content
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.safety import (
    FEATURES,
    SafetyPlan,
    safety_plan_markdown,
)
from records import safety as safety_records
from storage.errors import StorageError
from ui import pages, safety_view
from ui.callbacks import fresh_data, guarded, refused_download
from ui.context import Here, here
from ui.safety import state as safety_state

KEEP, DOWNLOAD = "keep", "download"
CONTACT_ROWS = 4
# A plain name: a file called "safety plan" in a shared downloads folder would say too much.
DOWNLOAD_NAME = "notes.md"

K_WHERE = "safety_plan_where"
K_SAFE_PLACE = "safety_plan_safe_place"
K_LOCAL = "safety_plan_local_services"
K_INCIDENTS = "safety_plan_incidents"
K_PENDING = "safety_plan_pending"  # Markdown waiting to be downloaded; session memory only
K_NOTICE = "safety_plan_notice"
K_CONFIRM_DELETE = "safety_plan_confirm_delete"
K_MODE_NOTICE = "safety_mode_notice"
# Each box takes any length; the save refuses one over its limit and says how much to cut.
PLACE_LIMIT, CONTACT_LIMIT, NOTES_LIMIT = 4000, 200, 10000

WORDS = safety_content.load()


def _bag_key(item_id: str) -> str:
    return f"safety_plan_bag_{item_id}"


def _name_key(row: int) -> str:
    return f"safety_plan_contact_name_{row}"


def _how_key(row: int) -> str:
    return f"safety_plan_contact_how_{row}"


# --- the plan in storage and in the form -------------------------------------------------------


def _kept(place: Here) -> tuple[SafetyPlan | None, int | None]:
    """The plan kept in the app and its document id, or (None, None)."""
    found = safety_records.kept_plan(place.private)
    if found is None:
        return None, None
    if found.plan is None:
        st.warning(
            "We couldn't read the plan kept in the app, so the form below starts empty. "
            "Saving a plan in the app will replace the one we couldn't read.",
            icon=":material/restore:",
        )
        return None, None
    return found.plan, found.doc_id


def _kept_markdown(place: Here) -> str:
    """The kept plan as the file "Download a copy" gives, read when the button is pressed."""
    found = safety_records.kept_plan(place.private)
    if found is None or found.plan is None:
        raise LookupError("no readable plan is kept in the app")  # Streamlit then sends no file
    return safety_plan_markdown(found.plan)


def _form_values(plan: SafetyPlan | None) -> dict[str, Any]:
    """The widget values that show ``plan`` (an empty form for None)."""
    plan = plan or SafetyPlan()
    values: dict[str, Any] = {
        K_WHERE: KEEP if plan.keep_in_app else None,
        K_SAFE_PLACE: plan.safe_place,
        K_LOCAL: plan.local_services,
        K_INCIDENTS: plan.incident_notes,
    }
    ready = set(plan.bag)
    for item in WORDS.plan.bag_items:
        values[_bag_key(item.id)] = item.id in ready
    rows = max(CONTACT_ROWS, len(plan.contacts))
    for row in range(rows):
        name, how = plan.contacts[row] if row < len(plan.contacts) else ("", "")
        values[_name_key(row)] = name
        values[_how_key(row)] = how
    return values


def _contact_rows() -> int:
    row = CONTACT_ROWS
    while _name_key(row) in st.session_state:
        row += 1
    return row


def _plan_from_form(keep: bool) -> SafetyPlan:
    """The plan as the form holds it now, with empty contact rows left out."""
    state = st.session_state
    contacts = []
    for row in range(_contact_rows()):
        name, how = state.get(_name_key(row), ""), state.get(_how_key(row), "")
        if name.strip() or how.strip():
            contacts.append((name.strip(), how.strip()))
    return SafetyPlan(
        safe_place=state.get(K_SAFE_PLACE, ""),
        bag=tuple(i.id for i in WORDS.plan.bag_items if state.get(_bag_key(i.id))),
        contacts=tuple(contacts),
        local_services=state.get(K_LOCAL, ""),
        incident_notes=state.get(K_INCIDENTS, ""),
        keep_in_app=keep,
    )


def _fill_form(plan: SafetyPlan | None, overwrite: bool) -> None:
    """Put ``plan`` into the form's widgets (only the missing ones unless ``overwrite``)."""
    values = _form_values(plan)
    for key, value in values.items():
        if overwrite or key not in st.session_state:
            st.session_state[key] = value
    if overwrite:
        # Rows beyond the plan's own would otherwise keep an earlier plan's contacts on screen.
        row = max(CONTACT_ROWS, len((plan or SafetyPlan()).contacts))
        while _name_key(row) in st.session_state:
            st.session_state.pop(_name_key(row), None)
            st.session_state.pop(_how_key(row), None)
            row += 1


def _words(plan: SafetyPlan) -> dict[str, str]:
    """The plan's written words by box (ticks in the bag list are not words)."""
    words = {"safe_place": plan.safe_place, "local": plan.local_services}
    words["incidents"] = plan.incident_notes
    for row, (name, how) in enumerate(plan.contacts):
        words |= {f"name_{row}": name, f"how_{row}": how}
    return words


def _notice(kind: str, text: str) -> None:
    st.session_state[K_NOTICE] = (kind, text)


# --- callbacks: they run before the page, so they may reset the form's widgets ----------------


def _too_long() -> str | None:
    """How much to cut, when a box of the form holds more than it may; else None."""
    plan, state = WORDS.plan, st.session_state
    boxes = [(plan.safe_place.title, state.get(K_SAFE_PLACE) or "", PLACE_LIMIT)]
    for row in range(_contact_rows()):
        boxes.append((plan.contact_name_label, state.get(_name_key(row)) or "", CONTACT_LIMIT))
        boxes.append((plan.contact_how_label, state.get(_how_key(row)) or "", CONTACT_LIMIT))
    boxes.append((plan.local_services.title, state.get(K_LOCAL) or "", PLACE_LIMIT))
    boxes.append((plan.incidents.title, state.get(K_INCIDENTS) or "", NOTES_LIMIT))
    return first_too_long(boxes)


@guarded
def _on_submit(place: Here) -> None:
    long = _too_long()
    if long is not None:
        _notice("warning", f"{long} Nothing was saved.")
        return
    where = st.session_state.get(K_WHERE)
    if where not in (KEEP, DOWNLOAD):
        _notice(
            "warning",
            "Choose where your plan should live first (at the top of this section). Nothing was "
            "saved, and what you wrote is still here.",
        )
        return
    plan = _plan_from_form(keep=where == KEEP)
    kept, _ = _kept(place)
    if where == KEEP and kept is not None and would_erase(_words(kept), _words(plan)):
        # An empty form is not a wish to erase: the kept plan stays, and comes back on screen.
        _fill_form(kept, overwrite=True)
        _notice(
            "warning",
            "Every box was empty, so nothing was changed: your plan is kept in the app as it "
            "was. To remove it, use Delete it from the app, below the form.",
        )
        return
    if where == DOWNLOAD:
        # The box holding the download button is the confirmation; nothing else to say.
        st.session_state[K_PENDING] = safety_plan_markdown(plan)
        return
    try:
        safety_records.keep_plan(place.private, plan)
    except StorageError as exc:
        _notice("warning", exc.message)
        return
    st.session_state.pop(K_PENDING, None)
    _notice("success", "Your plan is saved in the app. Only your private link opens it.")


def _clear_here(place: Here, first: str) -> None:
    """Forget the pending download and put the form back to what the app keeps (maybe nothing)."""
    st.session_state.pop(K_PENDING, None)
    kept, _ = _kept(place)
    _fill_form(kept, overwrite=True)
    if kept is None:
        st.session_state[K_WHERE] = DOWNLOAD  # remember the choice for the next plan
        _notice("success", f"{first} Nothing was kept in the app, and this form is cleared.")
    else:
        _notice(
            "success",
            f"{first} The form shows the plan kept in the app again, unchanged; you can delete "
            "it below.",
        )


@guarded
def _after_download(place: Here) -> None:
    _clear_here(place, f"Downloaded as {DOWNLOAD_NAME}.")


@guarded
def _forget_pending(place: Here) -> None:
    _clear_here(place, "Cleared without downloading.")


def _ask_delete() -> None:
    st.session_state[K_CONFIRM_DELETE] = True


def _cancel_delete() -> None:
    st.session_state.pop(K_CONFIRM_DELETE, None)


@guarded
def _delete(place: Here, doc_id: int) -> None:
    st.session_state.pop(K_CONFIRM_DELETE, None)
    try:
        safety_records.delete_plan(place.private, doc_id)
    except StorageError as exc:
        _notice("warning", exc.message)
        return
    _fill_form(None, overwrite=True)
    _notice("success", "Your plan was deleted from the app.")


# --- sections ---------------------------------------------------------------------------------


def _bullets(lines: tuple[str, ...]) -> None:
    st.markdown("\n".join(f"- {line}" for line in lines))


def danger_section() -> None:
    """Help right now: 911 and the US lines, the quick exit, then other countries."""
    st.header("If you are in danger now", anchor="danger")
    st.write(
        "Call **911** in the United States, or your local emergency number. The helplines below "
        "are free and answer at any hour."
    )
    safety_view.danger_now("safety_us")
    st.subheader(res.words().outside_us_title, anchor="outside-us")
    safety_view.country_picker("safety")
    st.subheader(res.words().directories_title, anchor="directories")
    st.write("For any country, including the ones we don't list:")
    safety_view.directories("safety_dir")
    safety_view.how_checked(res.all_resources())


def not_appropriate_section() -> None:
    """The signs, why joint sessions can make things worse, and what helps instead."""
    na, instead = WORDS.not_appropriate, WORDS.instead
    st.header(na.title, anchor="not-appropriate")
    st.write(na.intro)
    _bullets(tuple(f"**{sign.title}.** {sign.text}" for sign in na.signs))
    st.subheader(na.why_title, anchor="why")
    _bullets(na.why)
    st.subheader(instead.title, anchor="instead")
    st.write(instead.intro)
    _bullets(tuple(f"**{option.title}.** {option.text}" for option in instead.options))
    st.caption(instead.partner_note)


def mode_section(place: Here) -> None:
    """Whether safety mode is on, why, what it changed, and how to switch it on or leave it."""
    gate = WORDS.gate
    current = safety_state.mode(place)
    st.header("Safety mode", anchor="safety-mode")
    notice = st.session_state.pop(K_MODE_NOTICE, None)
    if notice:
        st.success(notice, icon=":material/check_circle:")
    if current.on:
        st.markdown(f"**{gate.title}.** Here is why:")
        _bullets(current.why)
        st.markdown("**What it changes while it is on:**")
        _bullets(tuple(current.message(feature) for feature in FEATURES))
        st.write(gate.leave_hint)
        st.page_link(
            pages.path("quiz"),
            label="Take the safety questions again",
            icon=":material/quiz:",
        )
        return
    st.markdown(
        "**Safety mode is off.** If this is about your safety, you can switch it on now. Open "
        "Door will then put help first, stop suggesting couples therapy, hide the boundary step, "
        "and switch off partner links."
    )
    if st.button(gate.self_flag_label, key="safety_self_flag", icon=":material/shield:"):
        try:
            safety_state.set_self_flag(place)
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
            return
        st.session_state[K_MODE_NOTICE] = "Safety mode is switched on."
        # Rerun so the banner and the partner-link pause follow at once.
        st.rerun()


def _plan_section_text(title: str, help_lines: tuple[str, ...]) -> None:
    st.markdown(f"**{title}**")
    _bullets(help_lines)


def _choice(kept: SafetyPlan | None) -> None:
    choice = WORDS.save_choice
    st.subheader(choice.title, anchor="where")
    st.write(choice.intro)
    labels = {KEEP: choice.keep_label, DOWNLOAD: choice.download_label}
    st.radio(
        "Where should this plan live?",
        [KEEP, DOWNLOAD],
        format_func=labels.__getitem__,
        captions=[choice.keep_text, choice.download_text],
        index=None,
        key=K_WHERE,
        label_visibility="collapsed",
    )
    st.info(choice.shared_device_note, icon=":material/devices:")
    if kept is not None and st.session_state.get(K_WHERE) == DOWNLOAD:
        st.caption(
            "Your plan is still kept in the app. Downloading won't remove it; you can delete it "
            "below the form."
        )


def _form(place: Here) -> None:
    plan = WORDS.plan
    with st.form("safety_plan_form", border=True, enter_to_submit=False):
        _plan_section_text(plan.safe_place.title, plan.safe_place.help)
        st.text_area(
            plan.safe_place.title,
            key=K_SAFE_PLACE,
            placeholder=plan.safe_place.placeholder,
            label_visibility="collapsed",
            help=limit_hint(PLACE_LIMIT),
        )
        _plan_section_text(plan.bag.title, plan.bag.help)
        halves = st.columns(2)
        middle = (len(plan.bag_items) + 1) // 2
        for i, item in enumerate(plan.bag_items):
            halves[0 if i < middle else 1].checkbox(item.label, key=_bag_key(item.id), wrap=True)
        _plan_section_text(plan.contacts.title, plan.contacts.help)
        for row in range(_contact_rows()):
            name_col, how_col = st.columns(2)
            shown = "visible" if row == 0 else "collapsed"
            name_col.text_input(
                plan.contact_name_label,
                key=_name_key(row),
                label_visibility=shown,
                help=limit_hint(CONTACT_LIMIT),
            )
            how_col.text_input(
                plan.contact_how_label,
                key=_how_key(row),
                label_visibility=shown,
                help=limit_hint(CONTACT_LIMIT),
            )
        _plan_section_text(plan.local_services.title, plan.local_services.help)
        st.text_area(
            plan.local_services.title,
            key=K_LOCAL,
            placeholder=plan.local_services.placeholder,
            label_visibility="collapsed",
            help=limit_hint(PLACE_LIMIT),
        )
        _plan_section_text(plan.incidents.title, plan.incidents.help)
        st.warning(plan.incidents_warning, icon=":material/visibility:")
        st.text_area(
            plan.incidents.title,
            key=K_INCIDENTS,
            placeholder=plan.incidents.placeholder,
            label_visibility="collapsed",
            help=limit_hint(NOTES_LIMIT),
            height=160,
        )
        st.form_submit_button(
            "Save my plan",
            type="primary",
            icon=":material/save:",
            on_click=_on_submit,
            args=(place,),
        )


def _show_notice() -> None:
    notice = st.session_state.pop(K_NOTICE, None)
    if notice is None:
        return
    kind, text = notice
    show: Callable[..., Any] = st.success if kind == "success" else st.warning
    show(text, icon=":material/check_circle:" if kind == "success" else ":material/info:")


def _pending_download(place: Here) -> None:
    pending = st.session_state.get(K_PENDING)
    if not pending:
        return
    with st.container(border=True, key="safety_plan_ready"):
        st.markdown(
            ":material/check_circle: **Your plan is ready to download.** Nothing was saved in "
            "the app."
        )
        st.download_button(
            "Download my plan",
            data=pending,
            file_name=DOWNLOAD_NAME,
            mime="text/markdown",
            key="safety_plan_download",
            type="primary",
            icon=":material/download:",
            on_click=_after_download,
            args=(place,),
        )
        st.caption(
            f"The file is called {DOWNLOAD_NAME}, a plain name that doesn't say what it holds. "
            f"{WORDS.save_choice.download_text}"
        )
        st.button(
            "Clear it without downloading",
            key="safety_plan_forget",
            on_click=_forget_pending,
            args=(place,),
        )


def _kept_controls(place: Here, doc_id: int) -> None:
    with st.container(border=True, key="safety_plan_kept"):
        st.markdown(":material/lock: **Your plan is kept in the app.**")
        st.caption(
            "Anyone who opens your private link can read it. It is never shown on a partner link."
        )
        with st.container(horizontal=True):
            st.download_button(
                "Download a copy",
                # Read when pressed, and only while this link still opens the space.
                data=fresh_data(place, _kept_markdown),
                file_name=DOWNLOAD_NAME,
                mime="text/markdown",
                key="safety_plan_download_kept",
                icon=":material/download:",
                on_click=refused_download,
                args=(place,),
            )
            if not st.session_state.get(K_CONFIRM_DELETE):
                st.button(
                    "Delete it from the app",
                    key="safety_plan_delete",
                    icon=":material/delete:",
                    on_click=_ask_delete,
                )
        if st.session_state.get(K_CONFIRM_DELETE):
            st.warning(
                "Delete your plan from the app? This can't be undone. Download a copy first if "
                "you want to keep one.",
                icon=":material/delete:",
            )
            with st.container(horizontal=True):
                st.button(
                    "Yes, delete it",
                    key="safety_plan_delete_yes",
                    type="primary",
                    on_click=_delete,
                    args=(place, doc_id),
                )
                st.button("Keep it", key="safety_plan_delete_no", on_click=_cancel_delete)


def plan_section(place: Here) -> None:
    """The private safety plan: where it lives first, then the form, then download or delete."""
    plan = WORDS.plan
    st.header(plan.title, anchor="plan")
    st.write(plan.intro)
    st.caption(plan.private_note)
    kept, doc_id = _kept(place)
    _fill_form(kept, overwrite=False)
    _choice(kept)
    _form(place)
    _show_notice()
    _pending_download(place)
    if kept is not None and doc_id is not None:
        _kept_controls(place, doc_id)


def device_section() -> None:
    """Staying private on this device, without promising what a website can't give."""
    device = WORDS.device
    st.header(device.title, anchor="device")
    st.write(device.intro)
    _bullets(tuple(f"**{tip.title}.** {tip.text}" for tip in device.tips))


# --- the page ---------------------------------------------------------------------------------

place = here()
st.title("Safety")
st.write(
    "Help for when you don't feel safe, and ways to plan for it. Nothing on this page is ever "
    "shown on a partner link."
)
st.markdown(
    "**On this page:** [Help now](#danger) · [When couples therapy isn't right](#not-appropriate)"
    " · [Safety mode](#safety-mode) · [Your safety plan](#plan) · [This device](#device)"
)
danger_section()
not_appropriate_section()
if place.role == "owner":  # the partner view never runs this page; the guard keeps it that way
    mode_section(place)
    plan_section(place)
device_section()

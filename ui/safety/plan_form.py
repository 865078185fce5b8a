"""The safety plan form: where the plan lives (kept in the app, or only downloaded), its boxes, and
"Save my plan", with the form's syncing with storage and the save callback.

The plan is stored only when the user chose "keep it in the app" before saving
(:mod:`records.safety` keeps it, with ``keep_in_app`` True). "Only download it" keeps the plan in
this session's memory (:data:`K_PENDING`) until the file is taken, then clears it; nothing reaches
storage. The form's widgets are filled from storage when the page opens, so a new session shows
the kept plan; a callback that changes what is kept puts the form back with :func:`put_back`.
What happens after a save (the download, the kept plan's copy and delete) is
:mod:`ui.safety.plan_kept`.

Two tabs on one plan: each session remembers the kept plan its form was last filled from
(:data:`K_BASE`). A save that finds the kept plan changed since (another tab or window saved or
deleted it) is held (:data:`K_HELD`) instead of silently replacing it, and the person chooses:
keep what they wrote here, or take the newer plan into the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from content import safety as safety_content
from content.messages import t
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.safety import SafetyPlan, safety_plan_markdown
from records import safety as safety_records
from ui import feedback
from ui.context import Here

PLACE = "safety_plan_saves"  # where what a save of the plan left to say is shown: under the form
NOTE_ICON = ":material/info:"  # a refused save: nothing was saved, and the words are still here

KEEP, DOWNLOAD = "keep", "download"
CONTACT_ROWS = 4
K_WHERE = "safety_plan_where"
K_SAFE_PLACE = "safety_plan_safe_place"
K_LOCAL = "safety_plan_local_services"
K_INCIDENTS = "safety_plan_incidents"
K_PENDING = "safety_plan_pending"  # Markdown waiting to be downloaded; session memory only
K_BASE = "safety_plan_base"  # the kept plan this form was last filled from (None: no plan)
K_HELD = "safety_plan_held"  # a save held back: the kept plan changed in another tab
# Each box takes any length; the save refuses one over its limit and says how much to cut.
PLACE_LIMIT, CONTACT_LIMIT, NOTES_LIMIT = 4000, 200, 10000


def bag_key(item_id: str) -> str:
    return f"safety_plan_bag_{item_id}"


def name_key(row: int) -> str:
    return f"safety_plan_contact_name_{row}"


def how_key(row: int) -> str:
    return f"safety_plan_contact_how_{row}"


# --- the plan in storage and in the form -------------------------------------------------------


@dataclass(frozen=True)
class Kept:
    """What the app keeps: the plan and its document id, or nothing; ``unreadable`` when a plan is
    stored but could not be read (the form then starts empty, and saving replaces it)."""

    plan: SafetyPlan | None = None
    doc_id: int | None = None
    unreadable: bool = False


def kept(place: Here) -> Kept:
    """The plan kept in the app, read afresh."""
    found = safety_records.kept_plan(place.private)
    if found is None:
        return Kept()
    if found.plan is None:
        return Kept(unreadable=True)
    return Kept(found.plan, found.doc_id)


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
    for item in safety_content.load().plan.bag_items:
        values[bag_key(item.id)] = item.id in ready
    rows = max(CONTACT_ROWS, len(plan.contacts))
    for row in range(rows):
        name, how = plan.contacts[row] if row < len(plan.contacts) else ("", "")
        values[name_key(row)] = name
        values[how_key(row)] = how
    return values


def _contact_rows() -> int:
    row = CONTACT_ROWS
    while name_key(row) in st.session_state:
        row += 1
    return row


def _plan_from_form(keep: bool) -> SafetyPlan:
    """The plan as the form holds it now, with empty contact rows left out."""
    state = st.session_state
    items = safety_content.load().plan.bag_items
    contacts = []
    for row in range(_contact_rows()):
        name, how = state.get(name_key(row), ""), state.get(how_key(row), "")
        if name.strip() or how.strip():
            contacts.append((name.strip(), how.strip()))
    return SafetyPlan(
        safe_place=state.get(K_SAFE_PLACE, ""),
        bag=tuple(i.id for i in items if state.get(bag_key(i.id))),
        contacts=tuple(contacts),
        local_services=state.get(K_LOCAL, ""),
        incident_notes=state.get(K_INCIDENTS, ""),
        keep_in_app=keep,
    )


def fill(plan: SafetyPlan | None, overwrite: bool) -> None:
    """Put ``plan`` into the form's widgets (only the missing ones unless ``overwrite``)."""
    values = _form_values(plan)
    if overwrite or K_BASE not in st.session_state:
        st.session_state[K_BASE] = plan
    for key, value in values.items():
        if overwrite or key not in st.session_state:
            st.session_state[key] = value
    if overwrite:
        # Rows beyond the plan's own would otherwise keep an earlier plan's contacts on screen.
        row = max(CONTACT_ROWS, len((plan or SafetyPlan()).contacts))
        while name_key(row) in st.session_state:
            st.session_state.pop(name_key(row), None)
            st.session_state.pop(how_key(row), None)
            row += 1


def put_back(place: Here, first: str) -> str:
    """Forget the pending download and put the form back to what the app keeps (maybe nothing).

    For a callback (it runs before the page, so it may reset the form's widgets); returns the
    confirmation, starting with ``first``.
    """
    st.session_state.pop(K_PENDING, None)
    plan = kept(place).plan
    fill(plan, overwrite=True)
    if plan is None:
        st.session_state[K_WHERE] = DOWNLOAD  # remember the choice for the next plan
        return t("{first} Nothing was kept in the app, and this form is cleared.", first=first)
    return t(
        "{first} The form shows the plan kept in the app again, unchanged; you can delete it "
        "below.",
        first=first,
    )


def _words(plan: SafetyPlan) -> dict[str, str]:
    """The plan's written words by box (ticks in the bag list are not words)."""
    words = {"safe_place": plan.safe_place, "local": plan.local_services}
    words["incidents"] = plan.incident_notes
    for row, (name, how) in enumerate(plan.contacts):
        words |= {f"name_{row}": name, f"how_{row}": how}
    return words


def _too_long() -> str | None:
    """How much to cut, when a box of the form holds more than it may; else None."""
    plan, state = safety_content.load().plan, st.session_state
    boxes = [(plan.safe_place.title, state.get(K_SAFE_PLACE) or "", PLACE_LIMIT)]
    for row in range(_contact_rows()):
        boxes.append((plan.contact_name_label, state.get(name_key(row)) or "", CONTACT_LIMIT))
        boxes.append((plan.contact_how_label, state.get(how_key(row)) or "", CONTACT_LIMIT))
    boxes.append((plan.local_services.title, state.get(K_LOCAL) or "", PLACE_LIMIT))
    boxes.append((plan.incidents.title, state.get(K_INCIDENTS) or "", NOTES_LIMIT))
    return first_too_long(boxes)


def _refuse(words: str) -> None:
    feedback.leave(PLACE, words, ok=False, icon=NOTE_ICON)


# --- the save callback: it runs before the page, so it may reset the form's widgets ------------


@feedback.saves(PLACE, stays=True)
def _save(place: Here) -> str | None:
    long = _too_long()
    if long is not None:
        _refuse(t("{too_long} Nothing was saved.", too_long=long))
        return None
    where = st.session_state.get(K_WHERE)
    if where not in (KEEP, DOWNLOAD):
        _refuse(
            t(
                "Choose where your plan should live first (at the top of this section). Nothing "
                "was saved, and what you wrote is still here."
            )
        )
        return None
    plan = _plan_from_form(keep=where == KEEP)
    before = kept(place).plan
    if where == KEEP and before is not None and would_erase(_words(before), _words(plan)):
        # An empty form is not a wish to erase: the kept plan stays, and comes back on screen.
        fill(before, overwrite=True)
        _refuse(
            t(
                "Every box was empty, so nothing was changed: your plan is kept in the app as it "
                "was. To remove it, use Delete it from the app, below the form."
            )
        )
        return None
    if where == DOWNLOAD:
        # The box holding the download button is the confirmation; nothing else to say.
        st.session_state[K_PENDING] = safety_plan_markdown(plan)
        return None
    if where == KEEP and st.session_state.get(K_BASE) != before and plan != before:
        # Saved or deleted in another tab since this form was filled: ask, don't overwrite.
        st.session_state[K_HELD] = True
        return None
    return _keep(place, plan)


def _keep(place: Here, plan: SafetyPlan) -> str:
    safety_records.keep_plan(place.private, plan)
    st.session_state[K_BASE] = plan
    st.session_state.pop(K_PENDING, None)
    st.session_state.pop(K_HELD, None)
    return t("Your plan is saved in the app. Only your private link opens it.")


@feedback.saves(PLACE, stays=True)
def _keep_mine(place: Here) -> str | None:
    """The held save, made after all: what this form holds replaces the newer plan."""
    return _keep(place, _plan_from_form(keep=True))


@feedback.saves(PLACE, stays=True)
def _take_theirs(place: Here) -> str | None:
    """Drop the held save and show the plan as it is kept now (saved, or deleted, elsewhere)."""
    st.session_state.pop(K_HELD, None)
    newer = kept(place).plan
    fill(newer, overwrite=True)
    if newer is None:
        return t("The plan was deleted in the other tab, so this form is empty now.")
    return t("The form shows the plan as it was saved in the other tab.")


def held(place: Here) -> None:
    """When a save was held back: what happened, and the two ways on (under the form)."""
    if not st.session_state.get(K_HELD):
        return
    with st.container(border=True, key="safety_plan_conflict"):
        st.warning(
            t(
                "Your plan was changed in another tab or window after this form was filled. "
                "Nothing was saved yet, and what you wrote is still in the form. Which one should "
                "the app keep?"
            ),
            icon=":material/tab_duplicate:",
        )
        mine, theirs = st.columns(2)
        mine.button(
            t("Keep what I wrote here"),
            type="primary",
            key="safety_plan_conflict_mine",
            on_click=_keep_mine,
            args=(place,),
            width="stretch",
        )
        theirs.button(
            t("Show the newer plan"),
            key="safety_plan_conflict_theirs",
            on_click=_take_theirs,
            args=(place,),
            width="stretch",
        )


# --- drawing ------------------------------------------------------------------------------------


def choice(place: Here, plan: SafetyPlan | None) -> None:
    """Where the plan should live, asked first; ``plan`` is the one kept in the app, if any."""
    words = safety_content.load().save_choice
    keep_text = words.keep_text
    if not place.settings.database_url:  # files on the app's own disk: a restart may lose them
        keep_text = f"{keep_text} {words.keep_text_may_be_lost}"
    st.subheader(words.title, anchor="where")
    st.write(words.intro)
    labels = {KEEP: words.keep_label, DOWNLOAD: words.download_label}
    st.radio(
        t("Where should this plan live?"),
        [KEEP, DOWNLOAD],
        format_func=labels.__getitem__,
        captions=[keep_text, words.download_text],
        index=None,
        key=K_WHERE,
        label_visibility="collapsed",
    )
    st.info(words.shared_device_note, icon=":material/devices:")
    if plan is not None and st.session_state.get(K_WHERE) == DOWNLOAD:
        st.caption(
            t(
                "Your plan is still kept in the app. Downloading won't remove it; you can delete "
                "it below the form."
            )
        )


def _part(title: str, help_lines: tuple[str, ...]) -> None:
    st.markdown(f"**{title}**")
    st.markdown("\n".join(f"- {line}" for line in help_lines))


def form(place: Here) -> None:
    """The plan's boxes, in the order a person would think them through, and "Save my plan"."""
    plan = safety_content.load().plan
    with st.form("safety_plan_form", border=True, enter_to_submit=False):
        _part(plan.safe_place.title, plan.safe_place.help)
        st.text_area(
            plan.safe_place.title,
            key=K_SAFE_PLACE,
            placeholder=plan.safe_place.placeholder,
            label_visibility="collapsed",
            help=limit_hint(PLACE_LIMIT),
        )
        _part(plan.bag.title, plan.bag.help)
        halves = st.columns(2)
        middle = (len(plan.bag_items) + 1) // 2
        for i, item in enumerate(plan.bag_items):
            halves[0 if i < middle else 1].checkbox(item.label, key=bag_key(item.id), wrap=True)
        _part(plan.contacts.title, plan.contacts.help)
        for row in range(_contact_rows()):
            name_col, how_col = st.columns(2)
            shown = "visible" if row == 0 else "collapsed"
            name_col.text_input(
                plan.contact_name_label,
                key=name_key(row),
                label_visibility=shown,
                help=limit_hint(CONTACT_LIMIT),
            )
            how_col.text_input(
                plan.contact_how_label,
                key=how_key(row),
                label_visibility=shown,
                help=limit_hint(CONTACT_LIMIT),
            )
        _part(plan.local_services.title, plan.local_services.help)
        st.text_area(
            plan.local_services.title,
            key=K_LOCAL,
            placeholder=plan.local_services.placeholder,
            label_visibility="collapsed",
            help=limit_hint(PLACE_LIMIT),
        )
        _part(plan.incidents.title, plan.incidents.help)
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
            t("Save my plan"),
            type="primary",
            icon=":material/save:",
            on_click=_save,
            args=(place,),
        )

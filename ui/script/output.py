"""The *Your script* view: talking points, the full script, the invitation, a print view, downloads.

Everything the user wrote is shown inert: ``st.text``/``st.code``, or Markdown escaped with
``guide.safety.escape_markdown`` (``Script.full_markdown`` is escaped already). The only HTML is a
static style sheet for a clean printout, with no user text in it. Before any step has words in it,
the view (like *Practise*) shows :func:`empty_state` instead.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t, tn
from content.script import load_script_content
from guide.safety import escape_markdown
from guide.script import Script
from ui import clock
from ui.context import Here
from ui.script import state, tone
from ui.script.view_picker import go_build

# Static CSS only: a printout keeps only the script.
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


def empty_state() -> None:
    """What shows before any step has words in it."""
    with st.container(border=True, key="script_empty"):
        st.markdown("**" + t("Your plan is empty for now, and that's fine.") + "**")
        st.markdown(
            t("Fill in any step under *Build*, even just one line, and your plan will appear here.")
        )
        st.button(t("Start building"), key="script_empty_build", on_click=go_build, type="primary")


def show(place: Here) -> None:
    """Talking points, the full script, the invitation and a printout, with downloads."""
    cur = state.current(place)
    script = state.assembled(place, cur.draft)
    if script.is_empty:
        empty_state()
        return
    tips = tone.count(cur.draft)
    if tips:
        st.caption(
            ":material/lightbulb: "
            + tn(
                "The tone check has {count} suggestion for you under *Build*. It's only an "
                "idea; your words are yours.",
                "The tone check has {count} suggestions for you under *Build*. They're only "
                "ideas; your words are yours.",
                tips,
            )
        )
    points, full, invitation, printable = st.tabs(
        [t("Talking points"), t("Full script"), t("Invitation"), t("Print view")],
        key="script_output_tabs",
    )
    with points:
        st.caption(t("One short line per step, to glance at on your phone."))
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
            ":material/print: "
            + t(
                "Use your browser's Print (Ctrl+P, or ⌘P on a Mac). Only the script below goes "
                "on the page."
            )
        )
        with st.container(border=True, key="script_print"):
            st.markdown(_smaller_headings(script.full_markdown, 1))
    _downloads(script)


def _smaller_headings(markdown: str, levels: int) -> str:
    """Push our headings down ``levels`` steps; the user's own '#' is escaped, so never touched."""
    lines = []
    for line in markdown.split("\n"):
        if line.startswith("#"):
            line = "#" * levels + line
        lines.append(line)
    return "\n".join(lines)


def _copy_box(text: str, key: str) -> None:
    with st.expander(t("Copy as plain text"), icon=":material/content_copy:", key=key):
        st.caption(t("Use the copy button at the top right of the box."))
        st.code(text, language=None, wrap_lines=True)


def _invitation(script: Script) -> None:
    if not script.invitation:
        content = load_script_content()
        st.info(
            t(
                "Fill in *{ask}* or *{first_step}* under Build, and a short invitation appears "
                "here.",
                ask=content.step("ask").title,
                first_step=content.step("first_step").title,
            ),
            icon=":material/mail:",
        )
        return
    st.caption(t("A short note you could send, or read aloud. Change any word you like."))
    with st.container(border=True, key="script_invitation"):
        st.markdown(escape_markdown(script.invitation))
    _copy_box(script.invitation, "script_copy_invitation")


def _downloads(script: Script) -> None:
    stamp = clock.today().isoformat()
    with st.container(horizontal=True, key="script_downloads"):
        st.download_button(
            t("Download as Markdown"),
            data=script.full_markdown,
            file_name=t("conversation-plan-{date}.md", date=stamp),
            mime="text/markdown",
            icon=":material/download:",
            key="script_download_md",
            on_click="ignore",
        )
        st.download_button(
            t("Download as plain text"),
            data=script.full_text,
            file_name=t("conversation-plan-{date}.txt", date=stamp),
            mime="text/plain",
            icon=":material/download:",
            key="script_download_txt",
            on_click="ignore",
        )
    st.caption(
        t(
            "A downloaded file lands in your Downloads folder. On a shared device, move it "
            "somewhere private or delete it when you're done."
        )
    )

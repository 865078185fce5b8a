"""What every page shares: the quick exit, the safety control, and the notices above the page.

The quick-exit snippet is ours and static apart from the exit address (a setting, JSON-encoded), so
running it with ``unsafe_allow_javascript`` never runs anything a user wrote. It is rendered in the
main document (not an iframe), so ``window.location.replace`` leaves the app and replaces the
current history entry; a window flag stops reruns from attaching the listeners twice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import streamlit as st

QUICK_EXIT_LABEL = "Quick exit"

_SNIPPET = """
<style>
  #od-quick-exit {
    position: fixed; top: 0.55rem; right: 3.6rem; z-index: 999991;
    background: #8a1c1c; color: #ffffff; border: 2px solid #ffffff; border-radius: 0.5rem;
    padding: 0.35rem 0.9rem; font: 600 0.95rem/1.2 "Source Sans Pro", system-ui, sans-serif;
    cursor: pointer; box-shadow: 0 1px 4px rgba(0,0,0,0.25);
  }
  #od-quick-exit:hover { background: #6d1414; }
  #od-quick-exit:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  /* Streamlit draws captions at 60% opacity (about 2.8:1 here); WCAG AA needs 4.5:1. */
  [data-testid="stCaptionContainer"] { opacity: 1; }
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4a5561; }
  /* A chosen segment or pill writes the theme colour on a tint of itself: about 4.2:1 once
     hovered or focused. A darker shade of the same green keeps it above 4.5:1 (important:
     Streamlit's own rule for the chosen state is more specific than any plain selector). */
  button[data-variant][data-selected]:not([data-disabled]) { color: #1d4a46 !important; }
  /* Streamlit's chart theme writes axis labels in a grey of about 3.6:1 on this background
     (axe does not check text inside SVG); the captions' colour is about 7:1. */
  .js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .g-xtitle text,
  .js-plotly-plot .g-ytitle text, .js-plotly-plot .textpoint text,
  .js-plotly-plot .legendtext, .js-plotly-plot .annotation-text { fill: #4a5561 !important; }
  /* Page links drop the browser's focus ring; keyboard users need to see where they are. */
  [data-testid="stPageLink-NavLink"]:focus-visible {
    outline: 3px solid #1d4ed8; outline-offset: 1px;
  }
  /* Section labels above the sidebar's page links, spaced like Streamlit's own. */
  .st-key-od_nav [data-testid="stCaptionContainer"] { margin: 0.9rem 0 0.15rem 0.5rem; }
  .st-key-od_nav [data-testid="stCaptionContainer"] p { margin: 0; font-weight: 600; }
</style>
<button id="od-quick-exit" type="button" title="Leave this site now (or press Shift three times)"
  aria-label="Quick exit: leave this site now. Shortcut: press Shift three times.">
  __LABEL__
</button>
<script>
(function () {
  const target = __TARGET__;
  window.odExitTarget = target;
  const leave = function () {
    try { window.sessionStorage.clear(); } catch (e) {}
    document.title = "";
    document.body.style.display = "none";
    window.location.replace(window.odExitTarget);
  };
  const button = document.getElementById("od-quick-exit");
  if (button && !button.dataset.odWired) {
    button.dataset.odWired = "1";
    button.addEventListener("click", leave);
  }
  if (!window.odQuickExitKeys) {
    window.odQuickExitKeys = true;
    let presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift" || event.repeat) { presses = []; return; }
      const now = Date.now();
      presses = presses.filter(function (t) { return now - t < 1500; });
      presses.push(now);
      if (presses.length >= 3) { leave(); }
    }, true);
  }
  // The sidebar's page links are drawn by us (Streamlit's own list fails the axe "list" rules):
  // name their box as the app's navigation and mark the current page for screen readers.
  if (!window.odNavWatch) {
    window.odNavWatch = true;
    const mark = function () {
      const nav = document.querySelector(".st-key-od_nav");
      if (!nav) { return; }
      if (nav.getAttribute("role") !== "navigation") {
        nav.setAttribute("role", "navigation");
        nav.setAttribute("aria-label", "App pages");
      }
      // Home's link has an empty href and may also be reached as /home: compare last segments.
      const last = function (path) {
        const name = path.split("/").filter(Boolean).pop() || "";
        return name === "home" ? "" : name;
      };
      const here = last(location.pathname);
      nav.querySelectorAll("a[data-testid='stPageLink-NavLink']").forEach(function (link) {
        const target = new URL(link.getAttribute("href") || "/", location.origin + "/");
        const current = last(target.pathname) === here;
        if (current && link.getAttribute("aria-current") !== "page") {
          link.setAttribute("aria-current", "page");
        } else if (!current && link.hasAttribute("aria-current")) {
          link.removeAttribute("aria-current");
        }
      });
    };
    new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
    mark();
    // On a phone the open sidebar covers the page: close it once a page is chosen, as
    // Streamlit's own navigation does.
    document.addEventListener("click", function (event) {
      if (!event.target.closest || !event.target.closest(".st-key-od_nav a")) { return; }
      if (window.innerWidth >= 768) { return; }
      const close = document.querySelector("[data-testid='stSidebarCollapseButton'] button");
      if (close) { close.click(); }
    });
  }
})();
</script>
"""


def quick_exit(exit_url: str) -> None:
    """Render the quick-exit button and the Shift-three-times shortcut."""
    snippet = _SNIPPET.replace("__TARGET__", json.dumps(exit_url)).replace(
        "__LABEL__", QUICK_EXIT_LABEL
    )
    st.html(snippet, unsafe_allow_javascript=True)


def navigation(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The owner's page links in the sidebar, grouped under their section labels.

    Streamlit's own sidebar navigation puts section headers inside its ``<ul>``, which axe reports
    as serious "list" and "listitem" failures; ``st.navigation(position="hidden")`` plus these
    links keeps the same pages, titles, icons and addresses with markup that passes.
    """
    with st.sidebar, st.container(key="od_nav", gap=None):
        for label, pages in sections.items():
            if label:
                st.caption(label)
            for page in pages:
                st.page_link(page, width="stretch")


def sidebar_exit_hint() -> None:
    """A short reminder of the shortcut, for people who look in the sidebar first."""
    st.sidebar.caption(
        "**Need to leave fast?** Use the red *Quick exit* button at the top, or press **Shift** "
        "three times. It opens a weather page and replaces this one in your history."
    )

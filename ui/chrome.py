"""What every page shares: the quick exit, the safety control, and the notices above the page.

The quick-exit snippet is ours and static apart from the exit address (a setting, JSON-encoded), so
running it with ``unsafe_allow_javascript`` never runs anything a user wrote. It is rendered in the
main document (not an iframe), so ``window.location.replace`` leaves the app and replaces the
current history entry; a window flag stops reruns from attaching the listeners twice.
"""

from __future__ import annotations

import json

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
  /* Streamlit draws captions at 60% of the text colour (about 4:1 here); WCAG AA needs 4.5:1. */
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4a5561; }
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
})();
</script>
"""


def quick_exit(exit_url: str) -> None:
    """Render the quick-exit button and the Shift-three-times shortcut."""
    snippet = _SNIPPET.replace("__TARGET__", json.dumps(exit_url)).replace(
        "__LABEL__", QUICK_EXIT_LABEL
    )
    st.html(snippet, unsafe_allow_javascript=True)


def sidebar_exit_hint() -> None:
    """A short reminder of the shortcut, for people who look in the sidebar first."""
    st.sidebar.caption(
        "**Need to leave fast?** Use the red *Quick exit* button at the top, or press **Shift** "
        "three times. It opens a weather page and replaces this one in your history."
    )

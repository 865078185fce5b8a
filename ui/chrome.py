"""What every page shares around it: the quick exit (button and Shift x3), and the sidebar's links.

(The notices above a page, and the sidebar's safety switch, are :mod:`ui.notices`.)

The quick-exit snippet is ours and static apart from the exit address (a setting, JSON-encoded) and
its own words in the run's language (from our catalogue, escaped), so running it with
``unsafe_allow_javascript`` never runs anything a user wrote. It is rendered in the
main document (not an iframe), so ``window.location.replace`` leaves the app and replaces the
current history entry; a window flag stops reruns from attaching the listeners twice.

Replacing one entry is enough only if the app has one: the snippet turns every history push of
Streamlit's frontend (page changes, query-string changes) and every jump to a heading into a
replacement, and mends the one push a new visitor's first run makes before the snippet is drawn.
The price: the browser's Back button no longer steps between the app's own pages. A
``<meta name="referrer" content="no-referrer">`` keeps the key in the address out of the exit
site's ``Referer`` (Streamlit can't send a ``Referrer-Policy`` header).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence

import streamlit as st

from content.messages import t

QUICK_EXIT_LABEL = "Quick exit"  # the English label; the button says t("Quick exit")

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
  /* The button sits in a slim bar at the top of the window, and the page scrolls below the bar,
     never under it: the bar is a border of the page's scrolling area, which clips its content at
     the inner edge. The content's own top padding shrinks by as much, so nothing moves down. */
  [data-testid="stMain"] { border-top: 3.75rem solid #fbfaf7; box-sizing: border-box; }
  [data-testid="stMainBlockContainer"] { padding-top: 2.25rem; }
  [data-testid="stHeader"] { background: #fbfaf7; border-bottom: 1px solid #dfe4df; }
  /* On a phone the open menu reaches under the button: its close button goes to the left. */
  @media (max-width: 767.98px) {
    [data-testid="stSidebarHeader"] { justify-content: flex-start; }
  }
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
<button id="od-quick-exit" type="button" title="__TITLE__"
  aria-label="__ARIA__">
  __LABEL__
</button>
<script>
(function () {
  // The app's address carries the key: no request that leaves this page may name it in a
  // Referer header (Streamlit can't send a Referrer-Policy header, so the page says it).
  if (!document.querySelector("meta[name='referrer']")) {
    const policy = document.createElement("meta");
    policy.name = "referrer";
    policy.content = "no-referrer";
    document.head.appendChild(policy);
  }
  // One history entry of our own at any time, so the exit below (which replaces the current
  // entry) leaves nothing of the app for Back to return to. Streamlit's frontend pushes an entry
  // on every page change and query-string change; those become replacements here.
  if (!window.odOneEntry) {
    window.odOneEntry = true;
    const replace = window.history.replaceState.bind(window.history);
    window.history.pushState = function (state, unused, url) { replace(state, unused, url); };
    // A link to a heading on this page would push an entry too: go there in place instead.
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
          event.shiftKey || event.altKey || !event.target.closest) { return; }
      const link = event.target.closest("a[href]");
      if (!link || (link.target && link.target !== "_self")) { return; }
      const to = new URL(link.href, location.href);
      // href includes "#" for an empty fragment too ("#" alone), which hash does not show.
      if (!to.href.includes("#") || to.origin !== location.origin ||
          to.pathname !== location.pathname || to.search !== location.search) { return; }
      event.preventDefault();
      location.replace(to.href);
    }, true);
    // The front door writes a new visitor's key into the address after the page is drawn, so
    // this snippet is usually in place by then and Streamlit's push for it became a replacement.
    // If the key still arrived first, Streamlit pushed an entry for it: step back to the entry
    // this page was loaded at and give it the current address; the later entries (Forward only)
    // keep no key. (Streamlit's own popstate listener, added before this one, hears that step
    // and reruns the page once.) From then on the tab has one entry of this page, "home": Back
    // or Forward onto any other entry of this page is sent straight back to it.
    const nav = window.navigation;
    if (nav && nav.currentEntry && typeof nav.entries === "function") {
      const current = nav.currentEntry;
      let steps = nav.entries().filter(function (entry) {
        return entry.sameDocument && entry.index < current.index;
      }).length;
      let home = steps > 0 ? null : current.key;
      const keep = location.href;
      const bare = location.origin + location.pathname;
      const stepBack = function () { replace(null, "", bare); window.history.back(); };
      window.addEventListener("popstate", function (event) {
        event.stopImmediatePropagation();
        if (home === null) {
          steps -= 1;
          if (steps > 0) { stepBack(); return; }
          replace({}, "", keep);
          home = nav.currentEntry.key;
          return;
        }
        if (nav.currentEntry.key !== home) {
          const going = nav.traverseTo(home);
          going.committed.catch(function () {});
          going.finished.catch(function () {});
        }
      }, true);
      if (steps > 0) { stepBack(); }
    }
    // Without the Navigation API (in every major browser only since January 2026: MDN's
    // "Baseline 2026") a new visitor's first address stays one entry behind, without the key:
    // Back after the exit then shows a new, empty start, never their space.
  }
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
  window.odNavLabel = __NAV_ARIA__;  // the run's language: a new run with another one says it
  if (!window.odNavWatch) {
    window.odNavWatch = true;
    const mark = function () {
      const nav = document.querySelector(".st-key-od_nav");
      if (!nav) { return; }
      if (nav.getAttribute("role") !== "navigation" ||
          nav.getAttribute("aria-label") !== window.odNavLabel) {
        nav.setAttribute("role", "navigation");
        nav.setAttribute("aria-label", window.odNavLabel);
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
    """Render the quick-exit button and the Shift-three-times shortcut, in the run's language."""
    words = {
        "__TARGET__": json.dumps(exit_url),
        "__NAV_ARIA__": json.dumps(t("App pages")),
        "__TITLE__": html.escape(t("Leave this site now (or press Shift three times)")),
        "__ARIA__": html.escape(
            t("Quick exit: leave this site now. Shortcut: press Shift three times.")
        ),
        "__LABEL__": html.escape(t("Quick exit")),
    }
    snippet = _SNIPPET
    for marker, value in words.items():
        snippet = snippet.replace(marker, value)
    st.html(snippet, unsafe_allow_javascript=True)


def section_label(label: str) -> str:
    """A sidebar section's label (``ui.pages.OWNER_SECTIONS``' English key) in the run's language."""
    return {
        "Your path": t("Your path"),
        "Guides": t("Guides"),
        "Safety and data": t("Safety and data"),
    }.get(label, label)


def navigation(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The owner's page links in the sidebar, grouped under their section labels.

    Streamlit's own sidebar navigation puts section headers inside its ``<ul>``, which axe reports
    as serious "list" and "listitem" failures; ``st.navigation(position="hidden")`` plus these
    links keeps the same pages, titles, icons and addresses with markup that passes.
    """
    with st.sidebar, st.container(key="od_nav", gap=None):
        for label, pages in sections.items():
            if label:
                st.caption(section_label(label))
            for page in pages:
                st.page_link(page, width="stretch")


def sidebar_exit_hint() -> None:
    """A short reminder of the shortcut, for people who look in the sidebar first."""
    st.sidebar.caption(
        t(
            "**Need to leave fast?** Use the red *Quick exit* button at the top, or press "
            "**Shift** three times. It opens a weather page, and Back won't bring this tab back "
            "here."
        )
    )

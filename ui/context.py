"""Who is here: the space and role of this browser session, worked out once per run.

The key comes from the URL the first time (``?space=`` for an owner link, ``?partner=`` for a
partner link), is kept in ``st.session_state`` because ``st.navigation`` drops query parameters on
page change, and is written back into the URL on every run so a bookmark always works. It is
resolved against storage on every run, so a revoked link stops working at its next interaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

import streamlit as st

from guide.access import local_mode_applies
from storage.compartment import Compartment
from storage.errors import AccessDenied
from storage.store import Access, Store
from ui.settings import Settings, load_settings

KEY_STATE = "od_key"
HERE_STATE = "od_here"
OWNER_PARAM, PARTNER_PARAM = "space", "partner"


@dataclass(frozen=True)
class Here:
    """This session's settings, storage, and what its key opens. Pages get it from :func:`here`."""

    settings: Settings
    store: Store
    access: Access
    local: bool
    key: str = field(repr=False)
    # Answers worked out once per run (e.g. the safety mode), each with the file version it read.
    memo: dict[str, tuple[object, object]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def role(self) -> Literal["owner", "partner"]:
        """``owner`` or ``partner``."""
        return self.access.role

    @property
    def private(self) -> Compartment:
        """The owner's private compartment (AccessDenied for a partner)."""
        return self.store.private(self.access)

    @property
    def shared(self) -> Compartment:
        """The compartment shared with partners."""
        return self.store.shared(self.access)

    def link(self, key: str, role: Literal["owner", "partner"]) -> str:
        """The full link that opens ``key`` (owner or partner); both open at the app's root."""
        base = self.settings.base_url or _origin()
        # Both kinds open at the root: a partner's navigation holds a single page, which Streamlit
        # serves as the default at "/" only (at "/partner" it would first show "Page not found").
        param = PARTNER_PARAM if role == "partner" else OWNER_PARAM
        return f"{base}/?{param}={key}"

    def owner_link(self) -> str | None:
        """This space's owner link, or None in local mode (where no link is needed)."""
        return None if self.local else self.link(self.key, "owner")


@st.cache_resource(show_spinner=False)
def get_store(where: str) -> Store:
    """One Store per data folder (or database URL) per process: one TinyDB instance per document."""
    return Store(where)


def _origin() -> str:
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:
        return ""
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _headers() -> dict[str, str]:
    try:
        return dict(st.context.headers)
    except Exception:  # AppTest has no request
        return {}


def _peer() -> str | None:
    """The TCP peer address of this session's connection, or None where it can't be known.

    ``st.context.ip_address`` reports both "loopback" and "unknown" as None, so it can't tell a
    browser on this machine from a session with no connection; the runtime's client context holds
    the address itself (what Streamlit's own local-only features use). Anything unexpected here
    means None, and None keeps local mode off.
    """
    try:
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None or not runtime.exists():
            return None
        client = runtime.get_instance().get_client(ctx.session_id)
        context = client.client_context if client is not None else None
        peer = context.remote_ip if context is not None else None
    except Exception:
        return None
    return peer if isinstance(peer, str) else None


def arrive(opens: Callable[[Here], bool] | None = None) -> Here | None:
    """Work out who is here for this run; None means the presented link opens nothing.

    ``opens`` may say no to a link that resolves but must look dead (a paused partner link); it
    is asked before anything about the link is kept or written back into the URL, so that link
    takes exactly the path of one that never existed.
    """
    settings = load_settings()
    store = get_store(settings.storage)
    params = st.query_params
    presented = params.get(PARTNER_PARAM) or params.get(OWNER_PARAM)
    local = False
    if presented:
        key = presented
    elif st.session_state.get(KEY_STATE):
        key = st.session_state[KEY_STATE]
    elif local_mode_applies(settings.local_mode, _peer(), _headers()):
        key, local = store.local_owner_key(), True
    else:
        key, _ = store.create_space()
        st.session_state["od_new_space"] = True
    access = store.resolve(key)
    if access is not None and opens is not None:
        access = access if opens(Here(settings, store, access, local, key)) else None
    if access is None:
        st.session_state.pop(KEY_STATE, None)
        st.session_state.pop(HERE_STATE, None)
        return None
    local = local or st.session_state.get("od_local", False)
    st.session_state[KEY_STATE] = key
    st.session_state["od_local"] = local
    here = Here(settings=settings, store=store, access=access, local=local, key=key)
    st.session_state[HERE_STATE] = here
    return here


def keep_in_url(place: Here) -> None:
    """Put this run's key in the address (and take the other role's out), once the page is drawn.

    The front door calls this after the page, not on arrival: a new visitor's key then reaches
    the browser after the quick-exit snippet is in place, so Streamlit's history push for it
    becomes a replacement and the tab keeps one history entry, with no step back to mend (a step
    back that Streamlit hears as a Back press, and answers with a second run of the first page).
    """
    # The session's key now, not the one this run arrived with: the page may have replaced the
    # link (the new key goes in) or started afresh (no key: the address stays bare).
    key, access, local = st.session_state.get(KEY_STATE), place.access, place.local
    if not isinstance(key, str):
        return
    wanted = PARTNER_PARAM if access.role == "partner" else OWNER_PARAM
    other = OWNER_PARAM if wanted == PARTNER_PARAM else PARTNER_PARAM
    if other in st.query_params:
        del st.query_params[other]
    if local:
        return
    if st.query_params.get(wanted) != key:
        st.query_params[wanted] = key


def here() -> Here:
    """The current session's :class:`Here` (set by ``streamlit_app.py`` before each page runs)."""
    found = st.session_state.get(HERE_STATE)
    if not isinstance(found, Here):
        raise AccessDenied()
    return found


def start_fresh() -> None:
    """Forget the current key and open a brand-new private space on the next run."""
    st.session_state.pop(KEY_STATE, None)
    st.session_state.pop(HERE_STATE, None)
    st.session_state.pop("od_local", None)
    st.query_params.clear()

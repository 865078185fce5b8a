"""A paused partner link is, byte for byte, what any dead link is to the browser.

Safety mode pauses partner links. The partner may be the person the owner fears, so a paused link
must say nothing a switched-off, unknown or malformed one doesn't. This test records every frame
the server sends over the websocket while Chromium opens each kind of link at the root and as
deep links, takes out only what is different for every session by nature (session and run ids,
the server's own clock), and asks for identical frames.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Browser
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from guide.sharing import ShareChoices
from records.safety import PAUSE_KEY, PAUSE_TABLE
from storage import keys
from storage.store import Store
from tests.support.browser import wait_idle
from tests.support.server import running_app
from ui.context import Here
from ui.settings import load_settings
from ui.share import links as sharing

PATHS = ["", "quiz", "partner", "my-data", "share", "safety", "no-such-page"]


@pytest.fixture(scope="module")
def links(tmp_path_factory, exit_site) -> Iterator[tuple[str, dict[str, str]]]:
    """A server whose data folder holds one space with a paused and a switched-off link.

    The space is made on disk before the server starts, as the pages would leave it: both links
    shared something, one was switched off, then safety mode came on and paused the other.
    """
    data = tmp_path_factory.mktemp("paused-data")
    store = Store(data)
    _owner_key, access = store.create_space()
    here = Here(settings=load_settings(), store=store, access=access, local=False, key=_owner_key)
    made: dict[str, str] = {}
    for kind in ("paused", "revoked"):
        link_id, made[kind] = store.add_partner_link(access, kind)
        assert sharing.publish(here, link_id, ShareChoices(explainer=True)) is not None
        if kind == "revoked":
            assert store.revoke_link(access, link_id)
    store.private(access).put("safety", "self_flag", {"at": datetime.now(UTC).isoformat()})
    store.shared(access).put(PAUSE_TABLE, PAUSE_KEY, {"paused": True})
    assert store.resolve(made["paused"]) is not None, "the paused link is a real, live link"
    made["unknown"] = keys.new_key()
    made["malformed"] = "not-a-key"
    made["malformed, odd"] = "%3Cb%3E" + "x" * 80
    del store
    log = Path(tmp_path_factory.mktemp("logs")) / "server.log"
    with running_app(data, env={"OPEN_DOOR_EXIT_URL": exit_site}, log=log) as url:
        yield url, made


def _normalised(frame: bytes, key: str) -> str:
    msg = ForwardMsg.FromString(frame)
    # Different for every session or run by nature, whatever the link: ids and clocks.
    msg.metadata.run.script_run_id = ""
    if msg.HasField("new_session"):
        msg.new_session.initialize.session_id = ""
    if msg.HasField("page_profile"):  # only when usage statistics are on; keep what ran
        profile = msg.page_profile
        profile.exec_time = profile.prep_time = 0  # timings of this run
        for command in profile.commands:
            command.time = 0
    # The link the browser itself asked for may come back (its own query string): that is the
    # request, not an answer, so it is written as KEY whatever it was.
    return str(msg).replace(unquote(key), "KEY").replace(key, "KEY")


def frames_for(browser: Browser, url: str, key: str) -> list[str]:
    """Every frame the server sent while a fresh profile opened ``url`` and the run finished."""
    ctx = browser.new_context()
    got: list[bytes] = []
    try:
        page = ctx.new_page()
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framereceived",
                lambda payload: got.append(payload) if isinstance(payload, bytes) else None,
            ),
        )
        page.goto(url)
        wait_idle(page)
        page.wait_for_timeout(500)
    finally:
        ctx.close()
    return [_normalised(frame, key) for frame in got]


@pytest.mark.parametrize("path", PATHS)
def test_a_paused_link_sends_what_every_dead_link_sends(browser, links, path):
    url, made = links
    sent = {
        kind: frames_for(browser, f"{url}/{path}?partner={key}", key) for kind, key in made.items()
    }
    assert sent["revoked"], "nothing was recorded"
    assert any("This link doesn\\'t open anything" in f for f in sent["revoked"])
    for kind, frames in sent.items():
        if frames != sent["revoked"]:
            diff = "\n".join(
                difflib.unified_diff(
                    "\n".join(sent["revoked"]).splitlines(),
                    "\n".join(frames).splitlines(),
                    lineterm="",
                    n=1,
                )
            )
            raise AssertionError(
                f"a {kind} link at /{path} differs from a revoked one:\n{diff[:3000]}"
            )

"""While a switch-off waits for its confirmation, only one switch-off button is ever on screen.

Issue 15, point 14: with two links, pressing "Switch off this link" on one drew its confirmation
while the other link still offered "Switch off this link", so the page asked for one decision and
offered another beside it. The settled page is read in one look (two separate queries can
straddle a rerun). While the run is still drawing, Streamlit may show the other card's old button
faded for a moment, until the run reaches it; that is its incremental redraw, not a second offer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.store import Store
from tests.support.browser import wait_idle
from tests.support.server import own_server

pytestmark = pytest.mark.browser
# Every visible button's text, counted, in one pass over the page.
ON_SCREEN = r"""() => {
  const seen = {};
  for (const b of document.querySelectorAll("button")) {
    const r = b.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const lines = b.innerText.trim().split("\n");  // an icon's ligature comes first
    const t = lines[lines.length - 1].trim();
    seen[t] = (seen[t] || 0) + 1;
  }
  return seen;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, exit_site) -> Iterator[tuple[str, Path]]:
    yield from own_server(tmp_path_factory, exit_site, "revoke-data")


def test_one_switch_off_button_while_the_confirmation_waits(page, site) -> None:
    url, data = site
    store = Store(data)
    key, access = store.create_space()
    store.add_partner_link(access, "Sam")
    store.add_partner_link(access, "Sam, the old phone")
    page.goto(f"{url}/share?space={key}")
    wait_idle(page)
    page.get_by_role("button", name="Switch off this link", exact=True).last.wait_for()
    assert page.evaluate(ON_SCREEN).get("Switch off this link") == 2
    page.get_by_role("button", name="Switch off this link", exact=True).first.click()
    page.get_by_role("button", name="Keep it", exact=True).wait_for()
    wait_idle(page)
    settled = page.evaluate(ON_SCREEN)
    assert settled.get("Keep it") == 1, settled
    assert settled.get("Yes, switch it off") == 1
    assert not settled.get("Switch off this link"), "no other link offers a switch-off meanwhile"

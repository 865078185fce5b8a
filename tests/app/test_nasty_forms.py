"""Every form on every page takes hostile text calmly.

On a space with six weeks of data, each page (and each view of it a segmented control offers) is
opened, every text box is filled with one string holding markup, HTML, RTL and control characters,
emoji and 100 kB of text, and then each button is pressed in turn, on a freshly opened page each
time. No press may end in an exception, and the markup is never rendered as live HTML.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.conftest import space_of
from tests.support.seed import seed_six_weeks
from ui import pages

HOSTILE = (
    "**bold** <img src=x onerror=alert(1)> [l](javascript:alert(1)) \u202eRTL\u202c "
    "\x00\x07\x1b[31m 😀 مرحبا # heading " + "x" * 100_000
)
PAGES = ["home", "quiz", "script", "plan", "share", "therapist", "safety", "my_data"]
# Pressed elsewhere on purpose: deleting the space, and switching safety mode on (which reshapes
# every page; the safety tests cover it).
SKIP_LABELS = {"Delete my space", "This is about my safety"}


def open_view(app, page: str, view: tuple[str, str] | None) -> bool:
    """Open the page at one view; False if that view's control is not on the page now."""
    app.switch_page(pages.path(page)).run()
    if view is not None:
        key, option = view
        try:
            control = app.segmented_control(key=key)
        except KeyError:
            return False
        control.set_value(option).run()
    return True


def views(app, page: str) -> list[tuple[str, str] | None]:
    app.switch_page(pages.path(page)).run()
    found: list[tuple[str, str] | None] = [None]
    for control in app.main.get("segmented_control"):
        if control.key:
            found += [(control.key, option) for option in control.options]
    return found


def buttons(app) -> list[tuple[str, int]]:
    """Each button by (label, n-th with that label), so it can be found again after a rerun."""
    seen: dict[str, int] = {}
    out = []
    for button in app.button:
        n = seen.get(button.label, 0)
        seen[button.label] = n + 1
        if button.label not in SKIP_LABELS and not button.disabled:
            out.append((button.label, n))
    return out


@pytest.mark.parametrize("page", PAGES)
def test_every_button_with_hostile_text(app, data_dir, page):
    store, access = space_of(app, data_dir)
    seed_six_weeks(store, access, date.today())
    pressed = 0
    for view in views(app, page):
        if not open_view(app, page, view):
            continue
        assert not app.exception, (page, view, app.exception)
        for label, n in buttons(app):
            open_view(app, page, view)
            matches = [b for b in app.button if b.label == label]
            if len(matches) <= n:
                continue  # an earlier press changed what this view shows; fine
            for box in [*app.text_input, *app.text_area]:
                if not box.disabled:
                    box.set_value(HOSTILE)
            matches[n].click().run()
            assert not app.exception, (page, view, label, app.exception)
            pressed += 1
            for element in app.markdown:
                assert not (element.proto.allow_html and "<img src=x" in element.value)
    print(f"\n{page}: {pressed} presses")
    assert pressed

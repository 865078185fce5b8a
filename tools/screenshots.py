"""Take the README's screenshots in Chromium: ``uv run python -m tools.screenshots``.

Starts Open Door under ``streamlit run`` on a free port with a throwaway data folder, seeds one
space per scene through the pages' documented tables (``tests/support/journey.py``), opens each
page and saves ``docs/screenshots/<name>.png``. Run it again after changing a page and commit the
pictures with the change, so the README always shows the app as it is.

Options: ``--only NAME`` (repeatable) takes just those scenes; ``--out DIR`` writes elsewhere.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storage.store import Access, Store
from tests.support import journey
from tests.support.a11y import settle
from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.seed import StoreSpace
from tests.support.server import running_app
from ui.safety.state import set_self_flag

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Scene:
    """One screenshot: the space it needs, the page, the window size, and any clicks first."""

    name: str
    path: str
    seed: Callable[[Store, Access], None]
    viewport: dict[str, int]
    steps: Callable[[object], None] | None = None
    full_page: bool = False


def _fresh(store: Store, access: Access) -> None:
    journey.mark_link_saved(store.private(access))


def _quiz_started(store: Store, access: Access) -> None:
    private = store.private(access)
    journey.mark_link_saved(private)
    journey.seed_quiz_in_progress(private, position=0)


def _result(store: Store, access: Access) -> None:
    private = store.private(access)
    journey.mark_link_saved(private)
    journey.seed_result(private)


def _plan_running(store: Store, access: Access) -> None:
    _result(store, access)
    journey.seed_script(store.private(access))
    journey.seed_plan(store, access, date.today(), days_in=24, rated_weeks=3)


def _safety_mode(store: Store, access: Access) -> None:
    _fresh(store, access)
    set_self_flag(StoreSpace(store, access))  # type: ignore[arg-type]  (needs only .private)


def _show_charts(page) -> None:
    page.get_by_role("radio", name="Charts").first.click()


def _open_worry_step(page) -> None:
    page.get_by_text("Speak to their worry").first.click()


SCENES: tuple[Scene, ...] = (
    Scene("home-welcome", "", _fresh, LAPTOP),
    Scene("quiz-question", "quiz", _quiz_started, LAPTOP),
    Scene("quiz-result", "quiz", _result, LAPTOP),
    Scene("script-builder", "script", _result, LAPTOP, steps=_open_worry_step),
    Scene("home-dashboard", "", _plan_running, LAPTOP, full_page=True),
    Scene("plan-week", "plan", _plan_running, LAPTOP),
    Scene("plan-charts", "plan", _plan_running, LAPTOP, steps=_show_charts),
    Scene("safety", "safety", _fresh, LAPTOP),
    Scene("home-safety-mode", "", _safety_mode, LAPTOP),
    Scene("home-phone", "", _plan_running, PHONE),
    Scene("quiz-phone", "quiz", _quiz_started, PHONE),
)


def capture(page, path: Path, full_page: bool) -> None:
    """Save the window, or the whole page (Streamlit scrolls inside stMain, so grow the window)."""
    size = page.viewport_size
    if full_page and size:
        height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
        page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    if full_page and size:
        page.set_viewport_size(size)


def take(scenes: Sequence[Scene], out: Path) -> list[Path]:
    """Run the app, take every scene, and return the files written."""
    browser_path = chromium_path()
    if browser_path is None:
        raise SystemExit(
            "Chromium not found: install Debian's 'chromium' or set OPEN_DOOR_CHROMIUM"
        )
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder, running_app(Path(folder)) as url:
        store = Store(Path(folder))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=browser_path, headless=True, args=CHROMIUM_ARGS
            )
            for scene in scenes:
                key, access = store.create_space()
                scene.seed(store, access)
                context = browser.new_context(viewport=scene.viewport)
                page = context.new_page()
                page.goto(f"{url}/{scene.path}?space={key}")
                settle(page)
                if scene.steps:
                    scene.steps(page)
                    settle(page)
                target = out / f"{scene.name}.png"
                capture(page, target, scene.full_page)
                written.append(target)
                print(
                    f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
                )
                context.close()
            browser.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options and take the screenshots."""
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots", description=__doc__)
    parser.add_argument("--only", action="append", choices=[s.name for s in SCENES])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    chosen = [s for s in SCENES if not args.only or s.name in args.only]
    take(chosen, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

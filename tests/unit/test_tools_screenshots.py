"""The README's screenshots and ``tools/screenshots.py`` agree: every scene is shown, every picture exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.screenshots import LAPTOP, OUT, PHONE, SCENES, main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")
SHOWN = set(re.findall(r"docs/screenshots/([\w-]+)\.png", README))


def test_every_scene_is_in_the_readme_and_on_disk():
    names = [scene.name for scene in SCENES]
    assert len(names) == len(set(names))
    # The Spanish pictures (es-*) were taken by hand from a Spanish browser, not by a scene yet.
    assert set(names) == {n for n in SHOWN if not n.startswith("es-")}
    for name in names:
        assert (OUT / f"{name}.png").is_file(), (
            f"run: uv run python -m tools.screenshots --only {name}"
        )


def test_every_picture_in_the_readme_has_alt_text():
    for alt in re.findall(r"!\[([^\]]*)\]\(docs/screenshots/", README):
        assert len(alt) > 10
    for tag in re.findall(r"<img [^>]*>", README):
        assert re.search(r'alt="[^"]{10,}"', tag), tag


@pytest.mark.parametrize("scene", SCENES, ids=lambda s: s.name)
def test_scenes_are_laptop_or_phone_and_name_a_page(scene):
    assert scene.viewport in (LAPTOP, PHONE)
    assert scene.path in {"", "quiz", "script", "plan", "safety"}


def test_only_refuses_an_unknown_scene(capsys):
    with pytest.raises(SystemExit):
        main(["--only", "no-such-scene"])
    assert "invalid choice" in capsys.readouterr().err

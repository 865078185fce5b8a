"""The README is tested like code: its commands are the ones CI runs, every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from ui.settings import FIELDS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")


def fenced_commands() -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S)]


def test_first_two_commands_run_the_app_and_the_tests():
    run, test = fenced_commands()[:2]
    assert "streamlit run streamlit_app.py" in run
    assert test.endswith("pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert fenced_commands()[1] in ci
    assert "apt-get install -y chromium" in ci


def test_every_setting_is_documented():
    for name, (variable, default) in FIELDS.items():
        assert f"`{variable}`" in README and f"`{name}`" in README
        if default:
            assert f"`{default}`" in README

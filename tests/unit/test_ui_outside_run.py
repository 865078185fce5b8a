"""Every piece of code that runs outside the page run checks its link first, found by reading the code.

The AppTests in ``tests/app/test_old_tabs.py`` press the buttons; this reads every page and view so
that a callback, fragment or download added later can't skip the check unnoticed:

- an ``on_click``/``on_change`` callback handed this session's ``place`` is wrapped in
  ``ui.callbacks.guarded`` or ``ui.feedback.saves`` (which guards it), or is ``refused_download``
  (which only re-resolves);
- a download button's ``data`` is either drawn in the run (not callable) or ``fresh_data(...)``;
- a fragment calls ``still_open`` before it reads, unless it is listed below as reading nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/**/*.py")])
# Fragments that touch no storage at all: only this session's own memory.
FRAGMENTS_READING_NOTHING = {("ui/routines_view.py", "face")}  # the timer counts in session state


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"))


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _decorators(tree: ast.Module) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = set()
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                names.add(_name(target) or "")
            found[node.name] = names
    return found


def _calls(tree: ast.Module) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _kw(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_files_are_found():
    assert any(p.name == "my_data.py" for p in FILES)
    assert any(p.name == "routines_view.py" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_callbacks_given_this_sessions_place_are_guarded(path):
    tree = _tree(path)
    decorated = _decorators(tree)
    for call in _calls(tree):
        for kind in ("on_click", "on_change"):
            callback, args = _kw(call, kind), _kw(call, "args")
            if callback is None or not isinstance(args, ast.Tuple) or not args.elts:
                continue
            if _name(args.elts[0]) != "place":
                continue
            name = _name(callback)
            assert name is not None, f"{_rel(path)}:{call.lineno}: {kind} must be a named function"
            if name == "refused_download":
                continue
            # ui.feedback.saves checks the link through ui.callbacks.guarded.
            assert decorated.get(name, set()) & {"guarded", "saves"}, (
                f"{_rel(path)}:{call.lineno}: {name} gets the session's place but isn't @guarded"
            )


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_download_callables_re_resolve_the_key(path):
    for call in _calls(_tree(path)):
        if _name(call.func) != "download_button":
            continue
        data = _kw(call, "data")
        if data is None and len(call.args) > 1:
            data = call.args[1]
        assert not isinstance(data, ast.Lambda), (
            f"{_rel(path)}:{call.lineno}: a lambda as data keeps the access the page was drawn with"
        )
        if isinstance(data, ast.Call):
            assert _name(data.func) == "fresh_data", (
                f"{_rel(path)}:{call.lineno}: download data made by {_name(data.func)}"
            )


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_fragments_check_the_link_first(path):
    tree = _tree(path)
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        decos = [_name(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]
        if "fragment" not in decos or (_rel(path), node.name) in FRAGMENTS_READING_NOTHING:
            continue
        called = [_name(c.func) for c in _calls(ast.Module(body=node.body, type_ignores=[]))]
        assert "still_open" in called, f"{_rel(path)}: fragment {node.name} skips the link check"

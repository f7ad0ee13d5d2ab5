"""The domain rules live outside the web package: nothing under the packages below imports
from ``watching_brief.tracker.web`` (checked on the source, so a lazy import inside a
function counts too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import watching_brief.tracker as tracker

TRACKER = Path(tracker.__file__).parent
DOMAIN = (
    "access", "actions", "api", "documents", "exports", "ingest", "meetings", "notify",
    "people", "programme", "search",
)  # fmt: skip
WEB = "watching_brief.tracker.web"


def imported_modules(path: Path, root: Path = TRACKER.parent.parent) -> list[tuple[int, str]]:
    """Every module ``path`` (under the source ``root``) imports, absolute, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def web_imports(folder: Path, root: Path = TRACKER.parent.parent) -> list[str]:
    return [
        f"{path.relative_to(root)}:{line} imports {name}"
        for path in sorted(folder.rglob("*.py"))
        for line, name in imported_modules(path, root)
        if name == WEB or name.startswith(f"{WEB}.")
    ]


@pytest.mark.parametrize("package", DOMAIN)
def test_no_domain_package_imports_the_web_package(package: str) -> None:
    assert (TRACKER / package).is_dir(), package
    assert web_imports(TRACKER / package) == []


def test_the_check_finds_absolute_relative_and_lazy_imports(tmp_path: Path) -> None:
    api = tmp_path / "watching_brief" / "tracker" / "api"
    api.mkdir(parents=True)
    (api / "fine.py").write_text("from ..access import visible_actions\nimport json\n")
    (api / "bad.py").write_text(
        "from ..web import roles\n"
        "from ..web.views.shared import current_holders\n"
        "def later():\n    import watching_brief.tracker.web.models\n"
    )
    found = web_imports(api, tmp_path)
    assert [line.split(" imports ")[0] for line in found if "bad.py" in line] == [
        "watching_brief/tracker/api/bad.py:1",
        "watching_brief/tracker/api/bad.py:1",
        "watching_brief/tracker/api/bad.py:2",
        "watching_brief/tracker/api/bad.py:2",
        "watching_brief/tracker/api/bad.py:4",
    ]
    assert not [line for line in found if "fine.py" in line]

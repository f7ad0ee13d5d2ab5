"""The documentation keeps up with the code."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_setting_read_from_the_environment_is_documented() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "src").rglob("*.py"))
    read = set(re.findall(r"os\.environ(?:\.get)?\(\s*\"([A-Z_]+)\"", code))
    read |= set(re.findall(r"os\.environ\[\"([A-Z_]+)\"\]", code))
    read -= {"DJANGO_SETTINGS_MODULE"}
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert read, "no settings found: the pattern above is out of date"
    for name in sorted(read):
        assert f"`{name}`" in documented, f"{name} is not in docs/configuration.md"
        if name != "BRIEF_TESTING":
            assert f"{name}=" in example, f"{name} is not in .env.example"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert "make demo" in first_block and "make test" in first_block
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci

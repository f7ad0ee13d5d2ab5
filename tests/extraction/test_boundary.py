"""The extraction core stands alone: importing it loads no web framework."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_core_loads_neither_django_nor_the_rest_of_the_project() -> None:
    code = (
        "import sys, watching_brief.extraction as core\n"
        "core.extract_text('Board Meeting\\nDate: 3 March 2026')\n"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')"
        " or m.startswith('watching_brief.tracker') or m.startswith('watching_brief.cli')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""

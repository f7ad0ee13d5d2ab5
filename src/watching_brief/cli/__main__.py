"""`python -m watching_brief.cli` runs the `brief` command."""

from watching_brief.cli import main

main()

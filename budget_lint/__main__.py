"""``python -m budget_lint``: the command line, as the ``budget-lint`` script runs it."""

from .cli import entry

entry()

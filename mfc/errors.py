"""The error a subcommand raises for a mistake in what the user asked for.

It lives apart from :mod:`mfc.cli`, which imports every subcommand, so that subcommands can
import it without a cycle.
"""


class UsageError(Exception):
    """A mistake in what the user asked for; its message is shown as one line (exit 2)."""

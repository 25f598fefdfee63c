"""Subcommands of ``mfc``. Each module defines ``register(subparsers)``, which adds its parser
and sets ``run`` (a function taking the parsed arguments and returning an exit code)."""

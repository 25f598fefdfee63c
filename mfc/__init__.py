"""The ``mfc`` command line: one module per subcommand under :mod:`mfc.commands`."""

"""Sub-commands of the ``cancu`` CLI, one module each (see :mod:`cancu.cli`)."""

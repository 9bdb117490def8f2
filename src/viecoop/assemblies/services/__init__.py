"""Writes of the assemblies app, one module per stage: transactional, audited, locked where a read
decides a write. Views and commands call these functions and nothing else writes."""


class AssemblyError(Exception):
    """An action the rules refuse, with a message for people."""

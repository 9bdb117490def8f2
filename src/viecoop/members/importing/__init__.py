"""Import of a coop's register from CSV and XLSX files, and its export in the same columns.

``fields`` names the columns, ``parsing`` reads files, ``validation`` checks rows against a
snapshot of the register (plain data, no I/O), ``writing`` writes them in bulk under the
register lock, ``services`` runs an import job and ``tasks`` runs it in the background.
"""

"""Documents of the register: the legal register (ReportLab, long tables), activation letters
(ReportLab, one per page, for window envelopes), and the background jobs that build the big
ones with a progress bar (``jobs.py``, ``tasks.py``). The certificate of shares is a one-page
HTML template rendered by WeasyPrint (``core.pdf``).
"""

from .register import register_pdf

__all__ = ["register_pdf"]

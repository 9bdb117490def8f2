#!/usr/bin/env python
"""Same as the `viecoop` console command, for those who expect a manage.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from viecoop.__main__ import main

if __name__ == "__main__":
    main()

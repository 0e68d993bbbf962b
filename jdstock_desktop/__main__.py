from __future__ import annotations

import sys

from jdstock_desktop.cli import main

sys.exit(main())

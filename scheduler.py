"""The scheduler process: ``python scheduler.py`` (or ``mailer scheduler``).

The code is ``mailer/schedule/runner.py``. Jobs that an older version stored
in the database refer to ``scheduler:…``; the names below keep them working.
"""

from __future__ import annotations

import sys

from mailer.schedule.runner import (
    LOG_FORMAT,
    StopRequest,
    check_leader,
    fire_campaign,
    main,
    run,
    run_due,
    sync_campaigns,
)

__all__ = [
    "LOG_FORMAT",
    "StopRequest",
    "check_leader",
    "fire_campaign",
    "main",
    "run",
    "run_due",
    "sync_campaigns",
]

if __name__ == "__main__":
    main(sys.argv[1:])

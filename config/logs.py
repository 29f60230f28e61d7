"""Logging filters."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """A 403 is the permission design working (someone opened what is not theirs), not a fault:
    keep the one warning line with the path and drop the traceback Django attaches to it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True

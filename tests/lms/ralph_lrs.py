"""Run Ralph 5.1 (a real LRS) on 127.0.0.1 for the learning-records tests: `python ralph_lrs.py PORT`.

Configured by the environment the test sets (RALPH_RUNSERVER_BACKEND=fs, RALPH_AUTH_FILE,
RALPH_LRS_RESTRICT_BY_AUTHORITY/SCOPES, RALPH_RUNSERVER_CORS_ALLOW_ORIGINS, the fs backend's folder).
Ralph 5.1.0's filesystem backend creates its statements file on every write, so every POST or
PUT after the first fails with 500; appending is what it should do, and this sets it before
the app is imported.
"""

from __future__ import annotations

import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

import uvicorn  # noqa: E402

from ralph.api import app  # noqa: E402

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")

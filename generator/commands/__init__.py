"""One module per command: its arguments and a thin `run(args) -> exit status` over generator.pipeline.

`generator.cli` registers them in this order and is the only place errors become text.
"""

from __future__ import annotations

COMMANDS = ("build", "check", "serve", "init", "new", "schema", "report", "plan", "assemble", "package")

"""``python -m charterwatch.workspace.compute_process RUN_ID``: the background process of one
compute started from the workspace (:func:`charterwatch.workspace.compute_job.start`).

Django is set up from the environment the server passed on (framework, data folder,
database) before the job's modules are imported, as models cannot be imported before.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].isdigit():
        print("usage: python -m charterwatch.workspace.compute_process RUN_ID", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterwatch.workspace.settings")
    import django

    django.setup()
    from charterwatch.workspace.compute_job import run_job

    run_job(int(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""An exit without the interpreter's last search for garbage, for a process whose work is done.

At exit the interpreter looks through every object still alive for unreachable cycles, and
Ibis, DuckDB and pyarrow leave hundreds of thousands: 0.1 to 0.25 s of every command, after
its work is done and its output written. :func:`skip_final_collection` moves them out of the
collector's sight (``gc.freeze``) and switches it off. Exit handlers still run and buffered
output is still written; what is skipped is freeing memory the operating system takes back
anyway. Files, the results store and engines are closed by the code that opened them, never
left to a finaliser.

Only for a process that is about to end: the ``charterwatch`` command
(:func:`charterwatch.cli.run`) and the benchmarks' workers that stand for it. Never in a
process that goes on (tests call :func:`charterwatch.cli.main` in their own).
"""

from __future__ import annotations

import gc


def skip_final_collection() -> None:
    """Switch the garbage collector off and freeze every object now alive (see above)."""
    gc.disable()
    gc.freeze()

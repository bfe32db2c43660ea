"""The workspace: where the teams who produce the framework collect, check and release it.

A Django application over the same framework folder and pipeline as the command line. Data
owners see what is due from their team and upload returns that are checked by exactly the
code ``charterwatch validate`` and ``compute`` use (:mod:`charterwatch.sources.load`), so a
message in the browser is the message at the terminal. Nothing here decides a figure.

Settings come from the environment (:mod:`charterwatch.workspace.settings`);
``charterwatch workspace DIR`` sets them for a framework folder and runs the server.
"""

"""The built-in measure kinds, one module each.

Each module registers its kind with ``@register``. Which modules are built in is listed once,
in :data:`charterwatch.builtins.BUILTIN_KINDS`, and loaded by
:func:`charterwatch.builtins.load_builtins`; importing this package registers nothing.
"""

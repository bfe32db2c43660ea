"""Tools for checking a framework and its outputs.

``intruder`` plays an attacker who knows only the published disclosure rules and the
published outputs of one build, and tries to work out small counts from them;
``published`` and ``outputs`` read a built site's downloads and pages for it; ``leaks``
checks that no withheld value is printed anywhere.
"""

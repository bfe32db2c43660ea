"""Checking ``project.settings`` against the one declared list of settings, and typing them.

Each entry of ``charterwatch.settings.SETTINGS`` declares what its value allows (a switch, a
whole number or a number in a range), so this check is driven by that list: a new setting
needs no code here. Every problem is located at its line in ``charterwatch.yaml``:

- ``CW-M017`` an unknown group or name (a typo; the closest known name is suggested);
- ``CW-M018`` a value of the wrong type (``min_count: ten``), or a group that is not a mapping;
- ``CW-M019`` a value out of range (``change.alpha: 5``).

When all is well the settings come back typed (the YAML reader keeps ``0.05`` as text), so
every later layer reads numbers where it expects numbers.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from charterwatch.model.issues import Issue, Level
from charterwatch.model.yamlfile import YamlDocument

PREFIX = ("project", "settings")


def read_settings(
    given: dict[str, Any], doc: YamlDocument | None
) -> tuple[dict[str, Any], list[Issue]]:
    """The settings with each value typed, and every problem found (see the module doc)."""
    from charterwatch.settings import SETTINGS

    known = {s.name: s for s in SETTINGS}
    groups = sorted({name.split(".")[0] for name in known})
    typed: dict[str, Any] = {}
    issues: list[Issue] = []

    def located(code: str, path: tuple[str, ...], **words: Any) -> Issue:
        line = doc.line_of_key((*PREFIX, *path)) if doc is not None else None
        where = doc.file if doc is not None else "charterwatch.yaml"
        dotted = ".".join(("project", "settings", *path))
        return Issue(code=code, level=Level.ERROR, file=where, line=line, location=dotted, **words)

    for group, values in given.items():
        group = str(group)
        if group not in groups:
            issues.append(_unknown(located, (group,), group, groups))
            continue
        if not isinstance(values, dict):
            issues.append(
                located(
                    "CW-M018",
                    (group,),
                    message=f"the settings group '{group}' must be a mapping of settings",
                    expected=f"lines such as '{_example(group, known)}' under '{group}:'",
                    found=_show(values),
                    fix=f"write each {group} setting on its own line, indented under '{group}:'",
                )
            )
            continue
        typed[group] = {}
        for key, raw in values.items():
            name = f"{group}.{key}"
            setting = known.get(name)
            if setting is None:
                issues.append(_unknown(located, (group, str(key)), name, [*known]))
                continue
            value, problem = setting.allowed.read(raw)
            if problem is None:
                typed[group][key] = value
                continue
            default = "null" if setting.default is None else _show(setting.default)
            issues.append(
                located(
                    "CW-M018" if problem.kind == "type" else "CW-M019",
                    (group, str(key)),
                    message=f"the setting '{name}' must be {problem.expected}, not {_show(raw)}",
                    expected=setting.allowed.describe(),
                    found=_show(raw),
                    fix=f"write {setting.allowed.describe()}, or remove the line to use the "
                    f"default ({default})",
                )
            )
    return typed, issues


def _unknown(
    located: Callable[..., Issue], path: tuple[str, ...], name: str, known: list[str]
) -> Issue:
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"did you mean '{guess[0]}'? " if guess else ""
    kind = "settings group" if len(path) == 1 else "setting"
    return located(
        "CW-M017",
        path,
        message=f"unknown {kind} '{name}'",
        expected="one of: " + ", ".join(sorted(known)),
        found=f"'{name}'",
        fix=f"{hint}correct the name, or remove it (settings are listed in "
        "docs/framework-format.md)",
    )


def _example(group: str, known: dict[str, Any]) -> str:
    name = next(n for n in known if n.startswith(f"{group}."))
    default = known[name].default
    value = "null" if default is None else str(default).lower()
    return f"{name.split('.', 1)[1]}: {value}"


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return f"'{value}'" if isinstance(value, str) else repr(value)

"""Building the static site: render every page of the publication into a folder.

The site needs no server and no JavaScript to show its content; links are relative, so it
works from a file system, any web server or a sub-folder. Design-system assets are copied from
the npm package installed by the setup step (``node_modules``), never from a CDN.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from charterwatch.publish.formatting import base_text, interval_text, value_text
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.links import safe_link
from charterwatch.publish.responses import Responses
from charterwatch.publish.view import GROUP_ORDER, STATUS_GROUPS, Publication

HERE = Path(__file__).resolve().parent
DESIGN_SYSTEM_CSS = Path("@scottish-government/design-system/dist/css/design-system.min.css")
MARKER = ".charterwatch-site"


class SiteError(Exception):
    """The site cannot be built (missing assets, unsafe output folder, unreadable text)."""


def find_node_modules(start: Path | None = None) -> Path:
    """The ``node_modules`` folder holding the design system, searched upwards."""
    for folder in [*(start or Path.cwd()).resolve().parents, (start or Path.cwd()).resolve()]:
        if (folder / "node_modules" / DESIGN_SYSTEM_CSS).is_file():
            return folder / "node_modules"
    for folder in HERE.parents:
        if (folder / "node_modules" / DESIGN_SYSTEM_CSS).is_file():
            return folder / "node_modules"
    raise SiteError(
        "the Scottish Government Design System is not installed (node_modules not found); "
        "run 'make setup' (it runs 'npm ci')"
    )


def _label(value: str) -> str:
    return str(value).replace("_", " ").replace("band:", "").replace("age:", "")


def environment(t: Catalogue) -> Environment:
    env = Environment(
        loader=PackageLoader("charterwatch.publish.site", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = t
    env.filters["row_value"] = lambda r: value_text(r.value, r.unit, r.symbol, r.note)
    env.filters["row_base"] = base_text
    env.filters["row_interval"] = interval_text
    env.filters["row_status"] = lambda r: t(f"common.status.{STATUS_GROUPS[r.status]}")
    env.filters["figure_value"] = lambda v, unit: value_text(v, unit)
    env.filters["label"] = _label
    env.filters["safe_link"] = safe_link
    return env


@dataclass
class BuildReport:
    out: Path
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0


Step = Callable[["SiteBuilder"], None]
"""A further build step (downloads, PDFs), run after the folder is prepared."""


@dataclass
class SiteBuilder:
    """Renders one publication into ``out``."""

    pub: Publication
    out: Path
    catalogue: Catalogue = field(default_factory=Catalogue)
    responses: Responses | None = None
    charts: Any = None
    report: BuildReport = field(init=False)
    downloads: list[dict[str, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.report = BuildReport(self.out)
        self.env = environment(self.catalogue)

    def prepare(self) -> None:
        """Empty the output folder, refusing to delete anything that is not a built site."""
        if self.out.exists():
            if any(self.out.iterdir()) and not (self.out / MARKER).exists():
                raise SiteError(
                    f"{self.out} is not empty and is not a charterwatch site; "
                    "choose an empty or new folder"
                )
            shutil.rmtree(self.out)
        (self.out / "assets").mkdir(parents=True)
        (self.out / MARKER).write_text("built by charterwatch\n", encoding="utf-8")
        shutil.copyfile(
            find_node_modules() / DESIGN_SYSTEM_CSS, self.out / "assets" / "design-system.min.css"
        )
        for name in ("site.css", "search.js", "plan.js"):
            shutil.copyfile(HERE / "static" / name, self.out / "assets" / name)

    def page(self, path: str, template: str, title: str, **context: Any) -> None:
        """Render one page at ``path`` (relative, ending in index.html)."""
        depth = path.count("/")
        values = {
            "lang": self.catalogue.language,
            "root": "../" * depth,
            "project": self.pub.framework.project,
            "pub": self.pub,
            "synthetic": self.pub.synthetic,
            "page_title": title,
            "description": context.pop("description", title),
            "breadcrumbs": context.pop("breadcrumbs", None),
            "label": context.pop("label", None),
            "nav": context.pop("nav", None),
            "responses": self.responses,
            "status_groups": GROUP_ORDER,
        }
        values.update(context)
        html = self.env.get_template(template).render(**values)
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.report.pages.append(path)

    def build(self) -> BuildReport:
        start = time.perf_counter()
        self.prepare()
        for step in self.steps:
            step(self)
        from charterwatch.publish.site.pages import render_pages

        render_pages(self)
        self.report.files = sorted(
            p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file()
        )
        self.report.seconds = time.perf_counter() - start
        return self.report

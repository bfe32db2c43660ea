"""Building the static site: render every page of the publication into a folder.

The site needs no server and no JavaScript to show its content; links are relative, so it
works from a file system, any web server or a sub-folder. The design system's stylesheet is
shipped inside the package (``vendor/design-system``, taken from the pinned npm package) and
copied into every site, never loaded from a CDN, so a plain ``pip install`` builds sites.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from charterwatch.publish.contact_routes import TEMPLATES as SHARED_TEMPLATES
from charterwatch.publish.formatting import (
    base_text,
    cited_period,
    cited_value,
    date_in_words,
    figure_text,
    interval_text,
    value_text,
)
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.links import safe_link
from charterwatch.publish.responses import Responses
from charterwatch.publish.site.abbreviations import Abbreviations
from charterwatch.publish.site.incremental import Fingerprints, Manifest, Unit, copy_unit, file_hash
from charterwatch.publish.site.table_regions import wrap_tables
from charterwatch.publish.view import GROUP_ORDER, Publication, status_group
from charterwatch.results.verdict import VERDICT_ORDER

HERE = Path(__file__).resolve().parent
DESIGN_SYSTEM_CSS = Path("@scottish-government/design-system/dist/css/design-system.min.css")
"""Where the design system's stylesheet is in ``node_modules`` (the npm package the
packaged copy is taken from; see ``vendor/design-system/README.md``)."""
PACKAGED_DESIGN_SYSTEM = HERE / "vendor" / "design-system" / "design-system.min.css"
"""The stylesheet every built site uses, shipped inside the charterwatch package."""


class SiteError(Exception):
    """The site cannot be built (missing assets, a year with no figures)."""


def design_system_css() -> Path:
    """The design system's stylesheet shipped with the package; raises :class:`SiteError`
    when an installation lacks it (a damaged or hand-copied install)."""
    if PACKAGED_DESIGN_SYSTEM.is_file():
        return PACKAGED_DESIGN_SYSTEM
    raise SiteError(
        "the design system's stylesheet is missing from the charterwatch installation "
        f"(expected {PACKAGED_DESIGN_SYSTEM}); reinstall charterwatch, for example "
        "'pip install --force-reinstall charterwatch'"
    )


def find_node_modules(start: Path | None = None) -> Path:
    """The ``node_modules`` folder of a development checkout (the npm packages the tests
    use, such as axe-core, and the source of the packaged stylesheet), searched upwards."""
    for folder in [*(start or Path.cwd()).resolve().parents, (start or Path.cwd()).resolve()]:
        if (folder / "node_modules" / DESIGN_SYSTEM_CSS).is_file():
            return folder / "node_modules"
    for folder in HERE.parents:
        if (folder / "node_modules" / DESIGN_SYSTEM_CSS).is_file():
            return folder / "node_modules"
    raise SiteError(
        "node_modules not found: the npm packages of a development checkout are installed "
        "by 'make setup' (it runs 'npm ci'); building a site does not need them"
    )


def _label(value: str) -> str:
    return str(value).replace("_", " ").replace("band:", "").replace("age:", "")


def environment(t: Catalogue) -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("charterwatch.publish.site", "templates"),
                FileSystemLoader(str(SHARED_TEMPLATES)),
            ]
        ),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = t
    env.globals["verdict_order"] = [v.value for v in VERDICT_ORDER]
    env.filters["row_value"] = figure_text
    env.filters["row_base"] = base_text
    env.filters["row_interval"] = interval_text
    env.filters["row_status"] = lambda r: t(f"common.status.{status_group(r)}")
    env.filters["figure_value"] = lambda v, unit: value_text(v, unit)
    env.filters["cited_period"] = cited_period
    env.filters["cited_value"] = cited_value
    env.filters["label"] = _label
    env.filters["safe_link"] = safe_link
    env.filters["long_date"] = lambda day: date_in_words(day, t)
    return env


@dataclass
class BuildReport:
    """What a build wrote: every page and file, and which units were rendered or copied.

    ``rendered`` and ``kept`` name units (a page's path, ``downloads``, a PDF's path):
    ``rendered`` were made this time, ``kept`` copied unchanged from the previous site.
    """

    out: Path
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rendered: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


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
    finishing: list[Step] = field(default_factory=list)
    """Steps that wait for work done beside the pages (the full report, laid out in another
    process): run after the pages about parts of the publication, before the pages made
    from all of it, which list every download with its size."""
    previous: Path | None = None
    """The site this build replaces: units whose inputs are unchanged are copied from it."""
    site_key: str = ""
    """The hash of the whole-site inputs (:mod:`.incremental`), part of every unit's hash."""
    everything: str = ""
    """The hash of all the data read from the store, for units made from all of it."""
    feedback_url: str | None = None
    """Where each page's "Was this page useful?" form posts (none: no form)."""

    def __post_init__(self) -> None:
        self.report = BuildReport(self.out)
        self.env = environment(self.catalogue)
        self.abbreviations = Abbreviations.of(self.pub.framework.glossary.values())
        self.fingerprints = Fingerprints()
        self.manifest = Manifest()
        self._before = Manifest.read(self.previous) if self.previous else Manifest()
        self._pending: dict[str, str] = {}

    def unchanged(self, unit: str, *inputs: object) -> bool:
        """True when ``unit`` is made from the same inputs as in the previous site.

        Its files are then copied from there (each checked against its recorded hash) and
        recorded in the new manifest. Otherwise the unit is pending: what it renders next
        (:meth:`page`, or :meth:`made` for other files) is recorded under it.
        """
        key = self.fingerprints.of(self.site_key, unit, *inputs)
        before = self._before.units.get(unit)
        if (
            self.previous is not None
            and before is not None
            and before.key == key
            and copy_unit(before, self.previous, self.out)
        ):
            self.manifest.units[unit] = before
            self.report.kept.append(unit)
            self.report.pages.extend(p for p in before.files if p.endswith(".html"))
            return True
        self._pending[unit] = key
        return False

    def made(self, unit: str, files: list[str], data: Any = None) -> None:
        """Record the files a pending unit wrote (paths relative to ``out``)."""
        key = self._pending.pop(unit, None)
        if key is None:
            key = f"unkeyed:{uuid.uuid4().hex}"  # rendered without a hash: never kept
        hashes = {name: file_hash((self.out / name).read_bytes()) for name in files}
        self.manifest.units[unit] = Unit(key, hashes, data)
        self.report.rendered.append(unit)

    def kept_data(self, unit: str) -> Any:
        """The data recorded with a unit copied from the previous site."""
        return self.manifest.units[unit].data

    def prepare(self) -> None:
        """Copy the design system and the site's own assets into ``out`` (a new folder).

        ``out`` is written in place: :func:`charterwatch.publish.site.site.build_site` gives a
        temporary folder here and swaps it in only when the build is complete.
        """
        (self.out / "assets").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(design_system_css(), self.out / "assets" / "design-system.min.css")
        for name in ("site.css", "search.js", "filter.js", "plan.js", "sortable.js"):
            shutil.copyfile(HERE / "static" / name, self.out / "assets" / name)

    def pages_written(self) -> dict[str, str]:
        """Every page written so far (rendered or copied), by path, with its SHA-256."""
        return {
            name: digest
            for unit in self.manifest.units.values()
            for name, digest in unit.files.items()
            if name.endswith(".html")
        }

    def page(
        self, path: str, template: str, title: str, also: tuple[str, ...] = (), **context: Any
    ) -> None:
        """Render one page at ``path`` (relative, ending in index.html); ``also`` names
        files the page's step wrote beside it (recorded with the page, kept with it)."""
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
            "page_path": path,
            "feedback_url": self.feedback_url,
        }
        values.update(context)
        html = wrap_tables(
            self.abbreviations.expand(self.env.get_template(template).render(**values))
        )
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.report.pages.append(path)
        self.made(path, [path, *also])

    def build(self) -> BuildReport:
        start = time.perf_counter()
        self.prepare()
        for step in self.steps:
            step(self)
        from charterwatch.publish.site.pages import render_pages

        render_pages(self)
        for unit in list(self._pending):  # checked, then nothing to write (no responses)
            self.made(unit, [])
        self.manifest.write(self.out)
        self.report.files = sorted(
            p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file()
        )
        self.report.seconds = time.perf_counter() - start
        return self.report

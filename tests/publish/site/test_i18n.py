"""All interface text comes from the catalogue, and a framework can add a language or its own
wording without code changes."""

from __future__ import annotations

import re
from pathlib import Path

from charterwatch.pipeline import Pipeline
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.site.site import build_site
from tests.measures.fixtures import write_measured_framework

TEMPLATES = Path(__file__).resolve().parents[3] / "src/charterwatch/publish/site/templates"


def test_every_key_the_templates_use_exists_in_english() -> None:
    english = Catalogue()
    keys = set()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text("utf-8")
        keys |= {k for k in re.findall(r"(?<![\w.])t\('([a-z_.]+)'", text) if not k.endswith(".")}
    assert len(keys) > 50
    known = english.keys()
    missing = sorted(k for k in keys if k not in known)
    assert not missing, missing


def test_a_framework_can_add_a_language_and_its_own_wording(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path / "fw")
    (root / "locales" / "gd").mkdir(parents=True)
    (root / "locales" / "gd" / "site.yaml").write_text(
        'site:\n  nav:\n    home: "Sealladh luath"\n', encoding="utf-8"
    )
    (root / "locales" / "en").mkdir(parents=True)
    (root / "locales" / "en" / "site.yaml").write_text(
        'site:\n  challenge:\n    title: "How to ask us to think again"\n', encoding="utf-8"
    )
    pipeline = Pipeline.open(root)
    pipeline.compute()
    gaelic = build_site(pipeline, tmp_path / "gd", language="gd")
    home = (gaelic.out / "index.html").read_text("utf-8")
    assert '<html lang="gd">' in home and "Sealladh luath" in home
    assert "Easy read" in home  # untranslated keys fall back to English
    english = build_site(pipeline, tmp_path / "en")
    page = (english.out / "challenge/index.html").read_text("utf-8")
    assert "How to ask us to think again" in page

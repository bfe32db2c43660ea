"""Session fixtures: two computed stores and the downloads written from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.publish.downloads import DownloadsIndex, write_downloads
from tests.measures.fixtures import write_measured_framework
from tests.publish.downloads.fixtures import Computed, compute, write_download_framework


@pytest.fixture(scope="session")
def computed(tmp_path_factory: pytest.TempPathFactory) -> Computed:
    """The download fixture (published figures, synthetic calls), computed once."""
    return compute(write_download_framework(tmp_path_factory.mktemp("framework")))


@pytest.fixture(scope="session")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Computed:
    """The measured fixture exactly as the measure tests use it, computed once."""
    return compute(write_measured_framework(tmp_path_factory.mktemp("plain")))


@pytest.fixture(scope="session")
def downloads(computed: Computed, tmp_path_factory: pytest.TempPathFactory) -> DownloadsIndex:
    """Every download written once from the download fixture."""
    out = tmp_path_factory.mktemp("downloads")
    return write_downloads(computed.publication, computed.pipeline.store, out)


@pytest.fixture(scope="session")
def out_dir(downloads: DownloadsIndex) -> Path:
    return downloads.out_dir

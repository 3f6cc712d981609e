"""A real headless Chromium (Debian's chromium + chromium-driver, driven by selenium)
with the Lectern extension loaded, a connector on a library, and a site on
127.0.0.1 to read. Skipped only when chromium is not installed; CI installs it
(.ci/run) and sets LECTERN_REQUIRE_BROWSER=1, so there a missing browser fails."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from browser_testing import TOKEN
from connector_testing import serving_library
from lectern_testing import REPO
from site_server import Site, serving_site

EXTENSION = REPO / "packaging" / "browser"


def _browser_paths() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    reason = ("chromium and chromium-driver are not installed (apt-get install chromium "
              "chromium-driver; .ci/run does it)")
    if os.environ.get("LECTERN_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    browser_path, driver_path = _browser_paths()
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium never downloads a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser_path
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1200,900",
                 # Any name but 127.0.0.1 fails at once: the browser reaches no other address.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
                 f"--load-extension={EXTENSION}",
                 f"--disable-extensions-except={EXTENSION}"):
        options.add_argument(flag)
    # Chromium 137+ ignores --load-extension unless this is turned off.
    options.add_argument("--disable-features=DisableLoadExtensionCommandLineSwitch")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def lectern(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A library and its connector (as `lectern connector` runs it), on a free port."""
    from desktop.core.storage.library import Library

    path = tmp_path_factory.mktemp("lectern-home") / "library.sqlite3"
    Library.open(path).close()
    with serving_library(path, TOKEN) as server:
        server.library_path = path
        yield server


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving_site() as running:
        yield running

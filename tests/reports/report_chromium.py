"""Headless Chromium through selenium and the system chromedriver (never a downloaded one).

Also a small tool that refreshes the report screenshots in docs/screenshots:
    python tests/reports/report_chromium.py
"""

from __future__ import annotations

import base64
import shutil
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"


def available() -> bool:
    return Path(CHROMEDRIVER).exists() and Path(CHROMIUM).exists()


def start(width: int = 1280, height: int = 900) -> tuple[webdriver.Chrome, Path]:
    """A fresh headless Chromium with networking in the background switched off."""
    profile = Path(tempfile.mkdtemp(prefix="report-chromium-"))
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--hide-scrollbars", f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    return driver, profile


def stop(driver: webdriver.Chrome, profile: Path) -> None:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver: webdriver.Chrome, width: int, height: int = 900, *, mobile: bool = False) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def full_page_png(driver: webdriver.Chrome, width: int, max_height: int | None = None) -> bytes:
    """A screenshot of the whole page (or its top ``max_height`` pixels) at ``width`` CSS pixels."""
    set_viewport(driver, width, 900, mobile=width < 500)
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    height = min(height, max_height or height)
    set_viewport(driver, width, height, mobile=width < 500)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    return base64.b64decode(shot["data"])


def print_pdf(driver: webdriver.Chrome) -> bytes:
    """The page printed by Chromium (A4, backgrounds on), as PDF bytes."""
    result = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                                        "printBackground": True, "preferCSSPageSize": True})
    return base64.b64decode(result["data"])


def _refresh_screenshots() -> None:
    root = Path(__file__).resolve().parents[2]
    sys.path[:0] = [str(root / "src")]
    from interview_app.reports import load_document, write_report

    out = root / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    driver, profile = start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for lang in ("ko", "en"):
                html = write_report(load_document(root / f"tests/reports/fixtures/session_{lang}.json"),
                                    Path(tmp) / f"report-{lang}.html")
                driver.get(html.as_uri())
                (out / f"report-{lang}.png").write_bytes(full_page_png(driver, 1280))
                if lang == "ko":
                    (out / "report-ko-phone.png").write_bytes(full_page_png(driver, 390, max_height=4200))
    finally:
        stop(driver, profile)


if __name__ == "__main__":
    _refresh_screenshots()

"""The analyst's kept work in a real browser: save a view with a filter, clear the filter, reopen
the view from the sidebar and find its chips, its page and its URL back; download it with the
tags and notes from the Data page."""
from __future__ import annotations

import json

import pytest

from .test_browser import chips, download, go_to, no_exception, open_page, shot, url_params, wait_for_chip, wait_idle

pytestmark = pytest.mark.e2e

VIEW = "People saying grain"


def sidebar_button(page, text: str):
    return page.locator('[data-testid="stSidebar"] button', has_text=text).first


def test_a_saved_view_is_reopened_from_the_sidebar(page, app_url):
    open_page(page, f"{app_url}/map?actor_types=person&q=grain")
    wait_for_chip(page, "Actor type:")
    assert sorted(chips(page)) == ["Actor type: person", "Search: grain"]
    wanted = url_params(page)

    box = page.locator(".st-key-wb_view_name input").first
    box.fill(VIEW)
    box.press("Enter")
    wait_idle(page)
    page.locator(".st-key-wb_view_save button").first.click()
    sidebar_button(page, VIEW).wait_for()
    wait_idle(page)
    no_exception(page)
    shot(page, "saved-view-saved")

    page.locator(".st-key-sb_clear button").first.click()
    page.locator('[data-testid="stSidebar"]', has_text="No filter: showing the whole store.").first.wait_for()
    go_to(page, "Overview")
    assert chips(page) == [] and "q" not in url_params(page)

    sidebar_button(page, VIEW).click()
    page.get_by_role("heading", name="Map", exact=True).first.wait_for()
    assert wait_for_chip(page, "Search:") == "Search: grain"
    wait_idle(page)
    assert sorted(chips(page)) == ["Actor type: person", "Search: grain"]
    assert url_params(page) == wanted
    assert page.url.split("?")[0].rstrip("/").endswith("/map")
    no_exception(page)
    shot(page, "saved-view-reopened")

    go_to(page, "Data")  # the view goes along in the work file
    name, data = download(page, "wb_work_download")
    work = json.loads(data)
    assert name.endswith(".json") and work["format"] == "dateline-work"
    assert {v["name"]: (v["filter"], v["page"]) for v in work["saved_views"]}[VIEW] == (
        {"actor_types": ["person"], "q": ["grain"]}, "map")

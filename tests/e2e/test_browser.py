"""The dashboard in a real browser: linked filtering by clicks and drags, links that reopen the
same view, downloads, and no request leaving localhost.

Plotly charts are driven the way a user drives them: a mouse click at the centre of a bar, a
mouse drag across the timeline's plot area, a click on a map circle at the pixel where the map
draws it (``map.project`` of the point's lon/lat). Which bar or circle stands for what is read
from the trace's ``customdata`` (``[id, filter field, ...]``, see :mod:`components.charts`).
What the page shows is checked through the sidebar's filter chips, the URL, the charts' data
and the tables' JSON downloads (``st.dataframe`` draws on a canvas).
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import UNDATED_RECORDS

from .conftest import SHOTS

pytestmark = pytest.mark.e2e

PAGES = ("Overview", "Actors", "Map", "Timeline", "Quotes", "Articles", "Data")
SAMPLE_ARTICLES = 41

# --- JavaScript run on a plotly graph div (``.js-plotly-plot``) ---------------------------------

#: Every drawn bar of the chart as {trace, index, id, label}; ``id`` is ``customdata[0]``.
#: The order is the order of ``.bars path`` in the DOM.
JS_BARS = """gd => Array.from(gd.querySelectorAll('.bars path')).map(path => {
    const point = path.closest('.point'), trace = path.closest('.trace');
    const cd = trace && trace.__data__, i = point && point.__data__ ? point.__data__.i : -1;
    const t = cd && cd[0] && cd[0].trace;
    const custom = t && t.customdata ? t.customdata[i] : null;
    const horizontal = t && t.orientation === 'h';
    return {trace: t ? t.index : -1, index: i,
            id: Array.isArray(custom) ? custom[0] : custom,
            label: t ? String((horizontal ? t.y : t.x)[i]) : null};
})"""

#: The map's circles (scattermap traces) as {trace, index, id, lon, lat, x, y}: x/y is where the
#: page draws the point (viewport pixels).
JS_MAP_POINTS = """gd => {
    const sub = gd._fullLayout.map && gd._fullLayout.map._subplot;
    if (!sub) return [];
    const box = sub.div.getBoundingClientRect(), out = [];
    gd._fullData.forEach((t, k) => {
        if (t.type !== 'scattermap' || !t.lon) return;
        for (let i = 0; i < t.lon.length; i++) {
            const p = sub.map.project([t.lon[i], t.lat[i]]);
            const c = t.customdata ? t.customdata[i] : null;
            out.push({trace: k, index: i, id: Array.isArray(c) ? c[0] : c,
                      lon: t.lon[i], lat: t.lat[i], x: box.left + p.x, y: box.top + p.y,
                      inside: p.x > 10 && p.y > 10 && p.x < box.width - 10 && p.y < box.height - 10});
        }
    });
    return out;
}"""


# --- helpers -------------------------------------------------------------------------------------

_LOCAL = re.compile(r"^(https?|wss?)://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(/|$)")


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine: localhost/127.0.0.1/[::1], data:, blob:."""
    return bool(_LOCAL.match(url)) or url.startswith(("data:", "blob:", "about:"))


def wait_idle(page, *, timeout: float = 30_000) -> None:
    """Wait until Streamlit reports no script run in progress. Call it after waiting for
    something the action shows (a chip, the next page's heading), so the run has started."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(250)  # plotly draws after the script has finished


def open_page(page, url: str) -> None:
    """Navigate to ``url`` and wait until the app has rendered it (every page has a title,
    drawn after the sidebar and its chips)."""
    page.goto(url)
    page.locator('[data-testid="stMain"] h1').first.wait_for()
    wait_idle(page)


def shot(page, name: str) -> None:
    """Full-page screenshot to ``SHOTS/<name>.png`` (for people looking at the run)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def graph(page, key: str):
    """The plotly graph div of the chart drawn with widget key ``key``."""
    loc = page.locator(f".st-key-{key} .js-plotly-plot").first
    loc.wait_for()
    loc.scroll_into_view_if_needed()
    return loc


def chips(page) -> list[str]:
    """The labels of the active filter chips in the sidebar (``"Actor: X"``, ``"Dates: …"``)."""
    texts = page.locator('[data-testid="stSidebar"] button:visible').all_inner_texts()
    return [t.split("✕", 1)[1].strip() for t in texts if "✕" in t]


def wait_for_chip(page, prefix: str, *, timeout: float = 20_000) -> str:
    """Wait until a chip whose label starts with ``prefix`` shows; return its label."""
    page.locator('[data-testid="stSidebar"] button:visible', has_text=f"✕ {prefix}").first.wait_for(timeout=timeout)
    return next(c for c in chips(page) if c.startswith(prefix))


def go_to(page, title: str) -> None:
    """Switch page through the sidebar menu (same session, same Filter); ``title`` is the menu
    entry (``"Quotes"``)."""
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    page.get_by_role("heading", name=title, exact=True).first.wait_for()
    wait_idle(page)


def download(page, key: str) -> tuple[str, bytes]:
    """Click the download button with widget key ``key``; return (file name, content)."""
    button = page.locator(f".st-key-{key} button").first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    d = info.value
    with open(d.path(), "rb") as fh:
        return d.suggested_filename, fh.read()


def table_json(page, key: str) -> list[dict]:
    """The rows of the table with widget key ``key``, through its JSON download."""
    _, data = download(page, f"{key}_dl_json")
    rows = json.loads(data)
    if isinstance(rows, dict):  # {"columns": ..., "data": ...} or {column: {row: value}} layouts
        rows = rows.get("data", rows.get("records", rows))
    assert isinstance(rows, list), f"JSON download of {key} is not a list of rows"
    return rows


def show_tab(page, label: str) -> None:
    """Open the ``st.tabs`` tab called ``label``, and wait for the rerun that makes the contents
    of a tab made only while shown."""
    page.get_by_role("tab", name=label, exact=True).first.click()
    page.wait_for_timeout(200)
    wait_idle(page)


def metric(page, label: str) -> int:
    """The number an ``st.metric`` called ``label`` shows."""
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    value = box.locator('[data-testid="stMetricValue"]').inner_text()
    return int(value.replace(",", "").strip())


def no_exception(page) -> None:
    """Fail with the message when the page shows a Python exception."""
    errors = page.locator('[data-testid="stException"]')
    if errors.count():
        pytest.fail("the page shows an exception:\n" + errors.first.inner_text()[:2000])


def click_centre(page, box: dict) -> None:
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def map_points(page, key: str) -> list[dict]:
    """The circles the map with widget key ``key`` draws (see :data:`JS_MAP_POINTS`). Streamlit
    may swap the graph div while it redraws, so this asks again until a drawn map answers."""
    js = "gd => (gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot && " \
         "gd._fullLayout.map._subplot.map.loaded()) ? (" + JS_MAP_POINTS + ")(gd) : null"
    for _ in range(60):
        try:
            points = graph(page, key).evaluate(js)
        except Exception:  # the element went away under us
            points = None
        if points is not None:
            return points
        page.wait_for_timeout(250)
    pytest.fail(f"the map {key} was not drawn")


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


# --- tests ---------------------------------------------------------------------------------------


def test_app_opens_on_the_overview_of_the_sample_corpus(page, app_url):
    open_page(page, app_url)
    no_exception(page)
    assert page.get_by_role("heading", name="Overview", exact=True).count()
    assert metric(page, "Articles") == SAMPLE_ARTICLES
    assert chips(page) == []


def test_clicking_an_actor_bar_narrows_quotes_and_map_and_the_link_keeps_it(page, app_url, browser_context):
    open_page(page, f"{app_url}/map")
    all_points = map_points(page, "map_map")
    assert all_points, "the map draws no place for the whole sample corpus"

    go_to(page, "Actors")
    # an actor who is quoted, from the Actors table (what the bars show, with n_quotes)
    show_tab(page, "Table")
    ranked = table_json(page, "actors_table")
    show_tab(page, "Ranking")
    quoted = [r["actor"] for r in ranked if r.get("n_quotes")]
    assert quoted, "no actor in the sample corpus has a quote"
    bars = graph(page, "actors_bars")
    drawn = bars.evaluate(JS_BARS)
    pick = next((b for b in drawn if b["id"] in quoted), None)
    assert pick, f"none of the quoted actors {quoted[:5]} has a bar"
    box = bars.locator(".bars path").nth(drawn.index(pick)).bounding_box()
    click_centre(page, box)
    actor = pick["id"]
    assert wait_for_chip(page, "Actor:") == f"Actor: {actor}"
    assert url_params(page).get("actors") == [actor]
    no_exception(page)
    shot(page, "actors-after-bar-click")

    # the link in the address bar reopens the same view: on reload, and in a new tab (session)
    link = page.url
    page.reload()
    page.get_by_role("heading", name="Actors", exact=True).first.wait_for()
    wait_idle(page)
    assert wait_for_chip(page, "Actor:") == f"Actor: {actor}"
    other = browser_context.new_page()
    try:
        open_page(other, link)
        assert wait_for_chip(other, "Actor:") == f"Actor: {actor}"
        assert chips(other) == [f"Actor: {actor}"]
        assert other.get_by_role("heading", name="Actors", exact=True).count()
        no_exception(other)
    finally:
        other.close()

    go_to(page, "Quotes")
    assert f"Actor: {actor}" in chips(page)
    rows = table_json(page, "quotes_table")
    assert rows, f"no quote shown for {actor}, who has quotes"
    assert {r["speaker"] for r in rows} == {actor}
    shot(page, "quotes-for-actor")

    go_to(page, "Map")
    narrowed = map_points(page, "map_map")
    assert 0 < len(narrowed) < len(all_points)
    assert {p["id"] for p in narrowed} < {p["id"] for p in all_points}
    shot(page, "map-for-actor")


def test_the_back_button_undoes_a_filter_and_forward_redoes_it(page, app_url):
    open_page(page, app_url)
    box = page.locator('[data-testid="stSidebar"]').get_by_label("Search", exact=True)

    def search(words: str) -> int:
        box.fill(words)
        box.press("Enter")
        wait_for_chip(page, f"Search: {words}")
        wait_idle(page)
        return metric(page, "Articles")

    port, harbour = search("port"), search("harbour")
    assert harbour < SAMPLE_ARTICLES and port < SAMPLE_ARTICLES

    def moved(step, words: str | None, articles: int) -> None:
        step()
        if words:
            wait_for_chip(page, f"Search: {words}")
        else:
            page.wait_for_function("() => !document.location.search.includes('q=')")
            page.locator('[data-testid="stSidebar"] button:visible', has_text="✕ Search:").first.wait_for(state="detached")
        wait_idle(page)
        assert chips(page) == ([f"Search: {words}"] if words else [])
        assert url_params(page).get("q") == ([words] if words else None)
        assert metric(page, "Articles") == articles

    moved(page.go_back, "port", port)
    moved(page.go_back, None, SAMPLE_ARTICLES)
    moved(page.go_forward, "port", port)
    no_exception(page)


def test_dragging_a_date_range_on_the_timeline_filters_dates(page, app_url):
    open_page(page, f"{app_url}/timeline")
    gd = graph(page, "timeline_chart")
    if gd.evaluate("gd => gd._fullLayout.dragmode") != "select":
        gd.hover()  # a user picks "Box Select" in the mode bar
        gd.locator('.modebar-btn[data-val="select"]').click()
    area = gd.locator(".nsewdrag").first.bounding_box()
    y = area["y"] + area["height"] * 0.5
    x0, x1 = area["x"] + area["width"] * 0.30, area["x"] + area["width"] * 0.65
    page.mouse.move(x0, y)
    page.mouse.down()
    for step in range(1, 13):
        page.mouse.move(x0 + (x1 - x0) * step / 12, y + (step % 2))
    # the days under the start and end of the drag, as the chart's own x axis reads them
    ax_days = gd.evaluate("""(gd, px) => { const ax = gd._fullLayout.xaxis;
        return px.map(x => String(ax.p2d(x - ax._offset - gd.getBoundingClientRect().left)).slice(0, 10)); }""",
                          [x0, x1])
    page.mouse.up()
    label = wait_for_chip(page, "Dates:")
    params = url_params(page)
    assert "from" in params and "to" in params, page.url
    start, end = date.fromisoformat(params["from"][0]), date.fromisoformat(params["to"][0])
    assert start <= end
    assert params["from"][0] in label and params["to"][0] in label
    # the range is the one dragged over (to the day: bars are centred on their day)
    dragged = [date.fromisoformat(d) for d in ax_days]
    assert abs((start - dragged[0]).days) <= 1 and abs((end - dragged[1]).days) <= 1, (ax_days, page.url)
    no_exception(page)
    shot(page, "timeline-after-drag")

    go_to(page, "Overview")
    assert 0 < metric(page, "Articles") < SAMPLE_ARTICLES


def test_clicking_a_timeline_bar_keeps_its_period_and_every_view_follows(page, app_url):
    open_page(page, f"{app_url}/timeline")
    gd = graph(page, "timeline_chart")
    # the tallest bar (the easiest to hit), its period and its count, as the chart holds them
    tallest = gd.evaluate("""gd => { const t = gd.data[0], i = t.y.indexOf(Math.max(...t.y));
        return {i: i, first: t.customdata[i][0], last: t.customdata[i][2] || t.customdata[i][0], n: t.y[i]}; }""")
    bar = gd.locator("g.trace.bars g.point path").nth(tallest["i"]).bounding_box()
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] * 0.8)
    label = wait_for_chip(page, "Dates:")
    params = url_params(page)
    assert (params.get("from"), params.get("to")) == ([tallest["first"]], [tallest["last"]]), page.url
    assert tallest["first"] in label
    no_exception(page)
    go_to(page, "Overview")
    assert metric(page, "Articles") == tallest["n"]  # the bar's articles, and only those


def test_clicking_a_place_on_the_map_filters_to_it(page, app_url):
    open_page(page, f"{app_url}/map")
    points = [p for p in map_points(page, "map_map") if p["inside"] and p["id"]]
    assert points, "no place circle is drawn inside the map"
    # the circle farthest from every other, so the click cannot land on a neighbour
    def room(p):
        return min(((p["x"] - q["x"]) ** 2 + (p["y"] - q["y"]) ** 2 for q in points if q is not p),
                   default=1e9)
    target = max(points, key=room)
    page.mouse.click(target["x"], target["y"])
    assert wait_for_chip(page, "Place:") == f"Place: {target['id']}"
    assert url_params(page).get("places") == [target["id"]]
    no_exception(page)
    left = map_points(page, "map_map")
    assert target["id"] in {p["id"] for p in left}
    assert len(left) <= len(points)
    shot(page, "map-after-place-click")


#: Features per GeoJSON source of the drawn map (MapLibre's sources: the outlines of trace 0,
#: the shaded countries of trace 1, …) and the outlines' URL the figure names.
JS_OUTLINE_SOURCES = """gd => {
    const style = gd._fullLayout.map._subplot.map.getStyle();
    const counts = Object.values(style.sources).filter(s => s.type === 'geojson' && s.data && s.data.features)
        .map(s => s.data.features.length);
    return {url: gd.data[0].geojson, counts};
}"""


def test_the_maps_draw_the_outlines_the_app_s_own_server_sends_read_once(page, app_url):
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    open_page(page, f"{app_url}/map")
    assert map_points(page, "map_map")
    drawn = graph(page, "map_map").evaluate(JS_OUTLINE_SOURCES)
    assert drawn["url"] == "/dateline-outlines.geojson"
    assert max(drawn["counts"]) > 150                 # every country outlined …
    assert any(0 < n < 100 for n in drawn["counts"])  # … and the sample's few countries shaded
    go_to(page, "Overview")
    assert map_points(page, "overview_map")
    outlines = [u for u in asked if u.endswith("/dateline-outlines.geojson")]
    assert outlines == [f"{app_url}/dateline-outlines.geojson"]  # from the app, once for both maps
    assert all(is_local(u) for u in asked)
    no_exception(page)


def test_the_map_shows_the_world_once_even_zoomed_out(page, app_url):
    open_page(page, f"{app_url}/map")
    gd = graph(page, "map_map")
    view = "gd => { const b = gd._fullLayout.map._subplot.map.getBounds(); return [b.getWest(), b.getEast()]; }"
    box = gd.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(8):  # the mouse wheel, zooming out as far as the map lets it
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(150)
    page.wait_for_timeout(500)
    west, east = gd.evaluate(view)
    assert -180 <= west < east <= 180, f"the map shows longitudes {west:.0f}…{east:.0f}: a copy of the world"
    assert east - west > 300  # and it did zoom out to the whole world
    no_exception(page)


def test_the_exported_map_opened_as_a_file_with_the_network_off_shows_the_map(page, app_url, browser, tmp_path):
    """A double-clicked HTML export (file://) cannot run the interactive map (its worker is a
    JavaScript module): the page shows the map's picture instead, with its circles."""
    import io

    from PIL import Image

    open_page(page, f"{app_url}/map")
    name, data = download(page, "map_map_dl_html")
    path = tmp_path / name
    path.write_bytes(data)
    offline = browser.new_context(offline=True)
    try:
        tab = offline.new_page()
        tab.goto(path.as_uri())
        picture = tab.locator("figure img")
        picture.wait_for(state="visible", timeout=20_000)
        assert tab.locator(".js-plotly-plot").first.is_hidden()
        assert "Opened from a file, the map is a picture" in tab.locator("figcaption").inner_text()
        shown = Image.open(io.BytesIO(picture.screenshot())).convert("RGB")
        circles = sum(1 for r, g, b in shown.getdata() if r > 180 and 60 < g < 130 and b < 60)  # the circles' orange
        assert circles > 500, circles
    finally:
        offline.close()


def test_chart_png_and_table_xlsx_downloads_are_valid_files(page, app_url):
    open_page(page, f"{app_url}/actors")
    name, png = download(page, "actors_bars_dl_png")
    assert name.endswith(".png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000

    show_tab(page, "Table")
    name, xlsx = download(page, "actors_table_dl_xlsx")
    assert name.endswith(".xlsx")
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        assert "xl/worksheets/sheet1.xml" in z.namelist()
        cells = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                        if n in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"))
    assert "<row" in cells and ">actor<" in cells  # the header row at least


def test_every_page_renders_without_an_exception(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 2400})  # taller screenshots
    open_page(page, app_url)
    for title in PAGES:
        go_to(page, title)
        no_exception(page)
        shot(page, title.lower())


@pytest.mark.model
def test_the_articles_page_of_an_undated_store_lists_and_reads_them(page, app_url, undated_corpus_store):
    open_page(page, f"{app_url}/data")
    page.locator(".st-key-data_store_path input").fill(str(undated_corpus_store))
    page.locator('[data-testid="stBaseButton-secondaryFormSubmit"]', has_text="Open").click()
    page.get_by_text(str(undated_corpus_store), exact=True).first.wait_for()
    wait_idle(page)
    go_to(page, "Articles")
    no_exception(page)
    shot(page, "articles-undated")
    picked = page.locator(".st-key-article_id")
    assert "undated · " in (picked.inner_text() + " " + picked.locator("input").first.input_value())
    page.get_by_text("undated · Harbour Weekly").first.wait_for()  # the reader's date line
    rows = table_json(page, "articles_table")
    assert len(rows) == len(UNDATED_RECORDS) and all(r["date"] is None for r in rows)  # exported empty


@pytest.mark.model
def test_a_search_with_a_phrase_and_a_not_filters_every_page_and_is_in_the_link(page, app_url, e2e_store):
    from components import query
    from components.filters import Filter
    from components.store import Store

    text = '"grain board" -port'
    store = Store(e2e_store)
    expected = set(query.articles(store, Filter(text=text))["article_id"])
    texts = dict(store.query("SELECT id, text FROM articles").itertuples(index=False))
    assert 0 < len(expected) < SAMPLE_ARTICLES  # (the demo corpus has such articles, and others)
    open_page(page, app_url)
    box = page.locator(".st-key-sb_text input")
    box.fill(text)
    box.press("Enter")
    assert wait_for_chip(page, "Search:") == f"Search: {text}"
    wait_idle(page)
    assert url_params(page)["q"] == [text]
    assert metric(page, "Articles") == len(expected)  # the Overview's counts follow
    go_to(page, "Articles")
    no_exception(page)
    shot(page, "articles-search")
    page.get_by_text("best match first").first.wait_for()
    listed = {r["article_id"] for r in table_json(page, "articles_table")}
    assert listed == expected
    assert all("grain board" in texts[i].lower() and "port" not in re.findall(r"\w+", texts[i].lower())
               for i in listed)
    assert page.locator('[data-testid="stMain"] b[style*="outline"]').count()  # the reader marks the hits
    assert url_params(page)["q"] == [text]


def test_the_browser_requested_nothing_but_localhost(requests_seen, app_url):
    """Runs last (file order): every request of the whole run, all pages, downloads and
    websockets included."""
    assert requests_seen, "no request was recorded"
    assert any(u.startswith(app_url) for u in requests_seen)
    outside = sorted({u for u in requests_seen if not is_local(u)})
    assert outside == [], f"requests left localhost: {outside[:20]}"

"""The static site as the public and other websites read it (issue 12 item 5).

schema.org ``Event`` JSON-LD, the "Près de moi" data, the embeddable widget, subscription
links (relative, or ``webcal://`` under a base URL), every text inside a landmark, and no
English in the French pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from itinerant.i18n import MESSAGES
from itinerant.publish.public import public_events
from itinerant.publish.public.site import write_site
from itinerant.publish.public.timetable import PublicTimetable, commune_nearby
from tests.conftest import DefaultPlan

AUBUSSON = "23008"
STAMP = dt.datetime(2026, 12, 15, 10, 30, tzinfo=dt.UTC)
BASE = "https://mairie.exemple.fr/cite/"
EVIL = "</script><script>alert(1)</script>"
LANDMARK_TAGS = frozenset({"header", "nav", "main", "footer", "aside"})
LANDMARK_ROLES = frozenset(
    {"banner", "navigation", "main", "contentinfo", "complementary", "region", "search"}
)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
VOID |= {"source", "track", "wbr"}


# --------------------------------------------------------------------------- HTML reading
@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def ancestors(self) -> list[Node]:
        found, node = [], self
        while node is not None:
            found.append(node)
            node = node.parent
        return found

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()


class _Tree(HTMLParser):
    """A small tree of the page (the templates close every element they open)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.open = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.open = node

    def handle_startendtag(self, tag, attrs):
        self.open.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.open))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.open.tag == tag, f"</{tag}> closes <{self.open.tag}>"
        assert self.open.parent is not None
        self.open = self.open.parent

    def handle_data(self, data):
        self.open.children.append(data)


def parse(path: Path) -> Node:
    tree = _Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    tree.close()
    assert tree.open is tree.root, f"<{tree.open.tag}> never closed in {path.name}"
    return tree.root


def find(root: Node, tag: str, **attrs: str) -> list[Node]:
    return [
        n
        for n in root.walk()
        if n.tag == tag and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
    ]


def jsonld(root: Node) -> list[dict]:
    (script,) = find(root, "script", type="application/ld+json")
    data = json.loads(script.text())
    assert isinstance(data, list)
    return data


def is_landmark(node: Node) -> bool:
    return node.tag in LANDMARK_TAGS or node.attrs.get("role") in LANDMARK_ROLES


# --------------------------------------------------------------------------- fixtures
def _timetable(plan: DefaultPlan, scenario=None) -> PublicTimetable:
    scenario = scenario or plan.scenario
    return PublicTimetable(
        scenario=scenario,
        matrix=plan.matrix,
        events=tuple(public_events(plan.schedule, scenario)),
        generated_at=STAMP,
        within_minutes=30.0,
        lang="fr",
    )


@pytest.fixture(scope="module")
def timetable(default_plan: DefaultPlan) -> PublicTimetable:
    return _timetable(default_plan)


@pytest.fixture(scope="module")
def site(timetable: PublicTimetable, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French site, no base URL."""
    out = tmp_path_factory.mktemp("site")
    write_site(timetable, out)
    return out


@pytest.fixture(scope="module")
def site_at_base(timetable: PublicTimetable, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French site published under :data:`BASE`."""
    out = tmp_path_factory.mktemp("site-base")
    write_site(timetable, out, base_url=BASE)
    return out


def _aubusson_found(timetable: PublicTimetable):
    scenario = timetable.scenario
    commune = scenario.territory.commune(AUBUSSON)
    found, _ = commune_nearby(timetable.events, scenario, timetable.matrix, commune, 30.0)
    assert found, "the default plan has dates near Aubusson"
    return found


# --------------------------------------------------------------------------- JSON-LD
def _check_event(item: dict) -> None:
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "Event"
    start = dt.datetime.fromisoformat(item["startDate"])
    end = dt.datetime.fromisoformat(item["endDate"])
    assert re.search(r"[+-]\d\d:\d\d$", item["startDate"]), item["startDate"]
    assert start.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))  # Paris
    assert end > start
    place = item["location"]
    assert place["@type"] == "Place"
    assert place["address"]["@type"] == "PostalAddress"
    assert place["address"]["addressCountry"] == "FR"
    assert place["address"]["addressLocality"]
    geo = place["geo"]
    assert geo["@type"] == "GeoCoordinates"
    assert 45.0 < geo["latitude"] < 47.0
    assert 1.0 < geo["longitude"] < 3.0
    assert item["isAccessibleForFree"] is True
    assert item["inLanguage"] == "fr"


def test_index_and_commune_pages_carry_schema_org_events(site, timetable):
    index = jsonld(parse(site / "index.html"))
    assert len(index) == min(12, len(timetable.events))
    for item, event in zip(index, timetable.events, strict=False):
        _check_event(item)
        assert item["identifier"] == event.uid
        assert dt.datetime.fromisoformat(item["startDate"]) == event.starts_at
        assert "url" not in item  # no base URL: no absolute address to give
    page = jsonld(parse(site / "communes" / f"{AUBUSSON}.html"))
    found = _aubusson_found(timetable)
    assert [i["identifier"] for i in page] == [n.event.uid for n in found]
    for item, near in zip(page, found, strict=True):
        _check_event(item)
        assert item["location"]["name"] == near.event.name
        assert item["location"]["geo"]["latitude"] == round(near.event.location.lat, 6)


def test_events_link_to_the_commune_page_under_a_base_url(site_at_base):
    page = jsonld(parse(site_at_base / "communes" / f"{AUBUSSON}.html"))
    assert page
    assert {i["url"] for i in page} == {f"{BASE}communes/{AUBUSSON}.html"}
    assert {i["organizer"]["url"] for i in page} == {BASE}


def test_a_stop_name_cannot_break_out_of_the_scripts(default_plan, tmp_path):
    _, first = default_plan.schedule.visits()[0]
    stops = tuple(
        dataclasses.replace(s, name=EVIL) if s.id == first.stop else s
        for s in default_plan.scenario.stops
    )
    scenario = dataclasses.replace(default_plan.scenario, stops=stops)
    timetable = _timetable(default_plan, scenario)
    write_site(timetable, tmp_path)
    pages = [tmp_path / "index.html", *sorted((tmp_path / "communes").glob("*.html"))]
    shown = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path.name
        assert text.count("<script") == text.count("</script>"), path.name
        root = parse(path)
        for script in find(root, "script"):
            assert EVIL not in script.text()  # escaped, not written as is
            if script.attrs.get("type") in ("application/ld+json", "application/json"):
                shown += EVIL in json.dumps(json.loads(script.text()), ensure_ascii=False)
    assert shown, "the name is in the data, read back intact by a JSON parser"


# --------------------------------------------------------------------------- near me data
def test_near_me_data_is_each_town_hall_and_its_next_dates(site, timetable):
    (script,) = find(parse(site / "index.html"), "script", id="donnees-pres-de-moi")
    data = json.loads(script.text())
    communes = {c["code"]: c for c in data["communes"]}
    assert set(communes) == {c.code for c in timetable.scenario.territory.communes}
    row = communes[AUBUSSON]
    point = timetable.scenario.territory.commune(AUBUSSON).point
    assert (row["lat"], row["lon"]) == (round(point.lat, 5), round(point.lon, 5))
    assert row["page"] == f"communes/{AUBUSSON}.html"
    shown = [data["events"][k] for k in row["events"]]
    found = _aubusson_found(timetable)[:3]
    assert [e["date"] for e in shown] == [n.event.date.isoformat() for n in found]
    assert [e["name"] for e in shown] == [n.event.name for n in found]
    assert all(e["hours"].startswith("de ") for e in shown)
    section = find(parse(site / "index.html"), "section", id="pres-de-moi")[0]
    assert "hidden" in section.attrs  # shown by the script only
    for key in ("waiting", "denied", "unavailable", "far", "found", "none", "page"):
        assert section.attrs[f"data-{key}"], key


# --------------------------------------------------------------------------- widget
def _iframe(page: Path) -> dict[str, str]:
    (code,) = find(parse(page), "code", id="code-integration")
    inner = _Tree()
    inner.feed(code.text())
    (frame,) = find(inner.root, "iframe")
    return frame.attrs


def test_commune_page_gives_an_iframe_of_its_widget(site, site_at_base, timetable):
    frame = _iframe(site / "communes" / f"{AUBUSSON}.html")
    assert frame["src"] == f"https://adresse-du-site/communes/{AUBUSSON}-widget.html"
    assert "Aubusson" in frame["title"]
    (code,) = find(parse(site / "communes" / f"{AUBUSSON}.html"), "code", id="code-integration")
    assert code.attrs["data-src"] == frame["src"]  # the script replaces it by the real address
    assert code.attrs["data-widget"] == f"{AUBUSSON}-widget.html"
    frame = _iframe(site_at_base / "communes" / f"{AUBUSSON}.html")
    assert frame["src"] == f"{BASE}communes/{AUBUSSON}-widget.html"
    (code,) = find(
        parse(site_at_base / "communes" / f"{AUBUSSON}.html"), "code", id="code-integration"
    )
    assert code.attrs["data-src"] == ""  # nothing to replace

    widget = parse(site / "communes" / f"{AUBUSSON}-widget.html")
    assert find(widget, "html")[0].attrs["lang"] == "fr"
    assert not find(widget, "link")  # self-contained: no style sheet
    assert not find(widget, "script")
    found = _aubusson_found(timetable)[:3]
    items = [n for n in widget.walk() if n.attrs.get("class") == "event"]
    assert [i.attrs["data-date"] for i in items] == [n.event.date.isoformat() for n in found]
    names = [n.text() for i in items for n in i.walk() if n.attrs.get("class") == "place-name"]
    assert names == [n.event.name for n in found]
    (more,) = [a for a in find(widget, "a") if a.attrs.get("href") == f"{AUBUSSON}.html"]
    assert more.text() == "Toutes les dates et les lieux de conseil"
    assert (site / "communes" / f"{AUBUSSON}.html").is_file()


# --------------------------------------------------------------------------- subscriptions
def _hrefs(page: Path) -> list[str]:
    return [a.attrs["href"] for a in find(parse(page), "a") if "href" in a.attrs]


def test_calendar_links_are_relative_without_a_base_url(site):
    hrefs = _hrefs(site / "communes" / f"{AUBUSSON}.html")
    assert f"../ics/communes/{AUBUSSON}.ics" in hrefs
    assert "../ics/territoire.ics" in hrefs
    assert not [h for h in hrefs if h.startswith(("webcal:", "http:", "https:"))]
    assert "ics/territoire.ics" in _hrefs(site / "index.html")


def test_calendar_links_are_webcal_under_a_base_url(site_at_base):
    page = site_at_base / "communes" / f"{AUBUSSON}.html"
    hrefs = _hrefs(page)
    for feed in (f"ics/communes/{AUBUSSON}.ics", "ics/territoire.ics", "ics/rotations.ics"):
        assert f"webcal://mairie.exemple.fr/cite/{feed}" in hrefs, feed
        assert f"{BASE}{feed}" in hrefs, feed  # the plain download
    (subscribe,) = [a for a in find(parse(page), "a") if a.attrs.get("class") == "ics"]
    assert subscribe.attrs["href"] == f"webcal://mairie.exemple.fr/cite/ics/communes/{AUBUSSON}.ics"
    index = _hrefs(site_at_base / "index.html")
    assert "webcal://mairie.exemple.fr/cite/ics/territoire.ics" in index


def test_pages_link_to_the_atom_feeds_that_are_published(published_rotating):
    page = parse(published_rotating / "communes" / f"{AUBUSSON}.html")
    index = parse(published_rotating / "index.html")
    for root, folder, href in (
        (page, published_rotating / "communes", f"../flux/communes/{AUBUSSON}.atom"),
        (index, published_rotating, "flux/territoire.atom"),
    ):
        heads = [n.attrs["href"] for n in find(root, "link", type="application/atom+xml")]
        assert heads == [href]
        assert href in [a.attrs.get("href") for a in find(root, "a")]
        assert (folder / href).resolve().is_file(), href


def test_base_url_must_be_absolute_and_end_with_a_slash(timetable, tmp_path):
    for wrong in ("exemple.fr/", "https://exemple.fr/cite", "ftp://exemple.fr/"):
        with pytest.raises(ValueError, match="base_url"):
            write_site(timetable, tmp_path, base_url=wrong)


# --------------------------------------------------------------------------- landmarks
@pytest.mark.parametrize("name", ["index.html", f"communes/{AUBUSSON}.html"])
def test_every_text_is_inside_a_landmark(site, name):
    root = parse(site / name)
    assert find(root, "p", **{"class": "notice"}), "the default territory is sample data"
    outside = []
    for node in root.walk():
        if node.tag in ("script", "style", "head", "title"):
            continue
        if any(a.tag in ("head", "script", "style") for a in node.ancestors()):
            continue
        text = " ".join(c for c in node.children if isinstance(c, str)).strip()
        if not text:
            continue
        ancestors = node.ancestors()
        if any(is_landmark(a) for a in ancestors):
            continue
        if any(a.tag == "a" and a.attrs.get("class") == "skip" for a in ancestors):
            continue  # the skip link comes before the landmarks (axe allows it)
        outside.append(f"<{node.tag}>{text[:40]}")
    assert outside == []
    (notice,) = find(root, "p", **{"class": "notice"})
    assert any(a.tag == "main" for a in notice.ancestors())


def test_the_widget_notice_is_inside_its_main(site):
    widget = parse(site / "communes" / f"{AUBUSSON}-widget.html")
    (notice,) = find(widget, "p", **{"class": "notice"})
    assert any(a.tag == "main" for a in notice.ancestors())
    (body,) = find(widget, "body")
    assert [c.tag for c in body.children if isinstance(c, Node)] == ["main"]


# --------------------------------------------------------------------------- no English
def _words(texts) -> set[str]:
    found: set[str] = set()
    for text in texts:
        bare = re.sub(r"\{[^}]*\}", " ", text)
        found.update(w.casefold() for w in re.findall(r"[A-Za-zÀ-ÿ]+", bare))
    return found


MACHINE = frozenset(
    {"data-nom", "data-cp", "data-date", "data-lieu", "data-type", "data-widget", "data-src"}
)
"""Attributes read by scripts only (codes, dates, file names), not by people."""
ENGLISH_PHRASES = (
    "Near me",
    "Embed",
    "Next",
    "dates near",
    "Copy the code",
    "download the file",
    "Change notices",
    "calendar",
    "Search",
    "town hall",
    "Free advice",
)


def _visible(root: Node) -> list[str]:
    """Text nodes, attribute values people read, and the string values of the page's data."""
    texts: list[str] = []
    for node in root.walk():
        for key in ("title", "aria-label", "alt", "placeholder"):
            if key in node.attrs:
                texts.append(node.attrs[key])
        if node.tag == "meta" and node.attrs.get("name") == "description":
            texts.append(node.attrs["content"])
        texts += [v for k, v in node.attrs.items() if k.startswith("data-") and k not in MACHINE]
        if node.tag == "script" and node.attrs.get("type", "").startswith("application/"):
            data = json.loads(node.text())
            texts += _strings(data)
        elif node.tag not in ("script", "style"):
            texts += [c for c in node.children if isinstance(c, str)]
    return texts


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [] if data.startswith(("http", "visit-", "popup-")) else [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() if not k.startswith("@") for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def test_french_pages_hold_no_english(site, timetable):
    fr, en = MESSAGES["fr"], MESSAGES["en"]
    keys = [k for k in en if k.startswith("public.") and en[k] != fr.get(k)]
    english = {w for w in _words(en[k] for k in keys) - _words(fr.values()) if len(w) >= 4}
    names = _words(
        [c.name for c in timetable.scenario.territory.communes]
        + [s.name for s in timetable.scenario.stops]
        + [e.place_line for e in timetable.events]
    )
    english -= names  # place names are the same in every language
    assert {"near", "embed", "next", "calendar", "notices"} <= english
    for name in ("index.html", f"communes/{AUBUSSON}.html", f"communes/{AUBUSSON}-widget.html"):
        root = parse(site / name)
        assert find(root, "html")[0].attrs["lang"] == "fr"
        texts = _visible(root)
        joined = "\n".join(texts)
        assert "Près de moi" in joined or name != "index.html"
        for phrase in ENGLISH_PHRASES:
            assert not re.search(rf"\b{re.escape(phrase)}\b", joined), (name, phrase)
        assert sorted(english & _words(texts)) == [], name

"""IGN's download service: which OCS GE deliveries exist for a département, and their download.

The service lists what it holds as Atom feeds (docs/domain.md §1)::

    <base>/resource/OCSGE?zone=D032&format=GPKG&page=1&limit=50
    <feed gpf_dl:page="1" gpf_dl:pagecount="2" gpf_dl:totalentries="57" …>
      <entry><title>OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01</title><updated>…</updated>
        <link href="<base>/resource/OCSGE/OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"/>
        <gpf_dl:zone term="D032" label="D032 Gers"/><gpf_dl:format term="GPKG" label="…"/></entry>

Products ``OCSGE`` (occupation du sol, différence) and ``OCSGE-ARTIFICIALISATION``
(artificialisation and its difference). Each entry is one delivery, named by IGN's rules; the
archive is at ``<base>/download/<PRODUCT>/<NAME>/<NAME>.7z``. The kind, département and
millésimes are read from the name with the same rules ``reading`` applies to the files once
downloaded."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from ..core import settings
from ..core.i18n import tr
from ..domain import nomenclature
from ..storage import files
from ..storage.reading import (
    departement_from_name,
    epsg_from_name,
    kind_from_name,
    millesimes_from_name,
    normalise_departement,
)
from . import network
from .network import Downloaded, Progress

__all__ = [
    "FORMATS",
    "LISTED_KINDS",
    "Catalogue",
    "CatalogueError",
    "Delivery",
    "Entry",
    "classify",
    "departements",
    "kind_label",
    "listing_url",
    "normalise",
    "parse_feed",
    "parse_millesimes",
    "select",
    "zone",
]

PRODUCTS = ("OCSGE", "OCSGE-ARTIFICIALISATION")
#: The layer kinds IGN's download service lists, in the order of the listing.
LISTED_KINDS = ("occupation", "difference", "artif", "artif_diff")
FORMATS = ("GPKG", "SHP")
PAGE_LIMIT = 50  # the service's maximum
MAX_PAGES = 100  # a bound, in case a feed's pagecount lies

ATOM = "{http://www.w3.org/2005/Atom}"


class CatalogueError(Exception):
    """Nothing matches, or the listing is unreadable; the message is translated."""


def kind_label(kind: str) -> str:
    return {
        "occupation": tr("Occupation du sol"),
        "difference": tr("Différence"),
        "artif": tr("Artificialisation"),
        "artif_diff": tr("Artificialisation difference"),
    }.get(kind, kind)


@cache
def departements() -> tuple[tuple[str, str], ...]:
    """(INSEE code, name) of the 101 départements, in order."""
    return tuple((code, nom) for code, (nom, _) in nomenclature.departements().items())


def normalise(code: str) -> str:
    """'32', '032', 'D032', '2a', '971', 'D0971' → INSEE code; CatalogueError when unknown."""
    text = str(code or "").strip().upper()
    if text.startswith("D") and len(text) > 1:
        text = text[1:]
    value = normalise_departement(text) if text else ""
    if value not in dict(departements()):
        raise CatalogueError(
            tr("“{code}” is not a département code. Expected a code such as 32, 2A or 974.").format(
                code=code
            )
        )
    return value


def zone(code: str) -> str:
    """The service's zone term: 'D' + three characters (D001, D02A, D971)."""
    return "D" + normalise(code).rjust(3, "0")


def listing_url(
    base: str,
    product: str,
    zone_term: str,
    fmt: str | None = None,
    page: int = 1,
    limit: int = PAGE_LIMIT,
) -> str:
    params = {"zone": zone_term, "format": fmt, "page": page, "limit": limit}
    return network.with_query(f"{base.rstrip('/')}/resource/{quote(product)}", params)


def download_url(base: str, product: str, name: str) -> str:
    return f"{base.rstrip('/')}/download/{quote(product)}/{quote(name)}/{quote(name)}.7z"


@dataclass(frozen=True)
class Entry:
    """One Atom entry as the service writes it."""

    title: str
    link: str = ""
    updated: str = ""
    zone: str = ""
    format: str = ""
    edition: str = ""


@dataclass(frozen=True)
class FeedPage:
    entries: tuple[Entry, ...]
    page: int
    pagecount: int
    totalentries: int


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _attributes(element: ET.Element) -> dict[str, str]:
    """Attributes by local name (the gpf_dl namespace URI differs between versions of the
    service)."""
    return {_local(key): value for key, value in element.attrib.items()}


def parse_feed(content: bytes) -> FeedPage:
    """Entries and paging of one page of an Atom listing."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as error:
        raise CatalogueError(
            tr(
                "IGN's download service sent an unreadable listing ({detail}). Check its "
                "address in the plugin settings."
            ).format(detail=error)
        ) from None
    if _local(root.tag) != "feed":
        raise CatalogueError(
            tr(
                "IGN's download service did not send an Atom listing. Check its address "
                "in the plugin settings."
            )
        )
    paging = _attributes(root)
    for child in root:  # some versions write paging as elements
        if (
            _local(child.tag) in ("page", "pagecount", "totalentries")
            and (child.text or "").strip()
        ):
            paging.setdefault(_local(child.tag), child.text.strip())
    entries = []
    for element in root.findall(f"{ATOM}entry"):
        values = {"title": "", "link": "", "updated": "", "zone": "", "format": "", "edition": ""}
        for child in element:
            tag = _local(child.tag)
            attributes = _attributes(child)
            if tag == "title":
                values["title"] = (child.text or "").strip()
            elif tag == "link" and (
                not values["link"] or attributes.get("rel", "alternate") == "alternate"
            ):
                values["link"] = attributes.get("href", "")
            elif tag == "updated":
                values["updated"] = (child.text or "").strip()
            elif tag == "zone":
                values["zone"] = attributes.get("term", "")
            elif tag == "format":
                values["format"] = (
                    attributes.get("term", "") or attributes.get("label", "").split(" ")[0]
                )
            elif tag == "editionDate":
                values["edition"] = (child.text or "").strip()
        if values["title"]:
            entries.append(Entry(**values))

    def number(key: str, default: int) -> int:
        try:
            return int(paging.get(key, default))
        except (TypeError, ValueError):
            return default

    return FeedPage(
        tuple(entries),
        number("page", 1),
        max(1, number("pagecount", 1)),
        number("totalentries", len(entries)),
    )


@dataclass(frozen=True)
class Delivery:
    """One OCS GE delivery the service offers."""

    name: str
    product: str
    kind: str  # occupation, difference, artif, artif_diff
    departement: str  # INSEE code: 32, 2A, 971
    millesimes: tuple[int, ...]
    format: str  # GPKG, SHP
    epsg: int | None = None
    updated: str = ""
    edition: str = ""
    link: str = ""

    @property
    def archive_name(self) -> str:
        return f"{self.name}.7z"

    @property
    def years(self) -> str:
        return "-".join(str(y) for y in self.millesimes)

    @property
    def date(self) -> str:
        """When IGN published it (the entry's update), else its edition date."""
        return (self.updated or self.edition)[:10]

    @property
    def label(self) -> str:
        return f"{kind_label(self.kind)} {self.years}".strip()

    def download_url(self, base: str | None = None) -> str:
        return download_url(base or settings.ign_url(), self.product, self.name)


def classify(entry: Entry, product: str) -> Delivery | None:
    """A delivery from a listing entry, by IGN's naming rules; None when the name says nothing."""
    name = entry.title
    kind = kind_from_name(name)
    if kind not in LISTED_KINDS:
        kind = (
            ("artif_diff" if "diff" in name.lower() else "artif")
            if product == "OCSGE-ARTIFICIALISATION"
            else "occupation"
        )
    departement = departement_from_name(name)
    if departement is None and entry.zone:
        departement = normalise_departement(entry.zone.lstrip("Dd"))
    millesimes = millesimes_from_name(name, kind)
    if departement is None or not millesimes:
        return None
    upper = f"_{name.upper()}_"
    fmt = (entry.format or "").upper() or next((f for f in FORMATS if f"_{f}_" in upper), "")
    return Delivery(
        name=name,
        product=product,
        kind=kind,
        departement=departement,
        millesimes=millesimes,
        format=fmt,
        epsg=epsg_from_name(name),
        updated=entry.updated,
        edition=entry.edition,
        link=entry.link,
    )


def parse_millesimes(text: str | int | None) -> tuple[int, ...]:
    """'' → (); '2019' → (2019,); '2016-2019' → (2016, 2019). CatalogueError otherwise."""
    value = str(text if text is not None else "").strip()
    if not value:
        return ()
    parts = [p.strip() for p in value.replace("/", "-").split("-")]
    if all(p.isdigit() and len(p) == 4 for p in parts) and 1 <= len(parts) <= 2:
        return tuple(int(p) for p in parts)
    raise CatalogueError(
        tr("“{text}” is not a millésime. Expected a year (2019) or two years (2016-2019).").format(
            text=text
        )
    )


def select(
    deliveries: Iterable[Delivery],
    kind: str,
    millesimes: tuple[int, ...] = (),
    fmt: str | None = None,
) -> Delivery:
    """The delivery of ``kind`` for ``millesimes`` (a difference matches its final year when one
    year is given; none given: the most recent) in ``fmt``, the latest edition when several
    match."""
    offered = [d for d in deliveries if d.kind == kind]
    candidates = [d for d in offered if not fmt or d.format.upper() == fmt.upper()]
    if len(millesimes) == 2 or (millesimes and kind in ("occupation", "artif")):
        candidates = [d for d in candidates if d.millesimes == millesimes]
    elif millesimes:
        candidates = [d for d in candidates if d.millesimes[-1] == millesimes[0]]
    if not candidates:
        available = ", ".join(sorted({f"{d.years} ({d.format})" for d in offered})) or tr("none")
        raise CatalogueError(
            tr("IGN offers no {kind} delivery for {what}. Available: {available}.").format(
                kind=kind_label(kind).lower(),
                what=" ".join(p for p in ("-".join(map(str, millesimes)), fmt or "") if p)
                or tr("this département"),
                available=available,
            )
        )
    return max(
        candidates,
        key=lambda d: (d.millesimes, d.format.upper() == "GPKG", d.edition or d.updated, d.name),
    )


class Catalogue:
    """The listing client. ``client`` carries timeouts, retries and cancel (see network.Client)."""

    def __init__(self, client: network.Client | None = None, base_url: str | None = None):
        self.client = client or network.Client()
        self.base_url = (base_url or settings.ign_url()).rstrip("/")

    def entries(self, product: str, zone_term: str, fmt: str | None = None) -> list[Entry]:
        """Every entry of a product for a zone, all pages read."""
        found: list[Entry] = []
        page = 1
        while page <= MAX_PAGES:
            try:
                response = self.client.get(
                    listing_url(self.base_url, product, zone_term, fmt, page),
                    accept="application/atom+xml",
                )
            except network.NetworkError as error:
                if (
                    error.status == 404
                ):  # the service answers 404 where a product has nothing for a zone
                    break
                raise
            feed = parse_feed(response.content)
            found.extend(feed.entries)
            if not feed.entries or page >= feed.pagecount or len(found) >= feed.totalentries:
                break
            page += 1
        return found

    def deliveries(
        self,
        departement: str,
        fmt: str | None = None,
        products: Iterable[str] = PRODUCTS,
        progress: Progress = None,
    ) -> list[Delivery]:
        """Every delivery IGN offers for a département, sorted by kind then millésimes."""
        zone_term = zone(departement)
        wanted = normalise(departement)
        products = tuple(products)
        result: dict[str, Delivery] = {}
        for index, product in enumerate(products):
            for entry in self.entries(product, zone_term, fmt):
                delivery = classify(entry, product)
                if delivery is not None and delivery.departement == wanted:
                    result[delivery.name] = delivery
            if progress:
                progress(100.0 * (index + 1) / len(products))
        return sorted(
            result.values(),
            key=lambda d: (LISTED_KINDS.index(d.kind), d.millesimes, d.format, d.name),
        )

    def download(
        self, delivery: Delivery, folder: str | Path | None = None, progress: Progress = None
    ) -> Downloaded:
        """Download a delivery's archive into ``folder`` (default: the cache), reusing the same
        edition already there."""
        folder = Path(folder) if folder else settings.cache_folder() / "ign"
        try:
            target = files.safe_file(folder, delivery.archive_name, tr("IGN's listing"))
        except files.UnsafePath as error:
            raise CatalogueError(str(error)) from None
        stamp = "|".join((delivery.name, delivery.updated, delivery.edition))
        return self.client.download_cached(
            delivery.download_url(self.base_url), target, stamp, progress
        )

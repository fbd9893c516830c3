"""data.gouv.fr's API (read-only): search datasets, read one, download its resources.

API v1 (docs/domain.md §6): ``GET /datasets/?q=&page=&page_size=`` →
``{data, page, page_size, total, next_page, previous_page}``; ``GET /datasets/<id or slug>/`` → one
dataset with its ``resources``. Errors are ``{"message": …}``; 429 / 423 mean slow down, which the
network client honours. Nothing here touches the interface: the dock and scripts use it alike.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from ..core import settings
from ..core.i18n import tr
from ..storage import files
from . import network
from .network import Downloaded, Progress

__all__ = [
    "DataGouv",
    "Dataset",
    "Known",
    "Resource",
    "SearchPage",
    "human_size",
    "known",
    "presets",
    "short_date",
]

MAX_PAGE_SIZE = 100


def presets() -> list[tuple[str, str]]:
    """(label, query) of the searches urbanistes start from."""
    return [
        (tr("OCS GE"), "OCS GE"),
        (tr("Artificialisation"), "artificialisation"),
        (tr("Imperméabilisation"), "imperméabilisation"),
        (tr("Consommation d'espaces"), "consommation d'espaces"),
    ]


@dataclass(frozen=True)
class Known:
    """A dataset found and one of its files loaded in one click: searched with ``query``, the
    first result published by ``organization`` whose title holds ``title``; its resource of
    format ``kind`` whose title or file name holds ``resource`` (accents and case aside)."""

    label: str
    query: str
    organization: str
    title: str
    resource: str
    kind: str = "csv"

    def dataset_in(self, page: SearchPage) -> Dataset | None:
        return next(
            (
                d
                for d in page.datasets
                if _plain(self.organization) in _plain(d.organization)
                and _plain(self.title) in _plain(d.title)
            ),
            None,
        )

    def resource_in(self, dataset: Dataset) -> Resource | None:
        """The file to load: of the kind, named for ``resource`` (the most recent when several)."""
        fitting = [
            r
            for r in dataset.resources or ()
            if r.kind == self.kind
            and (
                _plain(self.resource) in _plain(r.title)
                or _plain(self.resource) in _plain(r.file_name)
            )
        ]
        return max(fitting, key=lambda r: r.last_modified, default=None)


def known() -> list[Known]:
    """The datasets the panel finds and loads in one click: Cerema's consumption of NAF land (the
    commune file, read by ocsge:consommation)."""
    return [
        Known(
            tr("Consommation NAF (Cerema, communes)"),
            "consommation d'espaces naturels agricoles forestiers",
            "Cerema",
            "consommation d'espaces naturels, agricoles et forestiers",
            "commune",
        ),
    ]


def _plain(text: str) -> str:
    """Lower case without accents, ’ as ', for matching titles."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# What the panel can put on the map, by the resource's format (or file extension).
_KINDS = {
    "gpkg": "gpkg",
    "geopackage": "gpkg",
    "geojson": "geojson",
    "shp": "shp_zip",
    "zip": "shp_zip",
    "csv": "csv",
    "7z": "ocsge_7z",
}


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    format: str
    url: str
    latest: str = ""
    filesize: int | None = None
    mime: str = ""
    filetype: str = ""
    type: str = ""
    last_modified: str = ""
    checksum: str = ""

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> Resource:
        checksum = raw.get("checksum") or {}
        if isinstance(checksum, dict):
            checksum = (
                f"{checksum.get('type', '')}:{checksum.get('value', '')}"
                if checksum.get("value")
                else ""
            )
        size = raw.get("filesize")
        return cls(
            id=str(raw.get("id") or ""),
            title=str(raw.get("title") or raw.get("id") or ""),
            format=str(raw.get("format") or "").strip().lower(),
            url=str(raw.get("url") or ""),
            latest=str(raw.get("latest") or ""),
            filesize=int(size) if isinstance(size, (int, float)) and size >= 0 else None,
            mime=str(raw.get("mime") or ""),
            filetype=str(raw.get("filetype") or ""),
            type=str(raw.get("type") or ""),
            last_modified=str(raw.get("last_modified") or ""),
            checksum=str(checksum or ""),
        )

    @property
    def extension(self) -> str:
        name = self.file_name
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""

    @property
    def kind(self) -> str | None:
        """How the panel loads it: gpkg, geojson, shp_zip, csv, ocsge_7z; None when it cannot."""
        fmt = self.format
        if fmt == "json" and "geo" in self.mime:
            fmt = "geojson"
        return _KINDS.get(fmt) or _KINDS.get(self.extension)

    @property
    def download_url(self) -> str:
        return self.url or self.latest

    @property
    def file_name(self) -> str:
        """A safe local name: the URL's last segment, else the id and format."""
        path = unquote(urlsplit(self.download_url).path)
        name = re.sub(r"[^\w.\-]+", "_", path.rsplit("/", 1)[-1]).strip("._")
        if not name or "." not in name:
            name = (name or self.id or "resource") + (f".{self.format}" if self.format else "")
        return name

    @property
    def stamp(self) -> str:
        """The version of the file, for reusing a download: changes when the file changes."""
        return "|".join(
            (self.download_url, self.last_modified, self.checksum, str(self.filesize or ""))
        )

    def why_not_displayable(self) -> str:
        """Why the panel cannot add it to the map (empty when it can)."""
        if self.kind is not None:
            return ""
        if not self.download_url:
            return tr("This resource has no file to download.")
        return tr(
            "The format “{format}” cannot be shown on the map by this panel (it loads "
            "GeoPackage, GeoJSON, "
            "zipped shapefiles, CSV with coordinates or WKT and OCS GE .7z deliveries). "
            "Download it instead."
        ).format(format=self.format or self.extension or "?")


@dataclass(frozen=True)
class Dataset:
    id: str
    title: str
    slug: str = ""
    description: str = ""
    organization: str = ""
    updated: str = ""  # last update as a date (YYYY-MM-DD)
    tags: tuple[str, ...] = ()
    license: str = ""
    page: str = ""
    resources: tuple[Resource, ...] | None = None  # None: not in this answer, ask dataset()

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> Dataset:
        organization = raw.get("organization") or raw.get("owner") or {}
        if isinstance(organization, dict):
            organization = (
                organization.get("name")
                or " ".join(
                    str(organization.get(k) or "") for k in ("first_name", "last_name")
                ).strip()
            )
        resources = raw.get("resources")
        return cls(
            id=str(raw.get("id") or ""),
            title=str(raw.get("title") or ""),
            slug=str(raw.get("slug") or ""),
            description=str(raw.get("description") or ""),
            organization=str(organization or ""),
            updated=short_date(str(raw.get("last_update") or raw.get("last_modified") or "")),
            tags=tuple(str(t) for t in raw.get("tags") or ()),
            license=str(raw.get("license") or ""),
            page=str(raw.get("page") or ""),
            resources=tuple(Resource.from_api(r) for r in resources)
            if isinstance(resources, list)
            else None,
        )


@dataclass(frozen=True)
class SearchPage:
    """One page of a search: its datasets, and the API's links to the next and previous pages
    (None at either end)."""

    query: str
    datasets: tuple[Dataset, ...]
    page: int
    page_size: int
    total: int
    next_page: str | None = None
    previous_page: str | None = None

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1


def short_date(value: str) -> str:
    match = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
    return match.group(0) if match else (value or "")


def human_size(size: int | None) -> str:
    """1536 → '1.5 kB' (units through tr, so French reads 'ko', 'Mo'…)."""
    if size is None:
        return ""
    units = [
        tr("{value} B"),
        tr("{value} kB"),
        tr("{value} MB"),
        tr("{value} GB"),
        tr("{value} TB"),
    ]
    value, index = float(size), 0
    while value >= 1000 and index < len(units) - 1:
        value, index = value / 1000.0, index + 1
    text = f"{value:.0f}" if index == 0 or value >= 100 else f"{value:.1f}"
    return units[index].format(value=text)


class DataGouv:
    """The API client. ``client`` carries timeouts, retries and cancel (see network.Client)."""

    def __init__(self, client: network.Client | None = None, base_url: str | None = None):
        self.client = client or network.Client()
        self.base_url = (base_url or settings.datagouv_url()).rstrip("/")

    def search(self, query: str, page: int = 1, page_size: int = 20) -> SearchPage:
        """One page of datasets matching ``query`` (data.gouv.fr's own relevance order)."""
        page_size = max(1, min(MAX_PAGE_SIZE, int(page_size)))
        payload = self.client.get_json(
            f"{self.base_url}/datasets/",
            {"q": query.strip(), "page": max(1, int(page)), "page_size": page_size},
        )
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
            raise network.NetworkError(
                tr(
                    "Unexpected answer from data.gouv.fr (no “data” list). Check the API "
                    "address in the plugin settings."
                ),
                "http",
                self.base_url,
            )
        return SearchPage(
            query=query,
            datasets=tuple(Dataset.from_api(d) for d in payload["data"] if isinstance(d, dict)),
            page=int(payload.get("page") or page),
            page_size=int(payload.get("page_size") or page_size),
            total=int(payload.get("total") or 0),
            next_page=payload.get("next_page") or None,
            previous_page=payload.get("previous_page") or None,
        )

    def dataset(self, ident: str) -> Dataset:
        """One dataset, with its resources, by id or slug."""
        payload = self.client.get_json(f"{self.base_url}/datasets/{quote(ident, safe='')}/")
        if not isinstance(payload, dict) or "id" not in payload:
            raise network.NetworkError(
                tr("Unexpected answer from data.gouv.fr for the dataset {ident}.").format(
                    ident=ident
                ),
                "http",
                self.base_url,
            )
        return Dataset.from_api(payload)

    def find(self, wanted: Known) -> tuple[Dataset, Resource]:
        """The dataset and file of ``wanted`` (a :class:`Known`), with its resources read when
        the search does not give them. Raises network.NetworkError, with what was looked for,
        when either is not found."""
        page = self.search(wanted.query, 1, 20)
        found = wanted.dataset_in(page)
        if found is None:
            raise network.NetworkError(
                tr(
                    "No dataset of {organization} titled “{title}” in data.gouv.fr's "
                    "answer for “{query}”."
                ).format(organization=wanted.organization, title=wanted.title, query=wanted.query),
                "http",
                self.base_url,
            )
        if found.resources is None:
            found = self.dataset(found.id or found.slug)
        resource = wanted.resource_in(found)
        if resource is None:
            raise network.NetworkError(
                tr(
                    "The dataset “{title}” has no {kind} file named for “{name}”. Choose "
                    "its file in the list."
                ).format(title=found.title, kind=wanted.kind.upper(), name=wanted.resource),
                "http",
                self.base_url,
            )
        return found, resource

    def download(
        self, resource: Resource, folder: str | Path | None = None, progress: Progress = None
    ) -> Downloaded:
        """Download a resource into ``folder`` (default: the cache), reusing an identical earlier
        download; never more than its declared ``filesize`` and a margin (network.Budget)."""
        if not resource.download_url:
            raise network.NetworkError(resource.why_not_displayable(), "http")
        network.check_url(resource.download_url)
        what = tr("data.gouv.fr's resource")
        try:
            folder = (
                Path(folder)
                if folder
                else files.safe_file(
                    settings.cache_folder() / "datagouv",
                    re.sub(r"[^\w\-]+", "_", resource.id) or "resource",
                    what,
                )
            )
            target = files.safe_file(folder, resource.file_name, what)
        except files.UnsafePath as error:
            raise network.NetworkError(str(error), "scheme", resource.download_url) from None
        return self.client.download_cached(
            resource.download_url, target, resource.stamp, progress, declared=resource.filesize
        )

"""data.gouv.fr's API and IGN's download service, faked on a local pytest-httpserver in the shape
the real services answer (domain.md §1 and §6). Used by the tests and by scripts/screenshot.py."""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urlencode

from werkzeug import Request, Response

API = "/api/1"
IGN = "/telechargement"
ATOM_NS = (
    'xmlns="http://www.w3.org/2005/Atom" '
    'xmlns:gpf_dl="https://data.geopf.fr/annexes/ressources/xsd/gpf_dl.xsd"'
)


# ------------------------------------------------------------------------------------ data.gouv


def resource(
    rid: str,
    title: str,
    fmt: str,
    url: str,
    filesize: int | None = 1000,
    mime: str = "",
    last_modified: str = "2024-05-02T08:00:00.000000+00:00",
) -> dict:
    return {
        "id": rid,
        "title": title,
        "format": fmt,
        "url": url,
        "latest": f"https://www.data.gouv.fr/fr/datasets/r/{rid}",
        "filesize": filesize,
        "mime": mime,
        "filetype": "file",
        "type": "main",
        "last_modified": last_modified,
        "checksum": {"type": "sha1", "value": "0" * 40},
        "description": "",
    }


def dataset(
    did: str,
    title: str,
    organization: str = "IGN",
    resources: list[dict] | None = None,
    description: str = "",
    last_update: str = "2024-05-02T08:00:00.000000+00:00",
) -> dict:
    slug = title.lower().replace(" ", "-")
    return {
        "id": did,
        "title": title,
        "slug": slug,
        "description": description or f"Description of **{title}**.",
        "organization": {
            "id": f"org-{organization}",
            "name": organization,
            "slug": organization.lower(),
        },
        "last_update": last_update,
        "last_modified": last_update,
        "created_at": "2021-10-01T00:00:00+00:00",
        "tags": ["ocsge", "artificialisation"],
        "license": "lov2",
        "page": f"https://www.data.gouv.fr/fr/datasets/{slug}/",
        "uri": f"https://www.data.gouv.fr/api/1/datasets/{did}/",
        "resources": resources if resources is not None else [],
    }


def serve_datagouv(server, datasets: list[dict], calls: list | None = None) -> None:
    """/api/1/datasets/?q=&page=&page_size= (every dataset whose title holds a word of q, paged
    as the API does, next_page / previous_page as full URLs) and /api/1/datasets/<id>/."""

    def search(request: Request) -> Response:
        if calls is not None:
            calls.append(dict(request.args))
        words = request.args.get("q", "").lower().split()
        page = int(request.args.get("page", 1))
        size = int(request.args.get("page_size", 20))
        found = [d for d in datasets if any(w in d["title"].lower() for w in words)]
        chunk = found[(page - 1) * size : page * size]
        base = server.url_for(f"{API}/datasets/")

        def link(number: int) -> str:
            query = {"q": request.args.get("q", ""), "page": number, "page_size": size}
            return f"{base}?{urlencode(query)}"

        payload = {
            "data": chunk,
            "page": page,
            "page_size": size,
            "total": len(found),
            "next_page": link(page + 1) if page * size < len(found) else None,
            "previous_page": link(page - 1) if page > 1 else None,
        }
        return Response(json.dumps(payload), content_type="application/json")

    server.expect_request(f"{API}/datasets/").respond_with_handler(search)
    for item in datasets:
        server.expect_request(f"{API}/datasets/{item['id']}/").respond_with_json(item)


# ------------------------------------------------------------------------------------------ IGN

D090 = {
    "OCSGE": [
        "OCS-GE_2-0__GPKG_LAMB93_D090_2018-01-01",
        "OCS-GE_2-0__GPKG_LAMB93_D090_2021-01-01",
        "OCS-GE_2-0__SHP_LAMB93_D090_2021-01-01",
        "OCS-GE_2-0_DIFF_GPKG_LAMB93_D090_2018-2021",
    ],
    "OCSGE-ARTIFICIALISATION": [
        "OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D090_2021-01-01",
        "OCS-GE-ARTIFICIALISATION_2-0_DIFF-2018-2021_GPKG_LAMB93_D090_2025-09-16",
    ],
}


def atom_feed(
    base: str, product: str, names: list[str], zone: str, page: int, pagesize: int, total: int
) -> str:
    """One page of the service's Atom listing of a product."""
    pagecount = max(1, math.ceil(total / pagesize))
    entries = []
    for name in names:
        fmt = "SHP" if "_SHP_" in name else "GPKG"
        dates = re.findall(r"\d{4}-\d{2}-\d{2}", name)
        edition = f"\n    <gpf_dl:editionDate>{dates[-1]}</gpf_dl:editionDate>" if dates else ""
        entries.append(
            f"""  <entry>
    <title>{name}</title>
    <id>{base}{IGN}/resource/{product}/{name}</id>
    <link href="{base}{IGN}/resource/{product}/{name}" rel="alternate" type="application/atom+xml"/>
    <updated>2025-09-16T10:00:00+02:00</updated>
    <gpf_dl:zone term="{zone}" label="{zone} Territoire de Belfort"/>
    <gpf_dl:format term="{fmt}" label="{fmt} ({"GeoPackage" if fmt == "GPKG" else "Shapefile"})"/>{edition}
  </entry>"""  # noqa: E501 - IGN's Atom entry as served
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<feed {ATOM_NS} xml:lang="fr" '
        f'gpf_dl:page="{page}" gpf_dl:pagesize="{pagesize}" '
        f'gpf_dl:pagecount="{pagecount}" gpf_dl:totalentries="{total}">\n'
        f"  <title>{product}</title>\n  <id>{base}{IGN}/resource/{product}</id>\n"
        f'  <link href="{base}{IGN}/resource/{product}" rel="self"/>\n  '
        "<updated>2025-09-16T10:00:00+02:00</updated>\n" + "\n".join(entries) + "\n</feed>\n"
    )


def serve_ign(
    server,
    listing: dict[str, list[str]] | None = None,
    zone: str = "D090",
    pagesize: int = 50,
    archives: dict[str, bytes] | None = None,
    calls: list | None = None,
) -> None:
    """/telechargement/resource/<PRODUCT>?zone=&page=&limit= (pages of at most ``pagesize``; other
    zones are empty) and /telechargement/download/<PRODUCT>/<NAME>/<NAME>.7z for ``archives``."""
    listing = D090 if listing is None else listing
    base = server.url_for("").rstrip("/")

    def handler(product: str):
        def answer(request: Request) -> Response:
            if calls is not None:
                calls.append((product, dict(request.args)))
            names = listing.get(product, []) if request.args.get("zone", zone) == zone else []
            if request.args.get("format"):
                names = [n for n in names if f"_{request.args['format'].upper()}_" in n]
            page = int(request.args.get("page", 1))
            size = min(pagesize, int(request.args.get("limit", 10)))
            chunk = names[(page - 1) * size : page * size]
            xml = atom_feed(base, product, chunk, zone, page, size, len(names))
            return Response(xml, content_type="application/atom+xml;charset=UTF-8")

        return answer

    for product in ("OCSGE", "OCSGE-ARTIFICIALISATION"):
        server.expect_request(f"{IGN}/resource/{product}").respond_with_handler(handler(product))
    for name, content in (archives or {}).items():
        product = "OCSGE-ARTIFICIALISATION" if "ARTIFICIALISATION" in name else "OCSGE"
        server.expect_request(f"{IGN}/download/{product}/{name}/{name}.7z").respond_with_data(
            content, content_type="application/x-7z-compressed"
        )


# ------------------------------------------------------------------------------------- settings


class plugin_settings:  # noqa: N801 - used as a context manager
    """Set the plugin's settings (ocsge/…) for a test, restore them after."""

    def __init__(self, **values):
        self.values = {key.replace("__", "/"): value for key, value in values.items()}

    def __enter__(self):
        from ocsge.ocsge_plugin.core import settings

        self.settings = settings
        from qgis.core import QgsSettings

        self.saved = {name: QgsSettings().value(settings.PREFIX + name) for name in self.values}
        for name, value in self.values.items():
            settings.set_value(name, value)
        return self

    def __exit__(self, *exc):
        for name, value in self.saved.items():
            if value is None:
                self.settings.reset(name)
            else:
                self.settings.set_value(name, value)
        return False

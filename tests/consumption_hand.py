"""The hand table of issue 26: three communes of Cerema's consumption file with literal yearly
values 2009–2023 (m²), written as Cerema publishes it (``;``, Latin-1, numbers as text with a
space as thousands separator and a decimal comma), and a membership table of the user's
territories.

- 90001 Andelnans: 2011–2020 = 14,500 m², so its envelope 7,250 m² is under the 1 ha guarantee;
- 90002 Angeot: the year 2016 is empty (no value, not 0);
- 90003 Anjoutey: in the file, absent from the territories (not in the membership table);
- 90004 Argiésans: in the territories, absent from the file.
"""

from __future__ import annotations

from pathlib import Path

YEARS = list(range(2009, 2024))
ANDELNANS = [900, 800, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 500, 700, 300]
ANGEOT = [
    20000,
    25000,
    30000,
    40000,
    35000,
    25000,
    20000,
    None,
    15000,
    10000,
    30000,
    45000,
    20000,
    10000,
    30000,
]
ANJOUTEY = [5000] * 15
# name, yearly values, (pop15, pop21), (men15, men21), surfcom2023 (m²)
COMMUNES = {
    "90001": ("Andelnans", ANDELNANS, (1000, 1100), (400, 450), 2_000_000),
    "90002": ("Angeot", ANGEOT, (350, 340), (150, 155), 3_000_000),
    "90003": ("Anjoutey", ANJOUTEY, (600, 650), (250, 270), 5_000_000),
}
MEMBERSHIP = (
    "commune_code,nom,epci_code,epci_nom,departement_code,region_code\n"
    "90001,Andelnans,200069052,CA Grand Belfort,90,27\n"
    "90002,Angeot,200069052,CA Grand Belfort,90,27\n"
    "90004,Argiésans,200069052,CA Grand Belfort,90,27\n"
)


def _text(value: float | None) -> str:
    """A number as a French spreadsheet writes it: « 1 500 », « 250 000,0 »; empty for None."""
    if value is None:
        return ""
    whole = f"{int(value):,}".replace(",", "\u00a0" if value > 20000 else " ")
    return whole + (",0" if value % 2 == 0 and value > 10000 else "")


def _header() -> list[str]:
    head = [
        "idcom",
        "idcomtxt",
        "idreg",
        "idregtxt",
        "iddep",
        "iddeptxt",
        "epci23",
        "epci23txt",
        "scot",
    ]
    for year in YEARS:
        a, b = year % 100, (year + 1) % 100
        head += [f"naf{a:02d}art{b:02d}"] + [
            f"art{a:02d}{t}{b:02d}" for t in ("act", "hab", "mix", "rou", "fer", "inc")
        ]
    return head + [
        "naf09art24",
        "artcom0924",
        "pop15",
        "pop21",
        "pop1521",
        "men15",
        "men21",
        "men1521",
        "surfcom2023",
    ]


def write_hand_file(folder: Path, name: str = "conso-hand.csv", encoding: str = "latin-1") -> Path:
    """The hand table as Cerema's CSV (habitat = the whole year but 2021: 300 habitat + 200 route
    for Andelnans; the period totals are the file's, unused)."""
    rows = [_header()]
    for code, (label, values, pop, men, surface) in COMMUNES.items():
        row = [
            code,
            label,
            "27",
            "Bourgogne-Franche-Comté",
            "90",
            "Territoire de Belfort",
            "200069052",
            "CA Grand Belfort",
            "SCoT du Territoire de Belfort",
        ]
        for year, value in zip(YEARS, values):
            habitat, route = (
                (300, 200)
                if (code, year) == ("90001", 2021)
                else (value, 0 if value is not None else None)
            )
            row += [_text(value), "0", _text(habitat), "0", _text(route), "0", "0"]
        total = sum(v for v in values if v is not None)
        row += [
            _text(total),
            _text(total),
            str(pop[0]),
            str(pop[1]),
            str(pop[1] - pop[0]),
            str(men[0]),
            str(men[1]),
            str(men[1] - men[0]),
            str(surface),
        ]
        rows.append(row)
    path = Path(folder) / name
    path.write_bytes(("\r\n".join(";".join(row) for row in rows) + "\r\n").encode(encoding))
    return path


def write_membership(folder: Path) -> Path:
    path = Path(folder) / "appartenance-hand.csv"
    path.write_text(MEMBERSHIP, encoding="utf-8")
    return path


# The diagnostic's published tables beside it (docs/domain.md §5), flux in hectares as published, no
# GeoPackage beside them (so the unit is taken as hectares, said). Per commune, the latest pair of
# millésimes meeting the file's years 2009–2023 is used:
# - 90001: 2021-2024 (0.6 ha) over 2018-2021 (0.3 ha); consumption years 2021-2023 = 500 + 700 + 300
# m²;
# - 90002: 2022-2025 (0.9 ha) over 2018-2021; years inside the file 2022-2023 only = 10,000 + 30,000
# m²;
# - 90004: absent from the consumption file: artificialisation known, consumption not;
# - 90005: in no territory (ignored).
ARTIF_COMMUNE = (
    "commune_code,nom,pourcent_artif,surface_artif,flux_artif,flux_desartif,flux_artif_net,millesime_debut,millesime_fin,"
    "departement_code,region_code,epci_code,scot_code,commune_surface\n"
    "90001,Andelnans,10.0,20.0,0.3,0.0,0.3,2018,2021,90,27,200069052,,200.0\n"
    "90001,Andelnans,10.3,20.6,0.7,0.1,0.6,2021,2024,90,27,200069052,,200.0\n"
    "90002,Angeot,5.0,15.0,4.5,0.0,4.5,2018,2021,90,27,200069052,,300.0\n"
    "90002,Angeot,5.3,15.9,1.0,0.1,0.9,2022,2025,90,27,200069052,,300.0\n"
    "90004,Argiésans,3.0,9.0,0.2,0.0,0.2,2018,2021,90,27,200069052,,300.0\n"
    "90005,Autre,3.0,9.0,7.0,0.0,7.0,2018,2021,90,27,200000000,,300.0\n"
)
# The EPCI: 2018-2021, 5.0 ha net; its consumption 2018-2020 = (1,700 + 1,800 + 1,900) + (10,000 +
# 30,000 + 45,000) m².
ARTIF_EPCI = (
    "epci_code,nom,pourcent_artif,surface_artif,flux_artif,flux_desartif,flux_artif_net,millesime_debut,millesime_fin\n"
    "200069052,CA Grand Belfort,4.0,32.0,5.5,0.5,5.0,2018,2021\n"
)


def write_artif_tables(folder: Path) -> Path:
    """artif_commune.csv and artif_epci.csv as ocsge:diagnostic writes them, in ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "artif_commune.csv").write_text(ARTIF_COMMUNE, encoding="utf-8")
    (folder / "artif_epci.csv").write_text(ARTIF_EPCI, encoding="utf-8")
    return folder


# The columns of trajectoires_<level>, written out: the national table's, then the plugin's own.
NATIONAL = [
    "conso_2011_2020",
    "conso_autorisee_augmentee_a_1ha_2021_2030",
    "conso_autorisee_2021_2030",
    "conso_depuis_2021",
    "conso_annuelle_depuis_2021",
    "conso_projetee_2030",
    "respecte_reglementation_actuellement",
    "pourcentage_utilisation_actuelle",
    "respectera_reglementation_en_2030",
    "pourcentage_utilisation_projetee_en_2030",
]
PLUGIN = [
    "nom",
    "taux_reduction",
    "derniere_annee",
    "nb_annees_depuis_2021",
    "communes",
    "communes_manquantes",
    "codes_manquants",
    "part_surface_manquante",
    "valeurs_vides",
    "partiel",
    "unite",
    "convention",
]

"""The run of ``ocsge:diagnostic`` without Processing: OCS GE deliveries (and layers) aggregated
on the communes in one streaming pass, rolled up and written as the published files. The run says
what it decided: the method used (``AUTO`` resolved here, once), the communes covered and left
out, the notes, the files written and the REPORT."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from qgis.core import QgsVectorLayer

from ..computing.communes import (
    CommuneFields,
    check_commune_codes,
    departement_of_commune,
    read_membership,
)
from ..computing.placement import TerritorySet
from ..computing.table import to_unit
from ..computing.territories import AggregateResult
from ..core.definitions import AUTO, LayerKind
from ..core.errors import Canceled
from ..core.i18n import Note, plural, tr
from ..domain import nomenclature
from ..domain.correspondence import Correspondence
from ..domain.rules import DEFAULT_CONVENTION
from ..publishing import export
from ..storage import keeping, reading
from .aggregate import method_used, run_aggregate, table_entry, table_method, undetermined
from .export import ExportOptions, run_export
from .logs import log_pairs, log_table, log_undetermined, say
from .steps import steps as multi_step

__all__ = [
    "DiagnosticOptions",
    "diagnose",
    "log_summary",
    "log_totals",
]

#: The layer kinds a diagnostic reads in the deliveries.
KINDS = tuple(
    kind.value
    for kind in (LayerKind.OCCUPATION, LayerKind.ARTIF, LayerKind.DIFFERENCE, LayerKind.ARTIF_DIFF)
)


@dataclass
class DiagnosticOptions:
    """The method (``METHODS`` or ``AUTO``), the covered share, the classification's convention,
    how the files are written (unit, CSV dialect, simplified outlines, the "by index" layout) and
    the database the tables are also written into ((connection, schema) or None)."""

    method: str = AUTO
    coverage: bool = True
    convention: str = DEFAULT_CONVENTION
    unit: str = "ha"
    dialect: str = "comma"
    simplify: bool = True
    wide: bool = False
    database: Any = None

    def export_options(self, code_field: str) -> ExportOptions:
        """Every published level and dataset, GeoPackage and CSV (the export's defaults), in these
        options (all but the method)."""
        shared = ("coverage", "unit", "dialect", "simplify", "wide", "convention", "database")
        return ExportOptions(
            code_field=code_field, **{name: getattr(self, name) for name in shared}
        )


@dataclass
class DiagnosticRun:
    """What :func:`diagnose` did and decided."""

    written: export.ExportResult  # the files and database tables written
    warnings: list[str]  # the export's warnings (not yet in the log)
    table: pd.DataFrame  # the communes covered, with their membership (canonical names)
    layers: list[QgsVectorLayer]  # the layers read
    departements: set[str]  # the départements of the deliveries and layers
    kinds: set[str]  # the layer kinds found
    covered: set[str]  # the codes of the communes the data covers
    left_out: int  # the communes outside the data, left out
    notes: list[str]  # on the layers (left out, taken twice…)
    result: AggregateResult
    method: str  # the method used (``AUTO`` resolved)
    sources: list[str] = field(default_factory=list)  # the deliveries' paths, the layers' names
    geometries: dict = field(default_factory=dict)  # the covered communes' outlines by code

    def report(self, unit: str, convention: str) -> dict:
        """The REPORT of ``ocsge:diagnostic``."""
        return {
            "deliveries": self.sources,
            "layers": self.result.used,  # the layers used (a twin or a duplicate left out)
            "layers_read": [layer.name() for layer in self.layers],
            "communes": len(self.covered),
            "communes_left_out": self.left_out,
            "files": self.written.files,
            "tables": self.written.tables,
            "warnings": list(dict.fromkeys(self.notes + self.result.warnings + self.warnings)),
            "unit": unit,
            "convention": convention,
            "indetermine": undetermined(self.result),
            "quality": self.written.quality,
            **table_entry(self.result),
        }


def diagnose(
    paths: Sequence[str],
    given: Sequence[QgsVectorLayer],
    communes,
    fields: CommuneFields,
    membership_path: str | None,
    folder: str,
    options: DiagnosticOptions,
    feedback: Any,
) -> DiagnosticRun:
    """The deliveries at ``paths`` and the layers ``given`` aggregated on the ``communes`` (a layer
    or feature source whose ``fields`` are known), rolled up (membership table at
    ``membership_path``, else the communes' fields) and written into ``folder``.

    Returns
    -------
    DiagnosticRun

    Raises ``OcsgeError`` (a subclass), ``Canceled`` and ``OSError``."""
    steps = multi_step(4, feedback)
    keep = list(fields.membership.values())
    # 1. the communes and their membership read and checked first: a wrong code field stops here
    territories = TerritorySet.from_layer(communes, fields.code, fields.name, keep)
    membership = read_membership(membership_path) if membership_path else None
    for note in [fields.description()] + ([membership.description()] if membership else []):
        feedback.pushInfo(note)
    check_commune_codes(territories.codes, fields.code, membership)  # its notes: at the roll-up
    paths, given = table_layers(paths, given, options.convention)
    layers, departements, kinds = load(paths, given, steps, feedback)
    # 2. classify + flows + aggregate (one streaming pass per layer)
    steps.setCurrentStep(1)
    result, notes = run_aggregate(
        territories, layers, options.method, options.coverage, True, steps, options.convention
    )
    say(feedback, notes + [w for w in result.warnings if w != result.outside_note])
    log_undetermined(feedback, undetermined(result))
    table, geometries, covered, left_out = covered_communes(result, territories, keep, feedback)
    table = table.rename(columns={column: name for name, column in fields.membership.items()})
    # 3. roll-up and 4. export
    steps.setCurrentStep(3)
    written, warnings = run_export(
        table,
        geometries,
        result.crs,
        membership,
        {},
        folder,
        options.export_options(fields.code),
        steps,
        result.classes,
    )
    return DiagnosticRun(
        written,
        warnings,
        table,
        layers,
        departements,
        kinds,
        covered,
        left_out,
        notes,
        result,
        method_used(table_method(options.method, options.convention), kinds),
        list(paths) + [layer.name() for layer in given],
        geometries,
    )


def table_layers(paths: Sequence[str], given: Sequence, convention: str) -> tuple[list, list]:
    """With a correspondence table, the files and folders of ``paths`` that hold layers with its
    code field (a regional base) opened as layers, beside ``given``; the other paths are
    deliveries. Returns (paths, layers)."""
    if not isinstance(convention, Correspondence):
        return list(paths), list(given)
    rest, layers = [], list(given)
    for path in paths:
        found = reading.layers_with_field(Path(path), convention.field)
        if not found:
            rest.append(path)
        layers.extend(QgsVectorLayer(source, name, "ogr") for source, name in found)
    return rest, layers


def load(paths: Sequence[str], given: Sequence[QgsVectorLayer], steps, feedback):
    """Step 1: every delivery read; its non-empty layers (a kept copy beside its archive read once),
    départements and layer kinds; then the layers ``given`` as they are (PostGIS tables…).

    Returns
    -------
    tuple
        (layers, départements, kinds)."""
    layers, departements, kinds = [], set(), set()
    for index, path in enumerate(paths):
        if steps.isCanceled():
            raise Canceled()
        feedback.pushInfo(tr("Reading {path}").format(path=path))
        delivery = reading.open_delivery(
            path,
            KINDS,
            progress=lambda p, i=index: steps.setProgress((i + p / 100.0) * 100.0 / len(paths)),
            is_canceled=steps.isCanceled,
            check=False,
        )
        say(feedback, delivery.warnings)
        departements.update(delivery.departements)
        kinds.update(found.kind for found in delivery.layers)
        for found in keeping.without_kept_copies(delivery):
            layer = QgsVectorLayer(found.uri, found.title, "ogr")
            if layer.isValid() and layer.featureCount() > 0:
                layers.append(layer)
            elif layer.isValid():
                say(
                    feedback,
                    [
                        Note(
                            tr("{layer} ({path}) has no polygon: left out.").format(
                                layer=found.layer_name, path=found.path
                            )
                        )
                    ],
                )
    departements.update(d for d in (reading.layer_departement(layer) for layer in given) if d)
    kinds.update(reading.layer_kind(layer) for layer in given)
    return layers + list(given), departements, kinds


def covered_communes(result: AggregateResult, territories: TerritorySet, keep, feedback):
    """The communes the data covers (the others are left out, counted), with the kept fields, and
    their outlines.

    Returns
    -------
    tuple
        (table, outlines by code, codes covered, number left out)."""
    table = result.table
    covered = set(table.loc[table["millesime_fin"].notna(), "code"])
    left_out = len(territories) - len(covered)
    if left_out:
        feedback.pushInfo(
            plural(
                left_out,
                tr("{count} commune is outside the data and left out."),
                tr("{count} communes are outside the data and left out."),
            ).format(count=left_out)
        )
    table = table[table["code"].isin(covered)].copy()
    for name in keep:
        by_code = dict(zip(territories.codes, territories.extras[name]))
        table[name] = [
            None if by_code.get(c) is None else str(by_code.get(c)) for c in table["code"]
        ]
    geometries = {c: g for c, g in zip(territories.codes, result.geometries) if c in covered}
    return table, geometries, covered, left_out


def log_totals(table: pd.DataFrame, unit: str, feedback) -> None:
    """Totals per département and pair of millésimes as a table in the log (the files hold the
    rest)."""
    names = nomenclature.departements()
    t = to_unit(table[table["millesime_debut"].notna()], unit)
    if t.empty:
        return
    from_insee = t["code"].astype(str).map(lambda c: departement_of_commune(c) or c[:2])
    key = (
        t["departement_code"].fillna(from_insee) if "departement_code" in t.columns else from_insee
    )
    rows = []
    for (dep, debut, fin), group in t.groupby([key, "millesime_debut", "millesime_fin"]):
        area = group["surface"].sum()
        rows.append(
            [
                names.get(dep, (dep, ""))[0],
                f"{debut}-{fin}",
                group["surface_artif"].sum(),
                100.0 * group["surface_artif"].sum() / area if area else 0.0,
                group["flux_artif_net"].sum(),
                group["flux_imper_net"].sum(),
            ]
        )
    u = "ha" if unit == "ha" else "m²"
    headers = [
        tr("Département"),
        tr("Millésimes"),
        tr("Artificialised ({unit})").format(unit=u),
        tr("Share (%)"),
        tr("Net artificialisation ({unit})").format(unit=u),
        tr("Net imperméabilisation ({unit})").format(unit=u),
    ]
    log_table(feedback, tr("Totals of the communes:"), headers, rows)


def log_summary(run: DiagnosticRun, method: str, files: str, feedback) -> None:
    """The run in a few lines at the end of the log, after the totals (the surfaces and flows):
    territories, millésimes, method and ``files`` (what was written where)."""
    years = sorted(
        {str(y) for y in run.table["millesime_debut"].dropna()}
        | {str(y) for y in run.table["millesime_fin"].dropna()}
    )
    names = nomenclature.departements()
    territories = plural(
        len(run.covered),
        tr("{count} commune ({departements})"),
        tr("{count} communes ({departements})"),
    ).format(
        count=len(run.covered),
        departements=", ".join(names.get(d, (f"D{d}", ""))[0] for d in sorted(run.departements)),
    )
    if run.left_out:
        territories += plural(
            run.left_out, tr(", {count} outside the data"), tr(", {count} outside the data")
        ).format(count=run.left_out)
    pairs = [
        (tr("Territories"), territories),
        (tr("Millésimes"), ", ".join(years)),
        (tr("Method"), method or run.method),
        (tr("Files"), files),
    ]
    log_pairs(feedback, tr("Summary:"), pairs)

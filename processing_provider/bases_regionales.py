"""Algorithm ``ocsge:bases_regionales`` — the inventory of regional land-cover bases: export, and
import of a CRIGE's file merged by identifier."""

from __future__ import annotations

from ..ocsge_plugin.domain.regional_bases import InventoryError
from ..ocsge_plugin.pipelines import regional_bases as pipeline
from . import params
from .base import OcsgeAlgorithm

__all__ = [
    "RegionalBasesAlgorithm",
]


class RegionalBasesAlgorithm(OcsgeAlgorithm):
    INVENTAIRE = "INVENTAIRE"
    IMPORT = "IMPORT"
    ACCEPTER = "ACCEPTER"
    OUTPUT_CSV = "OUTPUT_CSV"
    OUTPUT_GEOJSON = "OUTPUT_GEOJSON"

    GROUP = "data"
    TAGS = ("CNIG", "CRIGE", "MOS", "base régionale", "regional base", "inventaire", "inventory")

    ID = "bases_regionales"

    def initAlgorithm(self, config=None):  # noqa: N802
        csv, geojson = self.tr("CSV files (*.csv)"), self.tr("GeoJSON files (*.geojson)")
        self.add(params.file(self.INVENTAIRE, self.tr("Inventory (CSV)"), csv))
        self.add(params.file(self.IMPORT, self.tr("File to import (CSV, CNIG fields)"), csv))
        self.add(
            params.choice(self.ACCEPTER, self.tr("What the import may change"), self.accepts())
        )
        self.add(params.file_output(self.OUTPUT_CSV, self.tr("Inventory (CSV)"), csv))
        self.add(
            params.file_output(
                self.OUTPUT_GEOJSON, self.tr("Régions with the inventory (GeoJSON)"), geojson
            )
        )
        self.add_report_output()

    def accepts(self) -> list[str]:
        """The choices of ACCEPTER, in the order of ``pipeline.ACCEPT``."""
        nothing = self.tr("Nothing (preview in the report)")
        return [
            nothing,
            self.tr("New records only"),
            self.tr("Everything (new and changed records)"),
        ]

    def _output(self, parameters, name: str, context) -> str | None:
        if parameters.get(name) in (None, ""):
            return None
        return self.parameterAsFileOutput(parameters, name, context) or None

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        accept = pipeline.ACCEPT[self.parameterAsEnum(parameters, self.ACCEPTER, context)]
        outputs = {
            self.OUTPUT_CSV: self._output(parameters, self.OUTPUT_CSV, context),
            self.OUTPUT_GEOJSON: self._output(parameters, self.OUTPUT_GEOJSON, context),
        }
        try:
            run = pipeline.run_regional_bases(
                self.parameterAsFile(parameters, self.INVENTAIRE, context) or None,
                self.parameterAsFile(parameters, self.IMPORT, context) or None,
                accept,
                outputs[self.OUTPUT_CSV],
                outputs[self.OUTPUT_GEOJSON],
            )
        except InventoryError as error:
            raise self.fail(str(error)) from None
        report = run.report()
        if run.preview is not None:
            feedback.pushInfo(run.preview.summary())
        for identifier, reason in run.refused:
            feedback.pushWarning(f"{identifier} : {reason}")
        results = {name: path for name, path in outputs.items() if path}
        results[self.REPORT] = self.write_report(parameters, context, report)
        return results

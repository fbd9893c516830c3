"""Algorithm ``ocsge:download`` — Télécharger une livraison OCS GE depuis l'IGN."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputFile,
    QgsProcessingOutputString,
)

from ..ocsge_plugin.core import errors, settings
from ..ocsge_plugin.core.masking import masked
from ..ocsge_plugin.services import catalogue, network
from . import params
from .base import OcsgeAlgorithm

__all__ = [
    "DownloadDeliveryAlgorithm",
]


class DownloadDeliveryAlgorithm(OcsgeAlgorithm):
    DEPARTEMENT = "DEPARTEMENT"
    MILLESIME = "MILLESIME"
    KIND = "KIND"
    FORMAT = "FORMAT"
    FOLDER = "FOLDER"
    LOAD = "LOAD"
    SERVICE_URL = "SERVICE_URL"
    ARCHIVE = "ARCHIVE"
    NAME = "NAME"
    URL = "URL"
    MILLESIMES = "MILLESIMES"
    FROM_CACHE = "FROM_CACHE"

    WRITES_INTO = ("FOLDER",)  # written into, not read: never compared as an input
    GROUP = "data"
    TAGS = ("télécharger", "download", "Géoplateforme", "data.geopf.fr")

    ID = "download"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(params.text(self.DEPARTEMENT, self.tr("Département (code)")))
        self.add(
            params.text(
                self.MILLESIME, self.tr("Millésime (empty: the most recent)"), optional=True
            )
        )
        products = [catalogue.kind_label(k) for k in catalogue.LISTED_KINDS]
        self.add(params.choice(self.KIND, self.tr("Product"), products))
        self.add(params.choice(self.FORMAT, self.tr("Format"), list(catalogue.FORMATS)))
        self.add(params.folder(self.FOLDER, self.tr("Download folder (empty: the plugin's cache)")))
        self.add(
            params.flag(self.LOAD, self.tr("Load the delivery once downloaded (ocsge:load)"), True)
        )
        service = params.text(
            self.SERVICE_URL, self.tr("IGN download service address"), settings.ign_url()
        )
        self.add(service, advanced=True)
        self.addOutput(QgsProcessingOutputFile(self.ARCHIVE, self.tr("Downloaded archive (.7z)")))
        self.addOutput(QgsProcessingOutputString(self.NAME, self.tr("Delivery name")))
        self.addOutput(QgsProcessingOutputString(self.URL, self.tr("Download address")))
        self.addOutput(QgsProcessingOutputString(self.MILLESIMES, self.tr("Millésime(s)")))
        self.addOutput(
            QgsProcessingOutputBoolean(self.FROM_CACHE, self.tr("Reused from the cache"))
        )
        self.add_layers_output()
        self.add_report_output(self.tr("Load report (JSON)"))

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802
        load = self.parameterAsBoolean(parameters, self.LOAD, context)
        kind = catalogue.LISTED_KINDS[self.parameterAsEnum(parameters, self.KIND, context)]
        fmt = catalogue.FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        folder = self.parameterAsFile(parameters, self.FOLDER, context) or None
        base = (
            self.parameterAsString(parameters, self.SERVICE_URL, context) or settings.ign_url()
        ).strip()
        steps = QgsProcessingMultiStepFeedback(2 if load else 1, feedback)
        try:
            departement = catalogue.normalise(
                self.parameterAsString(parameters, self.DEPARTEMENT, context)
            )
            millesimes = catalogue.parse_millesimes(
                self.parameterAsString(parameters, self.MILLESIME, context)
            )
            client = network.Client(is_canceled=feedback.isCanceled, log=feedback.pushInfo)
            service = catalogue.Catalogue(client, base)
            feedback.pushInfo(
                self.tr("Listing IGN's deliveries for département {dep}…").format(dep=departement)
            )
            products = (
                ("OCSGE",) if kind in ("occupation", "difference") else ("OCSGE-ARTIFICIALISATION",)
            )
            delivery = catalogue.select(
                service.deliveries(departement, None, products), kind, millesimes, fmt
            )
            feedback.pushInfo(
                self.tr("Downloading {url}").format(url=masked(delivery.download_url(base)))
            )
            archive, reused = service.download(delivery, folder, progress=steps.setProgress)
        except errors.Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        except (network.NetworkError, catalogue.CatalogueError) as error:
            raise self.fail(str(error)) from None
        feedback.pushInfo(
            (
                self.tr("{name}: reused from the cache ({path})")
                if reused
                else self.tr("{name}: downloaded to {path}")
            ).format(name=delivery.name, path=archive)
        )
        results = {
            self.ARCHIVE: str(archive),
            self.NAME: delivery.name,
            self.URL: masked(delivery.download_url(base)),
            self.MILLESIMES: delivery.years,
            self.FROM_CACHE: reused,
            self.LAYERS: [],
            self.REPORT: "",
        }
        if load and not feedback.isCanceled():
            import processing

            steps.setCurrentStep(1)
            loaded = processing.run(
                "ocsge:load",
                {"INPUT": str(archive)},
                context=context,
                feedback=steps,
                is_child_algorithm=True,
            )
            results[self.LAYERS] = loaded.get("LAYERS") or []
            results[self.REPORT] = loaded.get("REPORT") or ""
        return results

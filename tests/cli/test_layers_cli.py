"""What qgis_process says and computes on unusual layers (issue 24): a layer of curved geometries,
and a GeoPackage holding an extract before IGN's complete layer."""

from __future__ import annotations

import re

import pytest
from builders import CURVED_ROWS, curved_delivery, linear_area, two_candidates
from support import qgis_process

from ocsge.ocsge_plugin.storage import reading

pytestmark = pytest.mark.slow


def result(output: str, name: str) -> str:
    """A result as qgis_process prints it (``NAME:<tab>value``)."""
    return re.search(rf"^{name}:\t(.*)$", output, re.M).group(1)


def test_classify_a_curved_layer_through_qgis_process(tmp_path):
    source = curved_delivery(tmp_path)
    done = qgis_process(
        "run", "ocsge:classify", "--", f"INPUT={source}", f"OUTPUT={tmp_path / 'cls.gpkg'}"
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    total = sum(linear_area(wkt) for wkt, _ in CURVED_ROWS)
    imper = linear_area(CURVED_ROWS[0][0]) + linear_area(CURVED_ROWS[2][0])
    assert float(result(output, "TOTAL_HA")) == pytest.approx(total / 10_000, rel=1e-9)
    assert float(result(output, "IMPER_HA")) == pytest.approx(imper / 10_000, rel=1e-9)
    assert (
        f"WARNING:\tOCCUPATION_SOL ({source}): 3 geometries of a curved type "
        "(MultiSurface, CurvePolygon…) of 3 made into polygons, "
        "their arcs cut into segments of at most 4°: their surfaces are those of the "
        "linearised outlines."
    ) in output


def test_load_a_geopackage_with_an_extract_first_through_qgis_process(tmp_path):
    folder = two_candidates(tmp_path, "extrait_occupation", "OCCUPATION_SOL")
    done = qgis_process("run", "ocsge:load", "--", f"INPUT={folder}", "CHECK_CODES=false")
    output = done.stdout + done.stderr
    assert reading.read_vrt(result(output, "OCCUPATION")).src_layer == "OCCUPATION_SOL"
    assert (
        "Several Occupation du sol D32 2019 layers: OCCUPATION_SOL.gpkg/OCCUPATION_SOL "
        "(5 polygons) is used, named as "
        "IGN names it; OCCUPATION_SOL.gpkg/extrait_occupation (2 polygons) is left out."
    ) in output
    assert "Occupation du sol D32 2019: 5 polygons, CRS EPSG:2154" in output
    assert "2 polygons, CRS" not in output

"""One rule for outputs (issue 24, point 1): a run never touches what was not handed over as an
output.

Every writing algorithm is run with its destination equal to, inside and around each of its
inputs, on real files: the user's GeoPackages hold other layers, their folders other files; after
each run every one of those files is compared byte for byte (sha256) with what it was. A
destination that would replace, hold or lie in an input is refused before anything is written,
with a message naming both; a GeoPackage holding other layers is never replaced as a file; a
folder the plugin did not make is never cleared, and files a user adds to one it made are kept
(through qgis_process, and a full disk: tests/cli/test_outputs_cli.py)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from builders import (
    HAND_ROWS,
    hand_delivery,
    pack_7z,
    sha256_tree,
    square,
    user_folder,
    users_gpkg,
    write_layer,
)
from qgis.core import QgsProcessingException
from support import Recorder

from ocsge.ocsge_plugin.storage import files

ARTIF_FIELDS = ["ID", "code_cs", "code_us", "artif", "crit_seuil"]
COMMUNE = [(square(-50, -50, 400), ["32001", "Une"])]


def _artif_rows():
    answers = {
        "CS1.1.1.1": "artif",
        "CS1.1.1.2": "artif",
        "CS2.2.1": "non artif",
        "CS2.1.1.1": "non artif",
    }
    return [(wkt, [v[0], v[1], v[2], answers[v[1]], None]) for wkt, v in HAND_ROWS]


def _commune_table(run, folder: Path, name: str = "communes_table.gpkg") -> Path:
    """The commune table ocsge:aggregate writes (the input of ocsge:rollup and ocsge:export)."""
    occupation = folder / "occupation.gpkg"
    if not occupation.exists():
        users_gpkg(occupation)
    communes = folder / "communes.gpkg"
    if not communes.exists():
        write_layer(communes, "communes", ["code", "nom"], COMMUNE)
    table = folder / name
    run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": [f"{occupation}|layername=OCCUPATION_SOL"],
            "TERRITORIES": str(communes),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 2,
            "OUTPUT": str(table),
        },
    )
    return table


def _layer_writers(run, folder: Path) -> dict:
    """algorithm → (parameters without the destination, name of the destination, the input
    files)."""
    occupation = users_gpkg(folder / "occupation.gpkg")
    artif = users_gpkg(folder / "artif.gpkg", "ARTIFICIALISATION", _artif_rows(), ARTIF_FIELDS)
    fin_rows = [(wkt, [v[0], "CS1.1.1.1", "US6.1", "2019"]) for wkt, v in HAND_ROWS]
    debut = users_gpkg(
        folder / "debut_2016.gpkg", "OCCUPATION_SOL", [(w, v[:3] + ["2016"]) for w, v in HAND_ROWS]
    )
    fin = users_gpkg(folder / "fin_2019.gpkg", "OCCUPATION_SOL", fin_rows)
    communes = folder / "communes.gpkg"
    write_layer(communes, "communes", ["code", "nom"], COMMUNE)
    write_layer(communes, "mes_zonages", ["code"], [(square(0, 0, 50), ["Z"])])
    return {
        "classify": (
            {"INPUT": f"{occupation}|layername=OCCUPATION_SOL", "METHOD": 2},
            "OUTPUT",
            [occupation],
        ),
        "compare_artif": ({"INPUT": f"{artif}|layername=ARTIFICIALISATION"}, "OUTPUT", [artif]),
        "flows": (
            {
                "OCCUPATION_DEBUT": f"{debut}|layername=OCCUPATION_SOL",
                "OCCUPATION_FIN": f"{fin}|layername=OCCUPATION_SOL",
                "METHOD": 2,
                "MILLESIME_DEBUT": 2016,
                "MILLESIME_FIN": 2019,
            },
            "OUTPUT",
            [debut, fin],
        ),
        "aggregate": (
            {
                "INPUT_LAYERS": [f"{occupation}|layername=OCCUPATION_SOL"],
                "TERRITORIES": f"{communes}|layername=communes",
                "CODE_FIELD": "code",
                "NAME_FIELD": "nom",
                "METHOD": 2,
            },
            "OUTPUT",
            [occupation, communes],
        ),
    }


LAYER_WRITERS = ["classify", "compare_artif", "flows", "aggregate", "rollup"]


def _params_of(run, algorithm: str, folder: Path):
    if algorithm == "rollup":
        table = _commune_table(run, folder)
        return {"INPUT": str(table), "LEVELS": [2]}, "OUTPUT_COMMUNE", [table]
    return _layer_writers(run, folder)[algorithm]


@pytest.mark.parametrize(
    "where", ["equal", "inside", "inside_layername", "around", "another_users_gpkg"]
)
@pytest.mark.parametrize("algorithm", LAYER_WRITERS)
def test_layer_writers_never_touch_their_inputs(run, tmp_path, algorithm, where):
    """A layer output equal to an input file (the QGIS habit of saving next to the data), a layer
    written inside an input GeoPackage, a new file around the inputs (same folder), a GeoPackage
    of the user holding other layers: refused, or written, and every file of the user as it was."""
    folder = user_folder(tmp_path)
    params, name, inputs = _params_of(run, algorithm, folder)
    other = users_gpkg(tmp_path / "autre.gpkg")
    before = sha256_tree(tmp_path)
    source = inputs[-1]
    destination = {
        "equal": str(source),
        "inside": f"ogr:dbname='{source}' table=\"resultat\" (geom)",
        "inside_layername": f"{source}|layername=resultat",
        "around": str(folder / "resultat.gpkg"),
        "another_users_gpkg": str(other),
    }[where]
    if where == "around":
        results, _ = run(f"ocsge:{algorithm}", {**params, name: destination})
        assert Path(str(results[name]).split("|")[0]) == folder / "resultat.gpkg"
        after = sha256_tree(tmp_path)
        assert after.pop("donnees/resultat.gpkg")
        assert after == before
        return
    message = re.escape(
        {
            "equal": f"Refused: the output {source} is also an input of this run",
            "inside": f"Refused: the output layer resultat would be written into {source}, "
            "which this run reads",
            "inside_layername": "Refused: the output layer resultat would be written into "
            f"{source}, which this run reads",
            "another_users_gpkg": f"Refused: {other} is a GeoPackage holding other layers "
            "(OCCUPATION_SOL, ZONE_CONSTRUITE, mes_notes)",
        }[where]
    )
    with pytest.raises(QgsProcessingException, match=message):
        run(f"ocsge:{algorithm}", {**params, name: destination})
    assert sha256_tree(tmp_path) == before


def test_classify_into_its_input_file_keeps_every_layer(run, tmp_path):
    """The case of the audit: OUTPUT = the input GeoPackage. Refused before any work, the file's
    three layers still there, byte for byte, and no temporary file left beside it."""
    folder = user_folder(tmp_path)
    source = users_gpkg(folder / "ocsge.gpkg")
    before = sha256_tree(tmp_path)
    feedback = Recorder()
    with pytest.raises(QgsProcessingException) as error:
        run(
            "ocsge:classify",
            {"INPUT": f"{source}|layername=OCCUPATION_SOL", "OUTPUT": str(source)},
            feedback,
        )
    assert str(error.value).startswith(f"Refused: the output {source} is also an input of this run")
    assert "Nothing was written" in str(error.value)
    assert files.gpkg_layers(source) == ["OCCUPATION_SOL", "ZONE_CONSTRUITE", "mes_notes"]
    assert sha256_tree(tmp_path) == before
    assert not any("Traceback" in text for text in feedback.errors + feedback.infos)


def test_an_input_read_through_a_vrt_is_still_an_input(run, tmp_path):
    """ocsge:load gives renaming VRTs that read the user's GeoPackage: the VRT is followed, and
    the GeoPackage it reads cannot be an output."""
    folder = user_folder(tmp_path)
    source = users_gpkg(folder / "ocsge.gpkg")
    vrt = tmp_path / "cache" / "occupation.vrt"
    vrt.parent.mkdir()
    vrt.write_text(
        '<OGRVRTDataSource><OGRVRTLayer name="occupation"><SrcDataSource '
        f'relativeToVRT="0">{source}</SrcDataSource>'
        "<SrcLayer>OCCUPATION_SOL</SrcLayer></OGRVRTLayer></OGRVRTDataSource>",
        encoding="utf-8",
    )
    before = sha256_tree(tmp_path)
    with pytest.raises(
        QgsProcessingException, match=re.escape(f"Refused: the output {source} is also an input")
    ):
        run("ocsge:classify", {"INPUT": str(vrt), "METHOD": 2, "OUTPUT": str(source)})
    assert sha256_tree(tmp_path) == before


@pytest.mark.parametrize("where", ["equal", "around", "users_gpkg_of_that_name"])
def test_export_never_replaces_its_input_table(run, tmp_path, where):
    """ocsge:export into the folder of its input table: the input named as a published table
    (artif_commune.gpkg) is refused by name; any other input and the user's files in that folder are
    kept; a user's GeoPackage of a published name holding other layers is refused by its layers."""
    folder = user_folder(tmp_path)
    table = _commune_table(
        run, folder, "artif_commune.gpkg" if where == "equal" else "communes_table.gpkg"
    )
    if where == "users_gpkg_of_that_name":
        users_gpkg(folder / "imper_commune.gpkg")
    before = sha256_tree(tmp_path)
    params = {
        "COMMUNE": str(table),
        "OUTPUT_FOLDER": str(folder),
        "LEVELS": [0],
        "COVERAGE_TABLE": False,
    }
    if where == "around":
        results, _ = run("ocsge:export", params)
        written = {str(Path(p).relative_to(tmp_path)) for p in json.loads(results["FILES"])}
        assert "donnees/artif_commune.gpkg" in written and "donnees/imper_commune.csv" in written
        written.add(str(Path(results["REPORT"]).relative_to(tmp_path)))  # rapport_export.json
        after = sha256_tree(tmp_path)
        assert {k: v for k, v in after.items() if k not in written} == before
        assert not set(before) & written  # nothing of the user's was replaced
        return
    expected = {
        "equal": re.escape(f"Refused: the output {table} is also an input of this run"),
        "users_gpkg_of_that_name": re.escape(
            f"Refused: {folder / 'imper_commune.gpkg'} is a GeoPackage holding other layers ("
        ),
    }[where]
    with pytest.raises(QgsProcessingException, match=expected):
        run("ocsge:export", params)
    assert sha256_tree(tmp_path) == before


def _communes(tmp_path: Path) -> Path:
    path = tmp_path / "communes" / "communes.gpkg"
    write_layer(path, "communes", ["code", "nom"], COMMUNE)
    return path


def _folder_params(algorithm: str, delivery_folder: Path, communes: Path, place: Path) -> dict:
    params = {
        "INPUT": str(delivery_folder),
        "COMMUNES": str(communes),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "METHOD": 2,
    }
    if algorithm == "diagnostic":
        return {**params, "OUTPUT_FOLDER": str(place)}
    return {**params, "LEVEL": 0, "OUTPUT": str(place / "rapport.pdf")}


@pytest.mark.parametrize("where", ["equal", "inside", "around"])
@pytest.mark.parametrize("algorithm", ["diagnostic", "portrait"])
def test_folder_writers_never_write_into_the_deliveries_they_read(
    run, provider, tmp_path, algorithm, where
):
    """ocsge:diagnostic (OUTPUT_FOLDER) and ocsge:portrait (the PDF and its folder) with the
    output in the deliveries folder, below it, or around it (the folder holding it): in or below,
    refused before anything is written (the next run would read the outputs as deliveries — the
    audit's « second run fails »); around, written, and the deliveries and the user's files as
    they were."""
    deliveries = user_folder(tmp_path)
    hand_delivery(deliveries)
    communes = _communes(tmp_path)
    (tmp_path / "a_moi.txt").write_text("à moi\n", encoding="utf-8")
    place = {"equal": deliveries, "inside": deliveries / "resultats", "around": tmp_path}[where]
    before = sha256_tree(tmp_path)
    params = _folder_params(algorithm, deliveries, communes, place)
    if where == "around":
        run(f"ocsge:{algorithm}", params)
        after = sha256_tree(tmp_path)
        assert {k: v for k, v in after.items() if k in before} == before
        new = set(after) - set(before)
        assert new and all(not k.startswith("donnees/") for k in new)
        if algorithm == "portrait":
            assert "rapport.pdf" in new and f"rapport_donnees/{files.OWNED}" in new
        return
    named = place if algorithm == "diagnostic" else place / "rapport.pdf"
    with pytest.raises(QgsProcessingException) as error:
        run(f"ocsge:{algorithm}", params)
    message = str(error.value)
    assert message.startswith(
        f"Refused: the output {named} is, or lies inside, the folder {deliveries} that "
        "this run reads"
    )
    assert sha256_tree(tmp_path) == before
    assert not (place / "rapport.pdf").exists()


def test_portrait_leaves_a_users_folder_of_its_name(run, provider, tmp_path):
    """A folder rapport_donnees/ of the user, with a territoires.gpkg in it, beside the PDF asked
    for: refused by name, nothing in it touched, no PDF written."""
    deliveries = tmp_path / "livraisons"
    hand_delivery(deliveries)
    communes = _communes(tmp_path)
    mine = tmp_path / "sortie" / "rapport_donnees"
    users_gpkg(mine / "territoires.gpkg", "territoires")
    (mine / "photos").mkdir()
    (mine / "photos" / "terrain.jpg").write_bytes(os.urandom(4096))
    before = sha256_tree(tmp_path)
    with pytest.raises(
        QgsProcessingException,
        match=re.escape(f"Refused: {mine} exists and was not made by this plugin"),
    ):
        run("ocsge:portrait", _folder_params("portrait", deliveries, communes, tmp_path / "sortie"))
    assert sha256_tree(tmp_path) == before
    assert sorted(p.name for p in (tmp_path / "sortie").iterdir()) == ["rapport_donnees"]


def test_portrait_keeps_the_files_a_user_adds_to_its_folder(run, provider, tmp_path):
    """A second portrait into the folder the first one made: the user's files added there (at the
    top and in a subfolder of the portrait's) are kept byte for byte; the portrait's own files
    are replaced; a file the previous run listed and this one does not write is removed."""
    deliveries = tmp_path / "livraisons"
    hand_delivery(deliveries)
    communes = _communes(tmp_path)
    out = tmp_path / "sortie"
    out.mkdir()
    params = _folder_params("portrait", deliveries, communes, out)
    run("ocsge:portrait", params)
    folder = out / "rapport_donnees"
    listed = json.loads((folder / files.OWNED).read_text(encoding="utf-8"))
    assert "territoires.gpkg" in listed and any(name.startswith("tables/") for name in listed)
    (folder / "mes_notes.odt").write_bytes(os.urandom(1000))
    (folder / "graphiques" / "photo.jpg").write_bytes(os.urandom(3000))
    (folder / "graphiques" / "ancien.svg").write_text(
        "<svg/>", encoding="utf-8"
    )  # made by an earlier run
    (folder / files.OWNED).write_text(
        json.dumps(listed + ["graphiques/ancien.svg"]), encoding="utf-8"
    )
    users = {
        k: v
        for k, v in sha256_tree(folder).items()
        if k in ("mes_notes.odt", "graphiques/photo.jpg")
    }
    pdf_before = (out / "rapport.pdf").stat().st_mtime_ns
    run("ocsge:portrait", params)
    after = sha256_tree(folder)
    assert {k: after.get(k) for k in users} == users
    assert "graphiques/ancien.svg" not in after
    assert sorted(json.loads((folder / files.OWNED).read_text(encoding="utf-8"))) == sorted(listed)
    assert (out / "rapport.pdf").stat().st_mtime_ns != pdf_before
    assert sorted(p.name for p in out.iterdir()) == [
        "rapport.pdf",
        "rapport_donnees",
    ]  # no work folder left


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_an_output_that_is_the_input_under_another_name(run, tmp_path, link):
    """The same file under another name (a hard link: os.path.samefile; a symbolic link: the
    resolved path) is the input: refused, the file as it was."""
    folder = user_folder(tmp_path)
    source = users_gpkg(folder / "ocsge.gpkg")
    other = tmp_path / "ailleurs" / "copie.gpkg"
    other.parent.mkdir()
    (os.link if link == "hard" else os.symlink)(source, other)
    before = sha256_tree(tmp_path)
    with pytest.raises(QgsProcessingException, match=re.escape("is also an input of this run")):
        run(
            "ocsge:classify",
            {"INPUT": f"{source}|layername=OCCUPATION_SOL", "METHOD": 2, "OUTPUT": str(other)},
        )
    assert sha256_tree(tmp_path) == before
    assert files.gpkg_layers(source) == ["OCCUPATION_SOL", "ZONE_CONSTRUITE", "mes_notes"]


def test_portrait_refuses_its_folder_when_it_holds_an_input(run, provider, tmp_path):
    """The commune layer kept inside the portrait's own (marked) folder: the run would replace files
    there, so it is refused by name before anything is written."""
    deliveries = tmp_path / "livraisons"
    hand_delivery(deliveries)
    folder = tmp_path / "sortie" / "rapport_donnees"
    folder.mkdir(parents=True)
    (folder / files.OWNED).write_text("[]", encoding="utf-8")
    communes = write_layer(folder / "communes.gpkg", "communes", ["code", "nom"], COMMUNE)
    before = sha256_tree(tmp_path)
    with pytest.raises(
        QgsProcessingException,
        match=re.escape(f"Refused: the folder {folder} holds an input of this run ({communes})"),
    ):
        run("ocsge:portrait", _folder_params("portrait", deliveries, communes, tmp_path / "sortie"))
    assert sha256_tree(tmp_path) == before


def test_load_never_writes_into_a_folder_unpacked_by_hand(run, tmp_path):
    """ocsge:load keeps an archive's data beside it in a folder named after it: when the user
    already has a folder of that name (unpacked by hand, edited maybe), nothing is written into
    it; the copy goes to the plugin's data folder and the layers read it there."""
    from ocsge.ocsge_plugin.storage import keeping

    archive = pack_7z(hand_delivery(tmp_path / "telechargements"))
    mine = archive.with_suffix("")  # the folder the archive was made from: the user's
    edited = next(mine.rglob("OCCUPATION_SOL.gpkg"))
    write_layer(edited, "mes_corrections", ["note"], [(square(0, 0, 10), ["à moi"])])
    (mine / "lisez-moi.txt").write_text("mes notes\n", encoding="utf-8")
    before = sha256_tree(tmp_path)
    results, _ = run("ocsge:load", {"INPUT": str(archive)})
    assert sha256_tree(tmp_path) == before
    source = Path(results["OCCUPATION"])
    assert keeping.data_dir().resolve() in source.resolve().parents
    assert str(mine) not in source.read_text(encoding="utf-8")

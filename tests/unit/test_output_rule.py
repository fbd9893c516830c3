"""ocsge_plugin/storage/files.py's output rule on hand-made files and folders: the addresses of
layers, each kind of destination against each kind of input, and a marked folder filled without
touching the user's files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import sha256_tree, users_gpkg, write_layer


@pytest.fixture
def files(ocsge):
    from ocsge.ocsge_plugin.storage import files

    return files


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("/d/a.gpkg", ("/d/a.gpkg", None)),
        ("/d/a.gpkg|layername=OCCUPATION_SOL", ("/d/a.gpkg", "OCCUPATION_SOL")),
        ("/d/a.gpkg|layerid=0|layername=x|subset=a=1", ("/d/a.gpkg", "x")),
        ("ogr:dbname='/d/a b.gpkg' table=\"t\" (geom)", ("/d/a b.gpkg", "t")),
    ],
)
def test_split_uri(files, uri, expected):
    assert files.split_uri(uri) == expected


def test_each_kind_of_destination_against_each_kind_of_input(files, tmp_path):
    deliveries = tmp_path / "livraisons"
    deliveries.mkdir()
    data = users_gpkg(tmp_path / "data.gpkg")
    inputs = [files.Place(deliveries.resolve()), files.Place(data.resolve(), "OCCUPATION_SOL")]

    def check(path, kind=files.Kind.FILE, layer=None, scanned=True):
        return files.check_destination(path, kind, layer, inputs, scanned)

    for path, kind, layer, fragment in [
        (data, files.Kind.FILE, None, "is also an input"),
        (data, files.Kind.LAYER, "autre", "would be written into"),
        (deliveries, files.Kind.FOLDER, None, "is, or lies inside, the folder"),
        (deliveries / "sous" / "x.gpkg", files.Kind.FILE, None, "is, or lies inside, the folder"),
        (tmp_path, files.Kind.OWNED, None, "holds an input of this run"),
    ]:
        with pytest.raises(files.OutputClash, match=fragment):
            check(path, kind, layer)
    check(
        deliveries / "x.csv", scanned=False
    )  # while writing (a kept copy beside its archive): not "inside"
    check(tmp_path / "new.gpkg")
    check(tmp_path, files.Kind.FOLDER)  # a folder holding an input: only the files the run names
    own = write_layer(tmp_path / "own.gpkg", "own", ["a"], [])
    check(own)  # a GeoPackage holding only the layer the run writes: replaced
    with pytest.raises(
        files.OutputClash,
        match=r"holding other layers \(OCCUPATION_SOL, ZONE_CONSTRUITE, mes_notes\)",
    ):
        check(users_gpkg(tmp_path / "users.gpkg"))


def test_a_marked_folder_keeps_the_users_files(files, tmp_path):
    folder, work = tmp_path / "rapport_donnees", tmp_path / "work"
    (folder / "sub").mkdir(parents=True)
    (folder / files.OWNED).write_text(
        json.dumps(["old.txt", "sub/old.svg", "gone/old.csv", "../outside.txt"]), encoding="utf-8"
    )
    for name in ("old.txt", "sub/old.svg", "mine.txt", "sub/mine.jpg"):
        (folder / name).write_text(name, encoding="utf-8")
    (tmp_path / "outside.txt").write_text("not in the folder", encoding="utf-8")
    for name in ("new.txt", "sub/new.svg", "portrait.pdf", "old.txt"):
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text("new " + name, encoding="utf-8")
    written = files.commit_owned(work, folder, leave=["portrait.pdf"])
    assert sorted(Path(p).relative_to(folder).as_posix() for p in written) == [
        "new.txt",
        "old.txt",
        "sub/new.svg",
    ]
    assert sorted(sha256_tree(folder)) == [
        files.OWNED,
        "mine.txt",
        "new.txt",
        "old.txt",
        "sub/mine.jpg",
        "sub/new.svg",
    ]
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "mine.txt"
    assert (folder / "old.txt").read_text(encoding="utf-8") == "new old.txt"
    assert (tmp_path / "outside.txt").exists()  # a listed name leading out is never followed
    assert json.loads((folder / files.OWNED).read_text(encoding="utf-8")) == [
        "new.txt",
        "old.txt",
        "sub/new.svg",
    ]
    assert [p.name for p in work.rglob("*") if p.is_file()] == ["portrait.pdf"]  # left where it was


def test_an_unmarked_folder_is_refused(files, tmp_path):
    folder, work = tmp_path / "rapport_donnees", tmp_path / "work"
    folder.mkdir()
    (folder / "territoires.gpkg").write_text("the user's", encoding="utf-8")
    work.mkdir()
    (work / "territoires.gpkg").write_text("ours", encoding="utf-8")
    with pytest.raises(files.OutputClash, match="was not made by this plugin"):
        files.commit_owned(work, folder)
    assert (folder / "territoires.gpkg").read_text(encoding="utf-8") == "the user's"


def test_the_refusals_read_in_french(files, ocsge, tmp_path):
    """With QGIS in French, the refusals are the translation of i18n/ocsge_plugin_fr.ts (make
    transcompile)."""
    i18n = ocsge.ocsge_plugin.core.i18n
    data = users_gpkg(tmp_path / "data.gpkg")
    other = users_gpkg(tmp_path / "autre.gpkg")
    assert i18n.install_translator("fr")
    try:
        with pytest.raises(files.OutputClash) as same:
            files.check_destination(data, inputs=[files.Place(data.resolve())])
        with pytest.raises(files.OutputClash) as layers:
            files.check_destination(other, inputs=[])
        with pytest.raises(files.OutputClash) as unmarked:
            files.check_owned(tmp_path)
    finally:
        i18n.remove_translator()
    assert str(same.value) == (
        f"Refusé : la sortie {data} est aussi une entrée de ce traitement ; l'écrire "
        "remplacerait les données lues. "
        "Rien n'a été écrit. Attendu : un autre nom pour la sortie."
    )
    assert str(layers.value).startswith(
        f"Refusé : {other} est un GeoPackage qui contient d'autres couches "
        "(OCCUPATION_SOL, ZONE_CONSTRUITE, mes_notes)"
    )
    assert str(unmarked.value).startswith(
        f"Refusé : {tmp_path} existe et n'a pas été créé par cette extension"
    )

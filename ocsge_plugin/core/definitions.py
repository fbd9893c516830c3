"""The project's vocabulary, defined once: territory levels, classification methods and
conventions, layer kinds. Each is an enumeration of text values (``Level.EPCI == "epci"``), so a
Processing parameter, a CSV column or a test may use the plain text; the tuples beside them give
the order in which they are offered and written.

Where one word means two things it has two names here: the *convention* of the classification
(how codes above the leaves are read, ``Convention``) is not the *convention* of the consumption
trajectory (which law text is followed, ``ConsumptionConvention``)."""

from __future__ import annotations

from enum import Enum

__all__ = [
    "AUTO",
    "CONSUMPTION_CONVENTIONS",
    "CONVENTIONS",
    "LAYER_KINDS",
    "LEVELS",
    "METHODS",
    "ConsumptionConvention",
    "Convention",
    "LayerKind",
    "Level",
    "Method",
]


class Level(str, Enum):
    """A territory level of the tables, smallest first (``zone``: the user's own zones)."""

    COMMUNE = "commune"
    EPCI = "epci"
    SCOT = "scot"
    DEPARTEMENT = "departement"
    REGION = "region"
    ZONE = "zone"


#: The levels of the published schema (data.gouv.fr), in order; ``zone`` is the user's own.
LEVELS = tuple(level.value for level in Level if level is not Level.ZONE)


class Method(str, Enum):
    """How artificialisation is derived: IGN's own layer, the décret's couverture × usage matrix,
    or the matrix then the 2,500 m² thresholds."""

    IGN = "ign"
    MATRICE = "matrice"
    MATRICE_SEUILS = "matrice_seuils"


METHODS = tuple(method.value for method in Method)
#: The METHOD parameter's first choice: IGN's layer when the delivery has it, else the matrix.
AUTO = "auto"


class Convention(str, Enum):
    """How codes above the leaves, INDETERMINE and unknown values are read by the matrix."""

    INDETERMINE = "indetermine"  # counted apart, never as non-artificialised (default)
    NATIONAL = "national"  # exact codes only, as the national files


CONVENTIONS = tuple(convention.value for convention in Convention)


class ConsumptionConvention(str, Enum):
    """Which reading of the 2021–2031 trajectory: the law's (default) or the national file's."""

    LOI = "loi"
    NATIONAL = "national"


CONSUMPTION_CONVENTIONS = tuple(convention.value for convention in ConsumptionConvention)


class LayerKind(str, Enum):
    """A layer of an OCS GE delivery, as ``storage.reading`` recognises it."""

    OCCUPATION = "occupation"
    ZONE_CONSTRUITE = "zone_construite"
    DIFFERENCE = "difference"
    ARTIF = "artif"
    ARTIF_DIFF = "artif_diff"


LAYER_KINDS = tuple(kind.value for kind in LayerKind)

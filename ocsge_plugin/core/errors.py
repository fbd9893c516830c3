"""The plugin's two kinds of interruption (bad input, cancel), shared by every module.

``OcsgeError``: bad input, explained to the user (the message is already translated); each part of
the domain has its own subclass (``ClassifyError``, ``FlowError``, ``TerritoryError``,
``DeliveryError``), so an algorithm catches them all at once. ``Canceled``: the user canceled
(``feedback.isCanceled()`` became true); one class, raised and caught the same everywhere.
"""

__all__ = [
    "Canceled",
    "ClassifyError",
    "DeliveryError",
    "FlowError",
    "OcsgeError",
    "TerritoryError",
]


class OcsgeError(Exception):
    """Bad input, explained to the user (the message is already translated)."""


class ClassifyError(OcsgeError, ValueError):
    """Bad input of a classification (fields, codes, CRS, convention)."""


class FlowError(OcsgeError):
    """Bad input of the flows (difference layers, occupation layers, method)."""


class DeliveryError(OcsgeError):
    """A problem with what the user pointed at (a delivery, an archive, a layer's fields)."""


class TerritoryError(OcsgeError):
    """Bad input of the aggregation or the roll-up (territories, layers, membership table)."""


class Canceled(Exception):
    """The user canceled (``feedback.isCanceled()`` became true); nothing was left behind."""

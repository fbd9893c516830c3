"""The steps of a run in one progress bar: Processing's ``QgsProcessingMultiStepFeedback`` for a
Processing feedback (as before), the same arithmetic for any other feedback (``QgsFeedback``, a
test's stand-in, None)."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsProcessingFeedback, QgsProcessingMultiStepFeedback

__all__ = [
    "steps",
]


class Steps:
    """``count`` steps of ``feedback``'s progress: ``setCurrentStep(i)``, then ``setProgress``
    within it; every other call (``pushInfo``, ``isCanceled``…) goes to ``feedback``."""

    def __init__(self, count: int, feedback: Any) -> None:
        self.count, self.feedback, self.current = count, feedback, 0

    def setCurrentStep(self, step: int) -> None:  # noqa: N802
        self.current = step
        self.setProgress(0.0)

    def setProgress(self, percent: float) -> None:  # noqa: N802
        if self.feedback is not None:
            self.feedback.setProgress((self.current + percent / 100.0) * 100.0 / self.count)

    def isCanceled(self) -> bool:  # noqa: N802
        return self.feedback is not None and self.feedback.isCanceled()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.feedback, name)


def steps(count: int, feedback: Any):
    """A feedback of ``count`` steps over ``feedback``."""
    if isinstance(feedback, QgsProcessingFeedback):
        return QgsProcessingMultiStepFeedback(count, feedback)
    return Steps(count, feedback)

"""Progress of a sub-stage within a caller's progress bar, shared by the cores."""

from __future__ import annotations

from typing import Any

from ..core.errors import Canceled

__all__ = ["check_canceled", "ScaledFeedback", "StepProgress", "Step"]


def check_canceled(feedback: Any) -> None:
    """Raise ``Canceled`` when the feedback (may be None) was canceled."""
    if feedback is not None and feedback.isCanceled():
        raise Canceled()


class ScaledFeedback:
    """A slice [start, end] of a feedback's progress, for a called stage.

    Its 0–100 % progress (``setProgress``) or 0–1 fraction (``progress``) is mapped, clamped,
    into the slice; ``isCanceled`` and every other method (pushInfo, pushWarning, reportError…)
    go to the feedback, which may be None (then nothing is reported and nothing is canceled)."""

    def __init__(self, feedback: Any, start: float = 0.0, end: float = 100.0) -> None:
        self.feedback, self.start, self.end = feedback, start, end

    def progress(self, fraction: float) -> None:
        if self.feedback is not None:
            self.feedback.setProgress(
                self.start + (self.end - self.start) * min(max(fraction, 0.0), 1.0)
            )

    def setProgress(self, percent: float) -> None:  # noqa: N802
        self.progress(percent / 100.0)

    def isCanceled(self) -> bool:  # noqa: N802
        return self.feedback is not None and self.feedback.isCanceled()

    def sub(self, a: float, b: float) -> ScaledFeedback:
        """The slice [a, b] (fractions) of this one, of the same class."""
        span = self.end - self.start
        return type(self)(self.feedback, self.start + span * a, self.start + span * b)

    def __getattr__(self, name: str) -> Any:  # pushInfo, pushWarning, reportError…
        if name == "feedback":  # not set yet (copy, unpickling): no recursion
            raise AttributeError(name)
        if self.feedback is None:
            return lambda *args, **kwargs: None
        return getattr(self.feedback, name)


class StepProgress:
    """Progress over ``total`` numbered items, mapped into [start, end] of a feedback (may be None):
    called with an item's index, it reports every ``total // 200`` items and raises ``Canceled``
    when the feedback was canceled; ``done`` reports ``end``."""

    def __init__(self, feedback: Any, start: float = 0.0, end: float = 100.0, total: int = 1):
        self.feedback, self.start, self.end = feedback, start, end
        self.total = max(int(total), 1)
        self.step = max(self.total // 200, 1)

    def __call__(self, index: int) -> None:
        if self.feedback is None or index % self.step:
            return
        if self.feedback.isCanceled():
            raise Canceled()
        self.feedback.setProgress(
            self.start + (self.end - self.start) * min(index / self.total, 1.0)
        )

    def done(self) -> None:
        if self.feedback is not None:
            if self.feedback.isCanceled():
                raise Canceled()
            self.feedback.setProgress(self.end)


class Step(ScaledFeedback):
    """Progress of a sub-step mapped into [start, end] of the parent's range (a feedback for another
    core's 0–100 % progress too); ``check`` raises Canceled."""

    def check(self) -> None:
        if self.isCanceled():
            raise Canceled()

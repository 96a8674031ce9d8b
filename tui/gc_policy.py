"""When Python's cycle collector may run: at idle moments, not in the middle of a key press.

Why: a full (generation 2) collection walks every tracked object. With the corpus, the index
reader and a compare view loaded that is 100-200 ms on the seeds and more at 1 MB articles, and
CPython starts one whenever enough new objects have survived - typically while the next view is
being built, so a random third of ``c`` presses took 170-280 ms instead of 70 ms (measured with
``gc.callbacks``). The cure is the one CPython documents for ``gc.freeze``: collect once at an
idle moment, then freeze the survivors so later collections only walk what is new.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

IDLE_DELAY = 0.25
"""Seconds after a view changes before the collection runs (after the repaint, before the next key is likely)."""


def freeze_survivors() -> None:
    """Collect what is garbage now, then exempt everything still alive from later collections."""
    gc.collect()
    gc.freeze()


def freeze_new() -> None:
    """Exempt what a view just built (its layouts and alignment) from collections while it is open."""
    gc.freeze()


def release_and_collect_later(app: App) -> None:  # type: ignore[type-arg]
    """A view closed: let its objects be collected again, at the app's next idle moment."""
    gc.unfreeze()
    app.set_timer(IDLE_DELAY, freeze_survivors)


def release() -> None:
    """The app is leaving: whatever it froze can be collected (a process that runs several apps, like the tests, needs this)."""
    gc.unfreeze()

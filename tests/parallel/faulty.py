"""Extractors that make a worker process die, for the retry tests (imported by the workers)."""

from __future__ import annotations

import os
from pathlib import Path

DIE_MARKER = "WORKER-MUST-DIE"


class DyingExtractor:
    """Kills its worker process on a document holding DIE_MARKER; with ``once_flag``, only the first time."""

    def __init__(self, settings, once_flag: Path | None) -> None:
        from sitroom.extract.extractor import Extractor

        self.inner = Extractor.from_config(settings)
        self.actors = self.inner.actors
        self.once_flag = once_flag

    def extract(self, document):
        if DIE_MARKER in document.text:
            if self.once_flag is None:
                os._exit(17)
            if not self.once_flag.exists():
                self.once_flag.write_text("died once")
                os._exit(17)
        return self.inner.extract(document)


class DieAlways:
    def __call__(self, settings):
        return DyingExtractor(settings, None)


class DieOnce:
    def __init__(self, flag: Path) -> None:
        self.flag = flag

    def __call__(self, settings):
        return DyingExtractor(settings, self.flag)

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


CUT_MARKER = "CONNECTION-MUST-DROP"


class CuttingExtractor:
    """On a document holding CUT_MARKER (the first time only), terminates its worker's store connections.

    The server ends the worker's backends with pg_terminate_backend, as an administrator or a
    failover would; the worker's cached repository is left holding dead connections.
    """

    def __init__(self, settings, once_flag: Path) -> None:
        from sitroom.extract.extractor import Extractor

        self.inner = Extractor.from_config(settings)
        self.actors = self.inner.actors
        self.url = str(settings.db_path)
        self.once_flag = once_flag

    def extract(self, document):
        if CUT_MARKER in document.text and not self.once_flag.exists():
            self.once_flag.write_text(",".join(map(str, self._terminate_own_backends())))
        return self.inner.extract(document)

    def _terminate_own_backends(self) -> list[int]:
        import psycopg
        from distributed import get_worker

        from sitroom.parallel.tasks import PLUGIN_NAME

        repository = get_worker().plugins[PLUGIN_NAME].repository
        # The repository's connections (private: a test reaches in to find their server processes).
        pids = [connection.raw.info.backend_pid for connection in (repository._writer, *repository._readers)]
        with psycopg.connect(self.url, autocommit=True) as admin:
            for pid in pids:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return pids


class CutOnce:
    def __init__(self, flag: Path) -> None:
        self.flag = flag

    def __call__(self, settings):
        return CuttingExtractor(settings, self.flag)

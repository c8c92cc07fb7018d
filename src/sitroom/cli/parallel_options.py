"""The ingest options that spread extraction over Dask workers (--workers, --scheduler)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sitroom.cli.common import fail

WorkersOption = Annotated[
    Optional[int],
    typer.Option("--workers", help="Extract on N worker processes of a local Dask cluster (one writer stores)."),
]
SchedulerOption = Annotated[
    Optional[str],
    typer.Option("--scheduler", help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786."),
]
PartitionOption = Annotated[
    int, typer.Option("--partition-size", help="Documents sent to a worker at a time (with --workers/--scheduler).")
]

ResolveEveryOption = Annotated[
    Optional[int],
    typer.Option("--resolve-every", help="With --workers/--scheduler: resolve events every N documents stored."),
]


def ingest_runner(pipeline, workers: int | None, scheduler: str | None, partition_size: int,
                  resolve_every: int | None = None):
    """Return what runs the ingest: the pipeline itself, or a DistributedIngest over it."""
    if workers is None and scheduler is None:
        if resolve_every is not None:
            fail("--resolve-every is for distributed runs: add --workers N or --scheduler ADDRESS")
        return pipeline
    try:
        from sitroom.parallel import DistributedIngest, ParallelOptions
    except ImportError as error:  # dask is a declared dependency; a broken install should say so
        fail(f"--workers/--scheduler need dask.distributed, which cannot be imported ({error})")
    from sitroom.errors import SitroomError

    try:
        options = ParallelOptions(workers=1 if workers is None else workers, scheduler=scheduler, partition_size=partition_size,
                                  resolve_every=resolve_every)
    except SitroomError as error:
        fail(str(error))
    return DistributedIngest(pipeline, options)

"""Extraction spread over Dask workers, with the store written by one writer.

``DistributedIngest`` reads the inputs on the driver, sends documents to workers
in partitions, and writes each partition's documents and mentions to the store in
input order, so a run on N workers stores exactly what a one-process run stores.
"""

from sitroom.parallel.runner import DistributedIngest, ParallelOptions

__all__ = ["DistributedIngest", "ParallelOptions"]

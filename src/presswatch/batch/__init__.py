"""Batch at scale: shards of the inputs analysed independently, written as Parquet.

A run has three steps, each usable on its own:

1. :func:`~presswatch.batch.plan.make_plan` reads the inputs once (ingest and
   de-duplication are corpus-wide, so they cannot be split) and stages the
   article records in ``OUT/_plan/``;
2. :func:`~presswatch.batch.shards.run_shard` analyses one contiguous slice of
   the planned articles with :func:`presswatch.core.iter_analyses` and writes
   one Parquet file per store table plus a manifest, atomically;
3. :func:`~presswatch.batch.load.load_shards` puts finished shards into a store.

:func:`~presswatch.batch.dask_runner.run_on_dask` maps step 2 over a Dask
cluster; any job runner (a SLURM array) can call step 2 per shard instead.
Nothing in :mod:`presswatch.core` knows about Dask or Parquet.
"""

from presswatch.batch.load import LoadReport, load_shards
from presswatch.batch.manifest import ShardId, parse_shard, shard_status
from presswatch.batch.plan import Plan, make_plan
from presswatch.batch.shards import ShardSummary, run_shard

__all__ = [
    "LoadReport",
    "Plan",
    "ShardId",
    "ShardSummary",
    "load_shards",
    "make_plan",
    "parse_shard",
    "run_shard",
    "shard_status",
]

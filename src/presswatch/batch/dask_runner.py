"""Run the shards of a plan on Dask (``dask.distributed``).

The model is loaded once per worker by :class:`PipelinePlugin` (a
``WorkerPlugin``: it also reloads on a worker that restarts).  Each task runs
one shard with :func:`~presswatch.batch.shards.run_shard`, which writes the
shard's Parquet files itself and returns only a :class:`ShardSummary`: the
records never travel through the scheduler.  Workers must therefore see the
output directory (a shared file system on a cluster; see docs/BATCH.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from presswatch.batch.manifest import ShardId, shard_status
from presswatch.batch.plan import Plan
from presswatch.batch.shards import ShardSummary, run_shard
from presswatch.settings import Settings

__all__ = ["SHARDS_PER_WORKER", "PipelinePlugin", "run_on_dask"]

#: Default shards per worker: a few, so a slow shard does not leave the other workers
#: idle at the end and an interrupted run loses little, yet each shard stays large
#: enough that writing its files costs little next to the analysis.
SHARDS_PER_WORKER = 3


class PipelinePlugin(WorkerPlugin):
    """Loads the presswatch pipeline once in each worker process."""

    name = "presswatch-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp: Any = None

    def setup(self, worker: Any) -> None:
        from presswatch.nlp import load_pipeline

        self.nlp = load_pipeline(self.settings)

    def teardown(self, worker: Any) -> None:
        self.nlp = None


def _shard_task(out: str, index: int, count: int, settings: Settings) -> ShardSummary:
    plugin = get_worker().plugins.get(PipelinePlugin.name)
    nlp = getattr(plugin, "nlp", None)
    return run_shard(out, ShardId(index, count), settings, nlp=nlp)


def run_on_dask(
    out: str | Path,
    plan: Plan,
    settings: Settings,
    *,
    shards: int | None = None,
    scheduler: str | None = None,
    local_workers: int | None = None,
    on_started: Callable[[int, int, int], None] | None = None,
    on_done: Callable[[ShardSummary], None] | None = None,
) -> list[ShardSummary]:
    """Run every incomplete shard of ``plan`` on a cluster; returns the summaries.

    ``scheduler`` is the address of a running scheduler; otherwise a
    ``LocalCluster`` of ``local_workers`` processes (one thread each: the
    parse holds the GIL) is started and stopped here.
    """
    cluster = None
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=local_workers or 1, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        )  # fmt: skip
        client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        client.register_plugin(PipelinePlugin(settings))
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        count = shards or max(1, min(plan.n_articles, SHARDS_PER_WORKER * n_workers))
        status = shard_status(out, count)
        todo = [i for i, complete in status.items() if not complete]
        if on_started:
            on_started(count, len(todo), n_workers)
        futures = [
            client.submit(_shard_task, str(out), i, count, settings, pure=False,
                          key=f"presswatch-{ShardId(i, count).name}-{plan.checksum[:8]}")
            for i in todo
        ]  # fmt: skip
        summaries = []
        for fut in as_completed(futures):  # type: ignore[no-untyped-call]
            summary: ShardSummary = fut.result()
            summaries.append(summary)
            if on_done:
                on_done(summary)
        return summaries
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()

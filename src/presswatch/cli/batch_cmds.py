"""batch and load: analyse at scale into Parquet shards, then put them into a store."""

from __future__ import annotations

import math
import time
from pathlib import Path

import typer

from presswatch.batch import load_shards, make_plan, parse_shard, run_shard
from presswatch.batch.manifest import ShardId, check_shard_count, existing_count, shard_status
from presswatch.batch.shards import ShardSummary
from presswatch.cli.app import EXIT_OK, EXIT_SOME_FAILED, QUIET_OPT, app, err, usage_error
from presswatch.cli.pipeline_cmds import DB_OPT, PATHS_ARG, PUBLISHED_OPT, _settings
from presswatch.settings import default_db
from presswatch.store import Store

#: Articles per shard when running in one process without --shards: small enough that an
#: interrupted run loses little, large enough that writing files is a small cost.
ARTICLES_PER_LOCAL_SHARD = 500


OUT_OPT = typer.Option(..., "--out", help="Directory for the plan, shards and manifests.")
SHARD_OPT = typer.Option(
    None, "--shard", help="Run only shard I of N (from 0), e.g. $SLURM_ARRAY_TASK_ID/16."
)
SHARDS_OPT = typer.Option(
    None,
    "--shards",
    help="Number of shards (default: 3 per Dask worker, or 1 per 500 "
    "articles in one process; a resumed run keeps its count).",
)
SCHEDULER_OPT = typer.Option(
    None, "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786)."
)
LOCAL_WORKERS_OPT = typer.Option(
    None, "--local-workers", help="Start a local Dask cluster of K worker processes."
)
DIR_ARG = typer.Argument(..., help="The --out directory of `presswatch batch`.")


@app.command()
def batch(
    paths: list[str] = PATHS_ARG,
    out: Path = OUT_OPT,
    shard: str | None = SHARD_OPT,
    shards: int | None = SHARDS_OPT,
    scheduler: str | None = SCHEDULER_OPT,
    local_workers: int | None = LOCAL_WORKERS_OPT,
    published: str | None = PUBLISHED_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Analyse inputs in shards and write Parquet files; a rerun resumes where it stopped.

    Example: presswatch batch ../shared/corpus/whitehouse --out wh-shards --local-workers 2
    """
    if scheduler and local_workers:
        usage_error("choose one of --scheduler and --local-workers")
    if shard and (scheduler or local_workers or shards):
        usage_error(
            "--shard I/N runs one shard here; do not combine it with --shards, "
            "--scheduler or --local-workers"
        )
    if local_workers is not None and local_workers < 1:
        usage_error("--local-workers must be 1 or more")
    if shards is not None and shards < 1:
        usage_error("--shards must be 1 or more")
    settings = _settings(published, 1)
    t0 = time.perf_counter()
    if not quiet:
        err.print(f"planning: reading {' '.join(paths)} …", markup=False)
    plan = make_plan(paths, out, settings)
    if not quiet:
        err.print(
            f"plan: {plan.n_articles} articles, {plan.n_failures} unreadable inputs", markup=False
        )

    def done(s: ShardSummary) -> None:
        if not quiet:
            what = (
                "already complete" if s.skipped else f"{s.articles} articles in {s.seconds:.1f} s"
            )
            err.print(f"shard {s.shard}: {what}", markup=False)

    summaries: list[ShardSummary] = []
    if shard:
        sid = parse_shard(shard)
        check_shard_count(out, sid.count)
        s = run_shard(out, sid, settings, plan=plan)
        done(s)
        summaries.append(s)
    else:
        count = shards or existing_count(out)
        if count is not None:
            check_shard_count(out, count)
        if scheduler or local_workers:
            from presswatch.batch.dask_runner import run_on_dask

            def started(n: int, todo: int, workers: int) -> None:
                if not quiet:
                    err.print(f"dask: {workers} workers, {n} shards, {todo} to run", markup=False)

            summaries = run_on_dask(
                out, plan, settings, shards=count, scheduler=scheduler,
                local_workers=local_workers, on_started=started, on_done=done,
            )  # fmt: skip
        else:
            count = count or max(1, math.ceil(plan.n_articles / ARTICLES_PER_LOCAL_SHARD))
            nlp = None
            for i, complete in shard_status(out, count).items():
                if complete:
                    continue
                if nlp is None and plan.n_articles:
                    from presswatch.nlp import load_pipeline

                    nlp = load_pipeline(settings)
                s = run_shard(out, ShardId(i, count), settings, nlp=nlp, plan=plan)
                done(s)
                summaries.append(s)
    failed = sum(s.failures for s in summaries if not s.skipped)
    if not quiet:
        ran = [s for s in summaries if not s.skipped]
        err.print(
            f"{sum(s.articles for s in ran)} articles analysed in {len(ran)} shards, "
            f"{failed} failed, {time.perf_counter() - t0:.1f} s; load them with "
            f"`presswatch load {out}`",
            markup=False,
        )
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command()
def load(
    directory: Path = DIR_ARG,
    db: str | None = DB_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Put finished Parquet shards into the store (loading twice doubles nothing), then check.

    Example: presswatch load wh-shards --db wh.db
    """
    from presswatch.cli.pipeline_cmds import refresh_cross_findings

    with Store(db or default_db()) as store:
        report = load_shards(directory, store)
        cross = refresh_cross_findings(store)
    for name in report.incomplete:
        err.print(
            f"error: {directory / name}: shard missing or incomplete; run the same "
            "`presswatch batch` again to finish it [E306]",
            markup=False,
        )
    if not quiet:
        err.print(
            f"{report.articles} articles from {report.shards} shards loaded, "
            f"{cross} cross-article findings",
            markup=False,
        )
    raise typer.Exit(EXIT_SOME_FAILED if report.incomplete else EXIT_OK)

"""``make bench``: presswatch against bare spaCy, per-component costs, the store at scale.

Run from the repository root (``../shared`` beside it)::

    python -m presswatch.bench --out docs/BENCHMARKS.md          # the full run (~12 min)
    python -m presswatch.bench --out /tmp/b.md --quick           # a smoke run (~2 min)
    python -m presswatch.bench --only profile --sample 3 --component-docs 40
        # per-component CPU ms per 1k words and the one-process ratio (~5 min, printed)

What it measures, and how:

* **throughput**: bare ``nlp.pipe`` with ``en_core_web_sm`` against ``presswatch
  analyze --json`` and ``presswatch ingest``, each a *subprocess* (the real
  CLI, model loading included) on the same texts — the White House corpus and a
  copy of it repeated ``--scale`` times with each copy's text varied (so ids
  differ).  One process, then every core.  Peak memory is sampled with psutil
  over the subprocess tree; CPU seconds are summed over the tree, so the
  pipeline-to-spaCy ratio can be read even on a machine shared with other work.
* **components**: one in-process pass over a sample, CPU time per stage and
  per spaCy component (each component's ``pipe`` timed on the same batches),
  then a pyinstrument profile of the same pass.
* **store at scale**: the ingested corpus replicated in SQL with shifted dates up
  to ``--events`` events, then the queries the UI runs, timed.
* ``benchmarks/compare_quotes_claims.py`` when present, appended as it prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.version import __version__

__all__ = ["main"]

#: Goals from the scale brief: pipeline/bare throughput (one process), 1 -> 2 process
#: speed-up, peak RSS per worker process, and UI query latency on a big store.
GOAL_RATIO = 0.85
GOAL_SPEEDUP = 1.7
GOAL_WORKER_MB = 600
GOAL_QUERY_MS = 200

_BARE_SCRIPT = r"""
import json, sys
from presswatch.nlp.pipeline import load_model
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load_model("en_core_web_sm")
n = 0
for doc in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[2])):
    n += len(doc)
print(json.dumps({"tokens": n}))
"""


# --- process-tree sampling -------------------------------------------------------


@dataclass(slots=True)
class Run:
    label: str
    corpus: str
    kind: str
    processes: int
    docs: int
    words: int
    wall: float = 0.0
    cpu: float = 0.0
    parent_cpu: float = 0.0
    peak_tree_mb: float = 0.0
    peak_proc_mb: float = 0.0
    ok: bool = True
    note: str = ""

    @property
    def words_s(self) -> float:
        return self.words / self.wall if self.wall else 0.0

    @property
    def docs_s(self) -> float:
        return self.docs / self.wall if self.wall else 0.0


def _sample_tree(proc: Any, stop: threading.Event, run: Run) -> None:
    import psutil

    root = psutil.Process(proc.pid)
    cpu_seen: dict[int, float] = {}
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        total = 0.0
        for p in procs:
            try:
                rss = p.memory_info().rss / 1e6
                t = p.cpu_times()
                cpu_seen[p.pid] = t.user + t.system
            except psutil.Error:
                continue
            total += rss
            run.peak_proc_mb = max(run.peak_proc_mb, rss)
        run.peak_tree_mb = max(run.peak_tree_mb, total)
        run.cpu = sum(cpu_seen.values())
        run.parent_cpu = cpu_seen.get(proc.pid, 0.0)
        stop.wait(0.2)


def _measure(run: Run, args: Sequence[str], cwd: Path) -> Run:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(args), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(proc, stop, run), daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    run.wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        run.ok = False
        run.note = (stderr.strip().splitlines() or ["failed"])[-1][:200]
    _log(
        f"  {run.label:<28} {run.wall:7.1f} s  {run.words_s:8.0f} words/s  "
        f"cpu {run.cpu:6.1f} s  peak {run.peak_tree_mb:5.0f} MB"
    )
    return run


# --- corpora ------------------------------------------------------------------


@dataclass(slots=True)
class Corpus:
    name: str
    paths: list[str]
    texts_file: Path
    docs: int
    words: int


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _make_scaled(
    src: Path, dest: Path, scale: int, limit: int | None, sample: int = 1
) -> list[str]:
    """The corpus repeated ``scale`` times; copy k>0 carries one extra line, so ids differ.

    ``sample`` keeps every n-th document (sorted paths, so every section is represented).
    """
    files = sorted(src.rglob("*.md"))[::sample][:limit]
    for k in range(scale):
        for f in files:
            out = dest / f"copy{k}" / f.relative_to(src)
            out.parent.mkdir(parents=True, exist_ok=True)
            text = f.read_text(encoding="utf-8")
            if k:
                text = text.rstrip("\n") + f"\n\n(Copy {k} of this release, for the benchmark.)\n"
            out.write_text(text, encoding="utf-8")
    return [str(dest)]


def _corpus(name: str, paths: list[str], work: Path) -> Corpus:
    from presswatch import core
    from presswatch.records import Article
    from presswatch.settings import Settings

    texts_file = work / f"{name}.texts.jsonl"
    docs = words = 0
    with open(texts_file, "w", encoding="utf-8") as fh:
        for item in core.iter_articles(paths, Settings()):
            if isinstance(item, Article):
                fh.write(json.dumps({"text": item.text}) + "\n")
                docs += 1
                words += len(item.text.split())
    return Corpus(name, paths, texts_file, docs, words)


# --- throughput -----------------------------------------------------------------


def _runs(corpus: Corpus, work: Path, processes: int, kinds: Sequence[str]) -> list[Run]:
    py = sys.executable
    out = []
    for kind in kinds:
        run = Run(f"{corpus.name} {kind} x{processes}", corpus.name, kind, processes,
                  corpus.docs, corpus.words)  # fmt: skip
        if kind == "spacy":
            args = [py, "-c", _BARE_SCRIPT, str(corpus.texts_file), str(processes)]
        elif kind == "analyze":
            args = [py, "-m", "presswatch", "analyze", *corpus.paths, "--json", "-q",
                    "--workers", str(processes)]  # fmt: skip
        else:
            db = work / f"{corpus.name}-x{processes}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            args = [py, "-m", "presswatch", "ingest", *corpus.paths, "--db", str(db), "-q",
                    "--workers", str(processes)]  # fmt: skip
        out.append(_measure(run, args, work))
    return out


# --- components -----------------------------------------------------------------


@dataclass(slots=True)
class StageTimes:
    docs: int = 0
    words: int = 0
    cpu: dict[str, float] = field(default_factory=dict)
    load_wall: float = 0.0

    def add(self, stage: str, seconds: float) -> None:
        self.cpu[stage] = self.cpu.get(stage, 0.0) + seconds


@contextmanager
def _cpu(times: StageTimes, stage: str) -> Iterator[None]:
    """Charge the CPU time of the block to ``stage``."""
    t = time.process_time()
    yield
    times.add(stage, time.process_time() - t)


def _component_pass(paths: list[str], work: Path, limit: int) -> tuple[StageTimes, Any]:
    """Every stage of ingest on ``limit`` articles, CPU-timed; returns the times and nlp."""
    from presswatch import core
    from presswatch.checks import check_article, check_corpus
    from presswatch.ingest.language import route
    from presswatch.nlp import load_pipeline
    from presswatch.nlp.convert import doc_to_analysis
    from presswatch.nlp.pipeline import make_doc
    from presswatch.records import Analysis, Article
    from presswatch.settings import Settings
    from presswatch.store import Store

    times = StageTimes()
    settings = Settings()
    t = time.perf_counter()
    nlp = load_pipeline(settings)
    times.load_wall = time.perf_counter() - t

    with _cpu(times, "ingest: read + dedupe"):
        items = list(core.iter_articles(paths, settings))
    articles = [a for a in items if isinstance(a, Article)][:limit]
    with _cpu(times, "route: language"):
        articles = [route(a, settings)[0] for a in articles]
    times.docs = len(articles)
    times.words = sum(len(a.text.split()) for a in articles)
    analyses: list[Analysis] = []
    with Store(work / "components.db") as store:
        for i in range(0, len(articles), settings.batch_size):
            batch = articles[i : i + settings.batch_size]
            with _cpu(times, "tokenizer"):
                docs = [make_doc(nlp, a) for a in batch]
            for name, proc in nlp.pipeline:
                with _cpu(times, name):
                    if hasattr(proc, "pipe"):
                        docs = list(proc.pipe(docs, batch_size=settings.batch_size))
                    else:
                        docs = [proc(d) for d in docs]
            with _cpu(times, "convert"):
                done = [doc_to_analysis(d) for d in docs]
            with _cpu(times, "checks: per article"):
                done = [check_article(a) for a in done]
            with _cpu(times, "store: save"):
                store.save(done)
            analyses.extend(done)
        with _cpu(times, "checks: cross-article"):
            check_corpus(analyses)
    return times, nlp


#: Files whose frames name the component a profile sample belongs to.
_OWNER = re.compile(
    r"presswatch/(?:nlp|checks|ingest|store)/(\w+)\.py|presswatch/(kb)/|spacy/pipeline/"
    r"(?:_parser_internals/)?(\w+)\.(?:py|pyx)|spacy/(tokenizer)\.pyx|(langdetect)/"
)
_NOT_OWNERS = {"pipeline", "__init__", "trainable_pipe", "pipe"}


def _profile(paths: list[str], nlp: Any, limit: int) -> list[tuple[str, float, list[str]]]:
    """pyinstrument over the in-process pipeline: (owner, own s, top functions), costliest first.

    Each sample's own time goes to the innermost enclosing frame that names a
    component (a presswatch module under nlp/, checks/, ingest/, store/, kb/, a spaCy
    pipe, the tokenizer or langdetect), so Cython internals such as Token
    creation are charged to the component that iterated the tokens.
    """
    try:
        from pyinstrument import Profiler
    except ImportError:
        return []
    from presswatch import core
    from presswatch.records import Article
    from presswatch.settings import Settings

    settings = Settings()
    articles = [a for a in core.iter_articles(paths, settings) if isinstance(a, Article)][:limit]
    profiler = Profiler(interval=0.002)
    profiler.start()
    for _ in core.iter_analyses(articles, settings, nlp):
        pass
    session = profiler.stop()
    owners: dict[str, dict[str, float]] = {}

    def walk(frame: Any, owner: str) -> None:
        path = (frame.file_path or "").replace("\\", "/")
        m = _OWNER.search(path)
        if m:
            name = next(g for g in m.groups() if g)
            if name not in _NOT_OWNERS:
                owner = ("spaCy " if "spacy/" in path else "") + name
        if not (frame.function or "").startswith("["):  # skip pyinstrument's [self] frames
            fn = f"{frame.function or '?'} ({_short(path)})"
            funcs = owners.setdefault(owner, {})
            funcs[fn] = funcs.get(fn, 0.0) + frame.total_self_time
        for child in frame.children:
            walk(child, owner)

    root = session.root_frame()
    if root is not None:
        walk(root, "outside any component")
    rows = []
    for owner, funcs in owners.items():
        top = sorted(funcs.items(), key=lambda kv: -kv[1])[:3]
        rows.append((owner, sum(funcs.values()), [f"`{f}` {t:.2f}" for f, t in top if t > 0]))
    rows.sort(key=lambda r: -r[1])
    return rows


def _short(path: str) -> str:
    for marker in ("site-packages/", "src/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return Path(path).name if path else ""


# --- store at scale -----------------------------------------------------------


def _scale_store(base_db: Path, work: Path, target_events: int) -> dict[str, Any]:
    """Replicate the ingested corpus in SQL (dates shifted by a week per copy) to ~N events."""
    from presswatch.store import Store

    db = work / "scale.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(base_db, db)
    with Store(db) as store:  # opens (and migrates) the copy: the schema's indexes apply
        conn = store.conn
        base_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        if not base_events:
            return {"error": "the ingested corpus has no events; nothing to replicate"}
        copies = max(1, -(-target_events // base_events)) - 1
        t = time.perf_counter()
        shift = "'+' || (k.n * 7) || ' days'"
        with conn:
            conn.execute("CREATE TEMP TABLE k(n INTEGER PRIMARY KEY)")
            conn.executemany("INSERT INTO k(n) VALUES (?)", [(n,) for n in range(1, copies + 1)])
            # Article texts are cut to 300 characters: the queries below never read them,
            # and a full copy would only make the file (and this benchmark) slower.
            conn.execute(
                "INSERT INTO articles(id, path, url, title, source, published, published_basis,"
                " language, text, near_duplicate_of, analysed, ingested_at)"
                " SELECT a.id || '-' || k.n, a.path, a.url, a.title, a.source,"
                f" CASE WHEN length(a.published) = 10 THEN date(a.published, {shift})"
                " ELSE a.published END, a.published_basis, a.language, substr(a.text, 1, 300),"
                " NULL, a.analysed, a.ingested_at FROM articles a, k"
            )
            conn.execute(
                "INSERT INTO article_actors(article_id, actor_id, mentions)"
                " SELECT x.article_id || '-' || k.n, x.actor_id, x.mentions"
                " FROM article_actors x, k"
            )
            conn.execute(
                "INSERT INTO topics(article_id, topic, score)"
                " SELECT x.article_id || '-' || k.n, x.topic, x.score FROM topics x, k"
            )
            ev_cols = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
            sel = []
            for c in ev_cols:
                if c == "id":
                    sel.append("e.id || '-' || k.n")
                elif c == "article_id":
                    sel.append("e.article_id || '-' || k.n")
                elif c in ("date", "day"):
                    # The stored day (schema 3) is the event's or its article's date: shifted
                    # by the same rule as both, so it stays what the store would have written.
                    sel.append(
                        f"CASE WHEN length(e.{c}) = 10 THEN date(e.{c}, {shift}) ELSE e.{c} END"
                    )
                else:
                    sel.append(f'e."{c}"')
            conn.execute(
                f"INSERT INTO events({', '.join(chr(34) + c + chr(34) for c in ev_cols)})"
                f" SELECT {', '.join(sel)} FROM events e, k"
            )
            ea_cols = [r[1] for r in conn.execute("PRAGMA table_info(event_actors)")]
            ea_sel = [("x.event_id || '-' || k.n" if c == "event_id" else f'x."{c}"')
                      for c in ea_cols]  # fmt: skip
            conn.execute(
                f"INSERT INTO event_actors({', '.join(chr(34) + c + chr(34) for c in ea_cols)})"
                f" SELECT {', '.join(ea_sel)} FROM event_actors x, k"
            )
        build = time.perf_counter() - t
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "events", "event_actors", "topics")
        }
        top = conn.execute(
            "SELECT actor_id, count(*) n FROM event_actors GROUP BY actor_id ORDER BY n DESC"
        ).fetchall()
        big_actor = top[0][0]
        mid_actor = top[min(len(top) - 1, 10)][0]
        top_type = conn.execute(
            "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        rare_type = conn.execute(
            "SELECT type FROM events GROUP BY type ORDER BY count(*) ASC LIMIT 1"
        ).fetchone()[0]
        last = (
            conn.execute("SELECT max(date) FROM events WHERE length(date) = 10").fetchone()[0]
            or conn.execute("SELECT max(published) FROM articles").fetchone()[0]
            or dt.date.today().isoformat()
        )[:10]
        month = last[:7]
        year_ago = (dt.date.fromisoformat(last) - dt.timedelta(days=365)).isoformat()
        size_mb = db.stat().st_size / 1e6
    queries: list[tuple[str, Callable[[Store], Any]]] = [
        ("list_events: latest 100", lambda s: s.list_events(limit=100)),
        (f"list_events: type={top_type}", lambda s: s.list_events(type=top_type)),
        (f"list_events: type={rare_type}", lambda s: s.list_events(type=rare_type)),
        (f"list_events: actor={big_actor} (most events)", lambda s: s.list_events(actor=big_actor)),
        (f"list_events: actor={mid_actor}, type={top_type}, last year",
         lambda s: s.list_events(actor=mid_actor, type=top_type, since=year_ago, until=last)),
        (f"list_events: one month ({month})", lambda s: s.list_events(since=month, until=month)),
        ("page('events'): latest 50 + total",
         lambda s: s.page("events", limit=50) if hasattr(s, "page") else None),
        (f"page('events'): actor={big_actor} + total",
         lambda s: s.page("events", limit=50, actor=big_actor) if hasattr(s, "page") else None),
        ("timeline: per day by type, last year",
         lambda s: s.timeline(interval="day", since=year_ago, until=last)),
        ("timeline: per week by type, all", lambda s: s.timeline(interval="week")),
        (f"timeline: per week, actor={mid_actor}",
         lambda s: s.timeline(interval="week", actor=mid_actor)),
        ("network: actor-pair edges, all", lambda s: s.network()),
        ("network: actor-pair edges, last year", lambda s: s.network(since=year_ago, until=last)),
        (f"network: ego network of {big_actor}", lambda s: s.network(actor=big_actor)),
    ]  # fmt: skip
    timings = []
    with Store(db, readonly=True) as store:
        for label, fn in queries:
            samples: list[float] = []
            for _ in range(2):
                t = time.perf_counter()
                try:
                    fn(store)
                except AttributeError as err:  # a UI query this store does not have yet
                    samples = []
                    label += f" (skipped: {err})"
                    break
                samples.append((time.perf_counter() - t) * 1000)
            timings.append((label, samples))
            if samples:
                _log(f"  {label:<60} {min(samples):8.1f} ms")
    return {
        "copies": copies + 1, "counts": counts, "build_s": build, "size_mb": size_mb,
        "timings": timings,
    }  # fmt: skip


# --- report -----------------------------------------------------------------------


def _machine(nlp: Any) -> dict[str, str]:
    import psutil
    import spacy

    model = nlp.meta if nlp is not None else {}
    return {
        "cores": str(os.cpu_count()),
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "Python": platform.python_version(),
        "spaCy": str(getattr(spacy, "__version__", "?")),
        "model": f"{model.get('lang', 'en')}_{model.get('name', 'core_web_sm')} "
        f"{model.get('version', '?')}",
        "presswatch": __version__,
        "OS": f"{platform.system()} {platform.machine()}",
    }


def _fmt(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def _find(runs: list[Run], corpus: str, kind: str, procs: int) -> Run | None:
    return next(
        (r for r in runs if r.corpus == corpus and r.kind == kind and r.processes == procs
         and r.ok), None,
    )  # fmt: skip


def _report(
    args: argparse.Namespace, machine: dict[str, str], load: tuple[list[float], list[float]],
    runs: list[Run], times: StageTimes, nlp: Any, profile: list[tuple[str, float, list[str]]],
    store: dict[str, Any] | None, extra: str | None, elapsed: float, cores: int,
) -> str:  # fmt: skip
    lines: list[str] = []
    w = lines.append
    w("# Benchmarks")
    w("")
    w("Written by `make bench`, which runs:")
    w("")
    w("```")
    w("python -m presswatch.bench " + " ".join(sys.argv[1:]))
    w("```")
    w("")
    w(f"Run {dt.date.today().isoformat()}, {elapsed / 60:.1f} minutes in all.  Machine: "
      + ", ".join(f"{k} {v}" for k, v in machine.items()) + ".")  # fmt: skip
    w(f"Load average (1/5/15 min) before: {' / '.join(f'{x:.1f}' for x in load[0])}; "
      f"after: {' / '.join(f'{x:.1f}' for x in load[1])}.")  # fmt: skip
    busy = max(load[0][0], load[1][0]) > 0.5 * cores
    if busy:
        w("")
        w(f"> **The machine was shared while this ran** (load average above half the {cores} "
          "cores): wall-clock figures and the multi-process speed-up are depressed by the "
          "other work.  CPU seconds (summed over the process tree) are not: read the "
          "one-process ratio from the CPU column as well.")  # fmt: skip
    w("")
    w("## Throughput: presswatch against bare spaCy")
    w("")
    w("Each row is a **subprocess** (the real command, model loading included): "
      "`spacy` is bare `nlp.pipe` with en_core_web_sm (`n_process` = processes) on the very "
      "texts presswatch parses; `analyze` is `presswatch analyze PATH --json` (output "
      "discarded); `ingest` is `presswatch ingest PATH --db NEW.db` (store writes and "
      "cross-article checks included).  Peak memory is the RSS of the whole process tree "
      "(shared pages counted in each process) and of the largest single process.")  # fmt: skip
    w("")
    picked = "every document" if args.sample == 1 else f"one document in {args.sample}"
    first = f"; the first {args.limit}" if args.limit else ""
    w(
        f"Corpora: `whitehouse` is {picked} of `../shared/corpus/whitehouse` (sorted paths, so "
        f"every section is represented{first}); `whitehouse×{args.scale}` is the same "
        f"documents {args.scale} times, each copy's text varied by one line so ids differ "
        "(near duplicates are marked, and still analysed).  `--sample 1` runs the whole "
        "directory."
    )
    w("")
    w(
        "| corpus | run | procs | docs | words | wall s | words/s | docs/s | CPU s | "
        "peak tree MB | peak/process MB | vs spaCy (wall) | vs spaCy (CPU) |"
    )
    w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r in runs:
        bare = _find(runs, r.corpus, "spacy", r.processes)
        ratio = f"{bare.wall / r.wall:.2f}" if bare and r.wall and r.ok else "–"
        cratio = f"{bare.cpu / r.cpu:.2f}" if bare and r.cpu and r.ok else "–"
        status = "" if r.ok else f" (failed: {r.note})"
        w(f"| {r.corpus} | {r.kind}{status} | {r.processes} | {r.docs} | {_fmt(r.words)} | "
          f"{r.wall:.1f} | {_fmt(r.words_s)} | {r.docs_s:.2f} | {r.cpu:.1f} | "
          f"{_fmt(r.peak_tree_mb)} | {_fmt(r.peak_proc_mb)} | {ratio} | {cratio} |")  # fmt: skip
    w("")
    # goals
    base = "whitehouse"
    bare1, ing1 = _find(runs, base, "spacy", 1), _find(runs, base, "ingest", 1)
    ana1 = _find(runs, base, "analyze", 1)
    ingn = _find(runs, base, "ingest", cores)
    baren = _find(runs, base, "spacy", cores)
    w("## Goals")
    w("")
    w("| goal | measured | met |")
    w("|---|---|---|")
    goal_rows: list[tuple[str, str, bool | None]] = []
    if bare1 and ing1:
        r_wall, r_cpu = bare1.wall / ing1.wall, bare1.cpu / ing1.cpu if ing1.cpu else 0.0
        goal_rows.append((
            f"ingest ≥ {GOAL_RATIO} × bare spaCy throughput, one process",
            f"{r_wall:.2f} (wall), {r_cpu:.2f} (CPU)", r_wall >= GOAL_RATIO,
        ))  # fmt: skip
    if ana1 and bare1:
        goal_rows.append((
            f"analyze ≥ {GOAL_RATIO} × bare spaCy throughput, one process",
            f"{bare1.wall / ana1.wall:.2f} (wall), "
            f"{bare1.cpu / ana1.cpu if ana1.cpu else 0:.2f} (CPU)",
            bare1.wall / ana1.wall >= GOAL_RATIO,
        ))  # fmt: skip
    if ing1 and ingn:
        s = ing1.wall / ingn.wall
        sb = f"; bare spaCy: {bare1.wall / baren.wall:.2f}×" if bare1 and baren else ""
        goal_rows.append((f"ingest speed-up 1 → {cores} processes ≥ {GOAL_SPEEDUP}×",
                          f"{s:.2f}×{sb}", s >= GOAL_SPEEDUP))  # fmt: skip
    worst = max((r.peak_proc_mb for r in runs if r.kind != "spacy" and r.ok), default=0.0)
    goal_rows.append((f"peak RSS per worker process < {GOAL_WORKER_MB} MB", f"{worst:.0f} MB",
                      worst < GOAL_WORKER_MB if worst else None))  # fmt: skip
    if store and "timings" in store:
        slow = [(lbl, min(s)) for lbl, s in store["timings"] if s]
        worst_q = max(slow, key=lambda x: x[1]) if slow else ("–", 0.0)
        goal_rows.append((f"UI queries on {store['counts']['events']:,} events < "
                          f"{GOAL_QUERY_MS} ms each", f"slowest {worst_q[1]:.0f} ms "
                          f"({worst_q[0]})", worst_q[1] < GOAL_QUERY_MS))  # fmt: skip
    for g, m, ok in goal_rows:
        w(f"| {g} | {m} | {'yes' if ok else ('–' if ok is None else '**no**')} |")
    w("")
    # components
    lines += _components_section(times, nlp)
    if profile:
        w("### Profile (pyinstrument), by component")
        w("")
        w("The same pass through `core.iter_analyses` (library call) under pyinstrument, on "
          f"{min(args.profile_docs, times.docs)} articles.  pyinstrument samples wall-clock "
          "time: on a shared machine, time spent descheduled lands on whatever frame was "
          "running, so read shares, not seconds; own time of a frame with no enclosing "
          "component (Cython callbacks) is listed as outside any component.")  # fmt: skip
        w("")
        w("| charged to | own s | share | costliest functions (own s) |")
        w("|---|--:|--:|---|")
        whole = sum(r[1] for r in profile) or 1.0
        for owner, own, top in profile:
            w(f"| {owner} | {own:.2f} | {100 * own / whole:.1f}% | {'; '.join(top)} |")
        w("")
    # store
    lines += _store_section(store)
    w("## Gaps and their causes")
    w("")
    w(_gaps(runs, times, nlp, store, cores, busy))
    if extra is not None:
        w("")
        w("## Quotes and claims against textacy and quantulum3")
        w("")
        w("Output of `benchmarks/compare_quotes_claims.py` (run by `make bench`):")
        w("")
        w(extra.strip() or "(no output)")
    w("")
    return "\n".join(lines)


def _components_section(times: StageTimes, nlp: Any) -> list[str]:
    """The per-stage, per-component CPU table (the full report and ``--only profile``)."""
    lines: list[str] = []
    w = lines.append
    total = sum(times.cpu.values()) or 1.0
    spacy_names = {n for n, _ in nlp.pipeline if not n.startswith("pw_")} if nlp else set()
    spacy_cpu = sum(v for k, v in times.cpu.items() if k in spacy_names or k == "tokenizer")
    ours = total - spacy_cpu
    w("## Where the time goes: per stage and per component")
    w("")
    w(f"One in-process pass (**library calls**) over {times.docs} articles "
      f"({_fmt(times.words)} words) of the White House corpus, CPU seconds per stage; "
      "each spaCy component's `pipe` is timed on the same batches of 32.  Pipeline load: "
      f"{times.load_wall:.1f} s wall (paid once per process).  spaCy's own work "
      f"(tokenizer + model components) is {spacy_cpu:.1f} s; everything presswatch adds is "
      f"{ours:.1f} s, i.e. the whole pipeline runs at {spacy_cpu / total:.2f} of bare spaCy "
      "by CPU.")  # fmt: skip
    w("")
    w("| stage / component | owner | CPU s | share | ms per 1k words |")
    w("|---|---|--:|--:|--:|")
    for name, sec in sorted(times.cpu.items(), key=lambda kv: -kv[1]):
        owner = "spaCy" if name in spacy_names or name == "tokenizer" else (
            name.removeprefix("pw_") if name.startswith("pw_") else "foundation")  # fmt: skip
        per_k = 1000 * sec / (times.words / 1000) if times.words else 0.0
        w(f"| {name} | {owner} | {sec:.2f} | {100 * sec / total:.1f}% | {per_k:.1f} |")
    w("")
    return lines


def _store_section(store: dict[str, Any] | None) -> list[str]:
    lines: list[str] = []
    w = lines.append
    w("## The store at scale")
    w("")
    if store and "timings" in store:
        c = store["counts"]
        w(f"The ingested White House store replicated {store['copies']} times in SQL (each copy's "
          f"dates shifted by one more week, ids suffixed; article texts cut to 300 characters "
          f"since no query reads them): {c['events']:,} events, {c['event_actors']:,} event "
          f"actors, {c['articles']:,} articles, {c['topics']:,} topic rows; "
          f"{store['size_mb']:.0f} MB, built in {store['build_s']:.0f} s.  Each query is the "
          "Store method the CLI, API and UI call (**library calls**, read-only connection), "
          "run twice (cold, then warm).")  # fmt: skip
        w("")
        w("| query | first ms | best ms | goal |")
        w("|---|--:|--:|---|")
        for lbl, samples in store["timings"]:
            if not samples:
                w(f"| {lbl} | – | – | – |")
                continue
            verdict = "ok" if min(samples) < GOAL_QUERY_MS else "**over**"
            w(f"| {lbl} | {samples[0]:.1f} | {min(samples):.1f} | {verdict} |")
    elif store:
        w(f"Not measured: {store.get('error')}.")
    else:
        w("Not measured (--no-store).")
    w("")
    return lines


def _gaps(
    runs: list[Run], times: StageTimes, nlp: Any, store: dict[str, Any] | None, cores: int,
    busy: bool,
) -> str:  # fmt: skip
    out: list[str] = []
    spacy_names = {n for n, _ in nlp.pipeline if not n.startswith("pw_")} if nlp else set()
    spacy_names.add("tokenizer")
    ours = sorted(
        ((k, v) for k, v in times.cpu.items() if k not in spacy_names), key=lambda kv: -kv[1]
    )
    spacy_cpu = sum(v for k, v in times.cpu.items() if k in spacy_names)
    bare1, ing1 = _find(runs, "whitehouse", "spacy", 1), _find(runs, "whitehouse", "ingest", 1)
    if bare1 and ing1 and bare1.wall / ing1.wall < GOAL_RATIO:
        top = ", ".join(f"{k} {v:.1f} s ({100 * v / spacy_cpu:.0f}% of spaCy's time)"
                        for k, v in ours[:4])  # fmt: skip
        out.append(
            f"* **One-process ratio {bare1.wall / ing1.wall:.2f} < {GOAL_RATIO}.**  Per the "
            f"component table, the largest costs presswatch adds on top of spaCy are: {top}.  "
            "These are the components to optimise first (their owners are named in the table); "
            "the profile above shows the functions inside them."
        )
    ingn = _find(runs, "whitehouse", "ingest", cores)
    if ing1 and ingn and ing1.wall / ingn.wall < GOAL_SPEEDUP:
        serial = ingn.parent_cpu
        out.append(
            f"* **Speed-up {ing1.wall / ingn.wall:.2f}× < {GOAL_SPEEDUP}×.**  The parent process "
            f"used {serial:.1f} CPU s (reading and de-duplicating every input before any "
            f"worker starts, then the store writes and cross-article checks), and each worker "
            f"loads the pipeline ({times.load_wall:.1f} s) before its first article"
            + (
                "; and the machine was shared, so two cores were not free for this run."
                if busy
                else "."
            )
        )
    if store and "timings" in store:
        over = [(lbl, min(s)) for lbl, s in store["timings"] if s and min(s) >= GOAL_QUERY_MS]
        if over:
            names = "; ".join(f"{lbl} {ms:.0f} ms" for lbl, ms in over)
            out.append(
                f"* **Queries over {GOAL_QUERY_MS} ms:** {names}.  Each reads every matching "
                "event (the timeline over all time groups all of them; the most-connected "
                "actor's listing orders all of theirs before taking a page), so they grow with "
                "the store even on the stored, indexed `day` column.  What would bound them: "
                "per-week/per-pair count tables kept up to date by `save`, and a listing that "
                "walks the day index instead of sorting the actor's events."
            )
    worst = max((r.peak_proc_mb for r in runs if r.kind != "spacy" and r.ok), default=0.0)
    if worst >= GOAL_WORKER_MB:
        out.append(
            f"* **Peak RSS per process {worst:.0f} MB ≥ {GOAL_WORKER_MB} MB.**  The peak "
            "follows the longest documents: a worker holds the English model and the KB "
            "(about 540 MB) and spaCy's parser allocates per batch in proportion to its "
            "tokens; earlier runs peaked at 591 MB on a one-in-six sample of short documents "
            "and at 775-814 MB (one process) on a one-in-four sample.  Smaller text chunks "
            "per batch (core.CHUNK_CHARS) trade a little speed for a lower peak; measuring "
            "that trade, per component with tracemalloc, is the next step."
        )
    if not out:
        out.append("Every goal measured here was met.")
    return "\n".join(out)


# --- main -----------------------------------------------------------------------


#: Sections of the report that other measurements write (the API load test), kept
#: verbatim between their markers when the bench rewrites the file.
_FOREIGN = re.compile(r"<!-- (?P<name>[\w-]+):start.*?<!-- (?P=name):end -->", re.S)


def _keep_foreign_sections(path: Path, report: str) -> str:
    if not path.exists():
        return report
    kept = [m.group(0) for m in _FOREIGN.finditer(path.read_text("utf-8"))]
    missing = [k for k in kept if k not in report]
    return report.rstrip("\n") + "".join(f"\n\n{k}\n" for k in missing) if missing else report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path("docs/BENCHMARKS.md"))
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/whitehouse"))
    ap.add_argument("--scale", type=int, default=4, help="copies in the larger corpus")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    ap.add_argument(
        "--sample", type=int, default=2,
        help="keep every n-th document (1 = the whole directory; the default 2 keeps the "
        "throughput runs within ~15 minutes on two cores)",
    )  # fmt: skip
    ap.add_argument("--events", type=int, default=1_000_000, help="events in the scaled store")
    ap.add_argument("--component-docs", type=int, default=60)
    ap.add_argument("--profile-docs", type=int, default=20)
    ap.add_argument("--no-store", action="store_true", help="skip the store-at-scale part")
    ap.add_argument("--only", choices=["store", "profile"], default=None,
                    help="run one part only and print its section (docs are not written); "
                    "profile: the per-component CPU table over --component-docs articles")
    ap.add_argument("--base-db", type=Path, default=None,
                    help="with --only store: replicate this ingested store instead of "
                    "ingesting the corpus first")  # fmt: skip
    ap.add_argument("--quick", action="store_true",
                    help="a smoke run: 12 documents, scale 2, 50k events")  # fmt: skip
    args = ap.parse_args(argv)
    if args.quick:
        args.limit, args.scale, args.events = args.limit or 12, 2, 50_000
        args.component_docs, args.profile_docs = 8, 4
    if not args.corpus.is_dir():
        print(f"error: no corpus at {args.corpus}; run from the repository root with ../shared "
              "beside it, or pass --corpus DIR", file=sys.stderr)  # fmt: skip
        return 2
    if args.only == "store":
        return _only_store(args)
    if args.only == "profile":
        return _only_profile(args)
    started = time.perf_counter()
    load_before = list(os.getloadavg())
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="presswatch-bench-") as tmp:
        work = Path(tmp)
        _log("preparing corpora …")
        base_paths = [str(args.corpus)]
        if args.limit or args.sample > 1:
            base_paths = _make_scaled(args.corpus, work / "base", 1, args.limit, args.sample)
        base = _corpus("whitehouse", base_paths, work)
        scaled_paths = _make_scaled(
            args.corpus, work / "scaled", args.scale, args.limit, args.sample
        )
        scaled = _corpus(f"whitehouse×{args.scale}", scaled_paths, work)
        runs: list[Run] = []
        _log("throughput …")
        runs += _runs(base, work, 1, ("spacy", "analyze", "ingest"))
        if cores > 1:
            runs += _runs(base, work, cores, ("spacy", "analyze", "ingest"))
        # The larger corpus at every core only: one process on it would add ~4× the
        # single-process runs above and push `make bench` past its time budget.
        runs += _runs(scaled, work, cores, ("spacy", "ingest"))
        _log("components …")
        times, nlp = _component_pass(base_paths, work, args.component_docs)
        _log("profile …")
        profile = _profile(base_paths, nlp, args.profile_docs)
        store = None
        base_db = work / "whitehouse-x1.db"
        if not args.no_store and base_db.exists():
            _log("store at scale …")
            try:
                store = _scale_store(base_db, work, args.events)
            except Exception as err:  # a failed part must not lose the report
                store = {"error": f"the store benchmark failed: {err!r}"}
        extra = None
        script = Path("benchmarks/compare_quotes_claims.py")
        if script.exists():
            _log("compare_quotes_claims …")
            res = subprocess.run(
                [sys.executable, str(script), "--shared", str(args.corpus.parent.parent)],
                capture_output=True, text=True, timeout=900,
            )  # fmt: skip
            extra = res.stdout if res.returncode == 0 else (
                f"(not run: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else ''}"
                f" — exit {res.returncode})"
            )  # fmt: skip
        report = _report(
            args, _machine(nlp), (load_before, list(os.getloadavg())), runs, times, nlp,
            profile, store, extra, time.perf_counter() - started, cores,
        )  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = _keep_foreign_sections(args.out, _scrub(report))
    args.out.write_text(report, encoding="utf-8")
    _log(f"wrote {args.out} in {(time.perf_counter() - started) / 60:.1f} min")
    return 0


def _only_profile(args: argparse.Namespace) -> int:
    """The per-component CPU table alone (a few minutes): print its section.

    The same in-process pass as the full bench, over every ``--sample``-th document of
    ``--corpus``, ``--component-docs`` of them; CPU time, so a shared machine's load
    does not count.
    """
    with tempfile.TemporaryDirectory(prefix="presswatch-bench-") as tmp:
        work = Path(tmp)
        limit = min(args.limit or args.component_docs, args.component_docs)
        paths = _make_scaled(args.corpus, work / "base", 1, limit, args.sample)
        _log("components …")
        times, nlp = _component_pass(paths, work, args.component_docs)
        # The same documents through the real commands, one process each: bare spaCy
        # against `presswatch analyze` (model loading included), CPU over the tree.
        _log("throughput, one process …")
        runs = _runs(_corpus("whitehouse", paths, work), work, 1, ("spacy", "analyze"))
    lines = _components_section(times, nlp)
    lines += [
        "| run (one process, subprocess) | docs | words | CPU s | wall s | vs spaCy (CPU) |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    bare = runs[0]
    for r in runs:
        ratio = f"{bare.cpu / r.cpu:.2f}" if r.cpu and r.ok else "–"
        lines.append(f"| {r.kind} | {r.docs} | {_fmt(r.words)} | {r.cpu:.1f} | {r.wall:.1f} | "
                     f"{ratio} |")  # fmt: skip
    print(_scrub("\n".join(lines)))
    return 0


def _only_store(args: argparse.Namespace) -> int:
    """The store-at-scale part alone (minutes, not the whole bench): print its section."""
    with tempfile.TemporaryDirectory(prefix="presswatch-bench-") as tmp:
        work = Path(tmp)
        base_db = args.base_db
        if base_db is None:
            _log("ingesting the base corpus …")
            paths = [str(args.corpus)]
            if args.limit or args.sample > 1:
                paths = _make_scaled(args.corpus, work / "base", 1, args.limit, args.sample)
            base_db = work / "base.db"
            subprocess.run([sys.executable, "-m", "presswatch", "ingest", *paths, "--db",
                            str(base_db), "-q"], check=True)  # fmt: skip
        elif not base_db.exists():
            print(f"error: no store at {base_db}; pass an ingested --base-db", file=sys.stderr)
            return 2
        _log("store at scale …")
        store = _scale_store(base_db, work, args.events)
    print(_scrub("\n".join(_store_section(store))))
    return 0 if "timings" in store else 1


def _scrub(text: str) -> str:
    """No machine paths or host names in the report."""
    text = text.replace(str(Path.home()), "~")
    return re.sub(r"/tmp/presswatch-bench-[^/\s|`]+", "$TMP", text)


if __name__ == "__main__":
    sys.exit(main())

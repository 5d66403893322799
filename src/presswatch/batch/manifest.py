"""Shard names and manifests: what makes a shard complete.

A shard is the directory ``OUT/shard-00003-of-00016/`` holding one Parquet file
per store table and ``manifest.json``.  Every file is written under a temporary
name and renamed into place; the manifest is written last and lists each
file's SHA-256.  A shard is complete when its manifest exists and every file
matches its checksum: a run killed at any moment leaves either a complete
shard (skipped when the run is resumed) or an incomplete one (redone).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presswatch.batch.parquet import atomic_path, create_new, file_sha256
from presswatch.errors import ConfigError

__all__ = [
    "MANIFEST",
    "ShardId",
    "complete_shards",
    "parse_shard",
    "read_manifest",
    "shard_status",
    "write_manifest",
]

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True, order=True)
class ShardId:
    index: int
    count: int

    @property
    def name(self) -> str:
        return f"shard-{self.index:05d}-of-{self.count:05d}"

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> ShardId:
    """``"3/16"`` -> ShardId(3, 16); shards are numbered from 0 (SLURM_ARRAY_TASK_ID)."""
    try:
        i_text, n_text = text.split("/")
        i, n = int(i_text), int(n_text)
    except ValueError:
        raise ConfigError(
            f"--shard {text!r} is not I/N; write it as e.g. 3/16 (shard 3 of 16, from 0)"
        ) from None
    if n < 1 or not 0 <= i < n:
        raise ConfigError(f"--shard {text!r}: I must be from 0 to N-1 and N at least 1")
    return ShardId(i, n)


def write_manifest(shard_dir: Path, manifest: dict[str, Any]) -> None:
    dest = shard_dir / MANIFEST
    tmp = atomic_path(dest)
    with create_new(tmp) as fh:  # never through a symlink planted at the temporary name
        fh.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, dest)


def read_manifest(shard_dir: Path, *, verify: bool = True) -> dict[str, Any] | None:
    """The manifest of a complete shard, or None when the shard is missing or incomplete."""
    path = shard_dir / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if verify:
        for name, meta in manifest.get("files", {}).items():
            f = shard_dir / name
            if not f.is_file() or f.stat().st_size != meta["bytes"]:
                return None
            if file_sha256(f) != meta["sha256"]:
                return None
    return manifest


def shard_dirs(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("shard-*-of-*") if p.is_dir())


def complete_shards(out: Path, *, verify: bool = True) -> list[tuple[Path, dict[str, Any]]]:
    done = []
    for d in shard_dirs(out):
        m = read_manifest(d, verify=verify)
        if m is not None:
            done.append((d, m))
    return done


def shard_status(out: str | Path, count: int) -> dict[int, bool]:
    """Shard index -> complete, for a run of ``count`` shards."""
    out = Path(out)
    return {i: read_manifest(out / ShardId(i, count).name) is not None for i in range(count)}


def check_shard_count(out: Path, count: int) -> None:
    """Refuse to mix runs of different shard counts in one directory (load would double)."""
    for d in shard_dirs(out):
        other = int(d.name.rsplit("-", 1)[1])
        if other != count:
            raise ConfigError(
                f"{out} already holds shards of a {other}-shard run; use --shards {other} "
                "to resume it, or another --out directory"
            )


def existing_count(out: Path) -> int | None:
    """The shard count of a run already started in ``out``, if any."""
    counts = {int(d.name.rsplit("-", 1)[1]) for d in shard_dirs(out)}
    return counts.pop() if len(counts) == 1 else None

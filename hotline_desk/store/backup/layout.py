"""The backup directory: how a backup is named, its manifest (JSON next to the copy), listing
the generations, pruning them, the lock that keeps two backups from writing at once, and which
files of the data directory a backup carries (see the package docstring for the layout)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from hotline_desk.domain.errors import DeskError
from hotline_desk.store.file_lock import lock, unlock
from hotline_desk.store.write_gate import GATE_SUFFIX

MANIFEST = "manifest.json"
FILES = "files"
PARTIAL = ".partial"
LOCK = ".backup.lock"
SQLITE_FILE = "hotline_desk.db"
PG_FILE = "hotline_desk.dump"
FORMAT = "hotline_desk-backup/1"
LEFT_OUT = frozenset({"backups", "logs", "exports"})
"""Data-directory entries a backup does not carry in ``files/`` (besides the database)."""


class BackupKind(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"
    BEFORE_UPGRADE = "before-upgrade"


@dataclass(frozen=True)
class Check:
    """One check of a copy: ``name`` integrity / audit_chain / row_counts / sha256 / archive;
    ``detail`` is short technical text (SQLite's own message, the first bad row…)."""

    name: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Manifest:
    name: str
    kind: str
    made_at: datetime
    made_by: str
    engine: str
    database_file: str
    size: int
    sha256: str
    schema_revision: str | None
    desk_version: str
    row_counts: dict[str, int]
    audit_rows: int
    audit_head: str
    checks: tuple[Check, ...]
    files: tuple[dict[str, Any], ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)
    pg_schema: str | None = None
    format: str = FORMAT

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def cases(self) -> int | None:
        return self.row_counts.get("cases")

    def to_json(self) -> str:
        data = asdict(self)
        data["made_at"] = self.made_at.isoformat(timespec="seconds")
        data["ok"] = self.ok
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict) or not str(data.get("format", "")).startswith(
            "hotline_desk-backup/"
        ):
            raise ValueError("not a hotline_desk backup manifest")
        data.pop("ok", None)
        data["made_at"] = datetime.fromisoformat(data["made_at"])
        data["checks"] = tuple(Check(**c) for c in data.get("checks", ()))
        data["files"] = tuple(data.get("files", ()))
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Generation:
    """A backup found in the backup directory; ``manifest`` None for an unreadable one or a
    bare copy from before manifests (``hotline_desk-before-…-YYYYmmdd-HHMMSS.db``)."""

    path: Path
    manifest: Manifest | None
    made_at: datetime
    kind: str

    @property
    def ok(self) -> bool:
        return self.manifest is not None and self.manifest.ok

    @property
    def name(self) -> str:
        return self.path.name


def backup_name(made_at: datetime, kind: BackupKind) -> str:
    return f"hotline_desk_{made_at:%Y-%m-%d_%H%M%S}_{kind.value}"


def new_folder(root: Path, made_at: datetime, kind: BackupKind) -> Path:
    """A fresh ``<name>.partial`` folder under ``root`` (the name made unique)."""
    root.mkdir(parents=True, exist_ok=True)
    base = backup_name(made_at, kind)
    name, n = base, 1
    while (root / name).exists() or (root / (name + PARTIAL)).exists():
        n += 1
        name = f"{base}-{n}"
    folder = root / (name + PARTIAL)
    folder.mkdir()
    return folder


def finish_folder(partial: Path, manifest: Manifest) -> Path:
    """Write the manifest and give the folder its final name (the backup is now complete)."""
    (partial / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    final = partial.with_name(partial.name.removesuffix(PARTIAL))
    partial.rename(final)
    return final


def read_manifest(folder: Path) -> Manifest | None:
    try:
        return Manifest.from_json((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _legacy(path: Path) -> Generation | None:
    """A pre-upgrade copy written before backups had manifests."""
    stem = path.stem
    try:
        made_at = datetime.strptime(stem[-15:], "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return Generation(path, None, made_at, BackupKind.BEFORE_UPGRADE.value)


def list_generations(root: Path) -> list[Generation]:
    """Every complete backup under ``root``, newest first."""
    found: list[Generation] = []
    if not root.is_dir():
        return found
    for path in root.iterdir():
        if path.is_dir() and not path.name.endswith(PARTIAL) and not path.name.startswith("."):
            manifest = read_manifest(path)
            if manifest is not None:
                found.append(Generation(path, manifest, manifest.made_at, manifest.kind))
            elif (path / SQLITE_FILE).exists() or (path / PG_FILE).exists():
                made = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
                found.append(Generation(path, None, made, _kind_from_name(path.name)))
        elif path.is_file() and path.suffix == ".db" and (legacy := _legacy(path)):
            found.append(legacy)
    return sorted(found, key=lambda g: (g.made_at, g.name), reverse=True)


def _kind_from_name(name: str) -> str:
    for kind in BackupKind:
        if kind.value in name:
            return kind.value
    return BackupKind.MANUAL.value


def prune(root: Path, keep: int) -> list[Path]:
    """Keep the ``keep`` newest good backups of each kind; remove older ones, failed ones
    older than the newest good one of their kind, and leftovers of interrupted backups.
    Copies without a manifest (older releases) are left to the administrator."""
    removed: list[Path] = []
    by_kind: dict[str, list[Generation]] = {}
    for gen in list_generations(root):
        if gen.manifest is not None:
            by_kind.setdefault(gen.kind, []).append(gen)
    for gens in by_kind.values():
        good = [g for g in gens if g.ok]
        newest_good = good[0].made_at if good else None
        doomed = good[max(keep, 1) :]
        doomed += [g for g in gens if not g.ok and newest_good and g.made_at <= newest_good]
        for gen in doomed:
            shutil.rmtree(gen.path, ignore_errors=True)
            removed.append(gen.path)
    for leftover in root.glob("*" + PARTIAL):
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    return removed


def owned_files(data_dir: Path, database: Path | None) -> list[Path]:
    """The data directory's files a backup carries (relative paths), see ``LEFT_OUT``."""
    suffixes = ("", "-wal", "-shm", GATE_SUFFIX)
    skip = {database.name + suffix for suffix in suffixes} if database else set()
    out: list[Path] = []
    if not data_dir.is_dir():
        return out
    for entry in sorted(data_dir.iterdir()):
        name = entry.name
        if name in LEFT_OUT or name in skip or name.startswith(".") or _temporary(name):
            continue
        if entry.is_file():
            out.append(Path(name))
        elif entry.is_dir():
            out += sorted(p.relative_to(data_dir) for p in entry.rglob("*") if p.is_file())
    return out


def _temporary(name: str) -> bool:
    """Files the desk writes for a moment, and databases set aside by a restore."""
    return name.endswith((".tmp", "-journal", "-wal", "-shm")) or (
        name.endswith(".db") and (".restoring-" in name or ".before-restore-" in name)
    )


def free_bytes(folder: Path) -> int:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def require_space(folder: Path, needed: int) -> None:
    free = free_bytes(folder)
    if free < needed * 1.05 + 50_000_000:
        raise DeskError(
            "备份位置 {folder} 所在磁盘剩余空间不足：需要约 {need}，仅剩 {free}。"
            "请清理磁盘或减少保留的备份份数。",
            folder=folder,
            need=human_size(needed),
            free=human_size(free),
        )


def human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


@contextmanager
def backup_lock(root: Path) -> Iterator[None]:
    """One backup at a time per backup directory (the desk's daily one and a command run at
    the same moment); the operating system releases the lock if the process dies."""
    root.mkdir(parents=True, exist_ok=True)
    handle = open(root / LOCK, "a+b")  # noqa: SIM115 - held for the context's life
    try:
        if not lock(handle.fileno(), wait=False):
            raise DeskError("另一个备份正在进行（办件台或命令行），请稍后再试。")
        try:
            yield
        finally:
            unlock(handle.fileno())
    finally:
        handle.close()


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""Is a SQLite file's folder on a network file system? Asked of the operating system by type.

SQLite in WAL mode needs byte-range locks and a shared-memory file (``-shm``, mapped by every
process) that only a local file system keeps coherent; on NFS, SMB/CIFS, FUSE mounts (sshfs,
gvfs) and the like a database gets corrupted. The engine refuses such a path before opening it
(``engine.check_sqlite_path``); offices whose desks share one database use PostgreSQL.

The folder asked about is the nearest existing one on the way to the file, symlinks resolved
(a new database does not exist yet). How each system is asked:

* **Linux**: the longest mount point in ``/proc/self/mountinfo`` that holds the folder, and its
  type as the kernel names it (``nfs4``, ``cifs``, ``fuse.sshfs``, ``fuse.gvfsd-fuse``). Chosen
  over ``statfs``'s ``f_type`` because the name tells FUSE mounts apart (``fuseblk``, a local
  NTFS or exFAT disk, is fine; ``fuse.*`` is not) and is what the message can show; a bind
  mount carries its source's type. When ``/proc`` cannot be read, ``statfs``'s magic number.
* **macOS**: ``statfs``'s ``f_fstypename`` (``nfs``, ``smbfs``, ``afpfs``, ``webdav``,
  ``macfuse`` …) and the ``MNT_LOCAL`` flag.
* **Windows**: UNC paths (``\\\\server\\share``, ``//server/share``, ``\\\\?\\UNC\\…``) and drives
  ``GetDriveType`` calls ``DRIVE_REMOTE`` (mapped shares); ``\\\\?\\C:\\…`` is a local path.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb2", "ncpfs", "ncp", "9p", "afs", "openafs",
        "ceph", "glusterfs", "lustre", "gfs2", "ocfs2", "beegfs", "gpfs", "orangefs", "pvfs2",
        "davfs", "coda", "sshfs", "afpfs", "webdav", "ftp", "fuse", "vboxsf", "vmhgfs",
        "prl_fs", "virtiofs", "osxfuse", "osxfusefs", "macfuse", "fusefs", "fuse-t",
    }
)  # fmt: skip
"""File-system types whose files other computers (or a host outside the VM) share, or that a
FUSE daemon serves; ``fuse.<name>`` and ``fuse-<name>`` are all FUSE mounts too."""
LOCAL_FUSE = frozenset({"fuseblk"})
"""FUSE over a local block device (ntfs-3g, exfat-fuse)."""

MAGIC_NAMES = {
    0x6969: "nfs",
    0x517B: "smbfs",
    0xFF534D42: "cifs",
    0xFE534D42: "smb2",
    0x564C: "ncpfs",
    0x65735546: "fuse",
    0x01021997: "9p",
    0x5346414F: "afs",
    0x6B414653: "afs",
    0x00C36400: "ceph",
    0x73757245: "coda",
    0x0BD00BD0: "lustre",
    0x01161970: "gfs2",
    0x7461636F: "ocfs2",
    0x786F4256: "vboxsf",
}
"""Linux ``statfs`` ``f_type`` values of network file systems (the fallback without /proc)."""

MNT_LOCAL = 0x1000
DRIVE_REMOTE = 4


def is_network_type(fs_type: str) -> bool:
    name = fs_type.lower()
    if name in LOCAL_FUSE:
        return False
    return name in NETWORK_TYPES or name.startswith(("fuse.", "fuse-"))


# --- Linux --------------------------------------------------------------------------------------
_ESCAPE = re.compile(r"\\([0-7]{3})")


def _unescape(field: str) -> str:
    """Mount points in mountinfo write space, tab, newline and backslash as octal escapes."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 8)), field)


def mount_types(mountinfo: str) -> list[tuple[str, str]]:
    """(mount point, file-system type) of each line of ``/proc/self/mountinfo``, in order."""
    mounts = []
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields, rest = left.split(), right.split()
        if sep and len(fields) >= 5 and rest:
            mounts.append((_unescape(fields[4]), rest[0]))
    return mounts


def linux_fs_type(folder: str, mountinfo: str) -> str | None:
    """The type of the longest mount point holding ``folder`` (an absolute, resolved path); of
    mounts on the same point, the last (it hides the ones below)."""
    best: tuple[int, str] | None = None
    for point, fs_type in mount_types(mountinfo):
        inside = point == "/" or folder == point or folder.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), fs_type)
    return best[1] if best else None


def _read_mountinfo() -> str | None:
    try:
        return os.fsdecode(Path("/proc/self/mountinfo").read_bytes())
    except OSError:
        return None


def _statfs_magic(folder: str) -> int | None:
    """``statfs(2)``'s ``f_type`` (the first field on every Linux ABI) via libc."""
    buffer = ctypes.create_string_buffer(512)  # larger than struct statfs anywhere
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.statfs(os.fsencode(folder), buffer) != 0:
            return None
    except (OSError, AttributeError):
        return None
    return ctypes.c_ulong.from_buffer(buffer).value & 0xFFFFFFFF


def linux_network_type(folder: str) -> str | None:
    mountinfo = _read_mountinfo()
    if mountinfo is not None:
        fs_type = linux_fs_type(folder, mountinfo)
        return fs_type if fs_type and is_network_type(fs_type) else None
    magic = _statfs_magic(folder)
    return MAGIC_NAMES.get(magic) if magic is not None else None


# --- macOS --------------------------------------------------------------------------------------
# struct statfs with 64-bit inodes (2168 bytes): bsize, iosize, five 64-bit counters, fsid,
# owner, type, then f_flags at 64, f_fssubtype at 68 and f_fstypename[16] at 72
_MAC_FLAGS_OFFSET = 64
_MAC_TYPENAME_OFFSET = 72


def mac_network_type(fstypename: str, flags: int) -> str | None:
    if is_network_type(fstypename) or not (flags & MNT_LOCAL):
        return fstypename
    return None


def _mac_statfs(folder: str) -> tuple[str, int] | None:  # pragma: no cover - macOS only
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        statfs = getattr(libc, "statfs$INODE64")  # Intel: the 64-bit-inode struct
    except AttributeError:
        statfs = libc.statfs  # Apple silicon: only that one
    buffer = ctypes.create_string_buffer(2200)  # sizeof(struct statfs) is 2168
    if statfs(os.fsencode(folder), buffer) != 0:
        return None
    raw = buffer.raw
    name = raw[_MAC_TYPENAME_OFFSET : _MAC_TYPENAME_OFFSET + 16].split(b"\0", 1)[0]
    flags = int.from_bytes(raw[_MAC_FLAGS_OFFSET : _MAC_FLAGS_OFFSET + 4], sys.byteorder)
    return name.decode("ascii", "replace"), flags


# --- Windows ------------------------------------------------------------------------------------
def windows_network_type(path: str, drive_type: Callable[[str], int]) -> str | None:
    """``UNC`` for a share path, ``网络驱动器 X:`` for a mapped drive, None for a local path.
    ``drive_type`` is ``GetDriveTypeW`` of a root such as ``C:\\``."""
    text = path.replace("/", "\\")
    upper = text.upper()
    if upper.startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        return "UNC"
    if upper.startswith(("\\\\?\\", "\\\\.\\")):  # a device path: \\?\C:\… is local
        text = text[4:]
    elif text.startswith("\\\\"):
        return "UNC"
    if len(text) >= 2 and text[1] == ":" and text[0].isalpha():
        root = text[:2].upper() + "\\"
        if drive_type(root) == DRIVE_REMOTE:
            return f"网络驱动器 {root[:2]}"
    return None


def _drive_type(root: str) -> int:  # pragma: no cover - Windows only
    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


# --- the question -------------------------------------------------------------------------------
def existing_folder(path: Path) -> Path:
    """The nearest existing folder on the way to ``path`` (itself if a folder), symlinks and
    ``..`` resolved."""
    here = Path(os.path.realpath(path))
    while not here.is_dir() and here != here.parent:
        here = here.parent
    return here


def network_type(path: Path) -> str | None:
    """The network file system a database at ``path`` would live on (its type's name), or None
    for a local one."""
    if sys.platform == "win32":
        named = windows_network_type(str(path), _drive_type)
        return named or windows_network_type(str(existing_folder(path)), _drive_type)
    folder = str(existing_folder(path))
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        found = _mac_statfs(folder)
        return mac_network_type(*found) if found else None
    if sys.platform.startswith("linux"):
        return linux_network_type(folder)
    return None

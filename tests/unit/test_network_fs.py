"""Network file systems are refused by type: mountinfo, statfs and Windows paths fed as samples
(the platform probes patched), plus one real check that a local temp folder is accepted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hotline_desk.domain.errors import DeskError
from hotline_desk.store import engine, network_fs
from hotline_desk.store.network_fs import (
    DRIVE_REMOTE,
    MNT_LOCAL,
    is_network_type,
    linux_fs_type,
    mac_network_type,
    network_type,
    windows_network_type,
)

MOUNTINFO = r"""22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
30 27 254:1 / /home rw,relatime shared:1 - ext4 /dev/vda2 rw
41 27 0:50 / /mnt/nas rw,relatime - nfs4 nas:/export rw,vers=4.2
42 41 0:51 / /mnt/nas/cache rw - tmpfs tmpfs rw
43 27 0:52 / /mnt/office rw - cifs //fs/office rw,vers=3.0
44 27 0:53 / /run/user/1000/gvfs rw,nosuid,nodev - fuse.gvfsd-fuse gvfsd-fuse rw
45 27 0:54 / /media/usb rw - fuseblk /dev/sdb1 rw
46 27 0:55 / /home/li/remote rw - fuse.sshfs li@host:/srv rw
47 27 0:56 / /mnt/my\040share rw - smb3 //fs/share rw
48 27 254:2 / /data rw - ext4 /dev/vdb rw
49 48 0:57 / /data rw - nfs srv:/data rw
50 27 0:58 / /mnt/ceph rw - ceph 10.0.0.1:/ rw
51 27 0:59 / /mnt/host rw - 9p hostshare rw
"""


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("/home/li/文档/热线", "ext4"),
        ("/mnt/nas/hotline", "nfs4"),
        ("/mnt/nas", "nfs4"),
        ("/mnt/nas/cache/x", "tmpfs"),  # a local mount inside the share
        ("/mnt/nasty/x", "ext4"),  # a name that only starts like a mount point
        ("/mnt/office/desk", "cifs"),
        ("/run/user/1000/gvfs/smb-share:server=fs,share=d", "fuse.gvfsd-fuse"),
        ("/media/usb/desk", "fuseblk"),
        ("/home/li/remote/db", "fuse.sshfs"),
        ("/mnt/my share/db", "smb3"),  # \040 in mountinfo
        ("/data/desk", "nfs"),  # mounted over /data: the later mount hides the first
        ("/mnt/ceph", "ceph"),
        ("/mnt/host/x", "9p"),
    ],
)
def test_linux_type_is_the_longest_mount_point(folder: str, expected: str) -> None:
    assert linux_fs_type(folder, MOUNTINFO) == expected


@pytest.mark.parametrize(
    "fs_type",
    ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "lustre", "glusterfs",
     "fuse", "fuse.sshfs", "fuse.gvfsd-fuse", "fuse.glusterfs", "fuse.rclone", "davfs",
     "afpfs", "webdav", "macfuse", "osxfuse", "vboxsf"],
)  # fmt: skip
def test_network_types_are_refused(fs_type: str) -> None:
    assert is_network_type(fs_type)


@pytest.mark.parametrize(
    "fs_type", ["ext4", "xfs", "btrfs", "zfs", "tmpfs", "overlay", "vfat", "exfat", "ntfs3",
                "fuseblk", "apfs", "hfs", "ntfs"]
)  # fmt: skip
def test_local_types_are_accepted(fs_type: str) -> None:
    assert not is_network_type(fs_type)


def test_statfs_magic_when_proc_cannot_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network_fs, "_read_mountinfo", lambda: None)
    for magic, name in ((0x6969, "nfs"), (0xFF534D42, "cifs"), (0x65735546, "fuse")):
        monkeypatch.setattr(network_fs, "_statfs_magic", lambda _f, m=magic: m)
        assert network_fs.linux_network_type("/srv/desk") == name
    monkeypatch.setattr(network_fs, "_statfs_magic", lambda _f: 0xEF53)  # ext4
    assert network_fs.linux_network_type("/srv/desk") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="statfs via libc on Linux")
def test_real_statfs_of_a_local_folder(tmp_path: Path) -> None:
    assert network_fs._statfs_magic(str(tmp_path)) not in network_fs.MAGIC_NAMES


@pytest.mark.parametrize(
    ("name", "flags", "expected"),
    [
        ("apfs", MNT_LOCAL, None),
        ("hfs", MNT_LOCAL | 0x1, None),
        ("smbfs", 0, "smbfs"),
        ("nfs", 0, "nfs"),
        ("afpfs", 0, "afpfs"),
        ("webdav", 0, "webdav"),
        ("macfuse", MNT_LOCAL, "macfuse"),  # a FUSE mount calling itself local
        ("osxfuse", 0, "osxfuse"),
        ("mystery", 0, "mystery"),  # not local by the kernel's word
    ],
)
def test_macos_type_name_and_local_flag(name: str, flags: int, expected: str | None) -> None:
    assert mac_network_type(name, flags) == expected


def _drives(remote: str = "ZY") -> object:
    return lambda root: DRIVE_REMOTE if root[0] in remote else 3  # 3: DRIVE_FIXED


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\fileserver\share\hotline_desk.db", "UNC"),
        ("//fileserver/share/hotline_desk.db", "UNC"),
        (r"\\?\UNC\fileserver\share\hotline_desk.db", "UNC"),
        (r"\\.\UNC\fileserver\share\hotline_desk.db", "UNC"),
        (r"\\?\C:\Users\li\AppData\Local\hotline_desk\hotline_desk.db", None),
        (r"\\.\D:\desk\hotline_desk.db", None),
        (r"C:\Users\li\hotline_desk.db", None),
        ("c:/desk/hotline_desk.db", None),
        (r"Z:\desk\hotline_desk.db", "网络驱动器 Z:"),
        (r"y:\desk\hotline_desk.db", "网络驱动器 Y:"),
        (r"\\?\Z:\desk\hotline_desk.db", "网络驱动器 Z:"),
        (r"desk\hotline_desk.db", None),
    ],
)
def test_windows_paths(path: str, expected: str | None) -> None:
    assert windows_network_type(path, _drives()) == expected  # type: ignore[arg-type]


def test_windows_dispatch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network_fs.sys, "platform", "win32")
    monkeypatch.setattr(network_fs, "_drive_type", _drives("Z"))
    assert network_type(Path(r"\\fileserver\share\hotline_desk.db")) == "UNC"
    assert network_type(Path(r"Z:\desk\hotline_desk.db")) == "网络驱动器 Z:"


def _share(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fs_type: str) -> Path:
    """A folder the (patched) mount table says is mounted from ``fs_type``."""
    share = (tmp_path / "share").resolve()
    share.mkdir()
    text = MOUNTINFO + f"60 27 0:70 / {share} rw - {fs_type} srv:/x rw\n"
    monkeypatch.setattr(network_fs, "_read_mountinfo", lambda: text)
    monkeypatch.setattr(network_fs.sys, "platform", "linux")
    return share


def test_a_new_database_is_judged_by_its_nearest_existing_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    share = _share(monkeypatch, tmp_path, "nfs4")
    assert network_type(share / "not" / "yet" / "hotline_desk.db") == "nfs4"
    assert network_type(tmp_path / "local" / "hotline_desk.db") is None


def test_symlinks_are_resolved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    share = _share(monkeypatch, tmp_path, "fuse.sshfs")
    (tmp_path / "desk").symlink_to(share, target_is_directory=True)
    assert network_type(tmp_path / "desk" / "hotline_desk.db") == "fuse.sshfs"


def test_refusal_names_path_type_and_postgresql(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    share = _share(monkeypatch, tmp_path, "cifs")
    db = share / "desk" / "hotline_desk.db"
    with pytest.raises(DeskError) as refused:
        engine.check_sqlite_path(db)
    text = str(refused.value)
    assert str(db) in text and "cifs" in text
    assert "PostgreSQL" in text and "--database-url" in text
    with pytest.raises(DeskError, match="cifs"):
        engine.make_engines(engine.sqlite_url(db))
    assert not (share / "desk").exists()  # refused before anything was created


def test_the_real_temp_folder_is_accepted(tmp_path: Path) -> None:
    db = tmp_path / "new" / "hotline_desk.db"
    assert network_type(db) is None
    engine.check_sqlite_path(db)
    engines = engine.make_engines(engine.sqlite_url(db))
    engines.dispose()

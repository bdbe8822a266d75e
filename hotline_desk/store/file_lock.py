"""An exclusive lock on a file's first byte, held by an open handle and released by the
operating system when the process dies: ``flock`` on POSIX (per open file, so two handles of
one process exclude each other), ``LockFileEx`` on Windows. A blocking wait is queued in the
kernel, which wakes the waiter the moment the holder lets go. The SQLite write gate
(``write_gate.py``) and the one-backup-at-a-time lock (``backup/layout.py``) use it."""

from __future__ import annotations

import sys

if sys.platform == "win32":  # pragma: no cover - Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _LockFileEx = _kernel32.LockFileEx
    _LockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                            wintypes.DWORD, ctypes.POINTER(_Overlapped)]  # fmt: skip
    _LockFileEx.restype = wintypes.BOOL
    _UnlockFileEx = _kernel32.UnlockFileEx
    _UnlockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                              ctypes.POINTER(_Overlapped)]  # fmt: skip
    _UnlockFileEx.restype = wintypes.BOOL
    _EXCLUSIVE, _FAIL_IMMEDIATELY = 0x2, 0x1
    _LOCK_VIOLATION, _IO_PENDING = 33, 997

    def lock(fd: int, wait: bool) -> bool:
        """Lock the file's first byte; False when it is taken and ``wait`` is off."""
        handle = msvcrt.get_osfhandle(fd)
        flags = _EXCLUSIVE if wait else _EXCLUSIVE | _FAIL_IMMEDIATELY
        if _LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())):
            return True
        error = ctypes.get_last_error()
        if not wait and error in (_LOCK_VIOLATION, _IO_PENDING):
            return False
        raise ctypes.WinError(error)

    def unlock(fd: int) -> None:
        if not _UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(_Overlapped())):
            raise ctypes.WinError(ctypes.get_last_error())

else:
    import fcntl

    def lock(fd: int, wait: bool) -> bool:
        """``flock``: per open file, so two connections of one process exclude each other."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

"""Which password stores the desk trusts with the PostgreSQL password: an allow-list of the real
operating-system stores, matched by the backend's exact class (the very class object keyring
ships, found by importing its module), never by a name a look-alike could copy.

Anything else is refused with the reason: the chainer (it may write to any store in its chain),
the fail/null backends, plaintext or "encrypted file" stores (keyrings.alt and the like),
third-party backends under any module name, and subclasses of an allowed class defined
elsewhere. Tests add their in-memory store explicitly with ``also_trusting``; nothing in the
desk calls it.

Which store: the one the user chose (``PYTHON_KEYRING_BACKEND`` or keyring's ``keyringrc.cfg``,
left to keyring and then checked like any other), else the platform's own taken directly — the
Windows vault, the macOS keychain, Secret Service or KWallet on Linux, the usable one keyring
ranks highest — and handed to keyring. keyring's own discovery would import every backend and
scan every installed distribution's entry points (about 25 ms of CPU at each start, issue 19)
only to find a store the desk would refuse unless it is one of these; with none usable the
result is keyring's "fail" store, refused as before.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

from hotline_desk.domain.errors import DeskError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# (module, qualname, what the user knows it as)
OS_KEYRINGS: Final[tuple[tuple[str, str, str], ...]] = (
    ("keyring.backends.Windows", "WinVaultKeyring", "Windows 凭据管理器"),
    ("keyring.backends.macOS", "Keyring", "macOS 钥匙串"),
    ("keyring.backends.SecretService", "Keyring", "Secret Service（GNOME 密钥环等）"),
    ("keyring.backends.kwallet", "DBusKeyring", "KWallet"),
)
ALLOWED_TEXT: Final = "、".join(label for _m, _q, label in OS_KEYRINGS)
_ALSO_TRUSTED: list[tuple[type, str]] = []  # only ever filled by ``also_trusting`` (tests)


def _shipped_class(module: str, qualname: str) -> type | None:
    """The class keyring itself defines under that name, or None where it cannot be loaded."""
    try:
        found: object = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
    except Exception:  # noqa: BLE001 - a store missing on this system is simply not allowed
        return None
    if not isinstance(found, type):
        return None
    if (found.__module__, found.__qualname__) != (module, qualname):
        return None  # a re-export of some other class
    return found


def _label_of(cls: type) -> str | None:
    named = (cls.__module__, cls.__qualname__)
    for module, qualname, label in OS_KEYRINGS:
        # only the module its name claims is imported (the macOS one costs 20 ms on Linux);
        # a copied name still fails the identity check against the class keyring ships
        if named == (module, qualname) and cls is _shipped_class(module, qualname):
            return label
    return next((label for trusted, label in _ALSO_TRUSTED if cls is trusted), None)


def _usable(cls: type) -> bool:
    try:
        return float(cls.priority) > 0  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - keyring raises when the store is not available here
        return False


def check_backend(backend: KeyringBackend) -> str:
    """The store's name when the desk trusts ``backend``; DeskError with the reason otherwise."""
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__qualname__}"
    label = _label_of(cls)
    if label is None:
        reason = (
            "多个密钥环串联(chainer)，无法确定密码会存到哪一个"
            if cls.__module__ == "keyring.backends.chainer"
            else "它不是受信任的系统密钥环，可能不保存密码或以明文保存"
        )
        raise DeskError(
            "拒绝使用密钥环 {name}：{reason}。只接受：{allowed}。请在这些系统密钥环可用的环境中"
            "运行（可在 keyringrc.cfg 中指定 default-keyring），或在地址中使用免密码认证。",
            name=name,
            reason=reason,
            allowed=ALLOWED_TEXT,
        )
    if not _usable(cls):
        raise DeskError(
            "系统密钥环 {label}（{name}）在本机不可用，无法安全保存数据库密码。"
            "请解锁或启用它，或在地址中使用免密码认证。",
            label=label,
            name=name,
        )
    return label


_PLATFORM_MODULES: Final = {
    "win32": ("keyring.backends.Windows",),
    "darwin": ("keyring.backends.macOS",),
}
_OTHER_MODULES: Final = ("keyring.backends.SecretService", "keyring.backends.kwallet")


def _session_bus() -> bool:
    """Whether a D-Bus session bus may be reached: Secret Service and KWallet live on it, and
    without one their modules (~30 ms to import) are not even loaded."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(runtime) and os.path.exists(os.path.join(runtime, "bus"))


def _platform_stores() -> tuple[tuple[str, str, str], ...]:
    """The entries of ``OS_KEYRINGS`` this platform may have."""
    modules = _PLATFORM_MODULES.get(sys.platform)
    if modules is None:
        modules = _OTHER_MODULES if _session_bus() else ()
    return tuple(entry for entry in OS_KEYRINGS if entry[0] in modules)


def _platform_keyring() -> KeyringBackend:
    """The usable OS store of this platform keyring ranks highest, else keyring's fail store."""
    from keyring.backends import fail

    usable = [
        cls
        for module, qualname, _label in _platform_stores()
        if (cls := _shipped_class(module, qualname)) is not None and _usable(cls)
    ]
    if not usable:
        return fail.Keyring()
    return max(usable, key=lambda cls: float(cls.priority))()  # type: ignore[attr-defined,no-any-return]


def _chosen_elsewhere() -> bool:
    """A store already set in this process (the tests), or one the user configured for keyring."""
    import keyring.core
    from keyring.util import platform_

    if getattr(keyring.core, "_keyring_backend", True) is not None:
        return True  # set, or a keyring whose internals changed: let it decide
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    return (platform_.config_root() / "keyringrc.cfg").exists()


def trusted_keyring() -> KeyringBackend:
    """The keyring in use, checked; callers read and write through this very object."""
    import keyring

    if _chosen_elsewhere():
        backend = keyring.get_keyring()
    else:
        backend = _platform_keyring()
        keyring.set_keyring(backend)
    check_backend(backend)
    return backend


@contextmanager
def also_trusting(cls: type, label: str) -> Iterator[None]:
    """Trust one more backend class while the block runs (the tests' in-memory store)."""
    entry = (cls, label)
    _ALSO_TRUSTED.append(entry)
    try:
        yield
    finally:
        _ALSO_TRUSTED.remove(entry)

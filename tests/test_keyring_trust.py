"""The keyring allow-list (keyring_trust.py): only the OS stores keyring itself ships are trusted
with the database password. The attacks: a plaintext JSON backend named exactly like the Windows
or Secret Service class, one under a look-alike module, a subclass of an allowed class defined
elsewhere, the chainer, the fail and null backends — each refused with the reason in Chinese, and
nothing written to or read from it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null
from keyring.compat.properties import classproperty

from hotline_desk import bootstrap
from hotline_desk.domain.errors import DeskError
from hotline_desk.keyring_trust import (
    ALLOWED_TEXT,
    OS_KEYRINGS,
    also_trusting,
    check_backend,
    trusted_keyring,
)
from hotline_desk.settings import Paths
from tests.conftest import MemoryKeyring

URL = bootstrap.build_postgres_url("db.local", 5432, "hd", "desk")


class JsonFileKeyring(KeyringBackend):
    """What the attack installed: every password in a JSON file."""

    priority = 5  # type: ignore[assignment]
    file: Path

    def get_password(self, service: str, username: str) -> str | None:
        if not self.file.exists():
            return None
        return json.loads(self.file.read_text()).get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.file.write_text(json.dumps({f"{service}/{username}": password}))

    def delete_password(self, service: str, username: str) -> None:
        self.file.unlink(missing_ok=True)


def _named(module: str, qualname: str) -> type[JsonFileKeyring]:
    """The JSON backend, its class dressed up under another module and name."""
    cls = type(qualname.rsplit(".", 1)[-1], (JsonFileKeyring,), {})
    cls.__module__, cls.__qualname__ = module, qualname
    return cls


class SubclassedSecretService(SecretService.Keyring):
    """An allowed class's subclass from elsewhere, storing in a JSON file instead."""

    priority = 5  # type: ignore[assignment]
    file: Path

    def set_password(self, service: str, username: str, password: str) -> None:
        self.file.write_text(json.dumps({username: password}))

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("an untrusted keyring must not be read")


ATTACKS = {
    "Windows name copied": lambda: _named("keyring.backends.Windows", "WinVaultKeyring")(),
    "Secret Service name copied": lambda: _named("keyring.backends.SecretService", "Keyring")(),
    "macOS name copied": lambda: _named("keyring.backends.macOS", "Keyring")(),
    "KWallet name copied": lambda: _named("keyring.backends.kwallet", "DBusKeyring")(),
    "look-alike module": lambda: _named("keyring.backends.Windows_vault", "WinVaultKeyring")(),
    "third-party module": lambda: _named("keyrings.osx_keychain", "Keyring")(),
    "subclass of an allowed class": SubclassedSecretService,
    "chainer": chainer.ChainerBackend,
    "fail": fail.Keyring,
    "null": null.Keyring,
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_every_untrusted_backend_is_refused(attack: str, tmp_path: Path) -> None:
    backend = ATTACKS[attack]()
    stolen = tmp_path / "keyring.json"
    backend.file = stolen  # type: ignore[attr-defined]
    keyring.set_keyring(backend)
    with pytest.raises(DeskError) as refused:
        bootstrap.check_keyring_backend()
    text = refused.value.message
    assert "拒绝使用密钥环" in text and ALLOWED_TEXT in text
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    assert name in text
    if attack == "chainer":
        assert "串联" in text
    # the password is neither written to it nor read from it
    with pytest.raises(DeskError, match="拒绝使用密钥环"):
        bootstrap.save_connection(Paths.resolve(tmp_path / "data"), URL, "pg-Secret-1")
    assert not stolen.exists()
    assert not (tmp_path / "data" / "settings.json").exists()
    assert bootstrap.password_from_keyring(URL) == URL


def test_the_allowed_classes_are_keyrings_own() -> None:
    """The real Secret Service class passes the allow-list; where it cannot run it is refused as
    unavailable, not as untrusted."""
    cls = SecretService.Keyring
    real = cls()
    try:
        usable = float(cls.priority) > 0
    except Exception:  # noqa: BLE001 - no D-Bus session here
        usable = False
    if not usable:
        with pytest.raises(DeskError, match="不可用"):
            check_backend(real)
    saved = cls.__dict__["priority"]  # a class property: monkeypatch would evaluate it
    cls.priority = 5  # type: ignore[assignment]  # as if a Secret Service daemon were running
    try:
        assert check_backend(real) == "Secret Service（GNOME 密钥环等）"
    finally:
        cls.priority = saved
    assert {m for m, _q, _l in OS_KEYRINGS} == {
        "keyring.backends.Windows",
        "keyring.backends.macOS",
        "keyring.backends.SecretService",
        "keyring.backends.kwallet",
    }


def test_the_test_keyring_is_trusted_only_where_a_test_says_so(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    assert trusted_keyring() is memory_keyring

    class Other(MemoryKeyring):
        pass

    with pytest.raises(DeskError, match="拒绝使用密钥环"):
        check_backend(Other())  # a subclass of a trusted class is not that class
    with also_trusting(Other, "另一个"):
        assert check_backend(Other()) == "另一个"
    with pytest.raises(DeskError, match="拒绝使用密钥环"):
        check_backend(Other())


@pytest.fixture
def nothing_chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fresh process where the user configured no keyring: keyring's discovery (which scans
    every distribution's entry points) must not run at all."""
    import keyring.backend
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    monkeypatch.setattr(sys, "platform", "linux")

    def scan(*_a: object, **_k: object) -> None:
        raise AssertionError("keyring's discovery ran")

    monkeypatch.setattr(keyring.backend, "get_all_keyring", scan)
    monkeypatch.setattr(keyring.backend.metadata, "entry_points", scan)


def test_with_no_choice_the_platforms_own_store_is_taken_directly(nothing_chosen: None) -> None:
    cls = SecretService.Keyring
    saved = cls.__dict__["priority"]
    cls.priority = 5  # type: ignore[assignment]  # as if a Secret Service daemon were running
    try:
        backend = trusted_keyring()
    finally:
        cls.priority = saved
    assert type(backend) is cls  # not a chainer, not whatever plugin ranks itself higher
    assert keyring.get_keyring() is backend  # and keyring itself now uses the same store


def unavailable(_cls: type) -> float:
    raise RuntimeError("The Secret Service daemon is neither running nor activatable")


def test_with_no_choice_and_no_usable_store_the_fail_store_is_refused(
    nothing_chosen: None, tmp_path: Path
) -> None:
    cls = SecretService.Keyring
    saved = cls.__dict__["priority"]
    cls.priority = classproperty(unavailable)  # type: ignore[assignment]  # no D-Bus here
    try:
        with pytest.raises(DeskError, match="keyring.backends.fail.Keyring"):
            bootstrap.check_keyring_backend()
        with pytest.raises(DeskError, match="拒绝使用密钥环"):
            bootstrap.save_connection(Paths.resolve(tmp_path / "data"), URL, "pg-Secret-1")
    finally:
        cls.priority = saved
    assert bootstrap.password_from_keyring(URL) == URL


@pytest.mark.parametrize("how", ["environment", "keyringrc.cfg"])
def test_a_store_the_user_configured_is_honoured_and_still_checked(
    nothing_chosen: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str
) -> None:
    """PYTHON_KEYRING_BACKEND and keyringrc.cfg go through keyring as before: an untrusted store
    named there is refused, not replaced by the platform's."""
    name = "keyring.backends.null.Keyring"
    if how == "environment":
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
    else:
        rc = tmp_path / "config" / "python_keyring" / "keyringrc.cfg"
        rc.parent.mkdir(parents=True)
        rc.write_text(f"[backend]\ndefault-keyring = {name}\n", encoding="utf-8")
    with pytest.raises(DeskError, match=name.replace(".", r"\.")):
        trusted_keyring()
    assert type(keyring.get_keyring()) is null.Keyring


@pytest.mark.parametrize(
    ("platform", "labels"),
    [
        ("win32", ["Windows 凭据管理器"]),
        ("darwin", ["macOS 钥匙串"]),
        ("linux", ["Secret Service（GNOME 密钥环等）", "KWallet"]),
    ],
)
def test_each_platform_looks_only_at_its_own_stores(
    monkeypatch: pytest.MonkeyPatch, platform: str, labels: list[str]
) -> None:
    from hotline_desk import keyring_trust

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    assert [label for _m, _q, label in keyring_trust._platform_stores()] == labels


def test_without_a_session_bus_no_linux_store_is_loaded(
    nothing_chosen: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Secret Service and KWallet are reached over D-Bus: with no session bus (a server, CI)
    their modules are not imported (~30 ms at every start) and keyring's fail store is the
    answer, refused as before (the audit key then lives in its file)."""
    from hotline_desk import keyring_trust

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no ``bus`` socket in it
    assert keyring_trust._platform_stores() == ()
    loaded: list[str] = []
    monkeypatch.setattr(keyring_trust, "_shipped_class",
                        lambda module, _q: loaded.append(module))  # fmt: skip
    with pytest.raises(DeskError, match="keyring.backends.fail.Keyring"):
        trusted_keyring()
    assert loaded == []
    (tmp_path / "bus").touch()  # a session bus socket: its stores are looked at again
    assert [m for m, _q, _l in keyring_trust._platform_stores()] == list(
        keyring_trust._OTHER_MODULES
    )

"""Unit of work: one Session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from hotline_desk.store.engine import Engines


class UnitOfWork:
    """``with uow_factory.write() as uow: ...; uow.commit()``; leaving without commit rolls back."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()


class UnitOfWorkFactory:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines
        self._read = sessionmaker(engines.reader, expire_on_commit=False)
        self._write = sessionmaker(engines.writer, expire_on_commit=False)

    def read(self) -> UnitOfWork:
        return UnitOfWork(self._read)

    def write(self) -> UnitOfWork:
        return UnitOfWork(self._write)

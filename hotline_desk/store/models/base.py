"""The declarative base every table of the desk hangs on.

Times are naive local (Beijing) wall-clock datetimes: the bureau works on one clock and the
working-day rules are stated in it.
"""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass

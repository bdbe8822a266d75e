"""Full-text search (issue 16, DESIGN.md §13): one row per case holding the search form
(``domain.text_input.search_form``) of everything a case holds, in two groups — the public
text and the caller's personal fields — so that only users who may see callers search the
second; beside them the title as shown to whoever may not see personal data (scrubbed with the
case's caller fields: the lists and masked exports read it instead of running the detector on
every row); and the saved searches of each user.

The engine indexes on these rows are made by the migration and not modelled here (SQLite: the
FTS5 trigram table ``case_search_fts`` with its triggers; PostgreSQL: ``pg_trgm`` GIN indexes):
``store/search_index.py`` names them (``UNMODELLED``) for the schema comparison.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hotline_desk.store.models.base import Base


class CaseSearch(Base):
    """What search reads of one case, written at each flush that changes a searched text."""

    __tablename__ = "case_search"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    public_text: Mapped[str] = mapped_column(Text, default="")
    personal_text: Mapped[str] = mapped_column(Text, default="")
    masked_title: Mapped[str] = mapped_column(Text, server_default="")
    masked_name: Mapped[str] = mapped_column(Text, server_default="")
    masked_phone: Mapped[str] = mapped_column(Text, server_default="")


class SavedSearch(Base):
    """A search a user saved under a name; shown in that user's navigation."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(40))
    query: Mapped[str] = mapped_column(Text)  # the filter as JSON
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_saved_searches_user", "user_id", "name", unique=True),)

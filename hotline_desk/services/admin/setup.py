"""Opening a desk: engines, migrations, and the seed bureau on an empty database."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from hotline_desk.domain.enums.org import Role
from hotline_desk.services.admin import setup_code
from hotline_desk.services.audit import record_audit
from hotline_desk.services.context import ServiceContext, local_now
from hotline_desk.settings import migrations_dir
from hotline_desk.store import migrate
from hotline_desk.store.engine import make_engines
from hotline_desk.store.models import OrgUnit, Topic, TopicAssistUnit, User, UserRole


def seed_file() -> Path:
    return migrations_dir() / "seed" / "bureau.json"


def load_seed() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(seed_file().read_text(encoding="utf-8"))
    return data


def seed_bureau(ctx: ServiceContext, setup_dir: Path | None = None) -> bool:
    """Fill an empty database with the bureau, its topics and the administrator account (with
    no password: it is set with the one-time setup code written to ``setup_dir``, the data
    directory of this machine; see ``setup_code``)."""
    seed = load_seed()
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        if s.scalar(select(func.count()).select_from(OrgUnit)):
            return False
        units: dict[str, int] = {}
        for order, item in enumerate(seed["org_units"]):
            # Core, naming these columns only: an older schema's seed (tests/upgrades) has
            # none of the columns added since, which the ORM would name
            units[item["code"]] = s.execute(
                insert(OrgUnit).values(
                    code=item["code"], name=item["name"], kind=item["kind"],
                    parent_id=units.get(item.get("parent", "")), sort_order=order, active=True,
                )
            ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
        for order, item in enumerate(seed["topics"]):
            topic_id = s.execute(
                insert(Topic).values(
                    code=item["code"], name=item["name"], lead_unit_id=units[item["lead"]],
                    keywords=item.get("keywords", ""), sort_order=order, active=True,
                )
            ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
            for code in item.get("assist", []):
                s.add(TopicAssistUnit(topic_id=topic_id, org_unit_id=units[code]))
        admin = seed["admin"]
        # A Core insert naming only these columns: the seed of a database still at an older
        # schema (tests/upgrades makes them) does not name the columns added since.
        user_id = s.execute(
            insert(User).values(
                username=admin["username"],
                display_name=admin["display_name"],
                password_hash=None,
                must_change_password=True,
                org_unit_id=units[admin["unit"]],
                active=True,
                failed_logins=0,
                is_demo=False,
                created_at=now,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        s.add(UserRole(user_id=user_id, role=Role.SYS_ADMIN.value))
        # (the role it holds counts as held: dual_control.ever_held reads the accounts; and an
        # older schema's seed, tests/upgrades, has no office_settings and no setup_dir)
        code = setup_code.issue(s, setup_dir, now)
        record_audit(
            s,
            now,
            None,
            "seed",
            "database",
            "",
            {"units": len(units), "topics": len(seed["topics"])},
            actor_name="system",
        )
        uow.commit()
    if code is not None and setup_dir is not None:  # only once the seed is in (see issue)
        setup_code.hand_out(setup_dir, code)
    return True


def open_desk(
    url: str, backup_dir: Path | None = None, clock: Callable[[], datetime] = local_now,
    setup_dir: Path | None = None,
) -> ServiceContext:  # fmt: skip
    """Create engines, migrate to head (backing up first), seed if empty (the setup code goes
    to ``setup_dir``, this machine's data directory); return the context."""
    engines = make_engines(url)
    upgraded = migrate.upgrade(engines, backup_dir)
    ctx = ServiceContext.for_engines(engines, clock)
    seed_bureau(ctx, setup_dir)
    prepare_deadlines(ctx, backfill=upgraded)
    return ctx


def prepare_deadlines(ctx: ServiceContext, backfill: bool) -> None:
    """Add the holiday years the chinesecalendar package knows and the table lacks; after a
    schema upgrade, or the first start of a release that runs clocks on more cases
    (``clocks.CLOCK_RULES``), give open cases without deadlines theirs."""
    from hotline_desk.services.admin import calendar, office
    from hotline_desk.services.supervision import clocks as deadlines
    from hotline_desk.store.models.deadlines import CalendarYear

    with ctx.uow.read() as uow:
        s = uow.session
        have = set(s.execute(select(CalendarYear.year)).scalars())
        clock_rules = int(office.read(s, office.CLOCK_RULES_REVISION))
    backfill = backfill or clock_rules < deadlines.CLOCK_RULES
    if not set(calendar.package_years()) <= have or backfill:
        with ctx.uow.write() as uow:
            now = ctx.now()
            calendar.sync_package_years(uow.session, now)
            if backfill:
                changed = deadlines.backfill_deadlines(uow.session)
                if changed:
                    record_audit(uow.session, now, None, "deadlines_backfill", "database", "",
                                 {"cases": changed}, actor_name="system")  # fmt: skip
                office.write(uow.session, office.CLOCK_RULES_REVISION, deadlines.CLOCK_RULES,
                             None, now)  # fmt: skip
            uow.commit()

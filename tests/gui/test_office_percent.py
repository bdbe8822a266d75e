"""红黑榜达标线 is entered as a percentage on 单位设置 (issue 18): the spin box reads 0–100 with a
% suffix, the service stores the fraction the reports compute with (a value stored by an earlier
release, 0.85, still reads 85 %), and what was typed is what the monthly report shows."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox
from sqlalchemy import select

from hotline_desk.domain.errors import ValidationError
from hotline_desk.domain.periods import Period
from hotline_desk.gui.pages.office import OfficeSettingsPage
from hotline_desk.reports.stats_xlsx import write_report_xlsx
from hotline_desk.services.admin import office
from hotline_desk.services.stats import figures
from hotline_desk.store.models import AuditLog
from tests import stats_data
from tests.conftest import Clock


def test_the_floor_is_typed_as_a_percentage(qtbot, app, ctx, make_actor, clock: Clock,  # type: ignore[no-untyped-def]
                                            tmp_path: Path) -> None:  # fmt: skip
    clock.now = datetime(2026, 12, 5, 9, 0)
    stats_data.build(ctx)
    admin = make_actor("sys_admin")
    office.save_setting(ctx, admin, "ranking_floor", 70)  # a percentage in, a fraction stored
    assert office.get_setting(ctx, office.RANKING_FLOOR) == pytest.approx(0.7)
    page = OfficeSettingsPage(ctx, admin)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    spin = page.inputs["ranking_floor"]
    assert isinstance(spin, QDoubleSpinBox)
    assert (spin.minimum(), spin.maximum(), spin.suffix()) == (0, 100, "%")
    assert spin.value() == 70 and spin.text() == "70.0%"
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "85")
    assert spin.value() == 85
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.result.text() == "已保存"
    assert office.get_setting(ctx, office.RANKING_FLOOR) == pytest.approx(0.85)
    report = figures.monthly_report(ctx, make_actor("leader"), Period.month(2026, 11))
    assert f"{report.ranking_floor:.0%}" == "85%"
    path = tmp_path / "r.xlsx"
    write_report_xlsx(report, path)
    assert "达标线 85%" in openpyxl.load_workbook(path)["红黑榜"]["A1"].value
    page.load()  # read back as a percentage
    assert spin.value() == 85
    with ctx.uow.read() as uow:
        details = uow.session.scalars(select(AuditLog.detail).where(
            AuditLog.object_id == "ranking_floor").order_by(AuditLog.id)).all()  # fmt: skip
    assert json.loads(details[-1]) == {"old": 0.7, "new": 0.85}  # the stored fractions


def test_a_percentage_out_of_range_is_refused_in_percent(ctx, make_actor) -> None:  # type: ignore[no-untyped-def]
    admin = make_actor("sys_admin")
    with pytest.raises(ValidationError) as caught:
        office.save_setting(ctx, admin, "ranking_floor", 120)
    assert "0% 到 100%" in str(caught.value.field_errors["ranking_floor"])
    assert office.get_setting(ctx, office.RANKING_FLOOR) == pytest.approx(0.85)
    listed = {i.key: i for i in office.list_settings(ctx, admin)}["ranking_floor"]
    assert (listed.value, listed.default, listed.percent) == (85, 85, True)

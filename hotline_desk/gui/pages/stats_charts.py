"""The statistics page's charts (QtCharts): cases received per month over the last 12 months by
channel (stacked bars), on-time and satisfaction rates per section (grouped bars), and the
category mix (a pie). They are fed the services' plain DTOs."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from hotline_desk.gui.common.words import enum_text
from hotline_desk.reports.stats_data import StatsTable, Trend


class _View(QChartView):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def reset(self) -> QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart


class TrendChart(_View):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("StatsCharts", "近12个月受理量（按来源渠道）"), parent
        )

    def show_trend(self, trend: Trend) -> None:
        chart = self.reset()
        series = QStackedBarSeries()
        for value, label in trend.channels:
            counts = trend.received[value]
            if not any(counts):
                continue
            bars = QBarSet(enum_text(label))
            bars.append([float(n) for n in counts])
            series.append(bars)
        chart.addSeries(series)
        months = QBarCategoryAxis()
        months.append([m[2:] for m in trend.labels])
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        values.setTruncateLabels(False)
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(values)
        values.applyNiceNumbers()


class SectionRatesChart(_View):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("StatsCharts", "各科室按时办结率、满意率（%）"), parent
        )

    def show_table(self, table: StatsTable) -> None:
        chart = self.reset()
        keyed = set(table.ranked_keys)
        rows = [
            r for r in table.rows if r.key in keyed and (r.counts["replied"] or r.counts["rated"])
        ]
        series = QBarSeries()
        for key, label in (
            ("ontime_rate", QCoreApplication.translate("StatsCharts", "按时办结率")),
            ("satisfaction_rate", QCoreApplication.translate("StatsCharts", "满意率")),
        ):
            bars = QBarSet(label)
            bars.append([round((r.values[key] or 0) * 100, 1) for r in rows])
            series.append(bars)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([r.label for r in rows])
        names.setLabelsAngle(-30)
        names.setTruncateLabels(False)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(values)


class CategoryChart(_View):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("StatsCharts", "诉求类型构成（受理量）"), parent
        )
        self.chart().legend().hide()  # the slices carry their labels

    def show_table(self, table: StatsTable) -> None:
        chart = self.reset()
        series = QPieSeries()
        total = sum(r.counts["received"] for r in table.rows) or 1
        for row in table.rows:
            n = row.counts["received"]
            if n:
                piece = series.append(f"{enum_text(row.label)} {n / total:.0%}", n)
                piece.setLabelVisible(n / total >= 0.05)
        chart.addSeries(series)

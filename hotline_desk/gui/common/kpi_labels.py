"""The statistics' fixed words — KPI names, breakdowns and drill-down labels, period kinds —
marked for lupdate in the ``kpi`` context (they come from ``domain/kpi.py`` and
``domain/periods.py``; tier rows show ``Tier``'s enum labels); ``kpi_text`` shows one in the UI
language. A test keeps this list in step.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

KPI_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("kpi", "受理量"),
    QT_TRANSLATE_NOOP("kpi", "上月结转"),
    QT_TRANSLATE_NOOP("kpi", "直办量"),
    QT_TRANSLATE_NOOP("kpi", "直接办结率"),
    QT_TRANSLATE_NOOP("kpi", "按时签收率"),
    QT_TRANSLATE_NOOP("kpi", "办结量"),
    QT_TRANSLATE_NOOP("kpi", "按时办结率"),
    QT_TRANSLATE_NOOP("kpi", "办结率"),
    QT_TRANSLATE_NOOP("kpi", "超期件数"),
    QT_TRANSLATE_NOOP("kpi", "延期件数"),
    QT_TRANSLATE_NOOP("kpi", "退单率"),
    QT_TRANSLATE_NOOP("kpi", "回访率"),
    QT_TRANSLATE_NOOP("kpi", "满意率"),
    QT_TRANSLATE_NOOP("kpi", "解决率"),
    QT_TRANSLATE_NOOP("kpi", "重办率"),
    QT_TRANSLATE_NOOP("kpi", "重复件率"),
    QT_TRANSLATE_NOOP("kpi", "平均办理时长"),
    QT_TRANSLATE_NOOP("kpi", "全局合计"),
    QT_TRANSLATE_NOOP("kpi", "按科室"),
    QT_TRANSLATE_NOOP("kpi", "按诉求类型"),
    QT_TRANSLATE_NOOP("kpi", "按来源渠道"),
    QT_TRANSLATE_NOOP("kpi", "按事项分类"),
    QT_TRANSLATE_NOOP("kpi", "按办理层级"),
    QT_TRANSLATE_NOOP("kpi", "单位"),
    QT_TRANSLATE_NOOP("kpi", "主办科室"),
    QT_TRANSLATE_NOOP("kpi", "诉求类型"),
    QT_TRANSLATE_NOOP("kpi", "来源渠道"),
    QT_TRANSLATE_NOOP("kpi", "事项分类"),
    QT_TRANSLATE_NOOP("kpi", "办理层级"),
    QT_TRANSLATE_NOOP("kpi", "合计"),
    QT_TRANSLATE_NOOP("kpi", "未转办"),
    QT_TRANSLATE_NOOP("kpi", "未分类"),
    QT_TRANSLATE_NOOP("kpi", "未分级"),
    QT_TRANSLATE_NOOP("kpi", "其他"),
    QT_TRANSLATE_NOOP("kpi", "受理的办件"),
    QT_TRANSLATE_NOOP("kpi", "期初结转的办件"),
    QT_TRANSLATE_NOOP("kpi", "答复的直办件"),
    QT_TRANSLATE_NOOP("kpi", "未按时签收的转办件"),
    QT_TRANSLATE_NOOP("kpi", "办结的办件"),
    QT_TRANSLATE_NOOP("kpi", "超时答复的办件"),
    QT_TRANSLATE_NOOP("kpi", "超期的办件"),
    QT_TRANSLATE_NOOP("kpi", "批准延期的办件"),
    QT_TRANSLATE_NOOP("kpi", "同意退回的办件"),
    QT_TRANSLATE_NOOP("kpi", "应回访的办件"),
    QT_TRANSLATE_NOOP("kpi", "评价不满意的办件"),
    QT_TRANSLATE_NOOP("kpi", "评价未解决的办件"),
    QT_TRANSLATE_NOOP("kpi", "重办的办件"),
    QT_TRANSLATE_NOOP("kpi", "重复件"),
    QT_TRANSLATE_NOOP("kpi", "答复的办件"),
    QT_TRANSLATE_NOOP("kpi", "月度"),
    QT_TRANSLATE_NOOP("kpi", "季度"),
    QT_TRANSLATE_NOOP("kpi", "年度"),
    QT_TRANSLATE_NOOP("kpi", "自定义"),
)


def kpi_text(text: str) -> str:
    return QCoreApplication.translate("kpi", text)

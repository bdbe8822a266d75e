"""A small 12345 platform export as sample data (the screenshots' import dialog reads it):
Chinese headers as the platform writes them, one column the built-in mapping does not know
(诉求人手机) and one row with a wrong phone number."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

SAMPLE_NAME = "12345工单导出.csv"
UNKNOWN_HEADER = "诉求人手机"
HEADERS = ("工单编号", "来源渠道", "标题", "问题描述/诉求内容", "诉求人姓名", UNKNOWN_HEADER,
           "联系地址", "问题分类", "工单类型", "紧急程度", "市派单时间", "市截止时间（办理时限）",
           "受理时间", "是否保密", "是否同意公开")  # fmt: skip
TITLES = ("企业用电报装进度缓慢", "中小企业专项资金申报咨询", "工业园区通信信号差",
          "反映企业欠款长期未结", "咨询专精特新认定条件", "节能改造补贴何时发放")  # fmt: skip
TOPICS = ("电力保障", "资金扶持", "通信网络", "清欠账款", "专精特新认定", "节能监察")


def write_platform_file(path: Path, now: datetime, rows: int = 24) -> Path:
    """A small platform export (UTF-8 CSV with BOM); its third row's phone number is wrong."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for i in range(rows):
            at = now - timedelta(hours=rows - i)
            received = f"{at:%Y-%m-%d %H:%M}"
            phone = "12345" if i == 2 else f"1390571{i:04d}"
            out.writerow([
                f"SZ{now:%Y%m%d}{i:05d}", "电话", TITLES[i % 6],
                f"来电人反映{TITLES[i % 6]}，请尽快处理。",
                "匿名" if i % 5 == 0 else "陈建华", phone, "高新区创业路18号",
                f"经济管理/{TOPICS[i % 6]}", ("咨询", "求助", "投诉")[i % 3], "一般",
                f"{at + timedelta(minutes=20):%Y/%m/%d %H:%M}",
                f"{at + timedelta(days=5):%Y-%m-%d}", received, "否", "是",
            ])  # fmt: skip
    return path

"""Chinese UI text and templates use full-width punctuation (，：；！？（）): the translation
sources (the .ts ``<source>`` texts, which the lead regenerates from the code with lupdate), every
Chinese string literal in ``hotline_desk/`` (UI, reports, domain and service messages, CLI) and
the seeded reply templates. The checker (``tools/fullwidth.py``) is tested here on what it must
flag and on what it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline_desk.settings import resources_dir
from tools import fullwidth

TS = resources_dir() / "translations" / "hotline_desk_en.ts"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("(保密)", "（保密）"),
        ("数据库:{database}", "数据库：{database}"),
        ("不满意,待甄别", "不满意，待甄别"),
        ("确认替换?输入 yes 确认", "确认替换？输入 yes 确认"),
        ("感谢您的支持!", "感谢您的支持！"),
        ("新增 {n} 件;更新 {m} 件", "新增 {n} 件；更新 {m} 件"),
        ("超期(3)", "超期（3）"),
        ("第{n}稿({outcome})", "第{n}稿（{outcome}）"),
        ("已锁定({at},{who}):显示锁定时的数据", "已锁定（{at}，{who}）：显示锁定时的数据"),
        ("(Ctrl+F,扫码枪可直接扫交办单)", "（Ctrl+F，扫码枪可直接扫交办单）"),
        ("您没有“{action}”的权限(需要:{roles})", "您没有“{action}”的权限（需要：{roles}）"),
        ("{来电人称呼}:\n您好!", "{来电人称呼}：\n您好！"),
    ],
)
def test_half_width_marks_in_chinese_text_are_found(text: str, fixed: str) -> None:
    assert fullwidth.offences(text)
    assert fullwidth.fix(text) == fixed
    assert fullwidth.offences(fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "办件(&C)",  # a menu mnemonic
        "{at:%H:%M} 受理",  # inside a format placeholder
        "17:48 受理",  # a time
        "共 1,000 件",  # a number
        "详见 https://www.example.gov.cn/a?b=1,2 页面",  # a URL
        "用户:admin",  # followed by Latin text
        "双因素认证(TOTP)",
        "保存登记 (Enter)",
        "Excel 工作簿 (*.xlsx)",  # a file dialog filter: Qt needs ASCII parentheses
        "{}: 参数错误 / error: {}",  # "label: " as English writes it
        "^(敬礼|此致敬礼)[!！。]?$",  # a regular expression
        "Case 说明 (pending)",
        "{name}({unit})",  # no Chinese around it: judged only as a translatable source
    ],
)
def test_what_is_not_chinese_text_is_left_alone(text: str) -> None:
    assert fullwidth.offences(text) == []


def test_a_translatable_template_of_placeholders_joins_chinese() -> None:
    assert fullwidth.fix("{name}({unit})", chinese=True) == "{name}（{unit}）"
    assert fullwidth.fix(":{comment}", chinese=True) == "：{comment}"
    assert fullwidth.fix("{name} (Enter)", chinese=True) == "{name} (Enter)"


def test_fixing_keeps_code_and_is_done_once(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'x = tr("数据库:{d}")  # 注释,不改\n'
        'y = ("甲(乙)"\n     "丙,丁")\n'
        'z = f"{a(b)}共:{c:>5}件{{x}},完"\n'
        'r = re.compile("(甲|乙)[,:]")\n'
        'def f():\n    """文档(保留)"""\n',
        encoding="utf-8",
    )
    assert fullwidth.fix_module(module)
    assert module.read_text(encoding="utf-8") == (
        'x = tr("数据库：{d}")  # 注释,不改\n'
        'y = ("甲（乙）"\n     "丙，丁")\n'
        'z = f"{a(b)}共：{c:>5}件{{x}}，完"\n'
        'r = re.compile("(甲|乙)[,:]")\n'
        'def f():\n    """文档(保留)"""\n'
    )
    assert list(fullwidth.literals(module)) == []
    assert not fullwidth.fix_module(module)


def test_chinese_strings_in_the_code_use_full_width_punctuation() -> None:
    found = [
        f"{path.relative_to(fullwidth.ROOT)}:{line}: {text[:60]!r}"
        for path in sorted(fullwidth.PACKAGE.rglob("*.py"))
        for line, text, _bad in fullwidth.literals(path)
    ]
    assert found == [], "run python tools/fullwidth.py"


def test_seeded_reply_templates_use_full_width_punctuation() -> None:
    bad = [text[:40] for text, offending, _w in fullwidth.json_strings(fullwidth.SEED_TEMPLATES)
           if offending]  # fmt: skip
    assert bad == [], "run python tools/fullwidth.py"


def test_translation_sources_use_full_width_punctuation() -> None:
    """The .ts is regenerated from the code (resources/translations/README.md); before that,
    ``python tools/fullwidth.py --ts <file>`` fixes its sources and keeps their translations."""
    found = [text[:60] for text, _bad in fullwidth.ts_sources(TS)]
    assert found == [], f"{len(found)} .ts sources: run tools/fullwidth.py --ts, then lupdate"


def test_the_ts_fix_keeps_every_translation(tmp_path: Path) -> None:
    copy = tmp_path / "en.ts"
    copy.write_text(
        "<TS><context><name>c</name><message><source>未保存:{n} 处 &amp; (保密)</source>"
        "<translation>Not saved: {n} (confidential)</translation></message></context></TS>",
        encoding="utf-8",
    )
    assert fullwidth.fix_ts(copy) == 1
    assert copy.read_text(encoding="utf-8") == (
        "<TS><context><name>c</name><message><source>未保存：{n} 处 &amp; （保密）</source>"
        "<translation>Not saved: {n} (confidential)</translation></message></context></TS>"
    )

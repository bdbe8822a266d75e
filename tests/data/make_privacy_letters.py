"""Builds the labelled set of the personal-data detector (issue 15): letters to the mayor's
hotline and the sections' replies, with every name, address and number of a person marked.

``python tests/data/make_privacy_letters.py`` writes three splits, each with its own sentences
and its own pools of names, streets, estates and villages: ``privacy_letters.jsonl`` (dev: the
detector was tuned on it), ``privacy_letters_heldout.jsonl`` and ``privacy_letters_fresh.jsonl``
(each measured once before its errors were looked at; benchmarks/README.md keeps those
first-look figures next to today's). Each line:
{"id", "split", "text", "spans": [[start, end, kind]], "known": {"names", "phones",
"addresses"}} with kind one of name / address / number. Everything is written for the
purpose; nothing is copied from real letters.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from privacy_fill import Filler, Pools  # noqa: E402

HERE = Path(__file__).parent
SLOT = re.compile(r"\{([A-Z_0-9]+)\}")

DEV_OPEN = [
    "尊敬的市长：您好！我是{CALLER}，家住{CALLER_ADDR}，",
    "市长您好，本人{CALLER}，是{CALLER_ADDR}的业主，",
    "您好，我叫{CALLER}，住在{CALLER_ADDR}，",
    "反映人：{CALLER}，联系电话：{CALLER_PHONE}。",
    "我是{DISTRICT}的一名市民，",
    "各位领导好，我住{CALLER_ADDR}，",
]
DEV_BODY = [
    "楼下{BIZ}每天{DATE}以后还在施工，噪音超过{HOURS}，严重影响休息。",
    "小区旁边的{BIZ}油烟直排，整栋楼{ROOMS}的住户都受影响，已向{ORG}反映过。",
    "我们楼的电梯从{DATE}开始坏了，物业经理{NAME}说要等配件，老人上下楼很困难。",
    "{DATE}我们片区停电，{ROAD}一带都没电，打了{ORG}的电话也没人处理。",
    "我在{BIZ}打工，老板{NAME}拖欠我和{COUNT}工友的工资共{AMOUNT}，至今未付。",
    "物业公司{ORG}每年收{AMOUNT}物业费，但{ESTATE}的垃圾没人清理。",
    "{ROAD}修路已经{HOURS}不停，挖掘机停在{ADDR}门口，车牌{PLATE}。",
    "邻居{NAME}在{ADDR}私自搭建，楼上住户{SAL}也多次投诉。",
    "房东{NAME}不退押金{AMOUNT}，他的手机是{MOBILE}。",
    "我的身份证号是{ID18}，社保卡绑定的银行卡{CARD}一直没收到补贴。",
    "公司统一社会信用代码{USCC}，欠薪金额{AMOUNT}，负责人{NAME}电话{LANDLINE}。",
    "我母亲的旧身份证号{ID15}，户籍迁移时被{ORG}退回。",
    "请回复到我的邮箱{EMAIL}，或打我电话{CALLER_PHONE}。",
    "之前打过12345热线，工单号{CASENO}，到现在{HOURS}了还没结果。",
    "另外，{TRICKY}，{TRICKY}，也请一并关注。",
    "听说{TRICKY}，{TRICKY}。",
    "{ESTATE}一共{ROOMS}，{COUNT}业主联名反映，希望{ORG}尽快处理。",
]
DEV_CLOSE = [
    "恳请领导重视，谢谢！",
    "如需了解情况可联系我，电话{CALLER_PHONE}。",
    "联系人：{CALLER}，{CALLER_PHONE}。",
    "此致敬礼！市民{CALLER}，{DATE}。",
    "希望尽快解决，谢谢。",
]
DEV_REPLY_OPEN = [
    "尊敬的{CALLER_SAL}：您好！您反映的问题已收悉。",
    "网友“{HANDLE}”：您好！您在市长信箱反映的问题收悉，现答复如下：",
    "{CALLER_SAL}：您好！关于您反映{CALLER_ADDR_V}的问题，答复如下：",
    "尊敬的网友“{HANDLE}”：您好！",
]
DEV_REPLY_BODY = [
    "经{ORG}核查，{CALLER_ADDR_V}的情况属实，已于{DATE}责令{BIZ}整改。",
    "我局工作人员{DATE}到{CALLER_ADDR_V}现场查看，并约谈了业主{NAME}。",
    "经调查，{BIZ}负责人{SAL}已承诺在{DATE}前支付拖欠的{AMOUNT}工资。",
    "供电部门已于{DATE}恢复{ROAD}一带供电，共影响{ROOMS}。",
    "该路段施工单位{ORG}已调整作业时间，夜间不再施工。",
    "您反映的电梯问题，物业已更换配件，{ESTATE}{ROOMS}住户已恢复使用。",
    "您的工单{CASENO}已办结，如有疑问请拨打12345。",
    "另经了解，{TRICKY}，{TRICKY}，我局将持续跟进。",
    "经执法人员核实，{ADDR}确有违建，已立案处理，当事人{NAME}已签收通知书。",
]
DEV_REPLY_CLOSE = [
    "如有疑问，请联系{ORG}，联系人：{NAME}，电话：{LANDLINE}。",
    "感谢您对我市工作的关心和支持！",
    "联系电话：（{LANDLINE}）。",
    "如对答复不满意，可拨打12345反映。{ORG}，{DATE}。",
]

HELD_OPEN = [
    "领导好！我姓{CALLER_SAL}，",
    "我是住在{CALLER_ADDR}的{CALLER}，",
    "市长信箱：我叫{CALLER}（电话{CALLER_PHONE}），",
    "投诉人{CALLER}，地址{CALLER_ADDR}，",
]
HELD_BODY = [
    "隔壁{BIZ}的空调外机正对我家窗户，晚上噪声很大，已持续{HOURS}。",
    "{ESTATE}的地下车库漏水，车牌{PLATE}的车被泡，物业{SAL}推说不归他管。",
    "包工头{NAME}欠我们{COUNT}工人{AMOUNT}，他说找{ORG}也没用，手机{MOBILE}关机。",
    "家里老人{NAME}的身份证{ID18}在办低保时被退回，说材料不全。",
    "烧烤摊在{ADDR}楼下营业到凌晨，油烟和噪音都很大，邻居{NAME}也投诉过。",
    "{DATE}起{ROAD}封路施工，没有任何公告，公交改道影响{COUNT}居民出行。",
    "转账到银行卡{CARD}的补贴款{AMOUNT}一直没到账。",
    "企业名称{BIZ}，信用代码{USCC}，拖欠社保{AMOUNT}。",
    "我的邮箱是{EMAIL}，座机{LANDLINE}。",
    "楼里{ROOMS}，上次反映的工单{CASENO}还没处理。",
    "还有{TRICKY}，{TRICKY}，希望一起解决。",
]
HELD_CLOSE = ["麻烦尽快处理。", "谢谢！{CALLER}，{DATE}", "我的手机{CALLER_PHONE}，随时可以联系。"]
HELD_REPLY_OPEN = [
    "{CALLER_SAL}您好：",
    "尊敬的市民：您好！关于网友“{HANDLE}”反映的问题，",
    "尊敬的{CALLER}：",
]
HELD_REPLY_BODY = [
    "我单位于{DATE}派人到{CALLER_ADDR_V}核实，{BIZ}已停业整改。",
    "已通知{ORG}对{ROAD}施工围挡进行整改，工单{CASENO}。",
    "欠薪一事已由劳动监察立案，{SAL}表示将于{DATE}前结清{AMOUNT}。",
    "经核实，{CALLER_ADDR_V}的漏水问题由物业负责维修，联系人{NAME}。",
    "此外{TRICKY}，{TRICKY}，已转相关部门。",
]
HELD_REPLY_CLOSE = ["咨询电话：{LANDLINE}。", "感谢您的来信。{ORG}"]


FRESH_OPEN = [
    "市长：您好。我是{CALLER}，现居{CALLER_ADDR}。",
    "本人{CALLER}（身份证{ID18}），",
    "{DATE}，我（{CALLER}，手机{CALLER_PHONE}）",
    "写信人：{CALLER}，住址：{CALLER_ADDR}，联系方式：{CALLER_PHONE}。",
]
FRESH_BODY = [
    "隔壁{ADDR}的住户{NAME}养狗扰民，狗叫声从早到晚。",
    "在{BIZ}做了{HOURS}的临时工，{SAL}一直说下个月发工资，共欠{AMOUNT}。",
    "我们这栋楼停水停电好几次，{ORG}说是线路老化，{TRICKY}。",
    "工地的泥头车车牌{PLATE}每天凌晨经过{ROAD}，{TRICKY}。",
    "物业费从每平方米2.5元涨到4元，{ESTATE}业委会主任{NAME}不同意公示。",
    "上次写信的回执编号{CASENO}，答复说已转办，可是{TRICKY}。",
    "转账的银行卡号是{CARD}，收款人{NAME}。",
    "有事请发邮件到{EMAIL}或打座机{LANDLINE}。",
    "{TRICKY}，{TRICKY}，这些问题希望一并解决。",
]
FRESH_CLOSE = ["以上情况属实。{CALLER}", "盼复。", "多谢！联系电话{CALLER_PHONE}"]
FRESH_REPLY_OPEN = [
    "{CALLER_SAL}：",
    "网友“{HANDLE}”您好：",
    "尊敬的{CALLER}同志：",
]
FRESH_REPLY_BODY = [
    "我局执法中队于{DATE}前往{CALLER_ADDR_V}调查，现场约谈了{BIZ}经营者。",
    "经协调，用人单位已与{SAL}等{COUNT}工人达成还款协议，首期{AMOUNT}已支付。",
    "{ESTATE}物业费调整须经业主大会表决，已责成物业公示，{TRICKY}。",
    "您所反映的{CALLER_ADDR_V}停水问题，供水公司已于{DATE}更换管道。",
    "来信编号{CASENO}。{TRICKY}。",
]
FRESH_REPLY_CLOSE = ["如有疑问，请致电{LANDLINE}（{NAME}）。", "{ORG}  {DATE}"]


def _render(template: str, filler: Filler) -> tuple[str, list[list]]:
    text, spans, at = [], [], 0
    for i, piece in enumerate(SLOT.split(template)):
        if i % 2 == 0:
            text.append(piece)
            at += len(piece)
            continue
        value, inner = filler.fill(piece)
        if piece.startswith("CALLER"):
            filler.known_used = True
        text.append(value)
        spans += [[at + s, at + e, k] for s, e, k in inner]
        at += len(value)
    return "".join(text), spans


def make(n: int, seed: int, heldout: bool, fresh: bool = False) -> list[dict]:
    rng = random.Random(seed)
    pools = Pools(heldout, fresh)
    if fresh:
        letter = (FRESH_OPEN, FRESH_BODY, FRESH_CLOSE)
        reply = (FRESH_REPLY_OPEN, FRESH_REPLY_BODY, FRESH_REPLY_CLOSE)
    elif heldout:
        letter = (HELD_OPEN, HELD_BODY, HELD_CLOSE)
        reply = (HELD_REPLY_OPEN, HELD_REPLY_BODY, HELD_REPLY_CLOSE)
    else:
        letter = (DEV_OPEN, DEV_BODY, DEV_CLOSE)
        reply = (DEV_REPLY_OPEN, DEV_REPLY_BODY, DEV_REPLY_CLOSE)
    items = []
    for i in range(n):
        filler = Filler(rng, pools)
        opening, body, closing = reply if i % 3 == 2 else letter
        parts = [rng.choice(opening)] + rng.sample(body, rng.randint(2, 4)) + [rng.choice(closing)]
        text, spans = "", []
        for part in parts:
            piece, inner = _render(part, filler)
            spans += [[s + len(text), e + len(text), k] for s, e, k in inner]
            text += piece
        prefix, part = filler.caller_addr
        items.append({
            "id": f"{'F' if fresh else 'H' if heldout else 'D'}{i:04d}",
            "split": "fresh" if fresh else "heldout" if heldout else "dev",
            "kind": "reply" if i % 3 == 2 else "letter",
            "text": text,
            "spans": spans,
            "known": {"names": [filler.caller], "phones": [filler.caller_phone],
                      "addresses": [prefix + part]},
        })  # fmt: skip
    return items


def main() -> None:
    for name, n, seed, heldout, fresh in (
        ("privacy_letters.jsonl", 240, 15, False, False),
        ("privacy_letters_heldout.jsonl", 120, 1515, True, False),
        ("privacy_letters_fresh.jsonl", 120, 2026, True, True),
    ):
        with open(HERE / name, "w", encoding="utf-8") as out:
            for item in make(n, seed, heldout, fresh):
                out.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

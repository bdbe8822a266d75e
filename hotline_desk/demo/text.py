"""Vocabulary for demo cases: the demo users, realistic titles (with the section each sub-theme
belongs to) and contents per topic, replies, names, places, phone numbers."""

from __future__ import annotations

import random

from hotline_desk.domain.enums.intake import Channel
from hotline_desk.domain.enums.org import Role

# The demo cast: username, display name, section code, roles (a head and a handler for every
# section, the office head who approves direct replies, a leader, the three admins).
DEMO_USERS: list[tuple[str, str, str, tuple[Role, ...]]] = [
    ("dengji", "李登记", "BGS", (Role.INTAKE,)),
    ("duban", "王督办", "BGS", (Role.DESK, Role.INTAKE)),
    ("zhuren", "黄主任", "BGS", (Role.SECTION_HEAD,)),
    ("jingban", "陈经办", "CYFZ", (Role.HANDLER,)),
    ("kezhang", "赵科长", "CYFZ", (Role.SECTION_HEAD, Role.HANDLER)),
    ("jingban2", "孙经办", "ZXQY", (Role.HANDLER,)),
    ("kezhang2", "周科长", "ZXQY", (Role.SECTION_HEAD,)),
    ("kezhang3", "钱科长", "ZHK", (Role.SECTION_HEAD, Role.HANDLER)),
    ("kezhang4", "何科长", "YXJC", (Role.SECTION_HEAD, Role.HANDLER)),
    ("kezhang5", "林科长", "JNZH", (Role.SECTION_HEAD, Role.HANDLER)),
    ("kezhang6", "高科长", "XXH", (Role.SECTION_HEAD, Role.HANDLER)),
    ("kezhang7", "郭科长", "FGK", (Role.SECTION_HEAD, Role.HANDLER)),
    ("kezhang8", "马科长", "CWK", (Role.SECTION_HEAD, Role.HANDLER)),
    ("lingdao", "刘局长", "BGS", (Role.LEADER,)),
    ("sysadmin", "吴系统", "BGS", (Role.SYS_ADMIN,)),
    ("secadmin", "郑安全", "BGS", (Role.SEC_ADMIN,)),
    ("auditadmin", "冯审计", "BGS", (Role.AUDIT_ADMIN,)),
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯"
    "邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
    "建国志红文斌宇浩然欣怡子涵梓轩晨阳佳琪俊杰雨婷思远"
)
DISTRICTS = [
    "上城区",
    "拱墅区",
    "西湖区",
    "滨江区",
    "萧山区",
    "余杭区",
    "临平区",
    "钱塘区",
    "富阳区",
    "临安区",
]
STREETS = [
    "解放路",
    "延安路",
    "文三路",
    "江南大道",
    "市心路",
    "人民大道",
    "工业园路",
    "科技大道",
    "新城路",
]
COMPANIES = [
    "某精密机械有限公司",
    "某新材料科技有限公司",
    "某电子科技有限公司",
    "某纺织印染有限公司",
    "某食品有限公司",
    "某汽车零部件有限公司",
    "某建材有限公司",
    "某软件技术有限公司",
    "某包装印刷有限公司",
    "某化工有限公司",
    "某智能装备有限公司",
    "某医疗器械有限公司",
]

# topic code -> (title templates, content sentences); {c} company, {d} district, {s} street,
# {y} year. A template is a title, or (title, section code) when that sub-theme is not handled
# by the topic's default lead section (so routing can be learnt from past cases).
Template = str | tuple[str, str]
TOPIC_TEXT: dict[str, tuple[list[Template], list[str]]] = {
    "QYZC": (
        ["咨询{y}年惠企政策申报条件", "询问企业政策兑现流程", "咨询{d}企业政策适用范围",
         ("咨询节能降碳扶持政策", "JNZH"), ("咨询数字化转型支持政策", "XXH"),
         ("咨询中小企业纾困帮扶政策", "ZXQY")],
        [
            "来电人系{c}负责人，询问今年出台的惠企政策具体申报条件和材料清单。",
            "希望了解政策文件的适用对象，是否包含个体工商户。",
        ],
    ),
    "ZJFC": (
        ["反映专项资金迟迟未拨付", "询问奖励资金到账时间", ("咨询技改补助资金申报", "CYFZ"),
         ("咨询专精特新奖励资金申报", "ZXQY"), ("询问企业上云补助资金兑现", "XXH")],
        [
            "来电人反映{c}去年申报的专项扶持资金已公示，但至今未拨付到账。",
            "询问资金拨付的具体时间节点以及需要补充哪些材料。",
        ],
    ),
    "QLQD": (
        ["咨询行政许可办理时限", "询问权力清单事项办事指南", "反映审批事项办理进度慢",
         ("咨询民爆物品销售许可办理", "YXJC")],
        ["来电人咨询相关行政许可事项的办理时限和所需材料，称网上办事指南与窗口说法不一致。"],
    ),
    "JFJF": (
        ["反映涉企乱收费问题", "投诉行业协会强制摊派", "咨询减费降负政策",
         ("反映园区转供电加价收费", "YXJC")],
        [
            "来电人反映{d}某单位要求企业缴纳不合理费用，希望主管部门核查。",
            "称行业协会以培训名义强制收费，企业负担较重。",
        ],
    ),
    "CYFZ": (
        ["咨询{d}产业园入驻政策", "反映项目落地遇到困难", "建议加快产业转型扶持",
         ("咨询绿色工厂创建申报", "JNZH"), ("咨询软件产业扶持政策", "XXH")],
        [
            "来电人系{c}负责人，计划在{d}投资建设新项目，咨询产业扶持政策和园区入驻条件。",
            "反映项目落地过程中用地、配套等问题迟迟得不到解决。",
        ],
    ),
    "QQZK": (
        ["反映国有企业拖欠货款", "投诉拖欠中小企业工程款", "请求协调清欠账款"],
        [
            "来电人反映{c}为某单位供货后，对方拖欠货款已超过一年，多次催讨无果。",
            "请求主管部门协调督促尽快支付拖欠的账款。",
        ],
    ),
    "MBGL": (
        ["举报非法储存爆炸物品", "咨询爆破作业许可", "反映{d}夜间爆破扰民"],
        ["来电人反映{d}{s}附近工地存在违规爆破作业，夜间噪音和震动严重影响居民休息。"],
    ),
    "DLBZ": (
        ["反映{d}企业频繁停电", "咨询工业用电价格政策", "反映限电影响生产",
         ("咨询企业节约用电改造补助", "JNZH")],
        [
            "来电人反映{c}所在园区近期频繁停电，严重影响正常生产经营。",
            "希望供电部门提前告知停电安排并尽快恢复供电。",
        ],
    ),
    "JNJC": (
        ["举报企业超标能耗", "咨询节能监察整改要求", "反映高耗能设备未淘汰"],
        ["来电人反映{d}某企业仍在使用国家明令淘汰的高耗能设备，能耗明显超标。"],
    ),
    "ZYZH": (
        ["咨询固废综合利用政策", "反映再生资源回收点扰民", "建议推广资源循环利用"],
        ["来电人反映{s}附近的再生资源回收点露天堆放，气味和噪音影响周边居民。"],
    ),
    "ZXQF": (
        ["咨询小微企业融资担保", "询问中小企业培训报名", "反映融资难融资贵",
         ("咨询中小企业数字化服务券", "XXH")],
        ["来电人系{c}负责人，企业经营遇到资金困难，咨询政府性融资担保的申请条件。"],
    ),
    "ZJTX": (
        ["咨询专精特新企业认定条件", "询问专精特新复核结果", "反映认定材料被退回"],
        ["来电人咨询专精特新中小企业认定的申报条件、时间安排和评审标准。"],
    ),
    "XXJS": (
        ["咨询企业上云补贴", "询问数字化改造项目申报", "建议加强工业互联网推广",
         ("咨询智能工厂技改项目补助", "CYFZ")],
        ["来电人系{c}信息化负责人，咨询企业数字化改造项目补助政策及申报流程。"],
    ),
    "WLXX": (
        ["反映{d}手机信号差", "投诉小区宽带无法接入", "建议增设5G基站"],
        ["来电人反映{d}{s}一带手机信号长期较差，通话经常中断，影响生活和工作。"],
    ),
    "WXHP": (
        ["反映无线电干扰", "咨询无线电台站设置审批", "举报非法设置无线电台"],
        ["来电人反映所在区域对讲机频繁受到不明信号干扰，怀疑有人非法设置无线电台。"],
    ),
    "JSGZ": (
        ["咨询技术改造项目补助", "反映技改项目验收迟缓", ("询问设备更新贷款贴息拨付", "CWK"),
         ("咨询节能技改项目申报", "JNZH")],
        ["来电人系{c}负责人，企业完成设备更新改造，咨询技改补助的申报和验收流程。"],
    ),
    "YXJK": (
        ["反映企业用工困难", "反映物流运输受阻", "咨询经济运行监测数据报送",
         ("反映中小企业订单不足经营困难", "ZXQY")],
        ["来电人反映{c}近期订单增加但招工困难，希望政府协调解决用工问题。"],
    ),
    "AQSC": (
        ["举报企业安全生产隐患", "反映危化品存储不规范", "投诉工厂违规生产"],
        ["来电人反映{d}{s}某工厂存在安全生产隐患，消防通道被堵塞，危化品随意堆放。"],
    ),
    "ZFJD": (
        ["投诉执法人员态度粗暴", "对行政处罚有异议", ("反映办事人员推诿拖延", "ZHK")],
        ["来电人对执法检查中的处罚决定有异议，认为执法程序不规范，要求复核。"],
    ),
    "QTSX": (
        ["其他咨询事项", "对工作提出意见建议", "表扬工作人员热情服务",
         ("反映企业电费结算问题", "YXJC"), ("咨询中小企业公共服务平台", "ZXQY")],
        ["来电人就相关工作提出意见建议，希望相关部门予以重视。"],
    ),
}  # fmt: skip

MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "155", "156", "157", "158", "159", "177", "180", "181", "182", "183",
                   "186", "187", "188", "189", "199"]  # fmt: skip
CHANNEL_WEIGHTS = [(Channel.HOTLINE, 55), (Channel.MAILBOX, 20), (Channel.PLATFORM, 20),
                   (Channel.VISIT, 3), (Channel.OTHER, 2)]  # fmt: skip
CATEGORY_WEIGHTS = [("consult", 35), ("help", 15), ("complaint", 25), ("report", 8),
                    ("suggestion", 10), ("praise", 3), ("other", 4)]  # fmt: skip


def phone(rng: random.Random) -> str:
    if rng.random() < 0.85:
        return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    return rng.choice(["0571-8", "0571-5", "010-6", "021-5"]) + f"{rng.randrange(10**7):07d}"


def pick(rng: random.Random, weighted: list[tuple[object, int]]) -> object:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


CLOSING = [
    "请相关部门尽快核实处理并予以答复。",
    "希望有关部门给予明确答复。",
    "来电人情绪较为激动，要求尽快处理。",
    "来电人表示此前已多次反映，问题仍未解决。",
    "来电人同意回访。",
]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def title_and_content(
    rng: random.Random, topic_code: str, year: int
) -> tuple[str, str, str | None]:
    """A title, a content and the section code the title's sub-theme belongs to (None: the
    topic's default lead section)."""
    titles, sentences = TOPIC_TEXT.get(topic_code, TOPIC_TEXT["QTSX"])
    fill = {
        "c": rng.choice(COMPANIES),
        "d": rng.choice(DISTRICTS),
        "s": rng.choice(STREETS),
        "y": str(year),
    }
    template = rng.choice(titles)
    pattern, section = (template, None) if isinstance(template, str) else template
    title = pattern.format(**fill)
    body = "".join(s.format(**fill) for s in sentences)
    detail = f"具体地址为{fill['d']}{fill['s']}{rng.randint(1, 999)}号。"
    return title, body + detail + rng.choice(CLOSING), section


def address(rng: random.Random) -> str:
    return f"{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randint(1, 999)}号"


MATTER: dict[str, str] = {
    "QYZC": "惠企政策的申报条件和适用范围", "ZJFC": "扶持资金的申报和拨付进度",
    "QLQD": "行政许可事项的办理时限和材料", "JFJF": "涉企收费的依据和标准",
    "CYFZ": "项目落地和产业扶持政策", "QQZK": "拖欠企业账款的情况",
    "MBGL": "爆破作业和民用爆炸物品的安全管理", "DLBZ": "企业用电和供电保障情况",
    "JNJC": "企业能耗和用能设备情况", "ZYZH": "资源综合利用和回收点管理",
    "ZXQF": "中小企业融资和服务需求", "ZJTX": "专精特新企业认定情况",
    "XXJS": "数字化改造和企业上云项目", "WLXX": "通信信号和网络覆盖情况",
    "WXHP": "无线电干扰和台站设置情况", "JSGZ": "技术改造项目的补助和验收",
    "YXJK": "企业生产经营遇到的困难", "AQSC": "企业安全生产隐患",
    "ZFJD": "执法检查和办事过程中的问题", "QTSX": "来电人反映的事项",
}  # fmt: skip
"""What a case of each topic is about, in the desk's words (拟办意见)."""
OPINION_PATTERNS = (
    "请牵头核实{m}，于规定时限内答复来电人。",
    "请核查{m}，做好政策解释，按时答复。",
    "请会同协办科室核实{m}，提出处理意见后答复来电人。",
    "请尽快联系来电人，了解{m}并依规处理。",
    "请核实{m}，涉及其他部门的做好沟通衔接，按时反馈。",
)


def routing_opinion(rng: random.Random, topic_code: str) -> str:
    """The desk's 拟办意见 for a case of ``topic_code``: it names the topic's matter."""
    return rng.choice(OPINION_PATTERNS).format(m=MATTER.get(topic_code, MATTER["QTSX"]))


RETURN_NOTES = (
    "经核实，该事项属本科室职责范围，请继续办理。",
    "该事项已列入本科室职责清单，请按时办理答复。",
    "主办科室牵头办理，涉及其他科室的可商请协办。",
)


def return_note(rng: random.Random) -> str:
    """The desk's reason for rejecting a section's return request."""
    return rng.choice(RETURN_NOTES)


REPLY_FINDINGS: dict[str, tuple[str, ...]] = {
    "consult": ("经查询，相关政策和办理流程已向您作了详细解释。",
                "现将有关政策规定答复如下：符合条件的可按程序申报，具体材料可登录政务服务网查询。"),
    "help": ("经协调，相关单位已承诺在近期内解决，我们将持续跟踪。",
             "我们已与相关单位沟通，并安排专人对接您的诉求。"),
    "complaint": ("经核实，您反映的情况基本属实，我们已会同相关单位研究处理。",
                  "我们已约谈相关单位负责人，督促其限期整改到位。"),
    "report": ("接到您的举报后，我们已会同属地部门开展现场检查，发现的问题已责令整改。",
               "经现场核查，未发现您举报的违规情况，我们将加强日常监管。"),
    "suggestion": ("您提出的意见建议很有价值，我们将在后续工作中认真研究采纳。",),
    "praise": ("感谢您对我局工作人员的肯定，我们已将您的表扬转达本人。",),
    "other": ("您反映的事项我们已认真研究，并作如下说明。",),
}  # fmt: skip
"""What a reply says it found, per category of the case."""


def reply_text(rng: random.Random, salutation: str, title: str, unit_name: str,
               category: str = "other") -> str:  # fmt: skip
    """A plausible approved reply letter of a few sentences, fitting the case's category."""
    finding = rng.choice(REPLY_FINDINGS.get(category, REPLY_FINDINGS["other"]))
    return (
        f"{salutation}：您好！您反映的“{title}”问题已收悉，{unit_name}高度重视。"
        f"{finding}如有疑问，请与我局{unit_name}联系。感谢您对经信工作的支持！"
    )

"""Slot fillers for the labelled set of the personal-data detector (issue 15): names, handles,
addresses in every form, checked numbers, and look-alikes that are *not* personal data
(amounts, dates, case numbers, 12345, room counts, 统一社会信用代码). Each filler returns the
text and the personal spans inside it as (start, end, kind). Written for the purpose."""

from __future__ import annotations

import random
from collections.abc import Callable

Spans = list[tuple[int, int, str]]
SURNAMES_A = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾") + [
    "上官",
    "诸葛",
]
SURNAMES_B = list("肖田董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦方邹") + ["欧阳", "司徒"]
GIVEN_A = (
    "建国 丽娟 志强 秀英 伟 芳 国华 海燕 明辉 小红 德明 桂英 永强 俊杰 淑珍 晓东 玉兰 文斌 "
    "金凤 家豪 子轩 雪梅 振华 春生 月娥 浩然 嘉欣 锦荣 惠玲 少军 建军 红旗 和平 卫东 志刚"
).split()
GIVEN_B = "立新 美玲 汉文 素芬 宏伟 翠花 树林 冬梅 耀辉 凤英 光明 秋菊 国栋 婉婷 胜利 爱华".split()
TITLES = "先生 女士 先生 女士 老师 师傅 阿姨 大爷 经理".split()
HANDLES = (
    "东莞小市民 南城老住户 厚街打工人 一个普通业主 莞邑小居民 阿强爱吃饭 松山湖晨跑 "
    "寮步老街坊 Sunny2020 小区宝妈 打工仔阿亮 凤岗张三丰 虎门看海 匿名网友甲"
).split()
CITIES = ["东莞市", "广东省东莞市", "", ""]
DISTRICTS_A = (
    "南城区 东城区 莞城区 万江区 南城街道 东城街道 樟木头镇 虎门镇 长安镇 厚街镇 寮步镇".split()
)
DISTRICTS_B = "松山湖 凤岗镇 清溪镇 塘厦镇 常平镇 石碣镇 高埗镇 大朗镇".split()
ROADS_A = "宏图 东城中 莞太 人民 鸿福 元美 体育 八一 运河东一 石龙 银丰 环城".split()
ROADS_B = "富民 莞长 新城 沿河 振兴 学院 龙泉 桥头".split()
ROAD_KINDS = ["路", "路", "大道", "街", "路", "巷"]
ESTATES_A = (
    "碧桂园 万科城市花园 金地格林小城 丽晶花园 星河传说 御景湾 东湖花园 "
    "鸿禧新村 阳光雅居 翠湖山庄 世纪城 海德公寓 幸福家园 锦绣华庭"
).split()
ESTATES_B = "龙泉豪苑 中信森林湖 华凯花园 富豪山庄 湖景壹号 名门世家 东骏豪苑".split()
VILLAGES_A = "石新村 上角村 新围村 鳌台村 黄洲村 塘贝村 圳美村 横沥村".split()
VILLAGES_B = "白沙村 大岭村 新和村 竹山村 鹿苑村".split()
CN = "零一二三四五六七八九"
BIZ = (
    "五金店 便利店 餐馆 大排档 汽修厂 服装厂 建材经营部 美容院 诊所 装饰工作室 烧腊店 士多店"
).split()
ORGS = (
    "东莞市住房和城乡建设局 东莞市城市管理和综合执法局 东莞市人力资源和社会保障局 南城街道办事处 "
    "东莞供电局 东莞市生态环境局 东莞市交通运输局 东城街道综合行政执法办公室"
).split()
TRICKY_A = [
    "小区共有{n}栋楼",
    "黄江镇和谢岗镇",
    "高埗镇的工业区",
    "石龙镇一带",
    "常平镇政府",
    "华为松山湖基地",
    "万达广场附近",
    "创建全国文明城市",
    "存在安全隐患",
    "连续{n}天高温",
    "明年{n}月",
    "向阳的房间",
    "第{n}组检查人员",
    "{n}楼的会议室",
    "高速公路出口",
    "金额较大",
    "马上处理",
    "程序合法",
    "周边居民",
    "白天晚上都有",
    "市长热线12345",
    "万元以上",
    "常年漏水",
    "康复医院",
    "文明施工",
    "石材加工厂",
    "林地被占",
    "江边公园",
    "施工单位",
    "关于{n}号文件",
    "寮步一带",
    "长安那边",
    "虎门火车站",
    "{n}栋宿舍",
    "万江中心",
    "东城医院",
]
TRICKY_B = [
    "全镇{n}个村",
    "洪梅镇和麻涌镇",
    "企石镇",
    "桥头镇公交站",
    "谢岗镇的水库",
    "黄江镇中心",
    "{n}栋厂房",
    "第{n}期工程",
    "{n}层高的楼",
    "高新区",
    "和谐社区",
    "常平火车站",
    "宁可多跑一趟",
    "易燃易爆",
    "左边的路口",
    "毛坯房",
    "连接处",
    "时间紧任务重",
]
SURNAMES_C = list("阎戴莫孔邱秦江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武") + ["慕容", "东方"]
GIVEN_C = "晓峰 佩珊 永福 瑞芳 国庆 敏仪 志明 惠珍 伟雄 丽华 文杰 燕玲 建新 淑仪 海波 润芝".split()
DISTRICTS_C = "茶山镇 石排镇 横沥镇 东坑镇 企石镇 道滘镇 沙田镇 麻涌镇".split()
ROADS_C = "文化 工业 旗峰 光明 建设 解放 迎宾 中山".split()
ESTATES_C = "君悦华府 水岸豪庭 天骄峰景 南城明珠花园 景湖春晓 金色华庭 嘉宏新村".split()
VILLAGES_C = "南社村 超朗村 茶山村 塘尾村 石美村".split()
TRICKY_C = [
    "茶山一带",
    "东坑那边的工业区",
    "{n}栋员工宿舍",
    "第{n}批次",
    "{n}号线地铁",
    "高温补贴",
    "常住人口",
    "金额{n}万",
    "石排公园",
    "龙舟比赛",
    "江南水乡",
    "白云山",
    "安居工程",
    "文明城市测评",
]
AREA_CODES = ["0769", "020", "0755", "0769", "0769"]


def cn_num(n: int) -> str:
    """8 → 八, 12 → 十二, 23 → 二十三, 501 → 五零一 (as people write them)."""
    if n < 10:
        return CN[n]
    if n < 100:
        t, o = divmod(n, 10)
        return ("" if t == 1 else CN[t]) + "十" + (CN[o] if o else "")
    return "".join(CN[int(d)] for d in str(n))


class Pools:
    """The word pools of one split (dev or held-out)."""

    def __init__(self, heldout: bool, fresh: bool = False) -> None:
        self.surnames = SURNAMES_B if heldout else SURNAMES_A
        self.given = GIVEN_B if heldout else GIVEN_A
        self.districts = DISTRICTS_B if heldout else DISTRICTS_A
        self.roads = ROADS_B if heldout else ROADS_A
        self.estates = ESTATES_B if heldout else ESTATES_A
        self.villages = VILLAGES_B if heldout else VILLAGES_A
        self.tricky = TRICKY_B if heldout else TRICKY_A
        if fresh:
            self.surnames, self.given, self.districts = SURNAMES_C, GIVEN_C, DISTRICTS_C
            self.roads, self.estates, self.villages = ROADS_C, ESTATES_C, VILLAGES_C
            self.tricky = TRICKY_C


class Filler:
    """One generated item's slots: what the caller is, and a fresh value for every other slot."""

    def __init__(self, rng: random.Random, pools: Pools) -> None:
        self.rng = rng
        self.p = pools
        self.caller = self.name()
        self.caller_phone = self.mobile_digits()
        self.caller_addr = self.house_address()
        self.known_used = False

    # -- names ------------------------------------------------------------------------------
    def name(self) -> str:
        return self.rng.choice(self.p.surnames) + self.rng.choice(self.p.given)

    def surname(self, name: str) -> str:
        return (
            name[:2] if name[:2] in ("欧阳", "司徒", "上官", "诸葛", "慕容", "东方") else name[:1]
        )

    # -- addresses ----------------------------------------------------------------------------
    def num(self, lo: int, hi: int, cn_ok: bool = True) -> str:
        n = self.rng.randint(lo, hi)
        return cn_num(n) if cn_ok and self.rng.random() < 0.3 else str(n)

    def house_address(self) -> tuple[str, str]:
        """(admin prefix, house-level part) of an address."""
        r = self.rng
        prefix = r.choice(CITIES) + r.choice(self.p.districts)
        kind = r.random()
        if kind < 0.4:
            part = r.choice(self.p.roads) + r.choice(ROAD_KINDS) + f"{r.randint(1, 399)}号"
            if r.random() < 0.3:
                part += f"{r.randint(1, 12)}栋{r.randint(101, 1805)}"
                part += r.choice(["室", "房", ""])
        elif kind < 0.75:
            part = r.choice(self.p.estates) + self.num(1, 30) + r.choice(["栋", "幢", "座", "号楼"])
            if r.random() < 0.6:
                part += f"{r.randint(1, 4)}单元"
            part += f"{r.randint(1, 33)}{r.randint(1, 8):02d}" + r.choice(["室", "房", ""])
        else:
            part = r.choice(self.p.villages) + self.num(1, 15) + "组"
            if r.random() < 0.6:
                part += f"{r.randint(1, 120)}号"
        return prefix, part

    def variant(self, addr: tuple[str, str]) -> str:
        """The house-level part as a reply would write it: numerals swapped, floor added."""
        out = []
        for piece in _split_numbers(addr[1]):
            if piece.isdigit() and int(piece) < 100 and self.rng.random() < 0.5:
                out.append(cn_num(int(piece)))
            elif piece and piece[0] in CN and self.rng.random() < 0.7:
                out.append(str(_cn_value(piece)))
            else:
                out.append(piece)
        text = "".join(out)
        if text.endswith("号") and self.rng.random() < 0.3:
            text += self.num(2, 8) + self.rng.choice(["楼", "层"])
        return text

    # -- numbers ------------------------------------------------------------------------------
    def mobile_digits(self) -> str:
        return self.rng.choice(["13", "15", "18", "17", "19"]) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(9)
        )

    def mobile(self, digits: str | None = None) -> str:
        d = digits or self.mobile_digits()
        style = self.rng.random()
        if style < 0.5:
            return d
        if style < 0.65:
            return f"{d[:3]}-{d[3:7]}-{d[7:]}"
        if style < 0.8:
            return f"{d[:3]} {d[3:7]} {d[7:]}"
        if style < 0.9:
            return "+86" + d
        return d.translate(str.maketrans("0123456789", "０１２３４５６７８９"))

    def landline(self) -> str:
        code = self.rng.choice(AREA_CODES)
        local = str(self.rng.randint(2, 8)) + "".join(str(self.rng.randint(0, 9)) for _ in range(7))
        return self.rng.choice([f"{code}-{local}", f"{code}{local}", f"({code}){local}"])

    def id18(self) -> str:
        r = self.rng
        region = r.choice(["441900", "440300", "110105", "320102", "430104", "510107", "441581"])
        born = f"{r.randint(1950, 2005)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        body = region + born + f"{r.randint(0, 999):03d}"
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
        return body + "10X98765432"[total % 11]

    def id15(self) -> str:
        r = self.rng
        born = f"{r.randint(50, 89)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        return f"441900{born}{r.randint(0, 999):03d}"

    def card(self) -> str:
        r = self.rng
        body = r.choice(["622202", "621700", "622848", "623668"]) + "".join(
            str(r.randint(0, 9)) for _ in range(r.choice([9, 12]))
        )
        total = 0
        for i, ch in enumerate(reversed(body)):
            d = int(ch)
            if i % 2 == 0:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        number = body + str((10 - total % 10) % 10)
        if r.random() < 0.3:
            number = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        return number

    def plate(self) -> str:
        r = self.rng
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        head = r.choice("粤粤粤湘赣桂京") + r.choice("SBAC")
        style = r.random()
        if style < 0.3:
            return head + "·" + "".join(str(r.randint(0, 9)) for _ in range(5))
        if style < 0.6:
            return head + r.choice(letters) + "".join(str(r.randint(0, 9)) for _ in range(4))
        return head + r.choice("DF") + "".join(str(r.randint(0, 9)) for _ in range(5))

    def email(self) -> str:
        r = self.rng
        user = r.choice(["zhang", "lily", "dg", "wang.m", "a_ming", "hotmail_user"]) + str(
            r.randint(1, 9999)
        )
        return f"{user}@{r.choice(['qq.com', '163.com', 'outlook.com', 'dg.gov.cn'])}"

    def uscc(self) -> str:
        r = self.rng
        chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
        body = "91441900" + "".join(r.choice(chars) for _ in range(9))
        total = sum(chars.index(c) * w for c, w in zip(body, weights, strict=True))
        return body + chars[(31 - total % 31) % 31]

    # -- not personal ------------------------------------------------------------------------
    def not_personal(self, slot: str) -> str:
        r = self.rng
        return {
            "AMOUNT": lambda: r.choice(
                [
                    f"{r.randint(2, 90)}000元",
                    f"{r.randint(1, 30)}.5万元",
                    f"{r.randint(1200, 9800)}元",
                    f"人民币{r.randint(10, 99)}万元",
                ]
            ),
            "DATE": lambda: r.choice(
                [
                    f"2026年{r.randint(1, 12)}月{r.randint(1, 28)}日",
                    f"2026{r.randint(1, 12):02d}{r.randint(1, 28):02d}",
                    f"{r.randint(1, 12)}月{r.randint(1, 28)}日晚上{r.randint(8, 11)}点",
                ]
            ),
            "CASENO": lambda: f"2026-{r.randint(1, 12):02d}-{r.randint(1, 999999):06d}",
            "ROOMS": lambda: r.choice(
                [
                    f"{r.randint(2, 4)}室{r.randint(1, 2)}厅",
                    f"{r.randint(60, 160)}平方米",
                    f"{r.randint(3, 40)}户",
                    f"{r.randint(2, 30)}层高",
                ]
            ),
            "USCC": self.uscc,
            "ORG": lambda: r.choice(ORGS),
            "ROAD": lambda: r.choice(self.p.roads) + r.choice(["路", "大道"]),
            "ESTATE": lambda: r.choice(self.p.estates),
            "DISTRICT": lambda: r.choice(self.p.districts),
            "HOURS": lambda: f"{r.randint(1, 9)}个小时",
            "COUNT": lambda: f"{r.randint(3, 300)}名",
            "TRICKY": lambda: r.choice(self.p.tricky).replace("{n}", str(r.randint(2, 30))),
        }[slot]()

    def fill(self, slot: str) -> tuple[str, Spans]:
        """The text of one slot and its personal spans, relative to the slot."""
        r = self.rng
        whole: Callable[[str, str], tuple[str, Spans]] = lambda t, k: (t, [(0, len(t), k)])  # noqa: E731
        if slot == "CALLER":
            return whole(self.caller, "name")
        if slot == "NAME":
            return whole(self.name(), "name")
        if slot in ("SAL", "CALLER_SAL"):
            name = self.caller if slot == "CALLER_SAL" else self.name()
            return whole(self.surname(name) + r.choice(TITLES), "name")
        if slot == "HANDLE":
            return whole(r.choice(HANDLES), "name")
        if slot == "BIZ":
            owner = self.name()
            prefix = r.choice(["东莞市", "东莞市南城", "", "厚街"])
            text = prefix + owner + r.choice(BIZ)
            return text, [(len(prefix), len(prefix) + len(owner), "name")]
        if slot in ("ADDR", "CALLER_ADDR", "CALLER_ADDR_V"):
            addr = self.caller_addr if slot != "ADDR" else self.house_address()
            part = self.variant(addr) if slot == "CALLER_ADDR_V" else addr[1]
            prefix = addr[0] if r.random() < 0.6 else ""
            if slot == "CALLER_ADDR_V" and prefix:
                prefix = prefix.replace("广东省", "").replace("东莞市", "").replace("镇", "")
            return prefix + part, [(len(prefix), len(prefix) + len(part), "address")]
        if slot == "CALLER_PHONE":
            return whole(self.mobile(self.caller_phone), "number")
        numbers = {
            "MOBILE": self.mobile, "LANDLINE": self.landline, "ID18": self.id18, "ID15": self.id15,
            "CARD": self.card, "PLATE": self.plate, "EMAIL": self.email,
        }  # fmt: skip
        if slot in numbers:
            return whole(numbers[slot](), "number")
        return self.not_personal(slot), []


def _split_numbers(text: str) -> list[str]:
    import re

    return [p for p in re.split(f"([0-9]+|[{CN}十]+)", text) if p]


def _cn_value(word: str) -> int:
    if "十" in word:
        tens, _, ones = word.partition("十")
        return (CN.index(tens) if tens else 1) * 10 + (CN.index(ones) if ones else 0)
    return int("".join(str(CN.index(c)) for c in word))

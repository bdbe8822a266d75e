"""Names of people for the personal-data detector: salutations (张先生, 李老师, 王科长 → 某先生
…; the surname must start a word, so 保安大爷 stays), handles (网友"…", 昵称"…"), names after
words that introduce a person (我叫, 本人, 市民, 业主, 联系人, 邻居, 老板 …), a person's name
inside a business name (东莞市张建国五金店), and the segmenter's words — dictionary names (nr),
words the dictionary does not know, and a lone surname joined to the given name split off
(唐|志强) — when they start with a real surname and are not a place (沙田君悦, 华府3栋, 张家村:
a word followed by a noun or a number, or ending like a place), which finds third parties. The
case's own caller names are found exactly and in their surname forms. Marks: a full name →
surname + 某 (张某); a salutation → 某 + the form of address (某先生); a handle → 某某. Pure
rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_SINGLE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "阎蔺茅燕鄢幸邰帅郁隆植劳揭禹郜滑晋印冼湛练利"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
             "司徒", "夏侯", "端木", "长孙", "宇文", "轩辕", "呼延", "钟离")  # fmt: skip
SURNAMES = frozenset(_SINGLE)
_TITLES = (
    "先生|女士|小姐|老师|师傅|阿姨|大爷|大妈|大姐|大哥|同志|经理|老板|主任|律师|医生|老人|"
    "奶奶|爷爷|伯|叔|科长|局长|处长|所长|站长|队长|书记|院长|校长|村长|组长|社长|董事长|总经理|"
    "会计|警官|护士"
)
_TITLE_AT = re.compile(f"(?:{_TITLES})")
"""A form of address where the text continues (compiled once: three rules ask it per word)."""
_SUR = "(?:" + "|".join(_COMPOUND) + f"|[{_SINGLE}])"
SALUTATION = re.compile(f"({_SUR})({_TITLES})")
HANDLE = re.compile(
    r"(?:网友|网名|昵称|微信名|用户名|ID为?)[::]?\s*([\"“'‘「『])([^\"”'’」』\n]{1,20})([\"”'’」』])"
)
_INTRO = (
    "我叫|我是|本人|市民|业主|联系人|投诉人|来电人|反映人|来信人|姓名|名叫|叫做|租户|房东|"
    "工友|邻居|老板|负责人|法人|经办人|承包人|包工头|工头|户主|住户|女儿|儿子|父亲|母亲|丈夫|妻子|"
    "老伴|亲属|当事人|委托人|代理人|店主|车主|经理|主任|科长|队长|站长|所长|书记|村长|组长|会计|"
    "保安|司机|厨师|医生|律师|员工|工人|同事|朋友|同学|老乡|签收人|申请人|被申请人|债务人|"
    "老人|家人|亲戚|外婆|外公|爷爷|奶奶|孩子|小孩|学生|患者|病人|伤者|村民|居民|租客|写信人|"
    "收款人|付款人|收件人|寄件人|来访人|举报人|报案人|证人|见证人|户名|开户名"
)
INTRODUCED = re.compile(f"(?:{_INTRO})[::是为]?\\s*({_SUR}[\u4e00-\u9fff]{{1,2}})")
_TRADES = (
    "五金|便利|士多|餐馆|餐厅|饭店|酒家|大排档|排档|烧腊|烧烤|汽修|汽配|修车|服装|制衣|鞋|建材|装饰|装修|美容|"
    "美发|理发|诊所|药店|药房|超市|商店|商行|百货|水果|粮油|批发|电器|家具|五金|布行|茶行|食杂|麻辣烫|面馆|"
    "快餐|小吃|奶茶|废品|回收|物流|搬家|家政|维修|加工|印刷|电子|塑胶|模具|五金交电"
)
BUSINESS = re.compile(
    f"({_SUR}[\u4e00-\u9fff]{{1,2}}?)(?:{_TRADES})+(?:店|厂|部|室|院|所|行|馆|档|公司|经营部|工作室|中心|站|铺)?"
)
_NOT_GIVEN = set("的了是在和与及等说称向对把被从到于也都就还要会能先女某们")
"""Characters that end a name rather than belong to it (张三说 → 张三)."""
_NOT_NAMES = frozenset(
    "王府 黄金 高温 高速 高楼 高层 金额 石材 林地 江边 路面 路灯 路口 万元 钱款 文明 明显 安全 "
    "安装 安排 方便 方面 方案 华为 时间 时候 程序 周末 周边 周围 马路 马上 白天 黄色 高峰 常年 "
    "常常 温度 康复 施工 牛奶 关于 关注 关心 关键 单位 成本 成都 全部 全面 应该 和谐 明天 明年 "
    "向阳 向前 于是 任何 任务 黎明 包括 包工头 宁可 尚未 连续 连接 景观 党员 宫殿 卫生 米饭 宗旨 "
    "谢谢 感谢 阳光 华庭 雅居 易于 齐全 万达 金地 龙湖 碧桂园 保利 华润 招商 朱门 毛坯 司机 "
    "师傅 老师 经理 邻居 业主".split()
)
_PLACE_AFTER = re.compile(
    r"^(?:小区|花园|苑|园|社区|村|路|街|大道|巷|大厦|广场|公寓|新村|镇|城|湾|府|雅居|华庭|山庄|家园|居|阁|庭"
    r"|火车站|车站|站|一带|那边|片区|方向|地区|中心|医院|公园|学校|中学|小学|街道|工业区|水库|码头"
    r"|附近|周边|沿线|路段|路口)"
)


_PLACE_ENDS = tuple("区镇市县村路街乡省园苑府庭湾城阁居山湖河桥江港岛")


def _place_like(word: str) -> bool:
    return word.endswith(_PLACE_ENDS)


def surname_of(name: str) -> str:
    """The surname of a Chinese full name (compound surnames too)."""
    return name[:2] if name[:2] in _COMPOUND else name[:1]


def _trim(name: str) -> str:
    sur = surname_of(name)
    given = name[len(sur) :]
    for i, ch in enumerate(given):
        if ch in _NOT_GIVEN:
            given = given[:i]
            break
    return sur + given


def full_name_mark(name: str) -> str:
    """张建国 → 张某; anything not starting with a surname → 某某."""
    sur = surname_of(name)
    return sur + "某" if (sur in _COMPOUND or sur in SURNAMES) and len(name) > len(sur) else "某某"


def find_names(
    folded: str, tagged: list[tuple[int, str, str]]
) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, mark, priority) of every name found in the text."""
    for m in HANDLE.finditer(folded):
        if "某" not in m.group(2):
            yield m.start(2), m.end(2), "某某", 3
    starts: set[int] | None = None  # built when a rule needs it: most texts match neither
    for m in SALUTATION.finditer(folded):
        if starts is None:
            starts = {at for at, _, _ in tagged}
        if m.start() in starts:  # 保安大爷 is not a 安 being addressed
            yield m.start(), m.end(), "某" + m.group(2), 2
    words_at: dict[int, tuple[str, str]] | None = None
    for m in INTRODUCED.finditer(folded):
        if words_at is None:
            words_at = {at: (word, flag) for at, word, flag in tagged}
        name = _trim(m.group(1))
        last = m.start(1) + len(name) - 1
        word, flag = words_at.get(last, ("", "x"))
        if len(name) == len(surname_of(name)) + 2 and len(word) >= 2 and flag not in ("un", "x"):
            name = name[:-1]  # 房东曾芳|拖欠: a known word starts at the third character
        ok = len(name) > len(surname_of(name))
        ok = ok and not _TITLE_AT.match(folded[m.start(1) + len(surname_of(name)) :])
        if ok and "某" not in name and name not in _NOT_NAMES and not _place_like(name):
            if not _PLACE_AFTER.match(folded[m.start(1) + len(name) :]):
                yield m.start(1), m.start(1) + len(name), full_name_mark(name), 2
    for m in BUSINESS.finditer(folded):
        name = m.group(1)
        if "某" not in name and name not in _NOT_NAMES:
            yield m.start(1), m.end(1), full_name_mark(name), 2
    joined = _joined(tagged)
    for k, (at, word, flag) in enumerate(joined):
        next_flag = joined[k + 1][2] if k + 1 < len(joined) else "x"
        if next_flag in _MODIFIED and flag != "joined":
            continue  # 沙田|君悦, 华府|3栋: a word jieba calls a name that names a place
        if (
            flag not in ("nr", "un", "joined")
            or not 2 <= len(word) <= 4
            or word in _NOT_NAMES
            or "某" in word
        ):
            continue
        sur = surname_of(word)
        if sur not in SURNAMES and sur not in _COMPOUND:
            continue
        if len(word) == 4 and sur not in _COMPOUND:
            continue
        if _place_like(word) or _PLACE_AFTER.match(folded[at + len(word) :]):
            continue  # 碧桂园小区, 张家村: a place named like a person
        if _TITLE_AT.match(word[len(sur) :]):
            continue  # 张先生: the salutation rule marks it
        yield at, at + len(word), full_name_mark(word), 1


_MODIFIED = ("n", "ns", "nz", "un", "nr", "s", "ng", "nt", "m", "q", "zg")
"""Tags of the word after a place name used as a modifier (沙田君悦, 华府3栋)."""
_NEVER_SURNAME = ("x", "m", "eng", "p", "c", "u", "uj", "d", "f", "q")
_STRONG_GIVEN = ("nrfg", "nr", "nz", "un", "a", "vn", "n")
_GIVEN_FLAGS = ("nrfg", "nr", "nz", "a", "n", "ns", "ng", "nrt", "un", "vn")


def _joined(tagged: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """The tags with a lone surname joined to the given name jieba split off (唐|志强)."""
    out: list[tuple[int, str, str]] = []
    i = 0
    while i < len(tagged):
        at, word, flag = tagged[i]
        given, given_flag = tagged[i + 1][1:] if i + 1 < len(tagged) else ("", "")
        if (
            (word in SURNAMES or word in _COMPOUND)
            and (
                flag == "nr"
                or word in _COMPOUND
                or flag not in _NEVER_SURNAME
                and given_flag in _STRONG_GIVEN
            )
            and given_flag in _GIVEN_FLAGS
            and 1 <= len(given) <= 2
            and not _TITLE_AT.match(given)
            and not _PLACE_AFTER.match(given)
            and (len(given) == 2 or given not in _NOT_GIVEN)
        ):
            out.append((at, word + tagged[i + 1][1], "joined"))
            i += 2
            continue
        out.append((at, word, flag))
        i += 1
    return out


def known_names(folded: str, names: tuple[str, ...]) -> Iterator[tuple[int, int, str, int]]:
    """The caller's own names, exact, and their surname + form of address (张先生)."""
    for name in {n.strip() for n in names if len(n.strip()) >= 2}:
        # plain look-ups first: each caller's pattern would be compiled anew (re keeps 512)
        at = folded.find(name)
        while at >= 0:
            yield at, at + len(name), full_name_mark(name), 4
            at = folded.find(name, at + len(name))
        sur = surname_of(name)
        if sur not in folded:
            continue
        for m in _titled(sur).finditer(folded):
            yield m.start(), m.end(), "某" + m.group(1), 4


@lru_cache(maxsize=512)
def _titled(surname: str) -> re.Pattern[str]:
    """The surname followed by a form of address (张先生, 李阿姨)."""
    return re.compile(f"{re.escape(surname)}({_TITLES})")

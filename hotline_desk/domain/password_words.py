"""Words a Chinese office's weak passwords are made of, for ``zxcvbn`` as extra dictionary
entries: its own dictionaries are English, so ``Huawei@123``, ``Beijing@2026`` or a name in
pinyin (``Zhangwei@2026``) would otherwise score as strong.

The lists are deliberately short and plain: common surnames and given-name syllables (and their
combinations, the usual full names), cities, brands, words of affection and of this desk.
"""

from __future__ import annotations

SURNAMES = (
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng "
    "liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye "
    "cheng wei su lu ding ren shen yao jin fu zhong cui tan qian jia"
).split()
GIVEN = (
    "wei fang na min jing li qiang lei jun yang yong yan jie juan tao ming chao xiu xia ping "
    "gang gui hua hui jian ling lan mei ying hong bo bin dan fei hao kai lin long peng qing rui "
    "tian ting xin xue yu yun zhi san si"
).split()
PLACES = (
    "beijing shanghai tianjin chongqing guangzhou shenzhen hangzhou nanjing wuhan chengdu xian "
    "suzhou zhengzhou changsha jinan qingdao shenyang dalian harbin xiamen fuzhou hefei kunming "
    "nanning guiyang lanzhou taiyuan shijiazhuang huhehaote urumqi lasa zhongguo china"
).split()
BRANDS = (
    "huawei xiaomi tencent alibaba baidu taobao weixin wechat qq jingdong lenovo haier oppo vivo "
    "honor meituan douyin"
).split()
WORDS = (
    "woaini aini iloveyou wobuzhidao nihao mima mimamima zhimakaimen kaixin xingfu "
    "admin administrator root system sysadmin manager test user guest welcome "
    "hotline rexian shizhang mayor zhengfu gov gongzuo bangong bangongshi jxj xinxi jingji "
    "qazwsx zaqwsx zaq1wsx 1qaz2wsx qweasd asdfgh zxcvbn 1qaz 2wsx 3edc 4rfv zaq1 xsw2 cde3 qaz "
    "wsx edc wsx3 abcabc abc"
).split()


def context_words() -> list[str]:
    """The extra dictionary, most likely first (zxcvbn ranks a word by its position): the
    desk's and everyday words, then full names (the commonest surname with the commonest given
    names first), then the rest."""
    pairs = sorted(
        ((i + j, s + g) for i, s in enumerate(SURNAMES) for j, g in enumerate(GIVEN)),
        key=lambda p: p[0],
    )
    doubled = [s + g + g for s in SURNAMES[:20] for g in GIVEN[:20]]
    return [*WORDS, *BRANDS, *PLACES, *(n for _, n in pairs), *SURNAMES, *GIVEN, *doubled]


CONTEXT_WORDS = tuple(dict.fromkeys(context_words()))

"""The detector's faster paths give what the plain ones gave (issue 17's import speed): ``fold``
through a cached ``str.translate`` table against the per-character NFKC it replaced, over every
character; the segmenter's cut against ``jieba.cut``; the masked titles of the demo's titles,
the import fixtures' rows and the labelled letters scrubbed with the old fold and cut and with
the new; an import batch's cached search forms and masked titles against ``search_form`` and
``masked_title`` row by row."""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

from hotline_desk.demo import text as demo_text
from hotline_desk.domain.privacy import detector, normal
from hotline_desk.domain.privacy.findings import Known
from hotline_desk.domain.text_input import search_form
from hotline_desk.store import search_index

DATA = Path(__file__).resolve().parent.parent / "data"


def reference_fold(text: str) -> str:
    """``normal.fold`` as it was before the translate table (per character, in Python)."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
            continue
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 else ch)
    return "".join(out)


def test_fold_is_the_per_character_nfkc_for_every_character() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert normal.fold(every) == reference_fold(every)
    assert len(normal.fold(every)) == len(every)  # indices still meet
    assert normal.fold("１３８（０７６９）ＡＢ") == "138(0769)AB"


def _titles() -> list[tuple[str, Known]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from platform_files import row  # the import fixtures' rows

    out: list[tuple[str, Known]] = []
    rng = random.Random(17)
    for code in demo_text.MATTER:
        for year in (2025, 2026):
            for _ in range(20):
                title, content, _ = demo_text.title_and_content(rng, code, year)
                name, phone = demo_text.person_name(rng), demo_text.phone(rng)
                known = detector.caller_known(name, phone, demo_text.address(rng))
                out += [(title, known), (content, known), (f"{name}反映{title}{phone}", known)]
    for i in range(200):
        cells = row(i)
        out.append((str(cells[3]), detector.caller_known(str(cells[5]), str(cells[6]),
                                                         str(cells[8]))))  # fmt: skip
    for name in ("privacy_letters.jsonl", "privacy_letters_fresh.jsonl",
                 "privacy_letters_heldout.jsonl"):  # fmt: skip
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            letter = json.loads(line)
            known = letter.get("known") or {}
            out.append((letter["text"], Known(
                names=tuple(known.get("names", ())), phones=tuple(known.get("phones", ())),
                addresses=tuple(known.get("addresses", ())))))  # fmt: skip
    full_width = "（０７６９－２２３４５６７８）张三丰，身份证４４１９００１９８５０３１２００３８"
    out.append((full_width, Known()))
    return out


def test_masked_titles_are_those_of_the_old_fold_and_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    import jieba

    from hotline_desk.domain.privacy import segmenter

    titles = _titles()
    new = [detector.scrub(t, k) for t, k in titles]
    segmenter.warm_up()
    monkeypatch.setattr(detector, "fold", reference_fold)
    monkeypatch.setattr(segmenter, "_cut", jieba.cut)  # jieba's own, nothing remembered
    monkeypatch.setattr(segmenter, "_remembered", segmenter._tagged)
    old = [detector.scrub(t, k) for t, k in titles]
    assert new == old
    assert any(n != t for n, (t, _) in zip(new, titles, strict=True))  # something was masked


def test_a_batch_of_new_cases_gets_each_row_as_written_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    cases = []
    for i in range(60):  # titles, callers and addresses repeating as an import's do
        title, content, _ = demo_text.title_and_content(rng, "QYZC", 2026)
        values = {f: "" for f in search_index.CASE_FIELDS}
        values.update(title=title if i % 3 else "反映张三的问题", content=content,
                      caller_name=["张三", "李四"][i % 2], caller_phone="13812345678",
                      caller_address=demo_text.address(rng) if i % 4 else "高新区创业路18号",
                      platform_ref=f"SZ{i}")  # fmt: skip
        cases.append(SimpleNamespace(id=i + 1, **values))
    sent: list[list[dict[str, object]]] = []
    monkeypatch.setattr(search_index, "bulk_insert", lambda conn, table, rows, **kw:
                        sent.append(rows))  # fmt: skip
    search_index.insert_new(None, cases)  # type: ignore[arg-type]
    alone = [search_index.row_of(c.id, {f: getattr(c, f) for f in search_index.CASE_FIELDS},
                                 form=search_form) for c in cases]  # fmt: skip
    assert sent == [alone]
    assert alone[0]["masked_title"] == "反映张某的问题"


def test_a_remembered_title_cuts_as_jieba_cuts_it() -> None:
    from hotline_desk.domain.privacy import segmenter

    texts = [t for t, _ in _titles()]
    for text in texts + texts:  # the second time from memory (titles), letters never
        words = segmenter.tag(text)
        assert words == list(segmenter._tagged(text))
        assert "".join(w for _, w, _ in words) == text
    assert segmenter._remembered.cache_info().hits >= sum(
        1 for t in texts if len(t) <= segmenter.SHORT
    )


ALPHABET = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "第号楼栋单元室小区花园村组镇路街道张王李刘陈杨赵黄周吴徐孙胡朱林何郭马罗梁宋郑谢韩唐冯于董萧"
    "程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛"
    "0123456789ABCabcxyz（）()，。、；：！？ \n\t-_/+#&.%@"
)


def test_the_segmenter_cuts_as_jieba_cuts() -> None:
    import jieba

    from hotline_desk.domain.privacy import segmenter

    cut = segmenter._load()
    rng = random.Random(17)
    texts = [normal.fold(t) for t, _ in _titles()]
    texts += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 80)))
              for _ in range(5000)]  # fmt: skip
    texts += ["", " ", "\n\n", "ａｂｃ１２３", "😀张三😀", "路" * 50]
    for text in texts:
        assert cut(text) == list(jieba.cut(text)), text

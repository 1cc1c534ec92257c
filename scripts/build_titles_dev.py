"""Draft the titles dev set (tests/data/titles_dev/) from People's Daily 1998-01 POS data.

Run from the repo root: ``python scripts/build_titles_dev.py [DATA_DIR]``. The drafts were
then reviewed by hand (see docs/titles.md for the corrections); do not re-run over a
reviewed set without re-applying them.

Source: ``people_daily_1998/199801-test.txt`` (PKU tags; free for research, cite
人民日报社新闻信息中心/北京大学计算语言学研究所/富士通). A sentence is taken when a person (``nr``)
stands next to a position noun (ending in a title head): ``ORG TITLE NAME`` (``[国务院/nt 台湾/ns
事务/n 办公室/n]/nt 主任/n 陈云林/nr``), ``TITLE NAME、NAME``, or ``NAME TITLE`` (``江泽民/nr
主席/n``). The organisation is the run of ``nt``/``ns``/``n``/``j`` words (or one ``[...]/nt``
compound) right before the title; modifiers (``副/b``, ``第一/m``, ``常务``) join the title.
Second source, held out: sentences of CLUENER2020 ``cluener/dev.json`` (Sina news, 2008-era)
where a ``position`` span stands next to a ``name`` span and an organisation label, picked by
hand for government/institution news and annotated by hand in ``CLUENER_GOLD`` (CLUENER's
own spans follow other conventions: ``姜伟`` for the name 姜伟新, orgs cut short).
Gold is written in SCHEMA §1 form with ``"entities": null`` (people and titles only).
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests/data/titles_dev"
DEV2 = ROOT / "tests/data/titles_dev2"  # first scored once as held out; now a dev set (docs/titles.md)
HEAD = re.compile(r"(长|主任|书记|委员|主席|总理|总统|代表|记者|发言人|秘书|总裁|董事|经理|教授|院士|"
                  r"大使|部长|司令员|司令|政委|参赞|首相|国务委员|干事|专员|议员|顾问|理事)$")
MODS = {"副", "常务", "第一", "执行", "首席", "代", "原", "前", "名誉"}
ORG_FLAGS = {"nt", "ns", "n", "j", "nz"}
# Hand review (docs/titles.md): titles the tag rules miss or get wrong, per document and person.
# A person listed here gets exactly these (title, org[, org_also]) entries.
REVIEWED: dict[str, dict[str, list[tuple]]] = {
    "pd199801_02": {"张立昌": [("书记", "市委"), ("市长", None)],
                    "安德烈·科科申": [("军事总监", "俄罗斯联邦"), ("秘书", "国防会议")]},
    "pd199801_03": {"阿拉法特": [("主席", "巴勒斯坦自治政府")], "奥尔布赖特": [("国务卿", None)],
                    "蔡方柏": [("大使", "中国驻法国", ["中国"])]},
    "pd199801_04": {"曼·莫汉·阿迪卡里": [("主席", "尼共（联合马列）")],
                    "马文普": [("代表", "中共"), ("副部长", "中联部")],
                    "勒布朗": [("总督", None)],
                    "科普捷夫": [("局长", "宇航", ["宇航局"])]},
    "pd199801_05": {"科普捷夫": [("局长", "宇航", ["宇航局"])]},
    "pd199801_06": {"江泽民": [("总书记", "中共中央"), ("国家主席", None), ("主席", "中央军委")]},
    "pd199801_07": {"徐敦信": [("大使", "中国驻日本", ["中国"])]},
    "pd199801_08": {"马振岗": [("大使", "中国驻英国", ["中国"])],
                    "李辉": [("大使", "中国驻哈", ["中国"])],
                    "金大中": [("当选总统", "韩国")],
                    "尼扎尔·哈姆敦": [("常驻联合国代表", "伊拉克")],
                    "库克": [("外交大臣", "英国", ["欧盟轮值主席国英国"])]},
    # held-out documents, reviewed before the system was run on them
    "pd199801_09": {"王君超": [("记者", None)], "宗焕平": [("记者", "新华社")]},
    "pd199801_10": {"奥尔布赖特": [("国务卿", "美国")]},
    "pd199801_11": {"马振岗": [("大使", "中国驻英", ["中国"])],
                    "三塚博": [("大藏大臣", "日本")],
                    "华楠": [("主任", "八纵队师政治部"), ("副主任", "总政治部")],
                    "李耀文": [("政委", "八纵队师"), ("政委", "解放军海军")]},
}
# line index in cluener/dev.json → [(name, title, org[, org_also])], annotated by hand
CLUENER_GOLD: dict[int, list[tuple]] = {
    13: [("沈东军", "总裁", "通灵珠宝")],
    99: [("张涛", "副局长", "公安部经济犯罪侦查局")],
    138: [("石秀诗", "主任委员", "全国人大财政经济委员会")],
    147: [("刘忠维", "执行董事", "广州乾朗珠宝有限公司")],
    254: [("朱琦", "副行长", "招行"), ("朱琦", "行长", "永隆")],
    494: [("翟宝辉", "处长", "建设部政策研究中心城乡规划建设处")],
    501: [("育亭·维沙蓬", "会长", "老挝家具协会")],
    504: [("顾云昌", "副会长", "中国房地产及住宅研究会")],
    511: [("陈凌孚", "副校长", "南师大"), ("王慧芬", "书记", "江苏省文联党组")],
    528: [("姜伟新", "部长", "住房和城乡建设部")],
    529: [("潘石屹", "董事长", "soho中国")],
    541: [("宋建新", "副司长", "中华人民共和国新闻出版总署科技与数字出版司")],
    550: [("黄福华", "会长", "省古典工艺家具协会")],
    551: [("周富强", "副局长", "老河口市房产管理局")],
    638: [("倪以理", "董事", "麦肯锡香港分公司")],
    650: [("张玉鑫", "处长", "上海市规划和国土局详规处")],
    703: [("张新生", "副主任", "市商务委")],
    729: [("张卫国", "所长", "山东社会科学院经济研究所")],
    771: [("冀岩", "副主任", "市住建委")],
    776: [("周野", "常务理事", "省收藏文化研究会")],
    784: [("王为民", "主任", "天津市宝坻石桥工业园区管理委员会")],
    825: [("焦善伟", "高级研究员", "中华粮网")],
    842: [("温家宝", "总理", "国务院")],
    851: [("开彦", "委员", "建设部住宅及产业现代化技术专家委员会")],
    963: [("张大伟", "总监", "美联物业市场研究部")],
    969: [("李力", "总经理", "中诚信国际金融机构部")],
    1013: [("王牧天", "副总经理", "平安银行信用卡中心")],
    1029: [("张秀琴", "司长", "教育部国际合作与交流司")],
    1046: [("冷山德", "主任", "市住房保障管理中心")],
    1161: [("尹中立", "副研究员", "中国社科院金融研究所")],
    1181: [("彭冰", "教授", "北京大学法学院")],
    1248: [("曾世民", "副总经理", "湖南信托")],
    1268: [("于有斌", "副县长", "张家口崇礼县政府")],
    1271: [("刘宝瑞", "副行长", "深圳发展银行")],
    1289: [("毛寿龙", "所长", "中国人民大学行政管理学研究所")],
}
PER_DOC = 20
MAX_DOCS = 8
DEV2_DOCS = 3


def parse(line: str) -> list[tuple[str, str]]:
    """Tokens as (word, flag); a ``[a/x b/y]/nt`` compound becomes one (ab, nt) token."""
    out: list[tuple[str, str]] = []
    buf: list[str] | None = None
    for raw in line.split():
        if raw.startswith("[") and buf is None:
            buf = []
            raw = raw[1:]
        m = re.match(r"^(.*)/([A-Za-z]+)(?:\](/[A-Za-z]+))?$", raw)
        if not m:
            continue
        word, flag, close = m.group(1), m.group(2), m.group(3)
        if buf is not None:
            buf.append(word)
            if close:
                out.append(("".join(buf), close[1:]))
                buf = None
            continue
        out.append((word, flag))
    return out


def phrases(toks: list[tuple[str, str]]) -> list[tuple[str, str, str | None]]:
    """(person, title, org) triples the tags show."""
    found = []
    for i, (w, f) in enumerate(toks):
        if f != "nr":
            continue
        j = i - 1
        # a name after 、 shares the titles of the names before it (国务院副总理李岚清、钱其琛)
        while j >= 1 and toks[j][0] == "、" and toks[j - 1][1] == "nr":
            j -= 2
        if j >= 0 and toks[j][1] == "n" and HEAD.search(toks[j][0]):
            t_end = j
            k = j - 1
            while k >= 0 and toks[k][0] in MODS:
                k -= 1
            title = "".join(x for x, _ in toks[k + 1:t_end + 1])
            o = k
            while o >= 0 and toks[o][1] in ORG_FLAGS and not HEAD.search(toks[o][0]):
                o -= 1
            org = "".join(x for x, _ in toks[o + 1:k + 1]).lstrip("电讯") or None
            if o >= 0 and toks[o][0] == "驻":
                org = None  # 本报驻美国记者: stationed there, not a member of it
            found.append((w, title, org))
        if i + 1 < len(toks) and toks[i + 1][1] == "n" and HEAD.search(toks[i + 1][0]):
            found.append((w, toks[i + 1][0], None))
    return found


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared/data"
    lines = (data / "people_daily_1998/199801-test.txt").read_text(encoding="utf-8").splitlines()
    picked = []
    for line in lines:
        toks = parse(line)
        ph = phrases(toks)
        if ph:
            picked.append(("".join(w for w, _ in toks), ph))
    n_dev = write(picked[:MAX_DOCS * PER_DOC], OUT, 0)
    n_held = write(picked[MAX_DOCS * PER_DOC:(MAX_DOCS + DEV2_DOCS) * PER_DOC], DEV2, MAX_DOCS)
    n_clue = write_cluener(data, DEV2)
    print(f"{n_dev} phrases -> {OUT}; {n_held} + {n_clue} (CLUENER) phrases -> {DEV2}")
    return 0


def write_cluener(data: Path, out: Path) -> int:
    """Two documents of hand-annotated CLUENER dev sentences."""
    lines = (data / "cluener/dev.json").read_text(encoding="utf-8").splitlines()
    picks = sorted(CLUENER_GOLD)
    half = (len(picks) + 1) // 2
    n = 0
    for d, chunk in enumerate((picks[:half], picks[half:]), 1):
        text = "\n".join(json.loads(lines[i])["text"] for i in chunk) + "\n"
        people: dict[str, dict] = {}
        for i in chunk:
            for g in CLUENER_GOLD[i]:
                p = people.setdefault(g[0], {"name": g[0], "aliases": [], "titles": []})
                p["titles"].append({"title": g[1], "org": g[2], **({"org_also": g[3]} if len(g) > 3 else {})})
                n += 1
        name = f"cluener_{d:02d}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        write_gold(out, name, text, people)
    return n


def write_gold(out: Path, name: str, text: str, people: dict[str, dict]) -> None:
    """NAME.gold.json in SCHEMA §1 form, scored for titles only."""
    gold = {"doc_id": name, "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "entities": None, "people": list(people.values()), "quotes": None}
    (out / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")


def write(picked: list, out: Path, first: int) -> int:
    """Documents of PER_DOC sentences with their gold; returns the number of title entries."""
    out.mkdir(parents=True, exist_ok=True)
    n_phrases = 0
    for d in range(first, first + len(picked) // PER_DOC):
        chunk = picked[(d - first) * PER_DOC:(d - first + 1) * PER_DOC]
        text = "\n".join(t for t, _ in chunk) + "\n"
        people: dict[str, dict] = {}
        for _, ph in chunk:
            for name, title, org in ph:
                if len(name) < 2:
                    continue  # 江主席: a surname mention of a full name elsewhere
                p = people.setdefault(name, {"name": name, "aliases": [], "titles": []})
                t = {"title": title, "org": org}
                if t not in p["titles"]:
                    p["titles"].append(t)
        name = f"pd199801_{d + 1:02d}"
        for p in people.values():  # 叶利钦总统 beside 俄罗斯总统叶利钦: one position
            with_org = {t["title"] for t in p["titles"] if t["org"]}
            p["titles"] = [t for t in p["titles"] if t["org"] or t["title"] not in with_org]
        for pname, fixed in REVIEWED.get(name, {}).items():
            p = people.setdefault(pname, {"name": pname, "aliases": [], "titles": []})
            p["titles"] = [{"title": f[0], "org": f[1], **({"org_also": f[2]} if len(f) > 2 else {})}
                           for f in fixed]
        n_phrases += sum(len(p["titles"]) for p in people.values())
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        write_gold(out, name, text, people)
    return n_phrases


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

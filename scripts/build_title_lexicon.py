"""Derive ``src/zhpolicy_nlp/lexicons/titles.txt`` from the public lexicons in ../shared/data.

Run from the repo root: ``python scripts/build_title_lexicon.py [DATA_DIR]``.

Sources (counts are how often the string was labelled/seen in each corpus):
- ``lexicons/pd199801/title_candidates.tsv`` (People's Daily 1998-01, suffix rule), count >= 2
- ``lexicons/cluener_position.tsv`` (CLUENER2020 ``position`` spans), count >= 2
- ``lexicons/resume_title.tsv`` (Resume NER ``TITLE`` spans), count >= 3
A candidate is kept when it ends in a title head (``HEADS``), is 2-7 characters of CJK or
Latin letters, is not an organisation unit glued to a title (``财务部经理``, ``国防部长``: the
schema splits those into org + title), and is not in the hand-reviewed ``REJECT`` list
(generic groups, occupations that are not positions, segmentation artefacts). ``HAND`` adds
positions the corpora lack, written from knowledge of Chinese institutions, including the
foreign-minister forms news uses as one word (国防部长, 外交部长: ``美国国防部长`` reads as
org 美国 + title 国防部长, as People's Daily tags them).
Each output line is ``title<TAB>source``, so every entry says where it came from.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/zhpolicy_nlp/lexicons/titles.txt"

SOURCES = (  # (file under DATA_DIR/lexicons, tag, minimum count)
    ("pd199801/title_candidates.tsv", "pd199801", 2),
    ("cluener_position.tsv", "cluener", 2),
    ("resume_title.tsv", "resume", 3),
)

HEADS = (
    "长", "主任", "书记", "委员", "主席", "总理", "总统", "代表", "记者", "发言人", "秘书",
    "总裁", "董事", "经理", "教授", "院士", "博士", "大使", "参赞", "领事", "公使", "司令",
    "司令员", "政委", "首相", "议员", "顾问", "理事", "监事", "总监", "主编", "编辑", "专员",
    "研究员", "工程师", "经济学家", "科学家", "律师", "法官", "检察官", "干事", "特派员",
    "巡视员", "调研员", "主持人", "创始人", "合伙人", "讲师", "教练", "主帅", "国务委员",
    "常委", "通讯员", "国王", "女王", "总督", "审计师", "会计师", "经济师", "首席执行官",
    "CEO", "ceo", "CFO", "CTO", "COO", "总编辑", "分析师",
)

# Organisation units: "<unit><title>" with a non-modifier prefix is org + title, not a title.
UNIT_TITLE = re.compile(
    r"^(?!(?:副|常务|执行|代|名誉|第一)*$)(.+?)"
    r"(部|局|处|科|厅|办|室|所|司|中心|公司|集团|支部|总支|党委|纪委|工会|团委|董事会|监事会|"
    r"车间|大学|学院|系|党组|分党组|事务所)"
    r"(长|部长|局长|经理|主任|书记|秘书|主席|会计|主管|负责人|委员|成员|副.+|总.+|主任.+)$"
)

# Bodies that name a position's organisation (``浏阳市委书记`` = 浏阳市委 + 书记, SCHEMA §2).
BODY_PREFIX = re.compile(r"^(党委|党组|纪委|团委|工会|监事会|董事会|车间|市委|省委|县委|区委|政协|"
                         r"人大|中央|全国|国务院|俄罗斯|重庆|项目)")

REJECT = frozenset("""
家长 全长 特长 波长 专长 兄长 首长 伪县长 名记者 铁法官 省市长 乡镇长 会议员 官室长 官房长
不管部长 能矿部长 道班长 使团长 卫士长 司务长 生产队长 党小组长 工长 班长 连长 机长 船长
舰长 驱逐舰长 列车长 警长 总长 站长 场长 盟长 股长 课长 室长 分局长 事务部长
公安局长 劳动局长 管理局长 税务所长
实习记者 见习记者 实习编辑 新闻记者 代理律师 理财经理 客户经理 营销经理 销售经理 项目经理
高级策划经理 助理教练 心理辅导老师 职业选手 中国注册会计师 注册会计师 会计师 助理会计师
主任会计师 副主任会计师 高级会计师 经济师 助理经济师 高级经济师 审计师 高级审计师 工程师
助理工程师 高级工程师 教授级高级工程师 主持人 编辑 分析师 律师 讲师 教练 主帅
副主任专家组长 付总经理 大学教授 合伙人律师 宏观分析师 环保顾问 置业顾问 业务经理 店长 车长
副班长 党代表 第一届董事会董事 董事会董事 职工代表监事 职工监事 职工董事 外部董事 会计学教授 兼职教授
""".split())

HAND = """
总书记 国家主席 副主席 委员长 副委员长 总理 副总理 国务委员 秘书长 副秘书长 常务副秘书长
部长 副部长 主任 副主任 常务副主任 局长 副局长 司长 副司长 巡视员 副巡视员 一级巡视员
二级巡视员 署长 副署长 行长 副行长 省长 副省长 常务副省长 市长 副市长 常务副市长 县长
副县长 区长 副区长 镇长 乡长 书记 副书记 常委 委员 主席 院长 副院长
执行院长 常务副院长 检察长 副检察长 厅长 副厅长 处长 副处长 科长 主任委员 发言人
新闻发言人 大使 总领事 参赞 特使 特别代表 代表 院士 教授 副教授
研究员 副研究员 博士 博士后 记者 通讯员 总经理 副总经理 董事长 副董事长 董事 总裁
副总裁 执行副总裁 首席执行官 首席技术官 首席财务官 首席经济学家 首席科学家 总工程师
理事长 副理事长 会长 副会长 校长 副校长 总会计师 CEO CFO CTO COO
常任秘书 助理秘书长 副总统 总统 首相 外长 议长 州长 总督 主编 总编辑 社长 馆长 所长 台长
党组成员 行政长官 国务卿 国防部长 外交部长 财政部长 内政部长 司法部长 外交大臣 财政大臣 国防大臣 大臣
创始人 法定代表人 主任医师 局长助理 部长助理 总经理助理 总裁助理 董事会秘书
代表性传承人 代表传承人 传承人 村支书 村民小组长 警官 总指挥 副总指挥 队长 组长 领队 副领队 讲师
学部委员 特别助理 组织部长 宣传部长 统战部长 旅长 舰长 艇长
""".split()


def read_counts(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        try:
            out[parts[0].strip()] = int(float(parts[1]))
        except ValueError:
            continue  # header line
    return out


def acceptable(t: str) -> bool:
    """Why: keep atomic positions only; compounds with an org unit are split at run time."""
    if not (2 <= len(t) <= 7) or t in REJECT:
        return False
    if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", t):
        return False
    if not t.endswith(HEADS):
        return False
    return not UNIT_TITLE.match(t) and not BODY_PREFIX.match(t)


def build(data_dir: Path) -> list[tuple[str, str]]:
    found: dict[str, list[str]] = {}
    for rel, tag, min_count in SOURCES:
        for t, n in read_counts(data_dir / "lexicons" / rel).items():
            if n >= min_count and acceptable(t):
                found.setdefault(t, []).append(f"{tag}:{n}")
    for t in HAND:
        found.setdefault(t, []).append("hand")
    return sorted(((t, ",".join(src)) for t, src in found.items()),
                  key=lambda x: (-len(x[0]), x[0]))


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared/data"
    rows = build(data_dir)
    header = [
        "# Atomic titles (positions) used by the titles stage; one per line: title<TAB>source.",
        "# Generated by scripts/build_title_lexicon.py from ../shared/data/lexicons:",
        "#   pd199801 = pd199801/title_candidates.tsv (count>=2), cluener = cluener_position.tsv",
        "#   (count>=2), resume = resume_title.tsv (count>=3); source field gives tag:count.",
        "#   Filtered: ends in a title head, 2-7 CJK/Latin chars, no org unit glued on, hand-reviewed",
        "#   reject list (generic groups, occupations, artefacts). hand = hand-written from",
        "#   knowledge of Chinese institutions. Modifiers (副/常务/执行/…) are title_modifiers.txt.",
    ]
    OUT.write_text("\n".join(header + [f"{t}\t{s}" for t, s in rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} titles -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

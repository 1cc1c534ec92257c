"""Regenerate the derived parts of the entity lexicons from ../shared/data.

Usage: python scripts/build_lexicons.py [--data ../shared/data]

Each output file keeps everything above its ``# === derived`` marker line (the header and the
hand-written entries, each block with its source comment) and rewrites everything below it,
so the derivation is reproducible and hand curation survives a rebuild.

Outputs (src/zhpolicy_nlp/lexicons/): orgs.txt, places.txt, towns.txt, blockers.txt,
not_names.txt, translit_chars.txt (the derived ``dotted`` characters), surnames.txt.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEX = REPO / "src" / "zhpolicy_nlp" / "lexicons"
MARKER = "# === derived"
HAN = re.compile(r"^[\u4e00-\u9fff]+$")

# Derived ORG entries must end with one of these (specific enough to be a body's name).
ORG_ENDINGS = (
    "委员会", "办公室", "办公厅", "总局", "总署", "研究院", "研究所", "研究中心", "中心", "学院",
    "大学", "法院", "检察院", "银行", "集团", "公司", "协会", "学会", "联合会", "基金会", "商会",
    "组织", "通讯社", "新闻社", "报社", "电视台", "出版社", "医院", "科学院", "工程院",
    "部", "委", "局", "厅", "署", "院", "社", "所", "办", "会", "行",
)
# A derived ORG entry must not start with these (generic/deictic: 市住建委, 本公司, 该院).
GENERIC_START = set("市省县区镇乡本该我某各其此这那贵全总分子原前")
# Strings that end like an ORG but are generic or not bodies.
ORG_STOP = {"公司", "本公司", "法院", "政府", "医院", "大学", "学院", "银行", "集团", "委员会",
            "办公室", "中心", "协会", "学会", "工会", "党委", "国务院办", "研究所", "研究院",
            "司令部", "监管当局", "监管部", "行业协会", "俱乐部", "博彩公司", "信息协会", "信托公司",
            "加工协会", "家具协会", "银行协会", "销售公司", "营销公司", "管理学院", "安全部", "华夏西部",
            "口区房产局", "德军总部", "网络战司令部"}
# Place names whose PD-1998 tags are mostly not ns are dropped unless written in full.
PLACE_GENERIC = {"城区", "郊区", "矿区", "新区", "市辖区", "市直辖行政区划", "省直辖县级行政区划",
                 "自治区直辖县级行政区划", "长安", "和平", "太平", "永安", "新华", "中山",
                 "东方", "白山", "通化", "本溪", "长治", "大同", "延安", "开发区", "共和",
                 "大城", "同江", "城中", "城东", "城西", "城南", "城北", "市中", "郊区",
                 "中卫", "朝阳", "马龙", "白沙", "汉堡", "老城区", "新城区", "开发区", "巴马",
                 "河东", "河西", "江北", "江南", "东区", "西区", "南区", "北区", "中区", "西山"}
# Town names that are also common nouns (小城镇 "small towns", 中心镇 "central towns").
TOWN_GENERIC = {"中心镇", "小城镇", "新城镇", "重点镇", "特色镇", "中心乡", "城乡镇"}
# A 3-char jieba word = 2-char place/ORG + one of these is still that place (中国人, 北京队).
BLOCK_OK_TAIL = set("人籍队方省市县区路站港湾岛城军菜话式产版企货商侨航民团")
# Surnames that are also everyday function characters (向中国, 于北京): never a name's start.
# jieba words that look like blockers but cut real names (北京华为, 美国防长).
BLOCK_NEVER = {"北京华", "湖南华", "美国防", "中国芯", "和资阳", "冀馆陶", "学大庆"}
# = ner.rules.ORG_SUFFIX_KINDS (not imported: the script runs without the package installed)
ORG_SUFFIX_KINDS = ("area", "body", "edu", "court", "company", "legal", "venue")
FUNCTION_SURNAMES = set("向于和从以将对在与为把被之所自由同关")
# Derived entries starting with these are extraction noise (时任武汉市检察院, 嘉宾天津…).
NOISE_START = ("时任", "嘉宾", "房地产", "向", "原", "该", "居委会", *"一二三四五六七八九十第")
# Events end like bodies (…会) but are not ORGs (中国国际进口博览会).
EVENT_ENDINGS = ("博览会", "运动会", "大会", "峰会", "论坛", "会议", "交易会", "展览会", "洽谈会",
                 "年会", "奥运会", "世博会", "电影节", "艺术节", "联赛")
# Short (<= 3 chars) derived names with these endings are generic local bodies (统计局, 村委会).
GENERIC_SHORT_END = ("局", "办", "委", "会", "所", "处", "中心", "组织", "公司", "集团")
THUOCL_ENDINGS = ("州", "岛", "湖", "江", "河", "山", "峡", "湾", "半岛", "群岛")


def read_tsv(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return [ln.split("\t") for ln in text.split("\n") if ln.strip()]


def pd_pos(data: Path) -> dict[str, Counter]:
    """word -> Counter(PKU POS tag -> count) over People's Daily 1998-01."""
    out: dict[str, Counter] = defaultdict(Counter)
    for row in read_tsv(data / "lexicons/pd199801/word_pos.tsv")[1:]:
        if len(row) >= 3 and row[2].isdigit():
            out[row[0]][row[1]] += int(row[2])
    return out


def mostly_not_place(word: str, pos: dict[str, Counter]) -> bool:
    c = pos.get(word)
    if not c:
        return False
    return sum(v for k, v in c.items() if k != "ns") > c["ns"]


def write(name: str, entries: list[str], source_lines: list[str], dedupe: bool = True) -> None:
    """Rewrite the part of ``name`` below its marker; with ``dedupe``, words that the
    hand-written part already has are left out (not in a file with kinds, where a derived
    row adds a kind to a hand-written word)."""
    path = LEX / f"{name}.txt"
    head = path.read_text(encoding="utf-8").split(MARKER)[0] if path.exists() else ""
    keep = {ln.split("\t")[0] for ln in head.splitlines() if ln and not ln.startswith("#")
            } if dedupe else set()
    # one entry per word, the first one (a Chinese division before the world list's city)
    first = {e.split("\t")[0]: e for e in reversed(entries)}
    body = [first[w] for w in dict.fromkeys(e.split("\t")[0] for e in entries) if w not in keep]
    text = head + MARKER + " by scripts/build_lexicons.py; do not edit below this line\n"
    text += "".join(f"# {s}\n" for s in source_lines) + "".join(f"{e}\n" for e in body)
    path.write_text(text, encoding="utf-8")
    print(f"{name}: {len(keep)} hand-written + {len(body)} derived")


def jieba_words() -> dict[str, tuple[int, str]]:
    """word -> (frequency, POS tag) in jieba's dictionary."""
    import jieba
    out = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as fh:
        for line in fh:
            f = line.split()
            if len(f) >= 3 and f[1].isdigit():
                out[f[0]] = (int(f[1]), f[2])
    return out


def common_word(w: str, jw: dict[str, tuple[int, str]]) -> bool:
    """A frequent jieba word that is not a name (发展, 比如, 建设)."""
    freq, tag = jw.get(w, (0, "ns"))
    return freq > 3000 and tag not in ("ns", "nr", "nrt", "nz")


def build_places(data: Path, pos: dict[str, Counter]) -> tuple[list[str], list[str]]:
    """(places, towns) from JioNLP's division tree and world list and THUOCL."""
    jw = jieba_words()
    places: list[str] = []
    towns: list[str] = []
    kinds = {0: "province", 1: "city", 2: "county"}
    for line in (data / "lexicons/JioNLP/china_location.txt").read_text(
            encoding="utf-8").replace("\r", "").split("\n"):
        depth = len(line) - len(line.lstrip("\t"))
        f = line.strip("\t").split("\t")
        if not f[0]:
            continue
        if depth == 3 and f[0].endswith(("镇", "乡", "街道")) and HAN.match(f[0]) \
                and len(f[0]) >= 3 and f[0] not in TOWN_GENERIC \
                and not common_word(re.sub("(镇|乡|街道)$", "", f[0]), jw):
            towns.append(f"{f[0]}\ttown")
        if depth > 2:
            continue
        full = f[0]
        if HAN.match(full) and full not in PLACE_GENERIC and 2 <= len(full) <= 12 and not (
                len(full) == 2 and mostly_not_place(full, pos)):
            places.append(f"{full}\t{kinds[depth]}")
        short = f[2] if len(f) > 2 else ""
        if short and short != full and HAN.match(short) and len(short) >= 2 \
                and short not in PLACE_GENERIC and not mostly_not_place(short, pos):
            # county short names only with People's Daily evidence that they are place names
            # and not a common jieba word of another kind (大兴 "promote", 双桥, 高台)
            if depth < 2 or (pos.get(short, Counter())["ns"] > 0 and (
                    len(short) > 2 or jw.get(short, (0, "ns"))[1] in ("ns", "nz", "nr", "nrt"))):
                places.append(f"{short}\t{kinds[depth]}")
    for row in read_tsv(data / "lexicons/JioNLP/world_location.txt"):
        if row[0].endswith(":"):
            continue
        names = [(row[0], "country"), (row[1] if len(row) > 1 else "", "country")]
        names.append((row[2] if len(row) > 2 else "", "foreign_city"))
        names += [(c, "foreign_city") for c in (row[3].split("/") if len(row) > 3 else [])]
        for n, kind in names:
            if HAN.match(n or "x") and len(n) >= 2 and n not in PLACE_GENERIC \
                    and not (kind == "foreign_city" and mostly_not_place(n, pos)):
                places.append(f"{n}\t{kind}")
    for row in read_tsv(data / "lexicons/THUOCL/THUOCL_diming.txt"):
        w = row[0].strip()
        if len(row) > 1 and row[1].strip().isdigit() and int(row[1]) >= 3000 and HAN.match(w) \
                and len(w) >= 3 and w.endswith(THUOCL_ENDINGS) and not mostly_not_place(w, pos):
            places.append(f"{w}\tthuocl")
    return places, towns


def build_blockers(names: set[str]) -> list[str]:
    """3-char jieba words that begin or end with a 2-char lexicon name but are not names
    (大理石, 三明治): matched like lexicon words, they stop the name inside them."""
    import jieba
    out = []
    with open(jieba.get_dict_file().name, encoding="utf-8") as fh:
        for line in fh:
            w, freq, tag = (line.split() + ["", "", ""])[:3]
            if len(w) != 3 or w in names or w in BLOCK_NEVER \
                    or tag in ("ns", "nt", "nr", "nrt", "j") \
                    or not freq.isdigit() or int(freq) < 3 or w[2] in "县镇区市省乡村州":
                continue
            if (w[:2] in names and w[2] not in BLOCK_OK_TAIL) or (w[1:] in names and tag == "n"):
                out.append(f"{w}\t{tag}")
    return out


def build_surnames(data: Path) -> list[str]:
    """Single-character surnames with corpus frequency >= 100, minus function characters
    (the set the entity rules use, ner.rules.name_surnames)."""
    rows = read_tsv(data / "lexicons/surnames.tsv")[1:]
    return [r[0] for r in rows if len(r[0]) == 1 and r[1].isdigit() and int(r[1]) >= 100
            and r[0] not in FUNCTION_SURNAMES]


def build_surname_rows(data: Path) -> list[str]:
    """Every surname of surnames.tsv, most frequent first: ``surname<TAB>freq[<TAB>kinds]``.
    ``crf`` marks are kept from the current file (the CRF models were trained with that set);
    ``function`` marks FUNCTION_SURNAMES."""
    path = LEX / "surnames.txt"
    crf = {r[0] for r in read_tsv(path) if not r[0].startswith("#") and len(r) > 2
           and "crf" in r[2].split()} if path.exists() else set()
    counts = {r[0].strip(): int(float(r[1])) for r in read_tsv(data / "lexicons/surnames.tsv")[1:]
              if len(r) > 1}
    out = []
    for w, f in sorted(counts.items(), key=lambda kv: -kv[1]):
        kinds = ["crf"] * (w in crf) + ["function"] * (w in FUNCTION_SURNAMES)
        out.append(f"{w}\t{f}" + (f"\t{' '.join(kinds)}" if kinds else ""))
    return out


def build_not_names(surnames: set[str]) -> list[str]:
    """Frequent common nouns and place names that start like a person's name (王国 "kingdom",
    上海): a model span that is exactly one of these is not a person."""
    return sorted(f"{w}\t{tag}" for w, (freq, tag) in jieba_words().items()
                  if tag in ("n", "ns") and freq >= 2000 and 2 <= len(w) <= 3
                  and w[0] in surnames)


def org_ok(w: str, places: set[str], suffixes: set[str]) -> bool:
    return (HAN.match(w) is not None and 3 <= len(w) <= 20 and w.endswith(ORG_ENDINGS)
            and not w.endswith(("队", "政府", *EVENT_ENDINGS)) and w not in suffixes
            and w[0] not in GENERIC_START
            and w not in ORG_STOP and w not in places and not w.startswith(NOISE_START)
            and not (len(w) <= 3 and w.endswith(GENERIC_SHORT_END)))


def build_orgs(data: Path, places: set[str]) -> list[str]:
    lex = data / "lexicons"
    suffixes = {r[0] for r in read_tsv(LEX / "org_endings.txt")   # the entity rules' suffixes
                if not r[0].startswith("#") and set(r[1].split()) & set(ORG_SUFFIX_KINDS)}
    out: list[str] = []
    for fname, min_count in (("cluener_government.tsv", 1), ("cluener_organization.tsv", 1),
                             ("pd199801/nt.tsv", 1), ("resume_org.tsv", 2)):
        for row in read_tsv(lex / fname):
            if len(row) >= 2 and row[1].strip().isdigit() and int(row[1]) >= min_count \
                    and org_ok(row[0].strip(), places, suffixes):
                out.append(f"{row[0].strip()}\t{fname.split('.')[0].replace('/', '_')}")
    return out


# Common or title-final characters that would glue a preceding word onto a foreign name
# (秘书长, 学家, 地区): never treated as transliteration characters.
NOT_NAME_CHARS = set("不各地集代义力可平文来次立美高都当得生长家员人席统任书记授士官使事裁的了在和与是为说")


def build_foreign_chars(data: Path) -> list[str]:
    """Characters of transliterated foreign names (names written with ·), seen >= 2 times."""
    lex = data / "lexicons"
    counts: Counter = Counter()
    for fname in ("cluener_name.tsv", "pd199801/nr.tsv", "resume_name.tsv"):
        for row in read_tsv(lex / fname):
            if "·" in row[0]:
                counts.update(ch for ch in row[0] if "\u4e00" <= ch <= "\u9fff")
    return sorted(ch for ch, n in counts.items() if n >= 2 and ch not in NOT_NAME_CHARS)


def orgs_all() -> list[str]:
    return [ln for ln in (LEX / "orgs.txt").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = ap.parse_args()
    pos = pd_pos(args.data)
    places, towns = build_places(args.data, pos)
    write("places", places, [
        "JioNLP china_location.txt depth 0-2 full names + short names (county short names only",
        "  if People's Daily 1998 tags them ns and, if 2 chars, jieba's dict tags them",
        "  ns/nz/nr/nrt or lacks them;",
        "  names mostly tagged non-ns in People's Daily dropped);",
        "JioNLP world_location.txt countries, capitals, cities; THUOCL_diming.txt entries with",
        "  df >= 3000 ending in 州/岛/湖/江/河/山/峡/湾 (THUOCL MIT, JioNLP Apache-2.0).",
    ])
    write("towns", towns, ["JioNLP china_location.txt depth-3 names ending in 镇, 乡 or 街道,",
                           "  3+ chars (古镇, 新镇 are words), minus common nouns (小城镇) and names",
                           "  whose stem is a frequent jieba word (比如镇, 建设街道)."])
    place_words = {p.split("\t")[0] for p in places}
    write("orgs", build_orgs(args.data, place_words), [
        "cluener_government/organization.tsv, pd199801/nt.tsv, resume_org.tsv (count >= 2),",
        "  kept if all-Han, 3-20 chars, ending in an org suffix, not a sports team (队),",
        "  not generic (市住建委, 本公司), not a place; second field = source file.",
    ])
    names = {w for w in place_words | {o.split("\t")[0] for o in orgs_all()} if len(w) == 2}
    write("blockers", build_blockers(names), [
        "3-char words of jieba's dict.txt (freq >= 3, not tagged ns/nt/nr/j, not ending in",
        "  县/镇/区/市…) that start with a 2-char place or ORG name (or end with one and are",
        "  tagged n) but are not names (大理石, 三明治);",
        "  second field = jieba POS tag.",
    ])
    write("surnames", build_surname_rows(args.data), [])
    write("not_names", build_not_names(set(build_surnames(args.data))), [
        "jieba dict.txt words of 2-3 chars tagged n or ns with frequency >= 2000 whose first",
        "  char is a single-char surname of surnames.txt with frequency >= 100, not a function char (王国, 江南): the ner stage drops a model",
        "  PERSON span that is exactly one of them. Second field = jieba POS tag.",
    ])
    write("translit_chars", [f"{c}\tdotted" for c in build_foreign_chars(args.data)], [
        "characters seen >= 2 times in names written with · in cluener_name.tsv,",
        "  pd199801/nr.tsv, resume_name.tsv, minus common/title-final characters.",
    ], dedupe=False)


if __name__ == "__main__":
    main()

"""Who speaks for whom: the issuing government or body of a document, and its level.

``place`` is the government or body a document speaks for — ``国务院``, ``浙江省``,
``杭州市``, ``中共中央`` — found (by :mod:`tifa.text.documents`, in this order) in
``metadata.csv``, the front matter, the text's dateline or signature
(``在浙江省第十四届人民代表大会第四次会议上``, ``浙江省省长 刘捷``), or a folder
name that is a place or a body.  :func:`level_of` gives its ``level``:

* ``central`` — the bodies of the central state and Party (``国务院``,
  ``全国人民代表大会`` and its standing committee, ``中共中央``, ``全国政协``,
  the supreme court and procuratorate, ``中央军委``);
* ``province`` — the 34 provincial-level units: 23 provinces, the four
  municipalities (北京市, 天津市, 上海市, 重庆市), five autonomous regions and
  the two special administrative regions (any name ending in ``特别行政区`` too);
* ``city`` — any other ``…市``, an autonomous prefecture (``…自治州``), a
  ``…地区`` or ``…盟`` (prefecture level; a county-level city cannot be told
  from its name and counts as a city);
* ``county`` — ``…县``, ``…自治县``, ``…旗``, ``…区`` (a district);
* ``''`` when unknown.

A name joining several units (``浙江省杭州市``) is the last of them.
"""
from __future__ import annotations

import re
from typing import Iterable

from .patterns import HAN

#: Bodies of the central state and Party, with the name kept for each.
CENTRAL_BODIES = {
    "国务院": "国务院", "中华人民共和国国务院": "国务院", "中央人民政府": "国务院", "政务院": "国务院",
    "全国人民代表大会": "全国人民代表大会", "全国人大": "全国人民代表大会",
    "全国人民代表大会常务委员会": "全国人大常委会", "全国人大常委会": "全国人大常委会",
    "中共中央": "中共中央", "中国共产党中央委员会": "中共中央", "党中央": "中共中央",
    "全国政协": "全国政协", "中国人民政治协商会议全国委员会": "全国政协",
    "最高人民法院": "最高人民法院", "最高人民检察院": "最高人民检察院",
    "中央军委": "中央军委", "中央军事委员会": "中央军委",
}
PROVINCES = (
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
    "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "北京市", "天津市", "上海市", "重庆市",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)
#: Short names (``浙江``, ``广西``, ``香港``) → the full name.
_SHORT = {re.sub(r"(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$", "", p): p for p in PROVINCES}
#: Provincial-level units by their short names (四川, 广西, 新疆).
PROVINCE_SHORT_NAMES = tuple(_SHORT)

#: The unit word ending a provincial-level name, with the ethnic names some titles leave out.
_SUFFIX_RE = re.compile(r"(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$")
#: What a name that is only a unit word leaves behind.
_GENERIC = frozenset({"全", "本", "我", "该", "各"})
_UNIT = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|旗|区)"
#: One or more administrative units joined (``浙江省杭州市``); each unit has ≥ 2 characters before its suffix.
_PLACE = rf"(?:(?![在年月日])[{HAN}]){{2,24}}?{_UNIT}"
_PLACE_RE = re.compile(rf"^{_PLACE}$")
_UNITS_RE = re.compile(rf"[{HAN}]+?{_UNIT}(?=[{HAN}]{{2,}}{_UNIT}|$)")
_CN = "一二三四五六七八九十"
#: ``在浙江省第十四届人民代表大会第四次会议上`` — a dateline naming the people's congress addressed.
_CONGRESS_RE = re.compile(rf"在({_PLACE})第[{_CN}]+届人民代表大会")
#: ``——在第十四届全国人民代表大会…`` or ``中华人民共和国第一届全国人民代表大会``.
_NPC_RE = re.compile(rf"第[{_CN}]+届全国人民代表大会")
_CPC_RE = re.compile(rf"在中国共产党第[{_CN}]+次全国代表大会上")
#: ``浙江省省长 刘捷``, ``四川省人民政府代省长尹力``, ``杭州市人民政府市长``.
_SIGNATURE_RE = re.compile(rf"^\s*({_PLACE})(?:人民政府)?(?:代理|代|常务副|副)?(?:省长|市长|主席|县长|区长|州长|盟长|旗长)")
_PREMIER_RE = re.compile(r"国务院(?:代|副)?总理|政务院总理")


def normalise(name: str) -> str:
    """A place or body name as kept in ``place``: central bodies by one name, short
    province names in full, a name of several units as its last unit."""
    name = re.sub(r"\s+", "", str(name or ""))
    if not name:
        return ""
    if name in CENTRAL_BODIES:
        return CENTRAL_BODIES[name]
    if name in _SHORT:
        return _SHORT[name]
    if name in PROVINCES:
        return name
    core = _SUFFIX_RE.sub("", name)
    if not core or core in _GENERIC:
        return ""  # 自治区, 全省, 本市: a unit word, no name (the title 2013年自治区政府工作报告)
    if core in _SHORT:
        return _SHORT[core]  # 新疆自治区, 广西自治区 → the full name
    units = _UNITS_RE.findall(name)
    if len(units) > 1 and "".join(units) == name:
        return units[-1]
    return name


def is_place(name: str) -> bool:
    """Whether ``name`` (a folder name, a metadata value) names a place or a central body."""
    name = re.sub(r"\s+", "", str(name or ""))
    return bool(name) and (name in CENTRAL_BODIES or name in _SHORT or bool(_PLACE_RE.match(name)))


def level_of(place: str) -> str:
    """``central``, ``province``, ``city``, ``county`` or ``''`` (see the module docstring)."""
    p = normalise(place)
    if not p:
        return ""
    if p in CENTRAL_BODIES.values():
        return "central"
    if p in PROVINCES or p.endswith("特别行政区"):
        return "province"
    if not _PLACE_RE.match(p):
        return ""
    if p.endswith(("自治州", "地区", "市", "盟")):
        return "city"
    if p.endswith(("自治区",)):
        return "province"
    if p.endswith(("县", "旗", "区")):
        return "county"
    return ""


def place_from_text(head: str) -> str:
    """The issuing government from a document's first lines: the people's congress its
    dateline addresses (``在浙江省第十四届人民代表大会…`` → 浙江省; the National People's
    Congress → 国务院 when a premier or the State Council speaks, else the congress; a
    Party congress → 中共中央), else the office of its signature (``浙江省省长 刘捷``)."""
    m = _CONGRESS_RE.search(head)
    if m:
        return normalise(m.group(1))
    if _CPC_RE.search(head):
        return "中共中央"
    if _NPC_RE.search(head):
        return "国务院" if _PREMIER_RE.search(head) or "政府工作报告" in head else "全国人民代表大会"
    for line in head.split("\n"):
        m = _SIGNATURE_RE.match(line)
        if m:
            return normalise(m.group(1))
    if _PREMIER_RE.search(head):
        return "国务院"
    return ""


_TITLE_PLACE_RE = re.compile(rf"^(?:\d{{4}}年)?({_PLACE})(?:人民政府|\d{{4}}年|政府工作报告)")


def is_signature(line: str) -> bool:
    """``浙江省省长 刘捷``, ``四川省人民政府代省长尹力``: the office and name of the speaker."""
    return bool(_SIGNATURE_RE.match(line or "")) and len(line.strip()) <= 30


def place_from_title(title: str) -> str:
    """``天津市2018年政府工作报告``, ``2015年四川省人民政府工作报告`` → the place they name."""
    m = _TITLE_PLACE_RE.match(re.sub(r"\s+", "", str(title or "")))
    return normalise(m.group(1)) if m else ""


def place_from_folders(names: Iterable[str]) -> str:
    """The first of ``names`` (folder names, nearest first) that is a place or a body."""
    for n in names:
        if is_place(n):
            return normalise(n)
    return ""

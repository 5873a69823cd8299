"""Fixed word lists that decide what a number counts and how it compares.

Everything here is immutable (tuples, frozensets, read-only mappings).
Matching is done on text folded by :func:`shpolicy.normalize.fold`, so
full-width forms never need listing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ..model import Comparator

__all__ = [
    "BLOCKING_WORDS",
    "CHINESE_CURRENCIES",
    "CHINESE_MEASURES",
    "CHINESE_PER_UNITS",
    "CHINESE_PREFIX_COMPARATORS",
    "CHINESE_SUFFIX_COMPARATORS",
    "CHINESE_TIME_UNITS",
    "CHINESE_UNITS",
    "CLAUSE_CAPS",
    "ENGLISH_CURRENCIES",
    "ENGLISH_INVARIANT_PLURALS",
    "ENGLISH_PREFIX_COMPARATORS",
    "ENGLISH_SCALES",
    "ENGLISH_STOP_WORDS",
    "ENGLISH_SUFFIX_COMPARATORS",
    "ENGLISH_TIME_WORDS",
    "PREFIX_CURRENCIES",
    "longest_first",
]


def longest_first(
    words: Mapping[str, object] | frozenset[str] | tuple[str, ...],
) -> tuple[str, ...]:
    """*words* ordered so that a regex alternation tries the longest spelling first."""
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


# -- money ------------------------------------------------------------------

# Written before the number: "US$260 billion", "RMB 2 million", "¥500".
PREFIX_CURRENCIES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "US$": "USD",
        "U.S.$": "USD",
        "USD": "USD",
        "$": "USD",
        "HK$": "HKD",
        "HKD": "HKD",
        "RMB": "CNY",
        "CNY": "CNY",
        "¥": "CNY",
        "￥": "CNY",
        "EUR": "EUR",
        "€": "EUR",
        "人民币": "CNY",
    }
)

# Written after the number (and its scale word), matched case-insensitively.
ENGLISH_CURRENCIES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "yuan": "CNY",
        "rmb": "CNY",
        "cny": "CNY",
        "renminbi": "CNY",
        "us dollars": "USD",
        "u.s. dollars": "USD",
        "dollars": "USD",
        "usd": "USD",
        "hong kong dollars": "HKD",
        "hkd": "HKD",
        "euros": "EUR",
        "euro": "EUR",
        "eur": "EUR",
    }
)

CHINESE_CURRENCIES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "元人民币": "CNY",
        "元": "CNY",
        "人民币": "CNY",
        "美元": "USD",
        "欧元": "EUR",
        "港元": "HKD",
        "港币": "HKD",
        "日元": "JPY",
        "英镑": "GBP",
    }
)

# -- scales -----------------------------------------------------------------

# Power of ten of each English scale word ("50 million", "US$260 billion").
ENGLISH_SCALES: Final[Mapping[str, int]] = MappingProxyType(
    {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9, "mn": 6}
)

# -- counted things ------------------------------------------------------------

# Measure words and units that make a Chinese number a count or an amount.
# A number followed by anything else (号, 届, 大, 强, 线...) is a name, not a quantity.
CHINESE_UNITS: Final = frozenset(
    {
        "平方公里",
        "平方千米",
        "平方米",
        "立方米",
        "公里",
        "千米",
        "公顷",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "吉瓦",
        "千克",
        "公斤",
        "克",
        "毫克",
        "微克",
        "毫升",
        "吨标准煤",
        "吨标煤",
        "吨",
        "亩",
        "米",
        "分贝",
        "人次",
        "架次",
        "车次",
        "班次",
        "艘次",
        "航次",
        "户",
        "人",
        "名",
        "家",
        "个",
        "项",
        "套",
        "所",
        "座",
        "条",
        "台",
        "辆",
        "架",
        "艘",
        "张",
        "件",
        "种",
        "场",
        "处",
        "栋",
        "间",
        "床",
        "篇",
        "部",
        "款",
        "份",
        "例",
        "支",
        "株",
        "棵",
        "枚",
        "颗",
        "笔",
        "批",
    }
)

# The units of measure among them (the others are classifiers that count things).
CHINESE_MEASURES: Final = frozenset(
    {
        "平方公里",
        "平方千米",
        "平方米",
        "立方米",
        "公里",
        "千米",
        "公顷",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "吉瓦",
        "千克",
        "公斤",
        "克",
        "毫克",
        "微克",
        "毫升",
        "吨标准煤",
        "吨标煤",
        "吨",
        "亩",
        "米",
        "分贝",
    }
)

# What a unit of measure may be "per" after "/": a concentration ("25微克/立方米",
# "0.5毫克/升"), a rate ("5万吨/年", "30万立方米/日", "60公里/小时"), an intensity
# ("0.3吨标准煤/万元") or a figure per head ("9平方米/人").  升 (litre) is read only
# here: after a number alone it is as often the verb "rise" ("由95升至98").
CHINESE_PER_UNITS: Final = CHINESE_MEASURES | frozenset(
    {"升", "年", "月", "日", "天", "小时", "时", "分钟", "秒", "人", "户", "元", "万元"}
)

# Durations and dates are periods, not quantities ("3年", "12月", "5个工作日", "60岁").
CHINESE_TIME_UNITS: Final = frozenset(
    {
        "年",
        "月",
        "日",
        "天",
        "周",
        "岁",
        "小时",
        "分钟",
        "季度",
        "星期",
        "工作日",
        "个月",
        "个工作日",
        "个小时",
        "个季度",
        "个星期",
    }
)

ENGLISH_TIME_WORDS: Final = frozenset(
    {
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "decade",
        "decades",
        "quarter",
        "quarters",
        "times",
        "working",
        "o'clock",
        "am",
        "pm",
    }
)

# Plural nouns without a final "s" ("5,000 people").
ENGLISH_INVARIANT_PLURALS: Final = frozenset(
    {"people", "personnel", "staff", "children", "police", "mu", "sq.m", "yuan", "housing"}
)

# Words that end the counted noun after a number ("30 pilot projects *will* be...").
ENGLISH_STOP_WORDS: Final = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "within",
        "without",
        "under",
        "over",
        "above",
        "below",
        "about",
        "after",
        "before",
        "between",
        "during",
        "through",
        "per",
        "each",
        "every",
        "which",
        "that",
        "this",
        "these",
        "those",
        "who",
        "whom",
        "whose",
        "as",
        "than",
        "such",
        "so",
        "will",
        "shall",
        "would",
        "should",
        "could",
        "can",
        "may",
        "might",
        "must",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "it",
        "its",
        "they",
        "their",
        "them",
        "we",
        "our",
        "us",
        "you",
        "your",
        "not",
        "also",
        "including",
        "respectively",
        "annually",
        "yearly",
        "more",
        "less",
        "fewer",
        "higher",
        "lower",
        "and/or",
        "etc",
        "if",
        "when",
        "where",
        "while",
        "via",
        "across",
        "among",
        "around",
        "toward",
        "towards",
        "upon",
    }
)

# A number right after one of these words is a label, a name or a rank:
# "Line 18", "No. 2", "Top 100", "Article 5", "Web 3.0", "Phase 2".
BLOCKING_WORDS: Final = frozenset(
    {
        "no",
        "nos",
        "number",
        "line",
        "lines",
        "top",
        "article",
        "articles",
        "section",
        "sections",
        "chapter",
        "chapters",
        "item",
        "items",
        "paragraph",
        "paragraphs",
        "clause",
        "clauses",
        "phase",
        "version",
        "web",
        "grade",
        "level",
        "page",
        "pages",
        "room",
        "route",
        "annex",
        "appendix",
        "table",
        "figure",
        "vol",
        "volume",
        "issue",
        "step",
        "stage",
        "gate",
        "exit",
        "terminal",
        "building",
        "floor",
        "rank",
        "ranked",
        "ranking",
        "session",
        "edition",
    }
)

# -- comparators --------------------------------------------------------------

# Immediately before the number (after folding), lower-cased.
ENGLISH_PREFIX_COMPARATORS: Final[Mapping[str, Comparator]] = MappingProxyType(
    {
        "more than": ">",
        "over": ">",
        "above": ">",
        "exceeding": ">",
        "exceed": ">",
        "exceeds": ">",
        "surpass": ">",
        "surpassing": ">",
        "in excess of": ">",
        "upwards of": ">",
        "greater than": ">",
        "higher than": ">",
        "no fewer than": ">=",
        "not fewer than": ">=",
        "no less than": ">=",
        "not less than": ">=",
        "no lower than": ">=",
        "not lower than": ">=",
        "at least": ">=",
        "a minimum of": ">=",
        "minimum of": ">=",
        "minimum": ">=",
        "up to": "<=",
        "a maximum of": "<=",
        "maximum of": "<=",
        "maximum": "<=",
        "as high as": "<=",
        "as much as": "<=",
        "no more than": "<=",
        "not more than": "<=",
        "not exceeding": "<=",
        "not exceed": "<=",
        "not to exceed": "<=",
        "no higher than": "<=",
        "at most": "<=",
        "capped at": "<=",
        "a cap of": "<=",
        "within": "<=",
        "less than": "<",
        "fewer than": "<",
        "below": "<",
        "under": "<",
        "lower than": "<",
    }
)

CHINESE_PREFIX_COMPARATORS: Final[Mapping[str, Comparator]] = MappingProxyType(
    {
        "超过": ">",
        "多于": ">",
        "高于": ">",
        "大于": ">",
        "逾": ">",
        "突破": ">",
        "超": ">",
        "不少于": ">=",
        "不低于": ">=",
        "不小于": ">=",
        "不下于": ">=",
        "至少": ">=",
        "最低": ">=",
        "最少": ">=",
        "不超过": "<=",
        "不高于": "<=",
        "不多于": "<=",
        "不大于": "<=",
        "最高": "<=",
        "最多": "<=",
        "上限为": "<=",
        "封顶": "<=",
        "上限": "<=",
        "不满": "<",
        "不足": "<",
        "低于": "<",
        "少于": "<",
        "小于": "<",
        "不到": "<",
        "未满": "<",
    }
)

# After the number and its unit.  In Chinese legal texts 以上, 以下, 以内 and
# 届满 include the number itself, while 以外 excludes it (PRC Civil Code,
# art. 1259: "民法所称的'以上''以下''以内''届满'，包括本数；所称的'不满''超过'
# '以外'，不包括本数"): "40%以上" is ">= 40", the same commitment as "不低于40%".
CHINESE_SUFFIX_COMPARATORS: Final[Mapping[str, Comparator]] = MappingProxyType(
    {
        "及以上": ">=",
        "或以上": ">=",
        "以上": ">=",
        "届满": ">=",
        "及以下": "<=",
        "或以下": "<=",
        "以下": "<=",
        "以内": "<=",
        "之内": "<=",
        "以外": ">",
    }
)

ENGLISH_SUFFIX_COMPARATORS: Final[Mapping[str, Comparator]] = MappingProxyType(
    {
        "or more": ">=",
        "or above": ">=",
        "and above": ">=",
        "or higher": ">=",
        "and more": ">=",
        "or less": "<=",
        "or fewer": "<=",
        "or below": "<=",
        "and below": "<=",
        "or lower": "<=",
        "at most": "<=",
        "at least": ">=",
    }
)

# Cap words that govern the next number of their clause even at a distance:
# "the maximum support amount may be 50 million yuan", "支持比例最高可达到…的50%".
CLAUSE_CAPS: Final = ("最高", "最多", "上限", "maximum")

"""Building blocks of quantitative-target recognition (see :mod:`shpolicy.targets`).

``numerals`` reads numbers (Arabic digits, Chinese numerals, English number
words, scale words), ``vocabulary`` holds the fixed word lists (units,
currencies, comparators), ``deadlines`` finds the years a sentence ties its
targets to.
"""

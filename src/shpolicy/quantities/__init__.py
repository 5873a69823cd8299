"""Building blocks of quantitative-target recognition (see :mod:`shpolicy.targets`).

``vocabulary`` holds the fixed word lists (units, currencies, comparators),
``deadlines`` finds the years a sentence ties its targets to; numbers themselves
are read by :mod:`shpolicy.numerals`.
"""

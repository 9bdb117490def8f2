"""Largest remainder with a minimum and a recorded seeded draw (the CCH rule for SA d'HLM).

Public so that other allocations (seats, budgets) can reuse it; exact integer arithmetic.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from numbers import Rational
from typing import NamedTuple


class _Apportionment(NamedTuple):
    seats: dict[int, int]
    draw: tuple[int, ...]
    draw_seats: int  # seats the draw handed out among the tied ids
    raised: int  # ids lifted to the minimum (their quota was below it)
    exceeded: bool  # the minimum could only be kept by handing out more than ``total``


def _apportion(
    total: int, numerators: dict[int, int], denominator: int, minimum: int, seed: int
) -> _Apportionment:
    """Largest remainder on integer quotas ``numerators[i] / denominator`` (they sum to ``total``).

    Integers only, so that 30,000 quotas sort as ints rather than as Fractions (many times
    faster) while staying exact.
    """
    ids = sorted(numerators)
    if minimum * len(ids) > total:
        # Not enough seats for everyone's minimum: the minimum wins, as the SCP rule demands.
        return _Apportionment(dict.fromkeys(ids, minimum), (), 0, len(ids), bool(ids))

    # Ids whose quota is below the minimum are lifted to it, and the others share what is left
    # pro rata. Lifting shrinks everyone else's quota, which may push the next one below the
    # minimum, so the lifted ids are a prefix of the ids by ascending quota: one pass finds it.
    ascending = sorted(ids, key=numerators.__getitem__)
    lifted, lifted_sum = 0, 0
    quota_sum = denominator * total  # the sum of all quotas, in units of 1/denominator
    while (
        minimum
        and lifted < len(ascending)
        and numerators[ascending[lifted]] * (total - minimum * lifted)
        < minimum * (quota_sum - lifted_sum)
    ):
        lifted_sum += numerators[ascending[lifted]]
        lifted += 1
    seats = dict.fromkeys(ascending[:lifted], minimum)
    rest = ascending[lifted:]
    seats_left = total - minimum * lifted
    scale = quota_sum - lifted_sum  # rest's quota: numerators[i] * seats_left / scale
    if not rest or scale == 0:
        seats.update(dict.fromkeys(rest, 0))
        return _Apportionment(dict(sorted(seats.items())), (), 0, lifted, False)

    remainders: dict[int, int] = {}
    for member_id in rest:
        whole, remainders[member_id] = divmod(numerators[member_id] * seats_left, scale)
        seats[member_id] = whole
    to_give = seats_left - sum(seats[i] for i in rest)
    draw: tuple[int, ...] = ()
    draw_seats = 0
    if to_give:
        by_remainder = sorted(rest, key=remainders.__getitem__, reverse=True)
        threshold = remainders[by_remainder[to_give - 1]]
        winners = [i for i in rest if remainders[i] > threshold]
        tied = sorted(i for i in rest if remainders[i] == threshold)
        draw_seats = to_give - len(winners)
        if draw_seats < len(tied):
            # The tie matters: a draw anyone can replay from the recorded seed decides it.
            order = list(tied)
            random.Random(seed).shuffle(order)  # noqa: S311 -- reproducible on purpose
            draw, tied = tuple(order), order[:draw_seats]
        else:
            draw_seats = 0
        for member_id in (*winners, *tied):
            seats[member_id] += 1
    return _Apportionment(dict(sorted(seats.items())), draw, draw_seats, lifted, False)


def largest_remainder(
    total: int, quotas: dict[int, Fraction], *, minimum: int = 0, seed: int = 0
) -> tuple[dict[int, int], tuple[int, ...]]:
    """Share ``total`` integer seats between ids by their ``quotas`` (which must sum to ``total``).

    Each id gets the integer part of its quota, then the seats left go one by one to the largest
    remainders (the CCH rule for SA d'HLM). Equal remainders competing for too few seats are
    ranked by ``random.Random(seed)`` shuffling the tied ids sorted ascending: the returned draw
    is that ranking, empty when no tie mattered, so the result can be replayed and audited.

    ``minimum``: ids whose quota is below it get exactly ``minimum`` and the others share what is
    left pro rata, so the seats still add up to ``total``; only when ``minimum * len(quotas) >
    total`` does everybody get ``minimum``, and the sum then exceeds ``total``.
    """
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValueError(f"total must be a non-negative int, not {total!r}")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise ValueError(f"minimum must be a non-negative int, not {minimum!r}")
    for member_id, quota in quotas.items():
        if not isinstance(quota, Rational) or quota < 0:
            raise ValueError(f"quota of {member_id} must be a non-negative Fraction: {quota!r}")
    denominator = math.lcm(*(Fraction(q).denominator for q in quotas.values()))
    numerators = {
        i: Fraction(q).numerator * (denominator // Fraction(q).denominator)
        for i, q in quotas.items()
    }
    if sum(numerators.values()) != total * denominator:
        raise ValueError(f"quotas sum to {sum(map(Fraction, quotas.values()))}, not {total}")
    result = _apportion(total, numerators, denominator, minimum, seed)
    return result.seats, result.draw

"""Small-number suppression for every exported table.

The rule (stated in every XLSX):

* a count from 1 to 4 is shown as "<5" (primary suppression); zero is shown, it reveals nobody;
* a row adds up to its total. When the shown counts, the total and the fact that a "<5" is 1–4
  (and an "x" at least 5) would pin a hidden count down to one value, the smallest shown count
  of the row is hidden too, as "x" (secondary suppression), until none can be pinned down;
* a total of 1–4 is "<5", and so is every count of its row (zeros too: each is 0–4);
* when no other count is left to hide, the total is hidden ("x"). The
  total of an indicator is the same in every table (by sex, by district, ...), so it is hidden
  in all of them, and a table whose counts would then add up to it hides one more count.

Each table has one dimension (rows are indicators), so a row and its total are the only sums a
reader can use.
"""

from __future__ import annotations

from dataclasses import dataclass

PRIMARY_MAX = 4
SECONDARY_MIN = PRIMARY_MAX + 1
SHOWN, PRIMARY, SECONDARY = "shown", "primary", "secondary"
LABELS = {PRIMARY: "<5", SECONDARY: "x"}
RULE = (
    "Counts from 1 to 4 are shown as <5. Where a hidden count could be worked out from the "
    "row's other counts and its total, more counts are hidden as x (each of them at least 5); "
    "a total that could reveal a hidden count is hidden as x in every table. Zero is shown, "
    "except in a row whose total is <5, where every count is <5."
)


@dataclass(frozen=True)
class Cell:
    value: int
    state: str = SHOWN

    @property
    def hidden(self) -> bool:
        return self.state != SHOWN

    def display(self, *, exact: bool = False) -> int | str:
        """The count, or its mark when hidden (``exact`` shows every count, for the screen of
        a manager allowed to see exact numbers)."""
        if exact or not self.hidden:
            return self.value
        return LABELS[self.state]


def is_small(value: int) -> bool:
    return 1 <= value <= PRIMARY_MAX


def _pinned(values: list[int], states: list[str]) -> bool:
    """True when, knowing the total, some hidden count has only one possible value."""
    hidden = [i for i, state in enumerate(states) if state != SHOWN]
    if not hidden:
        return False
    left = sum(values[i] for i in hidden)  # what the total minus the shown counts leaves
    lows = [1 if states[i] == PRIMARY else SECONDARY_MIN for i in hidden]
    highs = [PRIMARY_MAX if states[i] == PRIMARY else left for i in hidden]
    for n in range(len(hidden)):
        low = max(lows[n], left - (sum(highs) - highs[n]))
        high = min(highs[n], left - (sum(lows) - lows[n]))
        if low >= high:
            return True
    return False


def _hide_smallest(values: list[int], states: list[str]) -> bool:
    candidates = [i for i, value in enumerate(values) if states[i] == SHOWN and value > 0]
    if not candidates:
        return False
    states[min(candidates, key=lambda i: (values[i], i))] = SECONDARY
    return True


def _row_states(values: list[int], total_hidden: bool) -> tuple[list[str], str]:
    total = sum(values)
    if is_small(total):
        # Every count of the row is then 0–4; zeros too, or they would pin the others down.
        return [PRIMARY] * len(values), PRIMARY
    states = [PRIMARY if is_small(value) else SHOWN for value in values]
    if total_hidden:
        # Counts that are all shown would add up to the hidden total.
        if not any(state != SHOWN for state in states) and total > 0:
            _hide_smallest(values, states)
        return states, SECONDARY
    while _pinned(values, states):
        if not _hide_smallest(values, states):
            return states, SECONDARY
    return states, SHOWN


def suppress_rows(rows: list[list[int]]) -> list[tuple[list[Cell], Cell]]:
    """Suppress the rows of one indicator in several tables (they share one total)."""
    first = [_row_states(values, total_hidden=False) for values in rows]
    total_hidden = any(total == SECONDARY for _states, total in first)
    results = []
    for values, (states, total_state) in zip(rows, first, strict=True):
        if total_hidden:
            states, total_state = _row_states(values, total_hidden=True)
        cells = [Cell(value, state) for value, state in zip(values, states, strict=True)]
        results.append((cells, Cell(sum(values), total_state)))
    return results


def suppress_row(values: list[int]) -> tuple[list[Cell], Cell]:
    """One row and its total, on their own."""
    return suppress_rows([values])[0]

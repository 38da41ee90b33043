"""Small-number suppression: primary ("<5") and secondary ("x"), proved by brute force.

The reader of a file knows every shown count, each total that is shown, that "<5" is 1–4
(0–4 in a row whose total is "<5") and that "x" is at least 5. For every row of up to four
counts from 0 to 7 (and for pairs of tables sharing one total), every count consistent with
what is published is listed: each hidden count must have at least two possible values.
"""

import itertools

import pytest

from reports.suppression import PRIMARY, SECONDARY, SHOWN, suppress_row, suppress_rows


def _ranges(cells, total):
    known = total.value if total.state == SHOWN else None
    for cell in cells:
        if cell.state == SHOWN:
            yield [cell.value]
        elif cell.state == PRIMARY:
            yield range(0 if total.state == PRIMARY else 1, 5)
        else:
            yield range(5, (known if known is not None else 40) + 1)


def _total_fits(total, value):
    if total.state == SHOWN:
        return value == total.value
    if total.state == PRIMARY:
        return 1 <= value <= 4
    return value >= 5


def _solutions(cells, total):
    for combo in itertools.product(*_ranges(cells, total)):
        if _total_fits(total, sum(combo)):
            yield combo


def _assert_protected(values, cells, total):
    solutions = list(_solutions(cells, total))
    assert tuple(values) in solutions
    for i, cell in enumerate(cells):
        if cell.hidden:
            assert len({s[i] for s in solutions}) >= 2, (values, [c.display() for c in cells])


def test_primary_marks_counts_of_one_to_four():
    cells, total = suppress_row([0, 3, 40, 50])
    assert [c.display() for c in cells] == [0, "<5", "x", 50]
    assert total.display() == 93
    assert [c.display(exact=True) for c in cells] == [0, 3, 40, 50]


def test_no_suppression_when_nothing_is_small():
    cells, total = suppress_row([10, 20])
    assert [c.display() for c in cells] == [10, 20] and total.display() == 30


def test_a_small_total_hides_its_whole_row():
    cells, total = suppress_row([1, 1, 1, 1])
    assert [c.display() for c in cells] == ["<5"] * 4 and total.display() == "<5"


@pytest.mark.parametrize("width", [2, 3, 4])
def test_brute_force_no_hidden_count_can_be_worked_out(width):
    hidden_rows = 0
    for values in itertools.product(range(8), repeat=width):
        cells, total = suppress_row(list(values))
        assert all(c.value == v for c, v in zip(cells, values, strict=True))
        assert all(c.state == PRIMARY for c in cells if 1 <= c.value <= 4)
        assert all(c.value >= 5 for c in cells if c.state == SECONDARY)
        _assert_protected(values, cells, total)
        hidden_rows += any(c.hidden for c in cells)
    assert hidden_rows > 0


def test_brute_force_two_tables_sharing_a_total():
    """An indicator by sex (2 counts) and by district (3 counts): same people, same total."""
    for by_sex in itertools.product(range(9), repeat=2):
        for by_district in itertools.product(range(9), repeat=3):
            if sum(by_district) != sum(by_sex):
                continue
            (sex_cells, sex_total), (d_cells, d_total) = suppress_rows(
                [list(by_sex), list(by_district)]
            )
            assert sex_total.state == d_total.state
            # What each table allows, with the total known from the other when shown there.
            _assert_protected(by_sex, sex_cells, sex_total)
            _assert_protected(by_district, d_cells, d_total)
            if sex_total.hidden:
                # The district table must not give the total away by adding up either.
                assert len({sum(s) for s in _solutions(d_cells, d_total)}) >= 2


def test_all_four_equal_small_counts_hide_the_total_everywhere():
    (sex_cells, sex_total), (d_cells, d_total) = suppress_rows([[4, 4], [8, 0, 0]])
    assert sex_total.display() == "x" and d_total.display() == "x"
    assert [c.display() for c in sex_cells] == ["<5", "<5"]
    assert [c.display() for c in d_cells] == ["x", 0, 0]

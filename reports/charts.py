"""A small horizontal bar chart drawn on the server (SVG, no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

from .selectors import Table

BAR = 10
GAP = 4
LABEL_WIDTH = 220
PLOT_WIDTH = 300
COLOURS = ["#7a3b8f", "#2e7d6b", "#b5651d", "#3b5b8f", "#8f3b3b", "#6b6b2e", "#555"]


@dataclass
class Bar:
    y: int
    width: int
    colour: str
    text: str
    text_x: int


@dataclass
class Group:
    label: str
    y: int
    bars: list[Bar]


def chart(table: Table, *, exact: bool) -> dict:
    """Geometry of a chart of ``table``: one group of bars per row, one bar per column.

    A hidden count gets no bar, only its mark ("<5"), so the picture shows what the numbers do.
    """
    biggest = max((cell.value for row in table.rows for cell in row.cells), default=0) or 1
    groups, y = [], 0
    per_group = len(table.columns) * (BAR + GAP) + 10
    for row in table.rows:
        bars = []
        for n, cell in enumerate(row.cells):
            shown = exact or not cell.hidden
            width = round(PLOT_WIDTH * cell.value / biggest) if shown else 0
            bars.append(
                Bar(
                    y=y + n * (BAR + GAP),
                    width=width,
                    colour=COLOURS[n % len(COLOURS)],
                    text=str(cell.display(exact=exact)),
                    text_x=LABEL_WIDTH + width + 4,
                )
            )
        groups.append(Group(label=row.label, y=y, bars=bars))
        y += per_group
    legend = [
        {"label": label, "colour": COLOURS[n % len(COLOURS)], "x": LABEL_WIDTH + n * 110}
        for n, (_value, label) in enumerate(table.columns)
    ]
    return {
        "groups": groups,
        "legend": legend,
        "height": y + 24,
        "legend_y": y + 12,
        "width": LABEL_WIDTH + PLOT_WIDTH + 60,
        "label_width": LABEL_WIDTH - 6,
        "bar": BAR,
    }

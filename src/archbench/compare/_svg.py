"""Charts as inline SVG text: linear scales, ticks, axes and a few marks; no plotting library.

Why not matplotlib: importing it and drawing the report's three PNGs took about a second of a
comparison that must finish in two (issue 20, item 7). SVG is text, so the page stays
self-contained (no ``xmlns`` URL either: an ``<svg>`` inside HTML needs none) and the charts
stay sharp at any zoom. Pure module: strings in, strings out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

FONT_SIZE = 12
TITLE_SIZE = 14
# Average advance of a sans-serif character, in font sizes: enough to size a margin for labels.
_CHAR_WIDTH = 0.6
_TICK_LENGTH = 4
_AXIS_COLOUR = "#333"
_GRID_COLOUR = "#ddd"
# matplotlib's default data margin: a point on the limit is not drawn on the frame.
_MARGIN_FRACTION = 0.05


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of ``text``'s width in pixels (SVG text is not measured before drawing)."""
    return len(text) * size * _CHAR_WIDTH


def _num(value: float) -> str:
    """A coordinate with one decimal: sub-pixel precision is invisible and costs bytes."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------- scales and ticks


@dataclass(frozen=True)
class Scale:
    """A linear map from data values (``low``..``high``) to pixels (``start``..``end``)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.start + share * (self.end - self.start)


def padded(values: Iterable[float]) -> tuple[float, float]:
    """The range of ``values`` widened by 5% on each side; a single value gets a range around
    it, so that a scale never divides by zero."""
    finite = [v for v in values if math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if low == high:
        half = max(abs(low) * _MARGIN_FRACTION, 0.5 if low == 0 else 0.0)
        return low - half, high + half
    margin = (high - low) * _MARGIN_FRACTION
    return low - margin, high + margin


def tick_step(low: float, high: float, target: int = 6) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``target`` ticks."""
    raw = (high - low) / max(target, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)


def ticks(low: float, high: float, target: int = 6) -> list[float]:
    """The multiples of a round step inside [low, high]."""
    step = tick_step(low, high, target)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 12) + 0.0 for i in range(first, last + 1)]  # + 0.0: no "-0"


def tick_text(value: float, step: float) -> str:
    """A tick label with as many decimals as the step needs; large values as k / M / G."""
    for factor, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if step >= factor / 10 and abs(value) >= factor:
            return tick_text(value / factor, step / factor) + suffix
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    if decimals and step * 10**decimals % 1 > 1e-6:  # 2.5 x 10^k needs one more
        decimals += 1
    return f"{value:.{decimals}f}"


# --------------------------------------------------------------------------- the canvas


@dataclass(frozen=True)
class Frame:
    """The plotting area of one panel, in pixels from the canvas's top left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


class Canvas:
    """SVG elements collected in drawing order; ``render`` gives the ``<svg>`` element."""

    def __init__(self, width: float, height: float, label: str) -> None:
        self.width = width
        self.height = height
        self.label = label
        self._parts: list[str] = []

    def line(
        self, x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1.0,
        opacity: float | None = None,
    ) -> None:  # fmt: skip
        alpha = "" if opacity is None else f' stroke-opacity="{opacity}"'
        self._parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{colour}" stroke-width="{width}"{alpha}/>'
        )

    def circle(self, x: float, y: float, radius: float, colour: str) -> None:
        self._parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{radius}" fill="{colour}"/>')

    def square(self, x: float, y: float, half: float, colour: str) -> None:
        self._parts.append(
            f'<rect x="{_num(x - half)}" y="{_num(y - half)}" width="{2 * half}" '
            f'height="{2 * half}" fill="{colour}"/>'
        )

    def dots(
        self, points: Iterable[tuple[float, float]], radius: float, colour: str, opacity: float
    ) -> None:
        """Many same-coloured dots as one path of zero-length round-capped strokes, one per
        distinct pixel: a scatter of 20,000 samples stays a few hundred kilobytes."""
        pixels = dict.fromkeys((round(x), round(y)) for x, y in points)
        if not pixels:
            return
        path = "".join(f"M{x} {y}h0" for x, y in pixels)
        self._parts.append(
            f'<path d="{path}" stroke="{colour}" stroke-width="{2 * radius}" '
            f'stroke-linecap="round" stroke-opacity="{opacity}"/>'
        )

    def text(
        self, x: float, y: float, content: str, size: int = FONT_SIZE, anchor: str = "start",
        rotate: bool = False, bold: bool = False,
    ) -> None:  # fmt: skip
        turn = f' transform="rotate(-90 {_num(x)} {_num(y)})"' if rotate else ""
        weight = ' font-weight="bold"' if bold else ""
        self._parts.append(
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'dominant-baseline="middle"{turn}{weight}>{escape(content)}</text>'
        )

    def render(self) -> str:
        return (
            f'<svg class="plot" viewBox="0 0 {_num(self.width)} {_num(self.height)}" '
            f'width="{_num(self.width)}" height="{_num(self.height)}" role="img" '
            f'aria-label="{escape(self.label)}" font-family="sans-serif">'
            f'<rect width="100%" height="100%" fill="white"/>{"".join(self._parts)}</svg>'
        )


# --------------------------------------------------------------------------- axes


def x_axis(canvas: Canvas, frame: Frame, scale: Scale, label: str, grid: bool = True) -> None:
    """Ticks, tick labels, vertical grid lines and the label below ``frame``."""
    values = ticks(scale.low, scale.high)
    step = tick_step(scale.low, scale.high)
    for value in values:
        x = scale(value)
        if grid:
            canvas.line(x, frame.top, x, frame.bottom, _GRID_COLOUR)
        canvas.line(x, frame.bottom, x, frame.bottom + _TICK_LENGTH, _AXIS_COLOUR)
        canvas.text(x, frame.bottom + _TICK_LENGTH + FONT_SIZE * 0.8, tick_text(value, step),
                    anchor="middle")  # fmt: skip
    canvas.text(frame.left + frame.width / 2, frame.bottom + 2.6 * FONT_SIZE, label,
                anchor="middle")  # fmt: skip


def y_axis(canvas: Canvas, frame: Frame, scale: Scale, label: str, grid: bool = True) -> None:
    """Ticks, tick labels, horizontal grid lines and the (rotated) label left of ``frame``."""
    values = ticks(scale.low, scale.high, target=5)
    step = tick_step(scale.low, scale.high, target=5)
    texts = [tick_text(value, step) for value in values]
    for value, text in zip(values, texts, strict=True):
        y = scale(value)
        if grid:
            canvas.line(frame.left, y, frame.right, y, _GRID_COLOUR)
        canvas.line(frame.left - _TICK_LENGTH, y, frame.left, y, _AXIS_COLOUR)
        canvas.text(frame.left - _TICK_LENGTH - 2, y, text, anchor="end")
    widest = max((text_width(text) for text in texts), default=0.0)
    x = frame.left - _TICK_LENGTH - widest - FONT_SIZE
    canvas.text(x, frame.top + frame.height / 2, label, anchor="middle", rotate=True)


def row_labels(canvas: Canvas, frame: Frame, labels: Sequence[str]) -> None:
    """Category names left of ``frame``, one per row band, the first on top."""
    band = frame.height / max(len(labels), 1)
    for index, label in enumerate(labels):
        y = frame.top + band * (index + 0.5)
        canvas.line(frame.left - _TICK_LENGTH, y, frame.left, y, _AXIS_COLOUR)
        canvas.text(frame.left - _TICK_LENGTH - 2, y, label, anchor="end")


def border(canvas: Canvas, frame: Frame) -> None:
    corners = [(frame.left, frame.top), (frame.right, frame.top), (frame.right, frame.bottom),
               (frame.left, frame.bottom)]  # fmt: skip
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True):
        canvas.line(x1, y1, x2, y2, _AXIS_COLOUR)


def legend(canvas: Canvas, x: float, y: float, entries: Sequence[tuple[str, str]]) -> None:
    """A colour key, one ``(label, colour)`` per line, its top left corner at (x, y)."""
    for index, (label, colour) in enumerate(entries):
        line_y = y + index * FONT_SIZE * 1.4
        canvas.circle(x + 4, line_y, 4, colour)
        canvas.text(x + 12, line_y, label, size=FONT_SIZE - 1)

"""What a reader sees of a table or a sentence: names, not ids; numbers with units; no NaN, None or True/False.

Every notebook table goes through `table`: ids become their names from the data (`id_names`), each column is
formatted by its kind (whole kilometres, shares as %, scores to two decimals, three where two would tie), a missing
value says "not found" (or what the caller says it means), a truth value says "yes" or "no", nothing is cut short,
and a table of more than `FOLD_ROWS` rows shows its first rows with the whole table folded beneath (HTML
`<details>`). `prose` shows Markdown as text, never as a monospace printout.

Both objects have a plain-text form that is the same table or text, so the committed notebooks compare the same
under nbval and read sensibly where only text is shown.
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

#: A table of more rows than this shows its first `SUMMARY_ROWS` and folds the whole table beneath.
FOLD_ROWS = 12
SUMMARY_ROWS = 8

#: How a column's numbers read. A kind is chosen per column by `formats`, else guessed from its name (`kind_of`).
KINDS = ("km", "share", "percent", "score", "count", "hours", "number", "text")


# --- names -------------------------------------------------------------------------------------------------------

def origin_place(origin_name: str) -> str:
    """The place an origin stands for: the bracketed place of 'Joint Base Andrews (Washington)', else the first
    word of an airport's name ('Pyongyang' from 'Pyongyang Sunan International Airport')."""
    bracket = re.search(r"\(([^)]+)\)", origin_name)
    return bracket.group(1) if bracket else origin_name.split()[0]


def route_name(data, origin_id: str, venue_id: str) -> str:
    """A route as a reader names it: 'Pyongyang → Da Nang'."""
    return f"{origin_place(data.origins.name[origin_id])} → {data.venue_table.name[venue_id]}"


def plain(identifier: str) -> str:
    """An id with no name in the data, said in words: 'treaty ally' from 'treaty_ally'."""
    return identifier.replace("_", " ")


def id_names(data) -> dict[str, str]:
    """Every id a table may show, with the name a reader should see instead.

    Criteria, indicators, extensions, model choices, profiles, venues, countries and states, origins, aircraft,
    border crossings, summits and event kinds, history events, relations, analyses, and routes by airport codes
    ('FNJ → DAD'). Later tables win where two share an id (a model choice named after its extension says more).
    """
    from ..inputs.schemas import RELATION_MEANINGS

    names: dict[str, str] = {}
    names.update({relation: plain(relation) for relation in RELATION_MEANINGS})
    names.update({kind: plain(kind) for kind in data.event_kinds.index})
    names.update({event: plain(event) for event in data.history.index})
    names.update(data.state_relations.name.to_dict())
    names.update(data.countries.name.to_dict())
    names.update({crossing: name.split(" (")[0] for crossing, name in data.border_crossings.name.items()})
    names.update(data.aircraft.name.to_dict())
    names.update(data.summits_hosted.name.to_dict())
    names.update({origin: origin_place(name) for origin, name in data.origins.name.items()})
    names.update(data.profiles.name.to_dict())
    names.update(data.indicators.name.to_dict())
    names.update(data.extensions.name.to_dict())
    names.update(data.criteria.name.to_dict())
    names.update(data.venue_table.name.to_dict())
    names.update({analysis: plain(analysis) for analysis in data.analysis.index})
    names.update({choice: name for choice, name in data.model_choices.name.items()
                  if choice not in data.extensions.index})
    for origin in data.origins.index:
        for venue in data.venue_table.index:
            names[f"{origin} → {data.venue_table.airport_iata[venue]}"] = route_name(data, origin, venue)
    return names


# --- numbers -----------------------------------------------------------------------------------------------------

def missing(value) -> bool:
    """Whether a cell holds no value: None, NaN, NaT, pandas' NA or an empty string."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is a value
        return False


def decimals_apart(values: Iterable[float], start: int = 2, most: int = 4) -> int:
    """The fewest decimals from `start` (up to `most`) at which values that differ do not read alike.

    0.8111 and 0.8094 both read 0.81 at two decimals, so they get three: 0.811 and 0.809.
    """
    distinct = sorted({float(v) for v in values if not missing(v) and math.isfinite(float(v))})
    for digits in range(start, most + 1):
        shown = [round(v, digits) for v in distinct]
        if len(set(shown)) == len(shown):
            return digits
    return most


def scores_text(values: Mapping[str, float] | pd.Series) -> dict[str, str]:
    """Scores for a sentence, each to two decimals or three where two would tie: {'Hanoi': '0.811', ...}."""
    digits = decimals_apart(values.values())
    return {key: f"{value:.{digits}f}" for key, value in values.items()}


def kind_of(column: str, values: pd.Series) -> str:
    """The kind of a column a caller did not name, from its header and values."""
    header = str(column).lower()
    if values.dtype == bool or values.map(lambda v: isinstance(v, bool) or missing(v)).all() and \
            values.map(lambda v: isinstance(v, bool)).any():
        return "text"
    numeric = pd.to_numeric(values, errors="coerce")
    if numeric.isna().sum() > values.map(missing).sum():  # some cell is words
        return "text"
    if "km" in header or "kilomet" in header:
        return "km"
    if "%" in header or "per cent" in header:
        return "percent"
    if "share" in header:
        return "share"
    if "hour" in header:
        return "hours"
    if numeric.dropna().map(float.is_integer).all():
        return "count"
    if numeric.dropna().between(-1.5, 1.5).all():
        return "score"
    return "number"


def formatter(kind: str, values: pd.Series, blank: str) -> Callable[[object], str]:
    """One column's cell formatter; `blank` stands for a missing value."""
    if kind not in KINDS:
        raise ValueError(f"unknown column kind {kind!r}; the kinds are {', '.join(KINDS)}")
    numbers = pd.to_numeric(values, errors="coerce") if kind != "text" else None
    if kind == "score":
        digits = decimals_apart(numbers)
    elif kind == "share":
        digits = max(0, decimals_apart(numbers * 100, start=0, most=2))
    elif kind in ("hours", "number"):
        digits = 1 if kind == "hours" else decimals_apart(numbers, start=1, most=3)

    def cell(value) -> str:
        if missing(value):
            return blank
        if isinstance(value, bool):
            return "yes" if value else "no"
        if kind == "text" or isinstance(value, str):
            return str(value)
        value = float(value)
        if kind == "km":
            return f"{value:,.0f}"
        if kind == "share":
            return f"{100 * value:.{digits}f}%"
        if kind == "percent":
            return f"{value:.0f}%"
        if kind == "count":
            return f"{value:,.0f}"
        return f"{value:,.{digits}f}"

    return cell


# --- tables ------------------------------------------------------------------------------------------------------

class ReaderTable:
    """A table as a reader sees it: HTML in a notebook or the report, the same rows as plain text elsewhere."""

    def __init__(self, cells: pd.DataFrame, numeric: list[bool], caption: str = "", summary_rows: int | None = None,
                 fold_label: str = ""):
        self.cells = cells
        self.numeric = numeric
        self.caption = caption
        self.summary_rows = summary_rows
        self.fold_label = fold_label

    @property
    def folded(self) -> bool:
        return self.summary_rows is not None

    def _html_table(self, rows: pd.DataFrame) -> str:
        def align(position: int) -> str:
            return ' style="text-align:right"' if self.numeric[position] else ' style="text-align:left"'

        head = "".join(f"<th{align(p)}>{html.escape(str(c))}</th>" for p, c in enumerate(rows.columns))
        body = "".join("<tr>" + "".join(f"<td{align(p)}>{html.escape(v)}</td>" for p, v in enumerate(row))
                       + "</tr>" for row in rows.itertuples(index=False))
        return f'<table class="reader-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _repr_html_(self) -> str:
        caption = f"<p>{html.escape(self.caption)}</p>" if self.caption else ""
        if not self.folded:
            return caption + self._html_table(self.cells)
        return (caption + self._html_table(self.cells.head(self.summary_rows))
                + f"<details><summary>{html.escape(self.fold_label)}</summary>"
                + self._html_table(self.cells) + "</details>")

    def text(self) -> str:
        shown = self.cells.head(self.summary_rows) if self.folded else self.cells
        body = shown.to_string(index=False)
        lines = ([self.caption] if self.caption else []) + [body]
        if self.folded:
            lines.append(f"({self.fold_label}: {len(self.cells) - self.summary_rows} more rows in the HTML view)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()


def table(frame: pd.DataFrame, data=None, formats: Mapping[str, str] | None = None,
          blank: str | Mapping[str, str] = "not found", index: bool | None = None, caption: str = "",
          summary_rows: int = SUMMARY_ROWS, what: str = "rows", names: Mapping[str, str] | None = None) -> ReaderTable:
    """`frame` as a reader should see it.

    - ids (in the index, the headers and any cell that is exactly an id) become names (`id_names(data)`, plus `names`);
    - each column is formatted by its kind: `formats` maps a column to one of `KINDS`, the rest are guessed (`kind_of`);
    - a missing value reads `blank` ("not found"; a mapping gives one per column), True/False read "yes"/"no";
    - the index is shown as the first column when it is not a plain row number (or as `index` says);
    - more than `FOLD_ROWS` rows: the first `summary_rows` (put the most telling first), the whole table folded.
    """
    formats = dict(formats or {})
    known = {**(id_names(data) if data is not None else {}), **(names or {})}
    unknown = set(formats) - set(map(str, frame.columns))
    if unknown:
        raise ValueError(f"formats name columns the table does not have: {', '.join(sorted(unknown))}")
    show_index = index if index is not None else not isinstance(frame.index, pd.RangeIndex)
    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    if show_index:
        labels = [str(n) for n in frame.index.names] if frame.index.nlevels > 1 else [str(frame.index.name or "")]
        labels = ["" if label == "None" or label.endswith("_id") else _name(label, known) for label in labels]
        frame = frame.reset_index(names=_unique(labels, frame.columns))
        for label in frame.columns[: len(labels)]:
            formats.setdefault(label, "text")
    cells, numeric = {}, []
    for column in frame.columns:
        values = frame[column].map(lambda v: _name(v, known) if isinstance(v, str) else v)
        kind = formats.get(column) or kind_of(column, values)
        empty = blank.get(column, "not found") if isinstance(blank, Mapping) else blank
        cells[_name(column, known)] = values.map(formatter(kind, values, empty))
        numeric.append(kind != "text")
    shown = pd.DataFrame(cells)
    fold = len(shown) > FOLD_ROWS
    return ReaderTable(shown, numeric, caption, summary_rows if fold else None,
                       f"all {len(shown)} {what}" if fold else "")


def _name(value, known: Mapping[str, str]) -> str:
    text = str(value)
    return known.get(text, text)


def _unique(labels: list[str], columns) -> list[str]:
    """Index labels that do not clash with a column ('' for an unnamed index, spaces keeping several apart)."""
    taken, unique = set(map(str, columns)), []
    for label in labels:
        while label in taken:
            label += " "
        taken.add(label)
        unique.append(label)
    return unique


# --- words -------------------------------------------------------------------------------------------------------

class Prose:
    """Markdown shown as text (a list, a sentence in bold), with the same words as plain text elsewhere."""

    def __init__(self, markdown: str):
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return re.sub(r"\*\*|__|`", "", self.markdown)


def prose(*lines: str, bullets: bool = False, numbered: bool = False) -> Prose:
    """Lines of Markdown as one block: plain paragraphs, a bulleted or a numbered list."""
    if bullets:
        return Prose("\n".join(f"- {line}" for line in lines))
    if numbered:
        return Prose("\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1)))
    return Prose("\n\n".join(lines))


def scores_in_words(scores: Mapping[str, float] | pd.Series, names: Mapping[str, str]) -> str:
    """'Hanoi 0.80, Da Nang 0.71 (out of 1)': each venue by its name, two decimals or three where two would tie."""
    shown = scores_text(dict(scores.items()))
    return ", ".join(f"{names[venue]} {text}" for venue, text in shown.items()) + " (out of 1)"

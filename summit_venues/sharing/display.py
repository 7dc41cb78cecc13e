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
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from ..inputs.dataset import Dataset

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


def route_name(data: Dataset, origin_id: str, venue_id: str) -> str:
    """A route as a reader names it: 'Pyongyang → Da Nang'."""
    return f"{origin_place(data.origins.name[origin_id])} → {data.venue_table.name[venue_id]}"


def plain(identifier: str) -> str:
    """An id with no name in the data, said in words: 'treaty ally' from 'treaty_ally'."""
    return identifier.replace("_", " ")


def crossing_name(name: str) -> str:
    """A border crossing's name up to its bracket: "Dong Dang railway station"."""
    return name.split(" (")[0]


def place_names(data: Dataset) -> dict[str, str]:
    """The name of each place a file may refer to by id: a venue, a country, a border crossing."""
    crossings = {crossing: crossing_name(name) for crossing, name in data.border_crossings.name.items()}
    return {**crossings, **data.countries.name.to_dict(), **data.venues.name.to_dict()}


def leg_name(start: str, end: str, mode: str, places: Mapping[str, str]) -> str:
    """An overland leg in words: "Dong Dang railway station → Hanoi (rail)"."""
    return f"{places.get(start, start)} → {places.get(end, end)} ({mode})"


def parameter_name(parameter_id: str) -> str:
    """A parameter in words, without its unit: "hostile airspace margin" from 'hostile_airspace_margin_km'."""
    return re.sub(r" (km|nm|min)$", "", plain(parameter_id))


def id_names(data: Dataset) -> dict[str, str]:
    """Every id a table may show, with the name a reader should see instead.

    Criteria, indicators, extensions, model choices, profiles, venues, countries and states, origins, aircraft,
    border crossings, summits and event kinds, history events, relations, analyses, and routes by airport codes
    ('FNJ → DAD'). Later tables win where two share an id (a model choice named after its extension says more).
    """
    from ..inputs.schemas import RELATION_MEANINGS

    names: dict[str, str] = {}
    names.update({kind: plain(kind) for kind in data.event_kinds.index})
    names.update({event: plain(event) for event in data.history.index})
    names.update(data.state_relations.name.to_dict())
    names.update(data.countries.name.to_dict())
    names.update({crossing: crossing_name(name) for crossing, name in data.border_crossings.name.items()})
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
    names.update({relation: plain(relation) for relation in RELATION_MEANINGS})  # 'neutral' is a relation first
    places = {**names, **place_names(data)}
    names.update({leg.Index: leg_name(leg.from_place, leg.to_place, leg.mode, places)
                  for leg in data.overland_legs.itertuples()})
    names.update({parameter: parameter_name(parameter) for parameter in data.parameters.index})
    names.update(data.context_facts.fact.to_dict())
    # A source row has no name of its own: it reads as what it is the source of ('Hanoi: main hall seats').
    for source in data.sources.itertuples():
        record = names.get(source.record_id, plain(source.record_id))
        names.setdefault(source.source_id, f"{record}: {', '.join(plain(f) for f in source.fields.split(' ; '))}")
    return names


#: A token that is code, not words: 'time_invariant', 'bound_only'.
_SNAKE = re.compile(r"^[a-z0-9]+(_[A-Za-z0-9]+)+$")  # relation_to_DPRK too
#: An id written inside a sentence that a reader would not write: one with an underscore or a hyphen and a digit or
#: more than one part ('hanoi-widebody', 'city_diplomacy').
_CODE_LIKE = re.compile(r"[_-]")


def reader_words(text: str, known: Mapping[str, str], embedded: re.Pattern | None = None) -> str:
    """A text cell as a reader should see it: an id (or a list of ids, ' ; ' apart) by its name, a snake_case token
    in words, and ids written inside a sentence by their names."""
    if text in known:
        return known[text]
    parts = text.split(" ; ")
    if len(parts) > 1 and all(part in known or " " not in part for part in parts):
        return "; ".join(known.get(part, plain(part)) for part in parts)
    if _SNAKE.match(text):
        return plain(text)
    if embedded is not None:
        return embedded.sub(lambda match: known[match.group(0)], text)
    return text


def _embedded_ids(known: Mapping[str, str]) -> re.Pattern | None:
    """A pattern that finds the code-like ids of `known` inside a sentence (not inside a web address or a file name)."""
    code_like = sorted((k for k in known if _CODE_LIKE.search(k) and " " not in k), key=len, reverse=True)
    if not code_like:
        return None
    return re.compile(r"(?<![\w/.#-])(" + "|".join(map(re.escape, code_like)) + r")(?![\w-]|\.\w)")


# --- numbers -----------------------------------------------------------------------------------------------------

def missing(value: object) -> bool:
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
    if numeric.dropna().map(lambda v: float(v).is_integer()).all():
        return "count"
    if numeric.dropna().between(-1.5, 1.5).all():
        return "score"
    return "number"


def formatter(kind: str, values: pd.Series, blank: str, score_digits: int | None = None) -> Callable[[object], str]:
    """One column's cell formatter; `blank` stands for a missing value; `score_digits` fixes a score's decimals."""
    if kind not in KINDS:
        raise ValueError(f"unknown column kind {kind!r}; the kinds are {', '.join(KINDS)}")
    number = _number_format(kind, values, score_digits)

    def cell(value: Any) -> str:  # a pandas cell: anything
        if missing(value):
            return blank
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str):
            return value
        return number(value)

    return cell


def _number_format(kind: str, values: pd.Series, score_digits: int | None) -> Callable[[float], str]:
    """How a column of `kind` writes a number: its unit's form, with the decimals its values need to differ."""
    if kind == "text":  # a number in a column of words: whole from 100 up, else three significant digits
        return _plain_number
    numbers = pd.to_numeric(values, errors="coerce")
    if kind in ("km", "count"):
        return lambda value: f"{float(value):,.0f}"
    if kind == "percent":
        return lambda value: f"{float(value):.0f}%"
    if kind == "share":
        share_digits = max(0, decimals_apart(numbers * 100, start=0, most=2))
        return lambda value: f"{100 * float(value):.{share_digits}f}%"
    if kind == "score":
        digits = score_digits if score_digits is not None else decimals_apart(numbers)
    else:  # hours, number
        digits = 1 if kind == "hours" else decimals_apart(numbers, start=1, most=3)
    return lambda value: f"{float(value):,.{digits}f}"


def _plain_number(value: Any) -> str:
    """A number as a sentence writes it; anything else (a date, say) as its text."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,.0f}" if abs(number) >= 100 or number.is_integer() else f"{number:.3g}"


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
        """Plain cells for numbers (right-aligned, as JupyterLab and the report draw data frames), words to the left."""
        def cell(tag: str, position: int, text: str) -> str:
            align = "" if self.numeric[position] else ' style="text-align:left"'
            return f"<{tag}{align}>{html.escape(text)}</{tag}>"

        head = "".join(cell("th", p, str(c)) for p, c in enumerate(rows.columns))
        body = "".join("<tr>" + "".join(cell("td", p, v) for p, v in enumerate(row)) + "</tr>"
                       for row in rows.itertuples(index=False))
        return (f'<table class="dataframe reader-table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

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
        if self.summary_rows is not None:  # folded
            lines.append(f"({self.fold_label}: {len(self.cells) - self.summary_rows} more rows in the HTML view)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()


def table(frame: pd.DataFrame, data: Dataset | None = None, formats: Mapping[str, str] | None = None,
          blank: str | Mapping[str, str] = "–", index: bool | None = None, caption: str = "",
          summary_rows: int = SUMMARY_ROWS, what: str = "rows", names: Mapping[str, str] | None = None) -> ReaderTable:
    """`frame` as a reader should see it.

    - ids (in the index, the headers and any cell that is exactly an id) become names (`id_names(data)`, plus `names`);
      a column headed `profile` (or `profile_id`) reads profiles' names first ('neutral' is a relation elsewhere);
    - each column is formatted by its kind: `formats` maps a column to one of `KINDS`, the rest are guessed (`kind_of`);
      the score columns of one table share their decimals: two, or three where two would tie in a row or a column;
    - a missing value reads `blank` ("–", nothing to show; say "not found" where a value was looked for; a mapping
      gives one per column), True/False read "yes"/"no";
    - the index is shown as the first column when it is not a plain row number (or as `index` says), unless it
      repeats a column; headers of several levels are joined ('TOPSIS: rank');
    - more than `FOLD_ROWS` rows: the first `summary_rows` (put the most telling first), the whole table folded.
    """
    formats = dict(formats or {})
    known = {**(id_names(data) if data is not None else {}), **(names or {})}
    contexts = {"profile": data.profiles.name.to_dict()} if data is not None else {}
    frame = frame.copy()
    if frame.columns.nlevels > 1:
        frame.columns = [": ".join(_header(str(level), known) for level in column) for column in frame.columns]
    frame.columns = [str(c) for c in frame.columns]
    unknown = set(formats) - set(frame.columns)
    if unknown:
        raise ValueError(f"formats name columns the table does not have: {', '.join(sorted(unknown))}")
    show_index = index if index is not None else not isinstance(frame.index, pd.RangeIndex)
    if show_index:
        raw = [str(n) for n in frame.index.names]
        labels = ["" if label == "None" or label.endswith("_id") else _header(label, known) for label in raw]
        context = contexts.get(raw[0].removesuffix("_id"), {}) if len(raw) == 1 else {}
        shown_index = [_words_of(v, {**known, **context}, None) for v in frame.index] if len(raw) == 1 else None
        repeats = shown_index is not None and any(
            [_words_of(v, {**known, **contexts.get(str(c).removesuffix("_id"), {})}, None) for v in frame[c]]
            == shown_index for c in frame.columns)
        if not repeats:
            frame = frame.reset_index(names=_unique(labels, frame.columns))
            if context:
                frame[frame.columns[0]] = shown_index
            for label in frame.columns[: len(labels)]:
                formats.setdefault(label, "text")
    embedded = _embedded_ids(known)
    words, kinds = {}, {}
    for column in frame.columns:
        vocabulary = {**known, **contexts.get(column.removesuffix("_id"), {})}
        words[column] = frame[column].map(lambda v, vocabulary=vocabulary: _words_of(v, vocabulary, embedded))
        kinds[column] = formats.get(column) or kind_of(column, words[column])
    score_digits = _score_digits(pd.DataFrame({c: v for c, v in words.items() if kinds[c] == "score"}))
    cells, numeric = {}, []
    for column in frame.columns:
        empty = blank.get(column, "–") if isinstance(blank, Mapping) else blank
        cells[_header(column, known)] = words[column].map(formatter(kinds[column], words[column], empty,
                                                                    score_digits))
        numeric.append(kinds[column] != "text")
    shown = pd.DataFrame(cells)
    fold = len(shown) > FOLD_ROWS
    return ReaderTable(shown, numeric, caption, summary_rows if fold else None,
                       f"all {len(shown)} {what}" if fold else "")


def _score_digits(scores: pd.DataFrame) -> int:
    """The decimals all score columns of a table share: two, or more where two would make values differing in one
    column, or in one row, read alike."""
    if scores.empty:
        return 2
    numbers = scores.apply(pd.to_numeric, errors="coerce")
    lines = [numbers[c] for c in numbers.columns] + [row for _, row in numbers.iterrows()]
    return max(decimals_apart(line) for line in lines)


def _words_of(value: object, known: Mapping[str, str], embedded: re.Pattern | None) -> object:
    """A cell's value with its ids in words; a list of ids (an event's indicators, say) as their names, '; ' apart."""
    if isinstance(value, str):
        return reader_words(value, known, embedded)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(reader_words(str(item), known, embedded) for item in value)
    return value


def _header(column: str, known: Mapping[str, str]) -> str:
    """A column's header: a name for an id, words for a snake_case field ('as of' from 'as_of')."""
    if column in known:
        return known[column]
    if column.endswith("_id"):
        return plain(column[:-3])
    return plain(column) if "_" in column and " " not in column else column


def _unique(labels: list[str], columns: Iterable[object]) -> list[str]:
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


def show(*objects: object) -> None:
    """Show tables or prose in the middle of a cell (the last one a cell returns is shown by itself)."""
    from IPython.display import display as ipython_display

    ipython_display(*objects)

"""Template files for a new venue, written from the data dictionary (data/datapackage.json).

`new_venue_files` returns the files a new venue needs, ready to fill in: its row of venues.csv
with only its id and name set, a sources row for each group of its columns, empty files for a new
country, overland legs, leaders' events and plausible ranges, and a guide that lists every column
with its unit and meaning, straight from the dictionary, so the guide cannot drift from the loader.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from .extra_venues import EXTRA_FILES

#: Columns of venues.csv that one source usually covers together; every other column gets its own row.
SOURCE_GROUPS = (("centre_lat", "centre_lon"), ("airport_iata", "airport_icao", "airport_lat", "airport_lon"))
#: The extra file each table goes to, and the data file whose columns it has.
TEMPLATE_TABLES = {"venues": "venues.csv", "sources": "sources.csv", "countries": "countries.csv",
                   "overland_legs": "overland_legs.csv", "border_crossings": "border_crossings.csv",
                   "summits_hosted": "summits_hosted.csv", "value_ranges": "value_ranges.csv"}


def venue_id_problem(venue_id: str) -> str | None:
    """Why `venue_id` cannot name a venue (ids are lower-case letters, digits and underscores), or None."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", venue_id):
        return f"'{venue_id}' is not a venue id: use lower-case letters, digits and underscores, e.g. 'kuala_lumpur'"
    return None


def _fields(package: dict, path: str) -> list[dict]:
    return next(r for r in package["resources"] if r["path"] == path)["schema"]["fields"]


def _csv(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def new_venue_files(venue_id: str, package_path: Path) -> dict[str, str]:
    """File name -> text of every template for the venue `venue_id`."""
    package = json.loads(package_path.read_text(encoding="utf-8"))
    venue_columns = [f["name"] for f in _fields(package, "venues.csv")]
    name = venue_id.replace("_", " ").title()
    files = {f"{venue_id}.csv": _csv(venue_columns, [{"venue_id": venue_id, "name": name}])}
    grouped = {c for group in SOURCE_GROUPS for c in group}
    skipped = {"venue_id", "name", "country"}
    groups = list(SOURCE_GROUPS) + [(c,) for c in venue_columns if c not in grouped | skipped]
    source_columns = [f["name"] for f in _fields(package, "sources.csv")]
    sources = [{"source_id": f"{venue_id}-{group[0].replace('_', '-')}", "table": "venues", "record_id": venue_id,
                "fields": " ; ".join(group)} for group in groups]
    files[f"{venue_id}.sources.csv"] = _csv(source_columns, sources)
    for table, data_file in TEMPLATE_TABLES.items():
        if table in ("venues", "sources"):
            continue
        columns = [f["name"] for f in _fields(package, data_file)]
        files[f"{venue_id}{EXTRA_FILES[table]}"] = _csv(columns, [])
    files[f"{venue_id}.README.md"] = _guide(venue_id, package)
    return files


def _guide(venue_id: str, package: dict) -> str:
    lines = [f"# Adding {venue_id}: what goes in each file", "",
             f"Fill in `{venue_id}.csv` (one row) and give every value a row in `{venue_id}.sources.csv`;",
             f"then run `summit-venues validate --extra-venues {venue_id}.csv`, which lists every problem with",
             "its file, row and column. Leave a value you cannot find empty and give its plausible range in",
             f"`{venue_id}.ranges.csv` with the reason. Delete the files you do not need; this guide is not read.", ""]
    for table, data_file in TEMPLATE_TABLES.items():
        lines += [f"## `{venue_id}{EXTRA_FILES[table]}` (the columns of `{data_file}`)", "",
                  "| column | unit | meaning |", "|---|---|---|"]
        for field in _fields(package, data_file):
            required = " (required)" if field.get("constraints", {}).get("required") else ""
            lines.append(f"| `{field['name']}` | {field.get('unit', '–')} | {field['description']}{required} |")
        lines.append("")
    return "\n".join(lines)

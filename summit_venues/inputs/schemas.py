"""The columns of every data file, as the loader checks them: type, range, choices, required, sourced.

The data dictionary itself (what each column means, its unit, keys and licence) is
data/datapackage.json, explained in data/README.md; a test keeps the three in step.
Indicator columns of `venues.csv` and `countries.csv` are not listed here: they are
declared by rows of `indicators.csv`, so that adding an indicator is a data change.
"""
from __future__ import annotations

from .tables import Column, TableSchema

GRADES = ("A", "B", "C", "estimate")
#: Where an indicator's anchors come from. No anchor may simply be a candidate's own value.
ANCHOR_BASES = (
    "scale_limits",  # the ends of the quantity's own range (a share from 0 to 1, a count from 0 to 2)
    "outside",  # an outside reference, cited in anchor_sources
    "judgement",  # a judgement not derived from any candidate, and said to be one
    "rubric",  # the end levels of a written rubric
)
#: Why a figure dated after the analysis date may still be used (sources.csv `knowable`).
KNOWABLE = (
    "time_invariant",  # geography, coordinates, the type of an aircraft: true then as now
    "state_held",  # a later measurement of a state that already held on the analysis date (say why in note)
    "bound_only",  # a later figure used only to bound the plausible range of a value left empty
)
#: A later source marked time_invariant may stand alone only for columns marked `invariant` (positions,
#: lengths of a fixed route, an aircraft's specification, a model parameter); any other later source
#: marked time_invariant or state_held names, in `held_since`, a source dated by the analysis date that
#: shows the state already held.
DELEGATIONS = ("DPRK", "USA")

VENUES = TableSchema("venues.csv", "venue_id", (
    Column("venue_id", "id", sourced=False),
    Column("name", sourced=False),
    Column("country", sourced=False),
    Column("centre_lat", "float", low=-90, high=90, invariant=True),
    Column("centre_lon", "float", low=-180, high=180, invariant=True),
    Column("airport_iata", invariant=True),
    Column("airport_icao", invariant=True),
    Column("airport_lat", "float", low=-90, high=90, invariant=True),
    Column("airport_lon", "float", low=-180, high=180, invariant=True),
    Column("longest_runway_m", "float", low=0),
    Column("airport_to_centre_km", "float", low=0, invariant=True),
    Column("reached_by_road", required=False),
))

COUNTRIES = TableSchema("countries.csv", "country", (
    Column("country", "id", sourced=False),
    Column("name", sourced=False),
    Column("dprk_relations_established", "date", required=False),
    Column("us_relations_established", "date", required=False),
))

ORIGINS = TableSchema("origins.csv", "origin_id", (
    Column("origin_id", "id", sourced=False),
    Column("name", sourced=False),
    Column("delegation", "choice", choices=DELEGATIONS, sourced=False),
    Column("airport_icao", invariant=True),
    Column("lat", "float", low=-90, high=90, invariant=True),
    Column("lon", "float", low=-180, high=180, invariant=True),
))

AIRCRAFT = TableSchema("aircraft.csv", "aircraft_id", (
    Column("aircraft_id", "id", sourced=False),
    Column("name", sourced=False),
    Column("delegation", "choice", choices=DELEGATIONS, sourced=False),
    Column("role", sourced=False),
    Column("range_km", "float", low=0, invariant=True),
    Column("cruise_kmh", "float", low=0, invariant=True),
))


CRITERIA = TableSchema("criteria.csv", "criterion_id", (
    Column("criterion_id", "id"),
    Column("name"),
    Column("short_name"),
    Column("article_quote"),
    Column("rationale"),
))

INDICATORS = TableSchema("indicators.csv", "indicator_id", (
    Column("indicator_id", "id"),
    Column("criterion_id", "id"),
    Column("name"),
    Column("short_name"),
    Column("column"),
    Column("level", "choice", choices=("city", "country", "derived")),
    Column("unit"),
    Column("direction", "choice", choices=("benefit", "cost")),
    Column("worst", "float", required=True),
    Column("best", "float", required=True),
    Column("shape", "choice", choices=("linear", "log", "rubric")),
    Column("weight", "float"),
    Column("extension", "id", required=False),
    Column("anchor_basis", "choice", choices=ANCHOR_BASES),
    Column("anchor_sources", required=False),
    Column("anchor_rationale"),
))

EXTENSIONS = TableSchema("extensions.csv", "extension_id", (
    Column("extension_id", "id"),
    Column("criterion_id", "id"),
    Column("name"),
    Column("adds"),
    Column("reason"),
))

ANALYSIS = TableSchema("analysis.csv", "analysis_id", (
    Column("analysis_id", "id"),
    Column("analysis_date", "date"),
    Column("decision_date", "date"),
    Column("question"),
    Column("reason"),
))

GRADE_RANGES = TableSchema("grade_ranges.csv", "grade", (
    Column("grade", "choice", choices=GRADES),
    Column("relative", "float", low=0, high=1),
    Column("rubric_levels", "int", low=0),
    Column("rubric_probability", "float", low=0, high=1),
    Column("reason"),
))

VALUE_RANGES = TableSchema("value_ranges.csv", "field", (
    Column("table", "choice", choices=("venues", "countries")),
    Column("record_id", "id"),
    Column("field", "id"),
    Column("low", "float"),
    Column("high", "float"),
    Column("alternatives", required=False),
    Column("reason"),
), key_columns=("table", "record_id", "field"))

FACT_EXCEPTIONS = TableSchema("fact_exceptions.csv", "indicators", (
    Column("indicators"),
    Column("reason"),
))

CHOICE_KINDS = {
    "extension": "switch the extension named in target on",
    "indicator_off": "leave the indicator named in target out",
    "anchor": "set an anchor, target '<indicator_id>/worst' or '/best', to value",
    "scale": "give the indicator named in target the shape in value (linear or log)",
    "weight": "give the indicator named in target the weight in value inside its criterion",
    "level": "move a rubric level graded B or worse, target '<table>/<record_id>/<field>', one step to value",
    "value": "replace one raw value, target '<table>/<record_id>/<field>', by value",
}
#: Any choice may list several targets, separated by ' ; ', with one value for all or one value per target.

MODEL_CHOICES = TableSchema("model_choices.csv", "choice_id", (
    Column("choice_id", "id"),
    Column("name"),
    Column("kind", "choice", choices=tuple(CHOICE_KINDS)),
    Column("target"),
    Column("value", required=False),
    Column("reason"),
))

PROFILES = TableSchema("profiles.csv", "profile_id", (
    Column("profile_id", "id"),
    Column("name"),
    Column("perspective"),
))

PROFILE_WEIGHTS = TableSchema("profile_weights.csv", "profile_id", (
    Column("profile_id", "id"),
    Column("criterion_id", "id"),
    Column("weight", "float"),
    Column("sources", required=False),
    Column("reason"),
), key_columns=("profile_id", "criterion_id"))

RUBRICS = TableSchema("rubrics.csv", "rubric_id", (
    Column("rubric_id", "id"),
    Column("level", "int", low=0),
    Column("score", "float", low=0, high=1),
    Column("label"),
    Column("meaning"),
), key_columns=("rubric_id", "level"))

#: How one state stands towards a delegation, from closest to most hostile; every row of
#: state_relations.csv is classed by these definitions, with its evidence in sources.csv.
RELATION_MEANINGS = {
    "treaty_ally": "a mutual-defence treaty in force",
    "friendly": "diplomatic relations and a treaty of friendship or a declared partnership, without a defence pact",
    "neutral": "diplomatic relations, with no treaty or partnership and no declared hostility",
    "rival": "diplomatic relations, but named a threat in official strategy or formally restricted",
    "adversary": "no diplomatic relations, and hostility: a war ended by armistice only, or sanctions and threats",
}
RELATIONS = tuple(RELATION_MEANINGS)
#: Only adversaries count as hostile in the route-safety indicators: a rival still keeps diplomatic
#: relations with the traveller's state, so an overflight can be arranged through its embassy.
HOSTILE_RELATIONS = ("adversary",)
#: The state each delegation belongs to (Natural Earth ADM0_A3 codes).
DELEGATION_STATES = {"DPRK": "PRK", "USA": "USA"}


def relation_column(delegation: str) -> str:
    """Column of state_relations.csv holding each state's relation to one delegation."""
    return f"relation_to_{delegation}"


STATE_RELATIONS = TableSchema("state_relations.csv", "country", (
    Column("country", "id", sourced=False),
    Column("name", sourced=False),
    *(Column(relation_column(d), "choice", choices=RELATIONS, required=False)
      for d in DELEGATIONS),
))

PARAMETERS = TableSchema("parameters.csv", "parameter_id", (
    Column("parameter_id", "id", sourced=False),
    Column("value", "float", invariant=True),  # a model parameter: a judgement of the model, not a state
    Column("unit", sourced=False),
    Column("meaning", sourced=False),
))

BORDER_CROSSINGS = TableSchema("border_crossings.csv", "crossing_id", (
    Column("crossing_id", "id", sourced=False),
    Column("name", sourced=False),
    Column("country", sourced=False),
    Column("neighbour", sourced=False),
    Column("lat", "float", low=-90, high=90, invariant=True),
    Column("lon", "float", low=-180, high=180, invariant=True),
))

OVERLAND_LEGS = TableSchema("overland_legs.csv", "leg_id", (
    Column("leg_id", "id", sourced=False),
    Column("mode", "choice", choices=("rail", "road"), sourced=False),
    # A row with neither `from_place` nor `km` states that no route of its mode reaches `to_place`
    # (an island, a country with no rail link): then the venue's distance is infinite, scored as
    # the worst; a venue with no leg at all has no distance, which is an error when it is scored.
    Column("from_place", "id", required=False, sourced=False),
    Column("to_place", "id", sourced=False),
    Column("km", "float", low=0, required=False, invariant=True),
))

#: Kinds of event in summits_hosted.csv; their weights in the summit record are data (event_kinds.csv).
EVENT_KINDS = TableSchema("event_kinds.csv", "kind", (
    Column("kind", "id", sourced=False),
    Column("weight", "float", low=0, sourced=False),
    Column("meaning", sourced=False),
))

SUMMITS_HOSTED = TableSchema("summits_hosted.csv", "event_id", (
    Column("event_id", "id", sourced=False),
    Column("venue_id", "id", sourced=False),
    Column("name", sourced=False),
    Column("start_date", "date"),
    Column("kind"),
))

CONTEXT_FACTS = TableSchema("context_facts.csv", "fact_id", (
    Column("fact_id", "id", sourced=False),
    Column("criterion_id", "id", sourced=False),
    Column("place", sourced=False),
    Column("fact", sourced=False),
    Column("value"),
    Column("unit", required=False, sourced=False),
))

HISTORY = TableSchema("history.csv", "event_id", (
    Column("event_id", "id", sourced=False),
    Column("date", "date"),
    Column("place", sourced=False),
    Column("what"),
))

DATA_TABLES = {"venues": VENUES, "countries": COUNTRIES, "origins": ORIGINS, "aircraft": AIRCRAFT,
               "state_relations": STATE_RELATIONS, "parameters": PARAMETERS,
               "border_crossings": BORDER_CROSSINGS, "overland_legs": OVERLAND_LEGS,
               "summits_hosted": SUMMITS_HOSTED, "context_facts": CONTEXT_FACTS, "history": HISTORY}

SOURCES = TableSchema("sources.csv", "source_id", (
    Column("source_id", "id"),
    Column("table", "choice", choices=tuple(DATA_TABLES)),
    Column("record_id", "id"),
    Column("fields"),
    Column("source_url", "url", required=False),
    Column("as_of", "date"),
    Column("published", "date", required=False),
    Column("knowable", "choice", choices=KNOWABLE, required=False),
    Column("held_since", "id", required=False),
    Column("grade", "choice", choices=GRADES),
    Column("rests_on", required=False),
    Column("note", required=False),
    Column("alternatives", required=False),
))

#: The model's own tables: how the data are scored rather than facts about the venues.
MODEL_TABLES = {"analysis": ANALYSIS, "extensions": EXTENSIONS, "grade_ranges": GRADE_RANGES}
#: What the model knew that an analysis's own date did not: a reason of the model (an anchor's, a weight's,
#: a rubric's ...) that cites a later source or names a later time, allowed for that analysis with a reason.
#: The model was fixed for the 2019 analysis; a backtest on an earlier date lists here what it could not know.
KNOWN_LATER = TableSchema("known_later.csv", "row", (
    Column("file"),
    Column("row"),
    Column("column"),
    Column("reason"),
), key_columns=("file", "row", "column"))

#: Model tables the data may do without: no ranges, no exceptions, no choices, nothing known later.
OPTIONAL_MODEL_TABLES = {"value_ranges": VALUE_RANGES, "fact_exceptions": FACT_EXCEPTIONS,
                         "model_choices": MODEL_CHOICES, "known_later": KNOWN_LATER}
MODEL_SCHEMAS = {**MODEL_TABLES, **OPTIONAL_MODEL_TABLES}

#: What one analysis brings of its own: its date, its venues and their facts, the ranges of those facts
#: and the alternative values worth trying. Everything else is the model (indicators, scales, rubrics,
#: weights, extensions, grades, event kinds) and the world the routes cross (origins, aircraft, state
#: relations, parameters): an analysis in a folder of its own (a backtest) reads those from the data
#: folder above it and may not bring its own.
ANALYSIS_FILES = ("analysis.csv", "venues.csv", "countries.csv", "sources.csv", "value_ranges.csv",
                  "model_choices.csv", "border_crossings.csv", "overland_legs.csv", "summits_hosted.csv",
                  "context_facts.csv", "history.csv", "known_later.csv")
#: Tables of the data folder whose rows an analysis folder shares, with their rows of sources.csv.
SHARED_DATA_TABLES = ("origins", "aircraft", "state_relations", "parameters")

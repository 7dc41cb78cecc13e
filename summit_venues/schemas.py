"""The columns of every data file: the part of the data dictionary the code relies on.

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
DELEGATIONS = ("DPRK", "USA")

VENUES = TableSchema("venues.csv", "venue_id", (
    Column("venue_id", "id", sourced=False, meaning="short lower-case id of the candidate city"),
    Column("name", sourced=False, meaning="display name"),
    Column("country", sourced=False, meaning="ISO 3166-1 alpha-3 code; a row of countries.csv"),
    Column("centre_lat", "float", low=-90, high=90, unit="deg N (WGS-84)",
           meaning="reference point of the city centre"),
    Column("centre_lon", "float", low=-180, high=180, unit="deg E (WGS-84)",
           meaning="reference point of the city centre"),
    Column("airport_iata", meaning="IATA code of the main airport"),
    Column("airport_icao", meaning="ICAO code of the main airport"),
    Column("airport_lat", "float", low=-90, high=90, unit="deg N (WGS-84)",
           meaning="aerodrome reference point"),
    Column("airport_lon", "float", low=-180, high=180, unit="deg E (WGS-84)",
           meaning="aerodrome reference point"),
    Column("longest_runway_m", "float", low=0, unit="m", meaning="length of the longest runway"),
    Column("airport_to_centre_km", "float", low=0, unit="km",
           meaning="distance from the airport to the city as published (not a straight line)"),
))

COUNTRIES = TableSchema("countries.csv", "country", (
    Column("country", "id", sourced=False, meaning="ISO 3166-1 alpha-3 code"),
    Column("name", sourced=False, meaning="display name"),
    Column("dprk_relations_established", "date", required=False,
           meaning="date diplomatic relations with the DPRK were established (empty: none)"),
    Column("us_relations_established", "date", required=False,
           meaning="date diplomatic relations with the United States were established (empty: none)"),
))

ORIGINS = TableSchema("origins.csv", "origin_id", (
    Column("origin_id", "id", sourced=False, meaning="IATA code of the departure airport"),
    Column("name", sourced=False, meaning="display name"),
    Column("delegation", "choice", choices=DELEGATIONS, sourced=False, meaning="whose journey starts here"),
    Column("airport_icao", meaning="ICAO code"),
    Column("lat", "float", low=-90, high=90, unit="deg N (WGS-84)", meaning="aerodrome reference point"),
    Column("lon", "float", low=-180, high=180, unit="deg E (WGS-84)", meaning="aerodrome reference point"),
))

AIRCRAFT = TableSchema("aircraft.csv", "aircraft_id", (
    Column("aircraft_id", "id", sourced=False, meaning="short id"),
    Column("name", sourced=False, meaning="display name"),
    Column("delegation", "choice", choices=DELEGATIONS, sourced=False, meaning="who used or could use it"),
    Column("role", sourced=False, meaning="how it figures in the story"),
    Column("range_km", "float", low=0, unit="km", meaning="range without refuelling"),
    Column("cruise_kmh", "float", low=0, unit="km/h", meaning="typical cruise speed"),
))


CRITERIA = TableSchema("criteria.csv", "criterion_id", (
    Column("criterion_id", "id", meaning="short id"),
    Column("name", meaning="display name"),
    Column("article_quote", meaning="the sentence of the Asia Times article (6 Feb 2019) it rests on"),
    Column("rationale", meaning="why the criterion is scored the way it is"),
))

INDICATORS = TableSchema("indicators.csv", "indicator_id", (
    Column("indicator_id", "id", meaning="short id"),
    Column("criterion_id", "id", meaning="the criterion it belongs to (criteria.csv)"),
    Column("name", meaning="display name"),
    Column("column", meaning="the column holding its raw value"),
    Column("level", "choice", choices=("city", "country", "derived"),
           meaning="where the raw value lives: venues.csv, countries.csv, or computed by the package"),
    Column("unit", meaning="unit of the raw value"),
    Column("direction", "choice", choices=("benefit", "cost"),
           meaning="benefit: more is better; cost: less is better"),
    Column("worst", "float", required=True, meaning="raw value that scores 0"),
    Column("best", "float", required=True, meaning="raw value that scores 1"),
    Column("shape", "choice", choices=("linear", "log", "rubric"),
           meaning="shape of the value function between the anchors; rubric: scored by the levels of rubrics.csv"),
    Column("weight", "float", meaning="relative weight within its criterion"),
    Column("extension", "id", required=False,
           meaning="empty: the article's model; else the extension_id (extensions.csv) that adds it"),
    Column("anchor_basis", "choice", choices=ANCHOR_BASES, meaning="where the anchors come from (see ANCHOR_BASES)"),
    Column("anchor_sources", required=False,
           meaning="source_ids (sources.csv) the anchor rationale cites, separated by ' ; '"),
    Column("anchor_rationale", meaning="why these anchors and this shape"),
))

EXTENSIONS = TableSchema("extensions.csv", "extension_id", (
    Column("extension_id", "id", meaning="short id, as named in indicators.csv and model_choices.csv"),
    Column("criterion_id", "id", meaning="the criterion it adds to (criteria.csv)"),
    Column("name", meaning="display name"),
    Column("adds", meaning="what it adds to the article's model"),
    Column("reason", meaning="why it is an addition, not the article's"),
))

ANALYSIS = TableSchema("analysis.csv", "analysis_id", (
    Column("analysis_id", "id", meaning="short id of the analysis"),
    Column("analysis_date", "date", meaning="the date the scores stand at: nothing learned later is scored"),
    Column("decision_date", "date", meaning="when the venue was announced"),
    Column("question", meaning="the decision analysed"),
    Column("reason", meaning="why this analysis date"),
))

GRADE_RANGES = TableSchema("grade_ranges.csv", "grade", (
    Column("grade", "choice", choices=GRADES, meaning="a confidence grade of sources.csv"),
    Column("relative", "float", low=0, high=1,
           meaning="half-width of a value's plausible range, as a share of the value"),
    Column("rubric_levels", "int", low=0, meaning="half-width of a rubric level's plausible range, in levels"),
    Column("reason", meaning="why this width"),
))

VALUE_RANGES = TableSchema("value_ranges.csv", "field", (
    Column("table", "choice", choices=("venues", "countries"), meaning="the data file of the value"),
    Column("record_id", "id", meaning="its row"),
    Column("field", "id", meaning="its column"),
    Column("low", "float", meaning="lowest plausible value"),
    Column("high", "float", meaning="highest plausible value"),
    Column("alternatives", required=False,
           meaning="other published values, separated by ' ; ': each must lie inside the range"),
    Column("reason", meaning="where the bounds come from"),
), key_columns=("table", "record_id", "field"))

FACT_EXCEPTIONS = TableSchema("fact_exceptions.csv", "indicators", (
    Column("indicators", meaning="indicator_ids, separated by ' ; ', that one fact may feed together"),
    Column("reason", meaning="why feeding them all does not count the fact twice"),
))

CHOICE_KINDS = {
    "extension": "switch the extension named in target on",
    "indicator_off": "leave the indicator named in target out",
    "anchor": "set an anchor, target '<indicator_id>/worst' or '/best', to value",
    "value": "replace one raw value, target '<table>/<record_id>/<field>', by value",
}

MODEL_CHOICES = TableSchema("model_choices.csv", "choice_id", (
    Column("choice_id", "id", meaning="short id"),
    Column("kind", "choice", choices=tuple(CHOICE_KINDS), meaning="what the choice changes (see CHOICE_KINDS)"),
    Column("target", meaning="what it applies to"),
    Column("value", required=False, meaning="the alternative setting"),
    Column("reason", meaning="why it is a defensible alternative"),
))

PROFILES = TableSchema("profiles.csv", "profile_id", (
    Column("profile_id", "id", meaning="short id, as passed to the decision notebook"),
    Column("name", meaning="display name"),
    Column("perspective", meaning="whose view the profile models, in a sentence"),
))

PROFILE_WEIGHTS = TableSchema("profile_weights.csv", "profile_id", (
    Column("profile_id", "id", meaning="the profile (profiles.csv)"),
    Column("criterion_id", "id", meaning="the criterion (criteria.csv)"),
    Column("weight", "float", meaning="relative weight; a profile's weights are rescaled to sum to 1"),
    Column("sources", required=False, meaning="source_ids (sources.csv) the reason cites, separated by ' ; '"),
    Column("reason", meaning="why this weight, citing the evidence or saying it is a judgement"),
), key_columns=("profile_id", "criterion_id"))

RUBRICS = TableSchema("rubrics.csv", "rubric_id", (
    Column("rubric_id", "id", meaning="the indicator_id of the rubric-shaped indicator it scores"),
    Column("level", "int", low=0, meaning="level number; a higher level is better"),
    Column("score", "float", low=0, high=1, meaning="score of the level (lowest level 0, highest 1)"),
    Column("label", meaning="short name of the level"),
    Column("meaning", meaning="what a venue must show to be on this level"),
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
    Column("country", "id", sourced=False,
           meaning="ADM0_A3 code of a state in the Natural Earth borders "
                   "(for most states the ISO 3166-1 alpha-3 code)"),
    Column("name", sourced=False, meaning="display name"),
    *(Column(relation_column(d), "choice", choices=RELATIONS, required=False,
             meaning=f"the state's relation to the {d} in February 2019; empty for the delegation's own state")
      for d in DELEGATIONS),
))

PARAMETERS = TableSchema("parameters.csv", "parameter_id", (
    Column("parameter_id", "id", sourced=False, meaning="short id"),
    Column("value", "float", meaning="the value"),
    Column("unit", sourced=False, meaning="unit of the value"),
    Column("meaning", sourced=False, meaning="what the analysis uses it for"),
))

BORDER_CROSSINGS = TableSchema("border_crossings.csv", "crossing_id", (
    Column("crossing_id", "id", sourced=False, meaning="short id; a place that overland_legs.csv can start from"),
    Column("name", sourced=False, meaning="display name"),
    Column("country", sourced=False, meaning="ADM0_A3 code of the state the crossing leads into"),
    Column("neighbour", sourced=False, meaning="ADM0_A3 code of the state on the other side"),
    Column("lat", "float", low=-90, high=90, unit="deg N (WGS-84)", meaning="location"),
    Column("lon", "float", low=-180, high=180, unit="deg E (WGS-84)", meaning="location"),
))

OVERLAND_LEGS = TableSchema("overland_legs.csv", "leg_id", (
    Column("leg_id", "id", sourced=False, meaning="short id"),
    Column("mode", "choice", choices=("rail", "road"), sourced=False, meaning="how the leg is travelled"),
    Column("from_place", "id", sourced=False, meaning="a crossing_id of border_crossings.csv or a venue_id"),
    Column("to_place", "id", sourced=False, meaning="a crossing_id of border_crossings.csv or a venue_id"),
    Column("km", "float", low=0, unit="km", meaning="distance along the line or road, as published"),
))

#: Kinds of event in summits_hosted.csv; their weights in the summit record are data (event_kinds.csv).
EVENT_KINDS = TableSchema("event_kinds.csv", "kind", (
    Column("kind", "id", sourced=False, meaning="short id of the kind of event"),
    Column("weight", "float", low=0, sourced=False, meaning="how much one such event adds to the summit record"),
    Column("meaning", sourced=False, meaning="what an event must be to be of this kind"),
))

SUMMITS_HOSTED = TableSchema("summits_hosted.csv", "event_id", (
    Column("event_id", "id", sourced=False, meaning="short id"),
    Column("venue_id", "id", sourced=False, meaning="the city that hosted it (venues.csv)"),
    Column("name", sourced=False, meaning="display name"),
    Column("start_date", "date", meaning="first day of the event"),
    Column("kind", meaning="what sort of event it was: a kind of event_kinds.csv"),
))

CONTEXT_FACTS = TableSchema("context_facts.csv", "fact_id", (
    Column("fact_id", "id", sourced=False, meaning="short id"),
    Column("criterion_id", "id", sourced=False, meaning="the criterion whose notebook shows it (criteria.csv)"),
    Column("place", sourced=False, meaning="what the fact is about: a country code, a venue_id or another place"),
    Column("fact", sourced=False, meaning="what is measured or stated"),
    Column("value", meaning="the value, as the source gives it"),
    Column("unit", required=False, sourced=False, meaning="unit of the value (empty for a statement)"),
))

HISTORY = TableSchema("history.csv", "event_id", (
    Column("event_id", "id", sourced=False, meaning="short id"),
    Column("date", "date", meaning="when it happened (local date where the event took place)"),
    Column("place", sourced=False, meaning="where"),
    Column("what", meaning="what happened, in a sentence"),
))

DATA_TABLES = {"venues": VENUES, "countries": COUNTRIES, "origins": ORIGINS, "aircraft": AIRCRAFT,
               "state_relations": STATE_RELATIONS, "parameters": PARAMETERS,
               "border_crossings": BORDER_CROSSINGS, "overland_legs": OVERLAND_LEGS,
               "summits_hosted": SUMMITS_HOSTED, "context_facts": CONTEXT_FACTS, "history": HISTORY}

SOURCES = TableSchema("sources.csv", "source_id", (
    Column("source_id", "id", meaning="short id of this provenance row"),
    Column("table", "choice", choices=tuple(DATA_TABLES), meaning="which data file the value is in"),
    Column("record_id", "id", meaning="the row's id in that file"),
    Column("fields", meaning="the column(s) this source covers, separated by ' ; '"),
    Column("source_url", "url", required=False,
           meaning="public web address(es) of the source, separated by ' ; '; empty only for an estimate"),
    Column("as_of", "date", meaning="the date the figure refers to (YYYY, YYYY-MM or YYYY-MM-DD)"),
    Column("knowable", "choice", choices=KNOWABLE, required=False,
           meaning="empty when as_of is on or before the analysis date; else why the figure may still be used"),
    Column("grade", "choice", choices=GRADES,
           meaning="confidence: A, B, C as in the reference sheet, or estimate"),
    Column("rests_on", required=False,
           meaning="event_ids of summits_hosted.csv the evidence comes from, separated by ' ; '"),
    Column("note", required=False, meaning="what the source says; for an estimate, its reasoning"),
    Column("alternatives", required=False,
           meaning="conflicting values found elsewhere, with their sources, and why this one was chosen"),
))

#: The model's own tables: how the data are scored rather than facts about the venues.
MODEL_TABLES = {"analysis": ANALYSIS, "extensions": EXTENSIONS, "grade_ranges": GRADE_RANGES}
#: Model tables the data may do without: no ranges, no exceptions, no choices.
OPTIONAL_MODEL_TABLES = {"value_ranges": VALUE_RANGES, "fact_exceptions": FACT_EXCEPTIONS,
                         "model_choices": MODEL_CHOICES}
MODEL_SCHEMAS = {**MODEL_TABLES, **OPTIONAL_MODEL_TABLES}

"""The command line: `summit-venues` (or `python -m summit_venues`) with report, validate, rank and more.

Exit status: 0 done; 1 the data has problems or a notebook failed; 2 the command line is
wrong, unusable weights or an unknown profile included; 130 stopped by Ctrl-C. Errors print as
one clear message, never a traceback.

Only what `--help` and the parser need is imported here: each command imports its own heavy
modules (the data layer, scoring, the report builder with nbformat and nbclient), so help and
a usage error answer at once.
"""
from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..inputs import settings
from ..inputs.errors import DataError, WeightError

if TYPE_CHECKING:
    from ..inputs.dataset import Dataset

EPILOG = """examples:
  summit-venues report                          build report/ from the committed data
  summit-venues report --profile usa            the same under the US delegation's weights
  summit-venues report --extra-venues my.csv    add the venues of my.csv (sources in my.sources.csv)
  summit-venues validate                        check every data file
  summit-venues rank --weights flight_path=2,facilities=1,security=1,economic_model=0,diplomatic_relations=1
  summit-venues profiles                        list the weight profiles
  summit-venues new-venue kuala_lumpur          template files for a new venue, with a guide to every column
  summit-venues rank --analysis backtest-2018   the 2018 backtest (data/backtest-2018/) on the same model
  summit-venues reveal --with-analysis backtest-2018
                                                the weights under which the model picks Hanoi in 2019 and
                                                Singapore in 2018, as they were picked

exit status: 0 done, 1 problems in the data or a notebook failed, 2 wrong command line or weights"""


def parse_weights(text: str) -> dict[str, float]:
    """`flight_path=2,facilities=1` as a dict; argparse reports a malformed one as a usage error.

    Weights are relative, so they are rescaled to the largest one: 1e308 twice is as usable as 1 twice,
    and their sum cannot overflow. A weight that is not a finite number is refused in words.
    """
    weights = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, equals, value = item.partition("=")
        name = name.strip()
        try:
            weight = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{item}' is not CRITERION=NUMBER") from None
        if not equals or not name:
            raise argparse.ArgumentTypeError(f"'{item}' is not CRITERION=NUMBER")
        if weight != weight:
            raise argparse.ArgumentTypeError(f"the weight of '{name}' is not a number ({value.strip()})")
        if math.isinf(weight):
            raise argparse.ArgumentTypeError(f"the weight of '{name}' is infinite ({value.strip()}); weights are "
                                             "relative: give the others 0 to count only this criterion")
        if name in weights:
            raise argparse.ArgumentTypeError(f"'{name}' is given more than once; give each criterion one weight")
        weights[name] = weight
    if not weights:
        raise argparse.ArgumentTypeError("give at least one CRITERION=NUMBER")
    largest = max(abs(w) for w in weights.values())
    return {name: w / largest for name, w in weights.items()} if largest > 0 else weights


def analysis_name(text: str) -> str:
    """The name of an analysis subfolder; a path (.., absolute, with a slash) or an empty name is a usage error."""
    if not text.strip() or text != text.strip() or text in (".", "..") or "/" in text or "\\" in text:
        shown = f"'{text}'" if text else "an empty name"
        raise argparse.ArgumentTypeError(f"{shown} is not an analysis: name a subfolder of the data folder, "
                                         "e.g. backtest-2018 (leave --analysis out for the data folder's own)")
    return text


def parse_ids(text: str) -> tuple[str, ...]:
    """`overland,city_diplomacy` (or `all`) as a tuple of ids; argparse reports an empty one as a usage error."""
    ids = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if not ids:
        raise argparse.ArgumentTypeError("give at least one id, or 'all'")
    return ids


def _data_options(parser: argparse.ArgumentParser, analysis: bool = True) -> None:
    """--data and --extra-venues, shared by every command that reads the data (and --analysis, but for report)."""
    parser.add_argument("--data", type=Path, metavar="DIR", default=os.environ.get(settings.DATA_DIR_VAR) or None,
                        help="data folder (default: $SUMMIT_DATA_DIR or the project's data/)")
    parser.add_argument("--extra-venues", type=Path, metavar="FILE", action="append",
                        default=None, help="a CSV file of further venues, with the columns of venues.csv; "
                                           "repeat for several (default: $SUMMIT_EXTRA_VENUES)")
    if analysis:
        parser.add_argument("--analysis", metavar="NAME", default=None, type=analysis_name,
                            help="another analysis on the same model, a subfolder of the data folder, e.g. "
                                 "backtest-2018 (default: the data folder's own)")


def _profile_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """--profile, on a command or in a group of its options (`rank`: --weights or --profile, not both)."""
    parser.add_argument("--profile", metavar="ID", default=settings.profile_id(),
                        help="a weight profile of data/profiles.csv, e.g. usa (default: $SUMMIT_PROFILE, "
                             "else the neutral weights); `summit-venues profiles` lists them")


def _url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", metavar="ADDRESS", default=None,
                        help="where the full report is published, printed on the brief so that a forwarded copy "
                             "leads to it (default: $SUMMIT_REPORT_URL, else none)")


def build_parser() -> argparse.ArgumentParser:
    """The parser for every command, with help a terminal user can read."""
    parser = argparse.ArgumentParser(prog="summit-venues", description="Hanoi or Da Nang? Score the venues of the "
                                     "2019 Trump-Kim summit, and build the shareable report.",
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = commands.add_parser("report", help="build the HTML report, running the notebooks that changed",
                                 description="Write a self-contained HTML report of every notebook. A notebook whose "
                                             "notebook, data, code, libraries and variant are as at its last run is "
                                             "not run again: its outputs, kept in the executed-notebooks folder of "
                                             "the cache ($SUMMIT_CACHE_DIR, else ~/.cache/summit-venues; at most "
                                             "100 MB), are reused. The others run on fresh kernels; the first that "
                                             "fails stops the build, and the previous report stays as it was.")
    report.add_argument("--out", type=Path, metavar="DIR",
                        help="output folder (default: report/, or report-PROFILE+VENUES+DATA/ for a variant, e.g. "
                             "report-usa/)")
    _profile_option(report)
    _data_options(report, analysis=False)
    report.add_argument("--jobs", type=int, metavar="N", help="notebooks executed at a time (default: one per core)")
    _url_option(report)
    report.add_argument("--fresh", action="store_true",
                        help="run every notebook, even one whose notebook, data, code, libraries and variant are "
                             "as at its last run (whose outputs are otherwise reused)")

    commands.add_parser("validate", help="check every data file and list each problem",
                        description="Load and check every data set a report build reads (the analysis with the "
                                    "extra venues, the wider field of more-venues/ with them, the other analyses), "
                                    "and score every indicator (extensions included) as rank and report would; "
                                    "print every problem with its file, row and column. With --analysis, that "
                                    "analysis only.")
    _data_options(commands.choices["validate"])

    rank = commands.add_parser("rank", help="rank the venues for given weights",
                               description="Rank the venues and print their scores.")
    chosen = rank.add_mutually_exclusive_group()
    chosen.add_argument("--weights", type=parse_weights, metavar="C=W,...",
                        help="a weight for every criterion, e.g. flight_path=2,facilities=1,... (relative; 0 leaves "
                             "a criterion out)")
    _profile_option(chosen)
    _data_options(rank)

    reveal = commands.add_parser("reveal", help="the weights under which the model agrees with the real choice",
                                 description="The region of criterion weights under which the model ranks the venue "
                                             "actually chosen (history.csv) first against every other venue of the "
                                             "analysis: whether it is empty, each weight's least and most, its exact "
                                             "share of all weight vectors, its centroid and the nearest weight "
                                             "profile; and, if it is empty, the smallest sets of model choices that "
                                             "would make it not.")
    _data_options(reveal)
    reveal.add_argument("--with-analysis", metavar="NAME", action="append", default=[],
                        help="another analysis whose decision the model must agree with at the same weights, e.g. "
                             "backtest-2018 (with its own venues only); repeat for several")
    reveal.add_argument("--extensions", type=parse_ids, metavar="ID,...", default=(),
                        help="extensions (data/extensions.csv) to score beside the article's model, or 'all' "
                             "(default: none, the article's model)")

    profiles = commands.add_parser("profiles", help="list the weight profiles", description="List the weight profiles.")
    _data_options(profiles)

    template = commands.add_parser("new-venue", help="write the template files for a new venue, ready to fill in",
                                   description="Write NAME.csv and the files beside it (sources, country, legs, "
                                               "events, ranges), with a guide to every column's unit and meaning.")
    template.add_argument("venue_id", metavar="NAME", help="the new venue's id, e.g. kuala_lumpur")
    template.add_argument("--out", type=Path, metavar="DIR", default=Path("."),
                          help="folder to write into (default: the current folder)")

    brief = commands.add_parser("brief", help="print the one-page brief to a PDF (needs Chromium)",
                                description="Write brief.html (the question, the bottom line, the scores, three "
                                            "caveats, the sources by grade) and print it to brief.pdf, one A4 page, "
                                            "with headless Chromium.")
    brief.add_argument("--out", type=Path, metavar="DIR", default=None, help="folder (default: report/)")
    _url_option(brief)
    _profile_option(brief)
    _data_options(brief, analysis=False)

    commands.add_parser("tidy", help="rewrite the notebooks' navigation cells and the tags the report reads",
                        description="Rewrite each notebook's contents line and previous/next links, and tag the "
                                    "cells the report hides (asserts only; set-up without output).")

    refresh = commands.add_parser("notebooks", help="re-execute the committed notebooks and save their outputs",
                                  description="Re-execute the committed notebooks in place (after a change to data "
                                              "or code).")
    refresh.add_argument("names", nargs="*", metavar="NAME",
                         help="only these notebooks, e.g. 02-flight-path (default: every notebook)")
    return parser


def _load(args: argparse.Namespace) -> Dataset:
    from ..measures.venue_table import load_dataset

    return load_dataset(args.data, args.extra_venues, getattr(args, "analysis", None))


def _without_iri_grammar() -> None:
    """nbformat imports jsonschema, which imports rfc3987_syntax when installed and builds an IRI grammar as it
    does (a second of a command's start); no notebook schema checks an IRI, so this process does without it."""
    # None in sys.modules makes the import raise ImportError, for jsonschema, which then goes without (the import
    # system's documented behaviour; typeshed's sys.modules allows only modules).
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def cmd_report(args: argparse.Namespace) -> int:
    """Build the report and end with its bottom line and where it is."""
    _without_iri_grammar()
    from .report import Variant, build_report  # nbconvert and friends load only when a report is built

    variant = Variant(args.data, tuple(args.extra_venues or settings.extra_venue_files()), args.profile)
    started = time.monotonic()
    built = build_report(variant, args.out, jobs=args.jobs, fresh=args.fresh, url=args.url)
    print(f"{built.verdict}\nReport: {_shown(built.folder / 'index.html')} "
          f"({built.page_count} notebook pages, built in {time.monotonic() - started:.0f} s)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every data set a report build reads, as the build would, and say what was checked."""
    from .checks import check_every_reading

    extras = args.extra_venues if args.extra_venues is not None else settings.extra_venue_files()
    loaded = check_every_reading(args.data, extras, args.analysis)
    (_, data), *others = loaded.items()
    print(f"The data are valid: {len(data.venue_ids)} venues, {len(data.criteria)} criteria, "
          f"{len(data.indicators)} indicators, {len(data.sources)} source rows, {len(data.profiles)} weight profiles."
          + ("\nAlso valid as a report build reads them: " + "; ".join(
              f"{reading.label} ({len(other.venue_ids)} venues)" for reading, other in others) + "."
             if others else ""))
    return 0


def cmd_rank(args: argparse.Namespace) -> int:
    """Print the verdict and the venues' table, best first."""
    from ..decision.scoring import (
        ARTICLE_MODEL,
        criterion_scores,
        default_weights,
        normalised_weights,
        ranking,
        verdict,
        weights_label,
    )

    data = _load(args)
    scores = criterion_scores(data)
    if args.weights is not None:
        weights, label = normalised_weights(args.weights, list(data.criteria.index)), "these weights"
    else:
        weights = default_weights(data, args.profile)
        label = weights_label(args.profile, ARTICLE_MODEL, data.profiles.name)
    ranked = ranking(scores, weights)
    table = scores.loc[ranked.index].copy()
    table.insert(0, "overall", ranked["overall"])
    table.insert(0, "rank", ranked["rank"])
    table.index = data.venues.name[ranked.index].rename("venue")
    table.columns.name = None
    print(verdict(ranked, data.venues.name, weights_label=label))
    print("weights: " + ", ".join(f"{c} {w:.2f}" for c, w in weights.items()))
    print(table.reset_index().to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    return 0


def cmd_reveal(args: argparse.Namespace) -> int:
    """Print the region of weights under which the model agrees with the analysis's decision (and the others')."""
    from ..decision import reveal
    from ..decision.scoring import ALL_EXTENSIONS
    from ..measures.venue_table import load_dataset

    data = _load(args)
    datasets = [data, *(load_dataset(args.data, [], name) for name in args.with_analysis)]
    known = list(data.extensions.index)
    unknown = [e for e in args.extensions if e not in known and e != ALL_EXTENSIONS]
    if unknown:
        print(f"summit-venues reveal: unknown extension '{unknown[0]}'; the extensions are {', '.join(known)}, "
              "or all", file=sys.stderr)
        return 2
    extensions = ALL_EXTENSIONS if ALL_EXTENSIONS in args.extensions else args.extensions
    try:
        reading = reveal.read(datasets, extensions)
    except ValueError as exc:  # no decision on the decision date, or no rival: the data's history says so
        print(f"summit-venues reveal: {exc}", file=sys.stderr)
        return 1
    print(reveal.summary(reading, data))
    if not reading.region.consistent:
        print(reveal.additions_text(reveal.smallest_additions(datasets, extensions), datasets))
    return 0


def cmd_profiles(args: argparse.Namespace) -> int:
    data = _load(args)
    for row in data.profiles.itertuples():
        print(f"{row.profile_id:<10} {row.name}")
    return 0


def cmd_new_venue(args: argparse.Namespace) -> int:
    """Write the templates; refuse to overwrite a file, and write none unless all can be written."""
    from ..inputs.dataset import DEFAULT_DATA_DIR
    from ..inputs.templates import new_venue_files, venue_id_problem

    problem = venue_id_problem(args.venue_id)
    if problem:
        print(f"summit-venues new-venue: {problem}", file=sys.stderr)
        return 2
    files = new_venue_files(args.venue_id, DEFAULT_DATA_DIR / "datapackage.json")
    existing = [name for name in files if (args.out / name).exists()]
    if existing:
        print(f"summit-venues new-venue: would overwrite {', '.join(existing)} in {_shown(args.out)}; "
              "nothing written", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"Wrote {len(files)} files for {args.venue_id} in {_shown(args.out)}: start with "
          f"{args.venue_id}.README.md, then `summit-venues validate --extra-venues "
          f"{_shown(args.out / (args.venue_id + '.csv'))}`.")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    """The brief's HTML from the package, then its PDF from Chromium; a missing Chromium is a clear error."""
    _without_iri_grammar()
    from .brief import HTML, PDF, beside_the_chart, brief_html, report_url
    from .browser import BrowserError, Chromium
    from .pages import hero_section, variant_banner
    from .report import (
        PROJECT_DIR,
        REPORT_TITLE,
        Variant,
        bottom_line,
        data_digest,
        data_fingerprint,
        describe,
        kept_firmness,
        kept_hero_charts,
    )

    variant = Variant(args.data, tuple(args.extra_venues or settings.extra_venue_files()), args.profile)
    digest = data_digest(variant)
    data, weights, scores, ranked, sentence = bottom_line(variant, digest)
    out = args.out if args.out is not None else PROJECT_DIR / variant.folder_name()
    out.mkdir(parents=True, exist_ok=True)
    page = out / HTML
    banner = variant_banner(describe(variant, data.profiles.name))
    lede, firmness = kept_firmness(variant, digest, data, weights)
    figures, _, in_print = kept_hero_charts(variant, digest, data, weights, on_screen=False)
    page.write_text(brief_html(REPORT_TITLE, data, weights, scores, ranked, sentence, firmness,
                               data_fingerprint(variant, digest), banner, lede=lede, url=report_url(args.url),
                               hero=hero_section(figures, data.venues.name, **in_print, numbers=False,
                                                 notes=beside_the_chart(firmness))),
                    encoding="utf-8")
    try:
        with Chromium() as browser:
            browser.visit(page.resolve().as_uri())
            browser.pdf(out / PDF)
    except BrowserError as exc:
        print(f"summit-venues brief: wrote {_shown(page)}, but no PDF: {exc}", file=sys.stderr)
        return 1
    print(f"Brief: {_shown(out / PDF)} (one A4 page) and {_shown(page)}")
    return 0


def cmd_tidy(args: argparse.Namespace) -> int:
    _without_iri_grammar()
    from .. import default_weights, load_dataset
    from . import readme
    from .report import PROJECT_DIR, notebook_paths, save_notebook
    from .tidy import tidy_notebooks

    changed = tidy_notebooks(notebook_paths(), save_notebook)
    print(f"Tidied {len(changed)} notebooks" + (f": {', '.join(p.name for p in changed)}" if changed else ""))
    data = load_dataset(extra_venues=[])
    if readme.refresh(PROJECT_DIR / "README.md", readme.lede_block(data, default_weights(data))):
        print("Rewrote the README's lede from the data.")
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    _without_iri_grammar()
    from .report import notebook_paths, refresh_in_place

    chosen = [p for p in notebook_paths() if not args.names or p.stem in args.names]
    unknown = sorted(set(args.names) - {p.stem for p in chosen})
    if unknown:
        print(f"summit-venues: no notebook named {', '.join(unknown)}", file=sys.stderr)
        return 2
    refresh_in_place(chosen)
    return 0


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


#: The exit status of a command stopped by Ctrl-C: 128 + SIGINT, as a shell reports a command that SIGINT ended.
INTERRUPTED = 130

COMMANDS = {"report": cmd_report, "validate": cmd_validate, "rank": cmd_rank, "reveal": cmd_reveal,
            "profiles": cmd_profiles, "new-venue": cmd_new_venue, "brief": cmd_brief, "tidy": cmd_tidy,
            "notebooks": cmd_notebooks}


def main(argv: list[str] | None = None) -> int:
    """Run one command; turn the errors a user can fix into a message and an exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataError as exc:
        print(f"summit-venues {args.command}: {exc}", file=sys.stderr)
        return 1
    except WeightError as exc:
        print(f"summit-venues {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped early (`| head`): no traceback, and none at exit either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        _end_as_interrupted(as_the_program=argv is None)
        print(f"summit-venues {args.command}: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:
        if not _notebook_failed(exc):
            raise
        print(f"summit-venues {args.command}: {exc}", file=sys.stderr)  # names the cell, what to do, what is left
        return 1


def _end_as_interrupted(as_the_program: bool) -> None:
    """Make sure that a command stopped by Ctrl-C ends with status 130 and the one message, whatever follows.

    Run as the program (`summit-venues`, `python -m summit_venues`: the command line is the process's own), what
    follows is only the end of the process (the command has stopped its kernels and removed its files), so a
    second Ctrl-C is ignored from here on: it would raise a KeyboardInterrupt wherever the process is, or, once
    Python has begun to shut down, kill it. (`main([...])` called in a process that goes on, a notebook's kernel
    say, leaves Ctrl-C as it was.) And CPython (3.11 at least) notes a KeyboardInterrupt that
    went through code run by exec() of a string as unhandled, even though `main` caught it, and at the end of
    `python -m summit_venues` kills the process by SIGINT instead of ending with the status `main` returns:
    a Ctrl-C during scipy's imports does that (scipy imports numpy's names by exec). Each exec() of a string
    clears that note first.
    """
    if as_the_program:
        with contextlib.suppress(ValueError):  # not the main thread: the signal handlers are not ours to change
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    exec("")  # clears CPython's note of an unhandled KeyboardInterrupt (see above)


def _notebook_failed(exc: BaseException) -> bool:
    """Whether `exc` is execution.NotebookFailed, without importing execution (nbformat, nbclient: seconds).

    Only a command that imported execution can raise it, so when the module is not loaded, it is not that.
    """
    execution = sys.modules.get(f"{__package__}.execution")
    return execution is not None and isinstance(exc, execution.NotebookFailed)

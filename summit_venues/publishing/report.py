"""Build the static HTML report: every notebook run for the variant (or its kept run reused), a page each, an index.

    summit-venues report                        # report/ (ignored by git)
    summit-venues report --profile usa          # report-usa/, the US delegation's weights
    summit-venues report --extra-venues my.csv  # report-my/, with another candidate city

The build checks the variant's data as `validate` does before it starts a kernel (`checks`). It is
atomic: pages are written to a scratch folder that replaces the previous report only when every
notebook has run, so a failed build leaves the old report as it was; the first notebook that fails
stops the others at once, and the message says what to do and whether a report is there.
It is deterministic: the same data and code give the same bytes (no timings, random ids or
absolute paths are written, and the one date, the brief's build date, is the day's or
$SOURCE_DATE_EPOCH's), which tests/publishing/test_report_build.py checks.
"""
from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import shlex
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict, TypeVar

import nbformat
import pandas as pd

from ..decision import robustness
from ..decision.profiles import NEUTRAL
from ..decision.scoring import ARTICLE_MODEL, criterion_scores, default_weights, ranking, verdict, weights_label
from ..inputs import cache, settings
from ..inputs.dataset import DEFAULT_DATA_DIR, Dataset
from ..sharing import hero
from . import brief, executed, pages
from .execution import Finished, NotebookFailed, Run, default_jobs, for_the_repository, run_notebooks
from .tidy import CHECK
from .warm_kernels import kernel_server

PROJECT_DIR = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = PROJECT_DIR / "notebooks"
REPORT_TITLE = "Hanoi or Da Nang? The venues of the second Trump–Kim summit, scored"

__all__ = ["Built", "NotebookFailed", "Variant", "build_report", "notebook_paths", "refresh_in_place"]


@dataclass(frozen=True)
class Variant:
    """What a report is built from: a data folder, extra venue files and a weight profile (None: the committed ones)."""

    data_dir: Path | None = None
    extra_venues: tuple[Path, ...] = ()
    profile: str | None = None

    @property
    def is_default(self) -> bool:
        return self.data_dir is None and not self.extra_venues and self.profile is None

    def folder_name(self) -> str:
        """`report` for the committed analysis, else e.g. `report-usa+my_venue`, so variants never overwrite it."""
        parts = ([self.profile] if self.profile else []) + [p.stem for p in self.extra_venues]
        parts += [self.data_dir.name] if self.data_dir is not None else []
        return "-".join(["report", "+".join(parts)]) if parts else "report"

    def environment(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The kernels' environment: the caller's, with the SUMMIT_* variables set from this variant alone."""
        env = {k: v for k, v in (os.environ if base is None else base).items() if k not in settings.VARIABLES}
        if self.data_dir is not None:
            env[settings.DATA_DIR_VAR] = str(self.data_dir.resolve())
        if self.extra_venues:
            env[settings.EXTRA_VENUES_VAR] = os.pathsep.join(str(p.resolve()) for p in self.extra_venues)
        if self.profile is not None:
            env[settings.PROFILE_VAR] = self.profile
        return env

    def parameters(self) -> dict[str, object]:
        """Values for a notebook's `parameters` cell (papermill's convention)."""
        return {"profile": self.profile} if self.profile is not None else {}

    def skipped(self) -> tuple[str, ...]:
        """The tags of the cells a variant leaves out: the notebooks check the committed figures their prose
        quotes (cells tagged `check`, asserts only), which other data or weights are meant to change; its
        pages say so. (Not `python -O`: a kernel under it compiles every library again where no optimised
        bytecode was kept, seconds per kernel.)"""
        return () if self.is_default else (CHECK,)

    def run(self) -> Run:
        """How the notebooks run for this variant."""
        return Run(self.environment(), self.parameters(), skip_tags=self.skipped())


@dataclass(frozen=True)
class Built:
    """A finished report: where it is, its bottom line and how many notebook pages it has."""

    folder: Path
    verdict: str
    page_count: int


def notebook_paths(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The notebooks in reading order (their names start with a number)."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("_"))


def data_digest(variant: Variant) -> str:
    """A hash of every data file the variant reads: the data folder with its subfolders (other venues, other
    analyses), and each extra venue file with the files beside it that the loader reads."""
    from ..inputs.dataset import EXTRA_FILES, extra_file

    folder = variant.data_dir or DEFAULT_DATA_DIR
    files = [(path.relative_to(folder).as_posix(), path) for path in sorted(folder.rglob("*.csv"))]
    for extra in variant.extra_venues:
        files += [(f"extra/{path.name}", path) for path in (extra_file(extra, t) for t in EXTRA_FILES)
                  if path.is_file()]
    digest = hashlib.sha256()
    for name, file in files:
        digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def data_fingerprint(variant: Variant, digest: str | None = None) -> str:
    """A short hash of every data file the variant reads, so a shared report says which data it shows (`digest`:
    the variant's `data_digest`, if the caller has it)."""
    return (digest or data_digest(variant))[:12]


def describe(variant: Variant, profile_names: Mapping[str, str]) -> list[str]:
    """What a variant changes, one line each, for the banner on its pages."""
    lines: list[str] = []
    if variant.profile is not None:
        lines.append(f"the {profile_names[variant.profile]}'s weights")
    lines += [f"the extra venues in {p.name}" for p in variant.extra_venues]
    if variant.data_dir is not None:
        # The folder as given (relative to the current folder when inside it), not just its last part:
        # another copy is often named data/ too, and would read as the committed one.
        folder = variant.data_dir
        if folder.is_absolute() and folder.resolve().is_relative_to(Path.cwd()):
            folder = folder.resolve().relative_to(Path.cwd())
        lines.append(f"the data folder {folder.as_posix().rstrip('/')}/")
    return lines


#: What a build works out from the data alone, kept for the life of the process and keyed by the digest of every
#: data file read: a process that builds several reports (the tests, a report and its brief) does not check and
#: weigh the same data again, and a changed file is read again. Never a Dataset a caller could change: the
#: results are only read.
T = TypeVar("T")
_WORKED_OUT: dict[tuple, Any] = {}  # a key names what its value is: ("hero charts", ...) is always kept_hero_charts'


def _once(key: tuple, compute: Callable[[], T]) -> T:
    if key not in _WORKED_OUT:
        if len(_WORKED_OUT) >= 32:
            _WORKED_OUT.clear()
        _WORKED_OUT[key] = compute()
    return _WORKED_OUT[key]


#: The data, the weights, the criterion scores, the ranking and the verdict's sentence.
BottomLine = tuple[Dataset, pd.Series, pd.DataFrame, pd.DataFrame, str]


def bottom_line(variant: Variant, digest: str | None = None) -> BottomLine:
    """Load the variant's data and weights (failing fast on bad ones); return the data, scores, ranking and verdict.

    Every data set the notebooks will load is checked first (`checks.check_every_reading`, what `validate`
    checks), so that bad data stops the build with its file, row and column before any kernel starts.
    `digest` is the variant's `data_digest`, if the caller has it.
    """
    digest = digest or data_digest(variant)
    return _once(("bottom line", digest, variant), lambda: _bottom_line(variant, digest))


def _bottom_line(variant: Variant, digest: str) -> BottomLine:
    from .checks import check_every_reading

    # The data sets do not depend on the weights: one check serves every profile of the same data.
    readings = _once(("readings", digest, variant.data_dir, variant.extra_venues),
                     lambda: check_every_reading(variant.data_dir, list(variant.extra_venues)))
    data = next(iter(readings.values()))
    weights = default_weights(data, variant.profile)
    scores = criterion_scores(data)
    ranked = ranking(scores, weights)
    label = weights_label(variant.profile, ARTICLE_MODEL, data.profiles.name)
    return data, weights, scores, ranked, verdict(ranked, data.venues.name, weights_label=label)


def firmness_sentences(data: Dataset, weights: pd.Series, profile: str | None = None) -> tuple[str, list[str]]:
    """The lede (who leads, what it rests on, what would turn it, how firm, what happened) and how firm the verdict
    is, in the words of the overview: weights, data, model choices, hinges, extensions. Computed once."""
    firm = robustness.robustness_in_three_senses(data, weights)
    names = data.venues.name
    return firm.lede(names, robustness.lede_reading(data, profile)), firm.sentences(names)[1:]


class ChartSize(TypedDict, total=False):
    """The margin chart's size: `hero.margin_chart`'s keywords."""

    width: float
    row: float
    fontsize: float
    stacked: bool


#: The hero chart's sizes on the index (inches: shown at 96 CSS pixels an inch), on a phone's index (no wider than
#: a 390-pixel screen, so that its text stays at 10 pt) and on the brief (printed as is).
ON_SCREEN: ChartSize = {"width": 7.2, "row": 0.22, "fontsize": 10}
ON_A_PHONE: ChartSize = {"width": 3.75, "row": 0.4, "fontsize": 10, "stacked": True}
IN_PRINT: ChartSize = {"width": 4.4, "row": 0.1, "fontsize": 6.5}
DRAWS_ON_SCREEN, DRAWS_IN_PRINT = 2.2, 1.2


#: The hero chart's figures, and `pages.hero_section`'s image arguments for the index and for the brief.
HeroCharts = tuple[hero.HeroFigures, dict[str, Any], dict[str, Any]]


def hero_images(figures: hero.HeroFigures, names: pd.Series, on_screen: bool = True) -> tuple[dict, dict]:
    """The hero chart drawn for the index (empty unless `on_screen`: on a screen and on a phone) and for the brief."""

    def drawn(margin: ChartSize, draws: float, phone: ChartSize | None = None) -> dict[str, Any]:
        return {"margin_png": hero.margin_chart(figures, names, **margin).png(dpi=150),
                "draws_png": hero.draws_chart(figures, names, draws).png(dpi=150),
                "widths": (round(margin["width"] * 96), round(draws * 96)),
                "phone_png": hero.margin_chart(figures, names, **phone).png(dpi=150) if phone else None}

    screen = drawn(ON_SCREEN, DRAWS_ON_SCREEN, ON_A_PHONE) if on_screen else {}
    return screen, drawn(IN_PRINT, DRAWS_IN_PRINT)


# --- what a build works out from the data alone, kept across processes -----------------------------------------
# A report, its rebuild and the brief each need how firm the verdict is (about 0.8 s) and the hero chart's images
# (about 1 s), which depend on nothing but the variant's data and profile, the code and the libraries. They are
# kept in the store of executed notebooks (`executed.load_value`), keyed on all of these. Only the package's own
# functions' results are kept: a stand-in a test puts in their place is run, never stored.

def kept_firmness(variant: Variant, digest: str, data: Dataset, weights: pd.Series) -> tuple[str, list[str]]:
    """`firmness_sentences` for the variant whose data have the digest `digest`, worked out once."""
    compute = firmness_sentences  # looked up at each call, so that a test's stand-in is what runs

    def worked_out() -> tuple[str, list[str]]:
        lede, sentences = _kept("firmness", compute, variant, digest,
                                lambda: list(compute(data, weights, variant.profile)))
        return str(lede), list(sentences)

    return _once(("firmness", compute, digest, variant), worked_out)


def kept_hero_charts(variant: Variant, digest: str, data: Dataset, weights: pd.Series,
                     on_screen: bool = True) -> HeroCharts:
    """The hero chart's figures, and its images with their widths in CSS pixels (`pages.hero_section`'s arguments),
    for the index (none unless `on_screen`) and for the brief; for the variant whose data have the digest
    `digest`, its images drawn once."""
    compute = hero_images  # looked up at each call, so that a test's stand-in is what runs

    def worked_out() -> HeroCharts:
        figures = hero.hero_figures(data, weights)  # a tenth of a second: kept in memory only
        screen, printed = _kept("hero-on-screen" if on_screen else "hero", compute, variant, digest,
                                lambda: [_as_text(images) for images in compute(figures, data.venues.name, on_screen)])
        return figures, _as_bytes(screen), _as_bytes(printed)

    return _once(("hero charts", compute, digest, variant, on_screen), worked_out)


def _kept(name: str, function: Callable[..., Any], variant: Variant, digest: str, compute: Callable[[], T]) -> T:
    """`compute()`'s JSON value from the store, or worked out and stored; a stand-in `function` is run, never kept."""
    if function.__module__ != __name__:
        return compute()
    key = cache.digest({"what": name, "data": digest, "profile": variant.profile,
                        "code": executed.code_digest(), "libraries": executed.libraries()})
    value = executed.load_value(name, key)
    if value is None:
        value = compute()
        executed.store_value(name, key, value)
    return value


def _as_text(images: dict[str, Any]) -> dict[str, Any]:
    """The hero images as JSON holds them: each PNG in base64."""
    return {k: base64.b64encode(v).decode("ascii") if isinstance(v, bytes) else v for k, v in images.items()}


def _as_bytes(images: dict[str, Any]) -> dict[str, Any]:
    return {k: base64.b64decode(v) if k.endswith("_png") and v is not None else tuple(v) if k == "widths" else v
            for k, v in images.items()}


def build_report(variant: Variant = Variant(), out_dir: Path | None = None, notebooks: list[Path] | None = None,
                 jobs: int | None = None, log: Callable[[str], None] = print, fresh: bool = False,
                 url: str | None = None) -> Built:
    """Execute every notebook for `variant` and write the report into `out_dir`, atomically.

    A notebook whose inputs are all as they were when it last ran (`executed`: the notebook, the data,
    the code, the libraries, the variant) is not run again: its kept outputs are the ones a run gives.
    `fresh` runs every notebook all the same. `url` is where the report will be published, for the brief to
    say (default: $SUMMIT_REPORT_URL, else none).
    """
    notebooks = notebook_paths() if notebooks is None else notebooks
    out_dir = Path(out_dir) if out_dir is not None else PROJECT_DIR / variant.folder_name()
    digest = data_digest(variant)  # every data file read once: for the checks, the run keys and the fingerprint
    run = variant.run()
    keys = _run_keys(notebooks, digest, run)
    kept = {} if fresh else {p: nb for p in notebooks if (nb := executed.load(p.stem, keys[p])) is not None}
    to_run = [p for p in notebooks if p not in kept]
    with contextlib.ExitStack() as kernels:
        if to_run:  # the kernel server imports the libraries while the data are checked
            kernels.enter_context(kernel_server(wait=False))
        data, weights, scores, ranked, sentence = bottom_line(variant, digest)
        if kept:
            log(f"{len(kept)} of {len(notebooks)} notebooks have run before on the same notebook, data, code, "
                f"libraries and variant: their outputs, kept in {executed.folder()}, are reused (`--fresh` runs them "
                "all).")
        writer = _PageWriter(variant, data, scores, notebooks, kept,
                             firmness=lambda: kept_firmness(variant, digest, data, weights),
                             hero=lambda: kept_hero_charts(variant, digest, data, weights))
        if to_run:  # how firm the verdict is, and each finished notebook's page, worked out while the kernels run
            for result in _run(to_run, run, jobs, keys, variant, out_dir, log, on_finished=writer.add,
                               meanwhile=writer.step):
                writer.add(result.path, result)  # a page not written yet (none, unless run_notebooks is a stand-in)
    files = writer.pages()
    data_label = f"{(variant.data_dir or DEFAULT_DATA_DIR).name}/" + "".join(
        f" with {p.name}" for p in variant.extra_venues)
    table = pages.score_table(ranked, scores, data.venues.name, data.criteria.name, weights)
    lede, firmness = writer.firmness()
    figures, on_screen, in_print = writer.hero()
    method = pages.method_box(brief.grade_counts(data), data.analysis_date, writer.report_pages)
    fingerprint = data_fingerprint(variant, digest)
    files[pages.INDEX] = pages.index_page(REPORT_TITLE, sentence, table, writer.report_pages, writer.banner,
                                          data_label, fingerprint, firmness, writer.live, lede=lede,
                                          hero=pages.hero_section(figures, data.venues.name, **on_screen),
                                          method=method)
    files[brief.HTML] = brief.brief_html(REPORT_TITLE, data, weights, scores, ranked, sentence, firmness,
                                         fingerprint, writer.banner, lede=lede,
                                         hero=pages.hero_section(figures, data.venues.name, **in_print, numbers=False,
                                                                 notes=brief.beside_the_chart(firmness)),
                                         url=brief.report_url(url))
    _write_atomically(out_dir, files)
    return Built(out_dir, sentence, len(writer.report_pages))


class _PageWriter:
    """The report's pages, each written as soon as its notebook has its outputs (while other notebooks still run):
    the pages' titles and navigation come from the notebooks' text, known before any of them runs."""

    def __init__(self, variant: Variant, data: Dataset, scores: pd.DataFrame, notebooks: list[Path],
                 kept: Mapping[Path, nbformat.NotebookNode], firmness: Callable[[], tuple[str, list[str]]],
                 hero: Callable[[], HeroCharts]):
        self.notebooks = notebooks
        self.report_pages = [pages.page_for(p.stem, kept.get(p) or nbformat.read(p, as_version=4)) for p in notebooks]
        self.banner = pages.variant_banner(describe(variant, data.profiles.name))
        raw = data.profile_weights.pivot(index="profile_id", columns="criterion_id", values="weight")
        raw = raw.loc[list(data.profiles.index), list(scores.columns)]
        self.live = pages.live_weights(scores, data.venues.name, data.criteria.name, raw, data.profiles.name,
                                       raw.loc[variant.profile or NEUTRAL])
        self.waiting = list(kept.items())  # (path, executed notebook), not yet a page
        self.added = set(kept)
        self.written: dict[str, str] = {}
        self.firmness, self.hero = firmness, hero  # each worked out once, however often called
        self.worked_out = 0

    def add(self, path: Path, result: Finished) -> None:
        """A notebook has finished (called from the thread that runs them): its page is to be written, once."""
        if path not in self.added:
            self.added.add(path)
            self.waiting.append((path, result.notebook))

    def step(self) -> None:
        """One piece of work: how firm the verdict is, first, then the hero chart, then one waiting page."""
        if self.worked_out < 2:
            (self.firmness, self.hero)[self.worked_out]()
            self.worked_out += 1
        elif self.waiting:
            self._write(*self.waiting.pop(0))

    def _write(self, path: Path, nb: nbformat.NotebookNode) -> None:
        i = self.notebooks.index(path)
        self.written[self.report_pages[i].file] = pages.notebook_page(nb, self.report_pages, i, self.banner,
                                                                      self.live)

    def pages(self) -> dict[str, str]:
        """Every notebook's page, in reading order."""
        while self.waiting:
            self._write(*self.waiting.pop(0))
        return {p.file: self.written[p.file] for p in self.report_pages}


def _run(to_run: list[Path], run: Run, jobs: int | None, keys: dict[Path, str], variant: Variant, out_dir: Path,
         log: Callable[[str], None], on_finished: Callable[[Path, Finished], None],
         meanwhile: Callable[[], object] | None = None) -> list[Finished]:
    """Run the notebooks, keeping each that finishes at once: after a failure or Ctrl-C, running the same command
    again runs only the notebooks that did not finish."""
    jobs = jobs or default_jobs(len(to_run))
    log(f"Executing {len(to_run)} notebooks, {jobs} at a time, on fresh kernels:")
    progress, stored = _progress(len(to_run), log), []

    def keep(path: Path, result: Finished | NotebookFailed) -> None:
        progress(path, result)
        if isinstance(result, Finished):
            executed.store(path.stem, keys[path], result.notebook)
            stored.append(path)
            on_finished(path, result)

    try:
        finished = run_notebooks(longest_first(to_run), run, jobs, on_finish=keep, meanwhile=meanwhile)
    except NotebookFailed as failure:
        raise NotebookFailed(_what_to_do(failure, variant, out_dir, len(stored)), failure.path) from None
    _remember_seconds(finished)
    return finished


def _what_to_do(failure: NotebookFailed, variant: Variant, out_dir: Path, kept: int) -> str:
    """The failure, how to see its whole traceback, what to do next, and whether a report is there."""
    settings_used = " ".join(f"{name}={shlex.quote(value)}" for name, value in sorted(variant.environment({}).items()))
    notebook = _as_typed(failure.path) if failure.path is not None else "the notebook"
    again = (f": the {kept} notebook{'s' if kept != 1 else ''} that finished {'are' if kept != 1 else 'is'} kept "
             "and will not run again" if kept else "")
    checks = " (its cells of checks, tagged check, do not hold for a variant: skip them)" if variant.skipped() else ""
    where = _as_typed(out_dir)
    return "\n".join([
        f"{failure}",
        f"To see the whole error, open that notebook with this report's settings: "
        f"{settings_used + ' ' if settings_used else ''}jupyter lab {notebook}{checks}",
        f"Fix the notebook or the data, then run the same command again{again}.",
        f"The previous report in {where}/ is unchanged." if out_dir.exists()
        else f"No report was written ({where}/ did not exist before)."])


def _as_typed(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _run_keys(notebooks: list[Path], data: str, run: Run) -> dict[Path, str]:
    """Each notebook's `executed` key: its file, the variant's data, settings and parameters, code, libraries."""
    settings_seen = {k: v for k, v in run.environment.items() if k in settings.VARIABLES}
    settings_seen["skipped cells"] = " ".join(run.skip_tags)
    code, versions = executed.code_digest(), executed.libraries()
    return {p: executed.key(p, data, settings_seen, run.parameters, code, versions) for p in notebooks}


#: How long each notebook took at its last run, kept beside the route cache (never in the project).
SECONDS_FILE = "notebook-seconds.json"


def _seconds_path() -> Path:
    from ..inputs.cache import cache_dir

    return cache_dir() / SECONDS_FILE


def longest_first(notebooks: list[Path]) -> list[Path]:
    """The notebooks in the order to start them: the slowest at their last run first, unknown ones last.

    With two kernels at a time, starting the long ones first lets both finish together instead of
    one long notebook running alone at the end. Only the order of starting changes, never a result.
    """
    try:
        seconds = json.loads(_seconds_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seconds = {}
    return sorted(notebooks, key=lambda path: -float(seconds.get(path.name, 0.0)))


def _remember_seconds(finished: Iterable[Finished]) -> None:
    """Record each notebook's run time for `longest_first`; a cache that cannot be written only costs time."""
    path = _seconds_path()
    try:
        known = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        known.update({f.path.name: round(f.seconds, 2) for f in finished})
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        scratch.write_text(json.dumps(known, sort_keys=True), encoding="utf-8")
        os.replace(scratch, path)  # atomic: two builds at once never leave half a file
    except (OSError, ValueError):
        pass


def _progress(total: int, log: Callable[[str], None]) -> Callable[[Path, Finished | NotebookFailed], None]:
    """A callback printing one line per notebook as it finishes."""
    done = iter(range(1, total + 1))

    def report(path: Path, result: Finished | NotebookFailed) -> None:
        outcome = f"{result.seconds:5.1f} s" if isinstance(result, Finished) else "FAILED"
        log(f"  [{next(done)}/{total}] {path.name:<40} {outcome}")

    return report


def _write_atomically(out_dir: Path, files: dict[str, str]) -> None:
    """Write `files` into a scratch folder beside `out_dir`, then swap it in with renames.

    Interrupted at any point (Ctrl-C included), it leaves the previous report in place and no scratch folder.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp", dir=out_dir.parent))
    previous = scratch.with_name(scratch.name + "-previous")
    try:
        for name, html in files.items():
            (scratch / name).write_text(html, encoding="utf-8")
        scratch.chmod(0o755)  # mkdtemp's 0700 would hide the report from a web server or a colleague
        if out_dir.exists():
            out_dir.rename(previous)
        scratch.rename(out_dir)
    finally:
        if previous.exists() and not out_dir.exists():  # stopped between the two renames
            previous.rename(out_dir)
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)


def refresh_in_place(notebooks: list[Path] | None = None, jobs: int | None = None,
                     log: Callable[[str], None] = print) -> None:
    """Re-execute the committed notebooks for the committed analysis and save them with their new outputs.

    Unchanged data and code give byte-identical files (see `execution.for_the_repository`).
    Nothing is saved unless every notebook ran, so a failure or Ctrl-C while they run leaves them
    as they were; and each file is replaced whole, never left half written.
    """
    notebooks = notebook_paths() if notebooks is None else notebooks
    run = Variant().run()
    finished = run_notebooks(longest_first(notebooks), run, jobs or default_jobs(len(notebooks)),
                             _progress(len(notebooks), log))
    _remember_seconds(finished)
    for result in finished:
        save_notebook(for_the_repository(result.notebook), result.path)


def save_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write `nb` to a scratch file beside `path`, then rename it over `path` in one step."""
    handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            nbformat.write(nb, file)
        if path.exists():
            shutil.copymode(path, scratch)  # mkstemp's 0600 would hide the notebook from others
        os.replace(scratch, path)
    finally:
        if os.path.exists(scratch):
            os.remove(scratch)

"""What the story tests check on a report a user built: every notebook has its page, every figure is an image,
and every page says it is a variant and of what. Each page is parsed once (pages with their charts are large)."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from bs4 import BeautifulSoup
from figures import page_problems

from summit_venues.publishing.report import notebook_paths


class BuiltReport:
    """A report folder, its pages parsed once, by file name; `notebook(name)` by the notebook's name."""

    def __init__(self, folder: Path):
        self.folder = folder

    @cached_property
    def pages(self) -> dict[str, BeautifulSoup]:
        return {page.name: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
                for page in sorted(self.folder.glob("*.html"))}

    @cached_property
    def texts(self) -> dict[str, str]:
        return {name: " ".join(page.get_text(" ").split()) for name, page in self.pages.items()}

    def notebook_pages(self) -> dict[str, str]:
        """Each notebook's page name, by the notebook's name: whatever notebooks the project has, every one."""
        names = {p.name: p.with_suffix(".html").name for p in notebook_paths()}
        missing = [notebook for notebook, page in names.items() if page not in self.pages]
        assert not missing, f"no page for {missing}"
        return names

    def text(self, notebook_or_page: str) -> str:
        return self.texts[notebook_or_page.replace(".ipynb", ".html")]

    def assert_every_figure_is_an_image(self) -> None:
        for name, page in self.pages.items():
            problems = page_problems(page)
            assert not problems, f"{name} shows an object's text where a reader expects a picture: {problems}"

    def assert_every_page_says_it_is_a_variant_of(self, *lines: str) -> None:
        for name, page in self.pages.items():
            banner = page.select_one("aside.report-variant")
            assert banner is not None, f"{name} does not say it is a variant report"
            text = " ".join(banner.get_text(" ").split())
            for line in lines:
                assert line in text, f"{name}'s banner does not name {line!r}: {text}"

"""What the story tests check on a report a user built: every notebook has its page, every figure is an image,
and every page says it is a variant and of what."""
from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from figures import page_problems

from summit_venues.sharing.report import notebook_paths


def pages_of(folder: Path) -> dict[str, BeautifulSoup]:
    return {page.name: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for page in sorted(folder.glob("*.html"))}


def notebook_pages(folder: Path) -> dict[str, BeautifulSoup]:
    """Each notebook's page, by the notebook's name: whatever notebooks the project has, every one of them."""
    pages = pages_of(folder)
    missing = [p.name for p in notebook_paths() if p.with_suffix(".html").name not in pages]
    assert not missing, f"no page for {missing}"
    return {p.name: pages[p.with_suffix(".html").name] for p in notebook_paths()}


def assert_every_figure_is_an_image(folder: Path) -> None:
    for name, page in pages_of(folder).items():
        problems = page_problems(str(page))
        assert not problems, f"{name} shows an object's text where a reader expects a picture: {problems}"


def assert_every_page_says_it_is_a_variant_of(folder: Path, *lines: str) -> None:
    for name, page in pages_of(folder).items():
        banner = page.select_one("aside.report-variant")
        assert banner is not None, f"{name} does not say it is a variant report"
        text = " ".join(banner.get_text(" ").split())
        for line in lines:
            assert line in text, f"{name}'s banner does not name {line!r}: {text}"


def text_of(page: BeautifulSoup) -> str:
    return " ".join(page.get_text(" ").split())

"""The report of the committed notebooks: deterministic, free of machine paths, and self-contained."""
import re
from pathlib import Path

from bs4 import BeautifulSoup

from summit_venues.report import Variant, build_report, notebook_paths

MACHINE_PATH = re.compile(r"(/home/|/root/|/Users/|/tmp/|/work/|/private/var/|site-packages|\.venv/|[A-Z]:\\\\)")
# Attributes through which a page loads something (as opposed to links a reader may follow).
RESOURCE_ATTRIBUTES = {"img": "src", "script": "src", "iframe": "src", "source": "src", "embed": "src",
                       "object": "data", "audio": "src", "video": "src"}


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_page_per_notebook_and_an_index(built_report):
    assert sorted(files(built_report)) == sorted([p.with_suffix(".html").name for p in notebook_paths()]
                                                 + ["index.html"])


def test_two_builds_are_byte_identical(built_report, tmp_path):
    again = build_report(Variant(), tmp_path / "again", log=lambda line: None).folder
    first, second = files(built_report), files(again)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"pages differ between two builds: {differing}"


def test_no_machine_paths_in_the_report(built_report):
    for name, content in files(built_report).items():
        found = MACHINE_PATH.search(content.decode("utf-8"))
        assert not found, f"{name} shows a machine path: {found.group(0)}"


def test_every_resource_is_inline_and_every_local_link_exists(built_report):
    for page in built_report.glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                assert element[attribute].startswith("data:"), f"{page.name} loads {element[attribute][:80]}"
        for link in soup.find_all("link", href=True):
            assert link["href"].startswith("data:"), f"{page.name} links {link['href']}"
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"].split("#")[0]
            if href and not re.match(r"^[a-z]+:", href):
                assert (built_report / href).is_file(), f"{page.name} links to {href}, which is not in the report"

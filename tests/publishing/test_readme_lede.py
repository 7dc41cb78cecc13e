"""The README opens with the lede the data give (summit_venues.publishing.readme), as the report and the overview do."""
import shutil

import pytest

import summit_venues as sv
from summit_venues.publishing import readme
from summit_venues.publishing.report import PROJECT_DIR


def test_the_committed_readme_opens_with_the_lede_of_the_data():
    data = sv.load_dataset(extra_venues=[])
    assert readme.committed_block(PROJECT_DIR / "README.md") == readme.lede_block(data, sv.default_weights(data))


def test_refresh_rewrites_only_the_block_and_is_idempotent(tmp_path):
    copy = tmp_path / "README.md"
    shutil.copy(PROJECT_DIR / "README.md", copy)
    block = f"{readme.BEGIN}\n**test lede**\n{readme.END}"
    before = copy.read_text(encoding="utf-8")
    assert readme.refresh(copy, block) is True
    after = copy.read_text(encoding="utf-8")
    assert readme.committed_block(copy) == block
    assert after.replace(block, "") == before.replace(readme.committed_block(PROJECT_DIR / "README.md"), "")
    assert readme.refresh(copy, block) is False


def test_a_readme_without_markers_is_an_error(tmp_path):
    plain = tmp_path / "README.md"
    plain.write_text("# A project\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no lede markers"):
        readme.refresh(plain, "x")

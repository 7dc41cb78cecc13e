"""Each criterion quotes the article word for word."""
from pathlib import Path

import pytest

import summit_venues as sv

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "article-asia-times-2019-02-06.txt"


@pytest.mark.skipif(not ARTICLE.is_file(),
                    reason="the team's reference copy of the article is not beside this checkout")
def test_every_quote_is_in_the_article():
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    for criterion in sv.load_dataset().criteria.itertuples():
        for passage in criterion.article_quote.split(" […] "):  # an editor's mark of words left out
            assert passage in article, f"{criterion.criterion_id}: not in the article: {passage!r}"

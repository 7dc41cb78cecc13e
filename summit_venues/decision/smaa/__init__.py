"""Stochastic multicriteria acceptability analysis (SMAA-2) over the weights, and over the data.

When nobody can say what the weights should be, sample them: uniformly over all weight
vectors (the simplex), or over those that respect an ordinal ranking of criteria
("flight path matters most"). For each venue this gives its rank acceptability (how
often it ranks first, second, ...), its central weight vector (the average weights
that make it win) and its confidence factor (whether it wins at those weights; with
fixed criterion scores this is 1 or 0, since only the weights are uncertain in
`acceptability`).

`joint_acceptability` samples the raw indicator values too, each uniformly within a
plausible range (`UncertainScores`), scored on the indicators' fixed scales: then the
confidence factor is a share, and `pairwise_winning` says how often one venue beats another.

Everything is vectorised over samples and processed in chunks, so a million samples
of an 8 x 8 problem take a fraction of a second and little memory.

The package's parts: `weights` (SMAA over the weights alone), `values` (uncertain indicator
values, `UncertainScores`), `sampler` (their draws, compiled for speed), `joint` (values and
weights together) and `tally` (ranks and their counts, one way for all).
"""
from .joint import JointAcceptability, first_ranked_draws, joint_acceptability, sample_criterion_scores
from .sampler import ValueSampler
from .tally import CHUNK
from .values import Scale, UncertainScores
from .weights import Acceptability, acceptability, sample_weights

__all__ = ["CHUNK", "Acceptability", "JointAcceptability", "Scale", "UncertainScores", "ValueSampler", "acceptability",
           "first_ranked_draws", "joint_acceptability", "sample_criterion_scores", "sample_weights"]

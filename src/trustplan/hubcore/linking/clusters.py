"""Clusters of records (people) from accepted links, respecting reviewers' "not the same person".

Nodes are integers ``0..n-1``; the caller numbers records in ascending order of their id, so the
label of a cluster (its smallest node) is its smallest record id, and reruns on the same data give
the same labels.

Without constraints, clusters are the connected components of the accepted links (computed with
SciPy's compiled graph routine: about a second for a million records). With "cannot link" pairs
(reviewers' "no_match" decisions):

1. a link that directly joins a cannot-link pair is cut;
2. any component that still holds both records of a cannot-link pair is rebuilt by adding its
   links strongest first (ties by node numbers) and skipping any link that would bring a
   cannot-link pair together. The result is deterministic, keeps the strongest evidence, and every
   skipped link is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components as _scipy_components

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Clustering:
    """The outcome: a label per node (its cluster's smallest node) and what was not applied."""

    labels: IntArray
    cut_edges: IntArray
    """Indices of links removed because they directly join a cannot-link pair."""
    skipped_edges: IntArray
    """Indices of links left out so that a cannot-link pair ends in different clusters."""
    split_components: int
    """How many connected components had to be rebuilt to respect cannot-link pairs."""


def connected_components(n_nodes: int, left: IntArray, right: IntArray) -> IntArray:
    """Label every node with the smallest node of its connected component."""
    nodes = np.arange(n_nodes, dtype=np.int64)
    if n_nodes == 0:
        return nodes
    if len(left) == 0:
        return nodes
    graph = coo_array(
        (np.ones(len(left), dtype=np.int8), (left, right)), shape=(n_nodes, n_nodes)
    ).tocsr()
    n_components, raw = _scipy_components(graph, directed=False)
    smallest = np.full(n_components, n_nodes, dtype=np.int64)
    np.minimum.at(smallest, raw, nodes)
    labels: IntArray = smallest[raw].astype(np.int64)
    return labels


class _ConstrainedUnionFind:
    """Union-find whose roots are the smallest member, refusing unions across cannot-link pairs."""

    def __init__(self, cannot_link: Sequence[tuple[int, int]]) -> None:
        self.parent: dict[int, int] = {}
        self.partners: dict[int, set[int]] = {}
        for a, b in cannot_link:
            self.partners.setdefault(a, set()).add(b)
            self.partners.setdefault(b, set()).add(a)

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b`` unless a cannot-link pair would then share one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.partners.get(ra, set()), self.partners.get(rb, set())
        small, other_root = (pa, rb) if len(pa) <= len(pb) else (pb, ra)
        if any(self.find(x) == other_root for x in small):
            return False
        root, child = (ra, rb) if ra < rb else (rb, ra)
        self.parent[child] = root
        merged = self.partners.pop(child, set())
        if merged:
            self.partners.setdefault(root, set()).update(merged)
        return True


def cluster(
    n_nodes: int,
    left: IntArray,
    right: IntArray,
    strength: FloatArray,
    cannot_link: Sequence[tuple[int, int]] = (),
) -> Clustering:
    """Cluster ``n_nodes`` nodes joined by links ``left[i] - right[i]`` of ``strength[i]``
    (higher is stronger), keeping every ``cannot_link`` pair apart."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    strength = np.asarray(strength, dtype=np.float64)
    if not (len(left) == len(right) == len(strength)):
        raise ValueError("left, right and strength must have the same length")
    empty = np.zeros(0, dtype=np.int64)
    pairs = sorted({(min(a, b), max(a, b)) for a, b in cannot_link if a != b})
    if not pairs:
        return Clustering(connected_components(n_nodes, left, right), empty, empty, 0)

    lo, hi = np.minimum(left, right), np.maximum(left, right)
    cannot = np.array(pairs, dtype=np.int64)
    # Links that directly join a cannot-link pair are cut: encode pairs as one integer to match.
    key = lo * n_nodes + hi
    cut_mask = np.isin(key, cannot[:, 0] * n_nodes + cannot[:, 1])
    cut = np.flatnonzero(cut_mask).astype(np.int64)
    keep = np.flatnonzero(~cut_mask).astype(np.int64)

    labels = connected_components(n_nodes, left[keep], right[keep])
    troubled = sorted({int(labels[a]) for a, b in pairs if labels[a] == labels[b]})
    if not troubled:
        return Clustering(labels, cut, empty, 0)

    in_troubled = np.isin(labels[left[keep]], np.array(troubled, dtype=np.int64))
    edges = keep[in_troubled]
    # Strongest first; ties broken by the node numbers, so the outcome is deterministic.
    order = np.lexsort((hi[edges], lo[edges], -strength[edges]))
    edges = edges[order]

    uf = _ConstrainedUnionFind(pairs)
    skipped: list[int] = []
    for idx, a, b in zip(edges.tolist(), lo[edges].tolist(), hi[edges].tolist(), strict=True):
        if not uf.union(a, b):
            skipped.append(idx)

    new_labels = labels.copy()
    troubled_nodes = np.flatnonzero(np.isin(labels, np.array(troubled, dtype=np.int64)))
    for node in troubled_nodes.tolist():
        new_labels[node] = uf.find(node)
    return Clustering(
        new_labels,
        cut,
        np.array(sorted(skipped), dtype=np.int64),
        len(troubled),
    )

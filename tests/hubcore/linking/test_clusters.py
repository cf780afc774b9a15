"""Connected components, and splitting them to respect reviewers' "not the same person"."""

from __future__ import annotations

import numpy as np

from trustplan.hubcore.linking.clusters import cluster, connected_components


def _arr(*values: int) -> np.ndarray:  # type: ignore[type-arg]
    return np.array(values, dtype=np.int64)


def test_components_are_labelled_by_their_smallest_node() -> None:
    labels = connected_components(6, _arr(4, 1, 5), _arr(2, 4, 3))
    assert labels.tolist() == [0, 1, 1, 3, 1, 3]


def test_no_links_leaves_everyone_alone() -> None:
    assert connected_components(3, _arr(), _arr()).tolist() == [0, 1, 2]
    assert connected_components(0, _arr(), _arr()).tolist() == []


def test_without_constraints_cluster_is_connected_components() -> None:
    out = cluster(4, _arr(0, 2), _arr(1, 3), np.array([0.99, 0.995]))
    assert out.labels.tolist() == [0, 0, 2, 2]
    assert out.cut_edges.tolist() == []
    assert out.skipped_edges.tolist() == []
    assert out.split_components == 0


def test_a_direct_link_between_a_no_match_pair_is_cut() -> None:
    out = cluster(3, _arr(0, 1), _arr(1, 2), np.array([0.999, 0.999]), [(1, 0)])
    assert out.labels.tolist() == [0, 1, 1]
    assert out.cut_edges.tolist() == [0]
    assert out.skipped_edges.tolist() == []


def test_a_chain_through_others_is_split_at_its_weakest_link() -> None:
    # 0 - 1 (exact, strength 2), 1 - 2 (model, 0.995), 2 - 3 (model, 0.999); 0 and 3 must part.
    left, right = _arr(0, 1, 2), _arr(1, 2, 3)
    out = cluster(4, left, right, np.array([2.0, 0.995, 0.999]), [(0, 3)])
    assert out.labels.tolist() == [0, 0, 2, 2]
    assert out.cut_edges.tolist() == []
    assert out.skipped_edges.tolist() == [1]
    assert out.split_components == 1


def test_splitting_is_deterministic_whatever_the_order_of_links() -> None:
    left, right = _arr(0, 1, 2, 0), _arr(1, 2, 3, 2)
    strength = np.array([0.995, 0.995, 0.995, 0.995])
    first = cluster(4, left, right, strength, [(0, 3)])
    order = np.array([3, 1, 0, 2])
    second = cluster(4, left[order], right[order], strength[order], [(3, 0)])
    assert first.labels.tolist() == second.labels.tolist()
    assert first.labels[0] != first.labels[3]


def test_untroubled_components_are_left_alone() -> None:
    out = cluster(5, _arr(0, 3), _arr(1, 4), np.array([0.999, 0.999]), [(0, 2)])
    assert out.labels.tolist() == [0, 0, 2, 3, 3]
    assert out.split_components == 0

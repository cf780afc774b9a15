"""The hub's pages: the work list, families and people behind the purpose gate, and the
clerical review queue. Access is ``trustplan.access``'s; the queries are
``trustplan.hub.worklist``'s; the gate is ``trustplan.hub.purpose``'s."""

from trustplan.hub.views.people import family, family_purpose, person, person_purpose
from trustplan.hub.views.review import review_pair, review_pair_purpose, review_queue
from trustplan.hub.views.worklist import work_list

__all__ = [
    "family",
    "family_purpose",
    "person",
    "person_purpose",
    "review_pair",
    "review_pair_purpose",
    "review_queue",
    "work_list",
]

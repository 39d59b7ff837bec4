"""The linking stage, after output: extracted notices in, links between their items and targets out.

A city's breakdown to its province's plan, a progress or completion report to the plan it reports on
(matching.py, by words.py's title and metric similarity and regions.py's divisions); report.py puts
the links side by side for people.
"""

from __future__ import annotations

from .matching import TaskList, link_pairing, pairings, task_lists


def link_documents(documents: list[dict]) -> list[dict]:
    """Link records (contract of extractor/link/schema.json) for extracted notices, in input order."""
    lists = [task_list for document in documents for task_list in task_lists(document)]
    records = []
    for pairing in pairings(lists):
        records.extend(link_pairing(pairing))
    return records


def unpaired(documents: list[dict]) -> list[TaskList]:
    """Lists that found nothing to refer to: no plan of their year above them or for them."""
    lists = [task_list for document in documents for task_list in task_lists(document)]
    found = pairings(lists)
    paired = {id(pairing.near) for pairing in found} | {id(pairing.far) for pairing in found}
    return [task_list for task_list in lists if id(task_list) not in paired]

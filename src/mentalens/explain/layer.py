"""The explanation layer over a Result: symptoms for each task, the symptom each piece of
evidence expresses, and a rationale per task (explain/rationale.py).

Runs after the backend; needs only the Result and the text, so every backend gets it.
"""
from __future__ import annotations

from ..schema import Result, Symptom
from ..tasks import get_task
from .rationale import rationale
from .symptoms import find_symptoms, supports


def explain_result(result: Result, text: str) -> Result:
    """Fill in ``symptoms``, ``Evidence.symptom`` and ``rationale`` of every task result (in place)."""
    if not result.tasks:
        return result
    mentions = find_symptoms(text, list(result.tasks))
    for task_id, tr in result.tasks.items():
        spec = get_task(task_id)
        mine = [m for m in mentions if task_id in supports(m.symptom)]
        tr.symptoms = [Symptom(id=m.symptom, name=m.name, start=m.start, end=m.end, text=m.text, status=m.status)
                       for m in mine]
        for e in tr.evidence:
            if e.weight <= 0:
                continue
            for m in mine:
                if m.status == "present" and m.start < e.end and e.start < m.end \
                        and e.label in supports(m.symptom).get(task_id, ()):
                    e.symptom = m.symptom
                    break
        tr.rationale = rationale(tr, spec, text, supports, result.language)
    return result

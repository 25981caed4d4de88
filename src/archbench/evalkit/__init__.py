"""inspect adapters: tasks, solvers, scorers and the offline model provider."""

from archbench.evalkit._offline_model import OfflineModel
from archbench.evalkit._routing import build_routing_task
from archbench.evalkit._scorers import code_task_grader, design_grader, review_grader
from archbench.evalkit._solvers import control_agent, prompt_agent
from archbench.evalkit._task_params import reject_unknown
from archbench.evalkit._tasks import DEFAULT_AGENT, MissingModelError, build_task

__all__ = [
    "DEFAULT_AGENT",
    "MissingModelError",
    "OfflineModel",
    "build_routing_task",
    "build_task",
    "code_task_grader",
    "control_agent",
    "design_grader",
    "prompt_agent",
    "reject_unknown",
    "review_grader",
]

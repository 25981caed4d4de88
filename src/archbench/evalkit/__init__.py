"""inspect adapters: tasks, solvers, scorers and the offline model provider."""

from archbench.evalkit._budget import active_budget, budget_guard
from archbench.evalkit._judge import (
    GRADER_ROLE,
    JudgeRequest,
    JudgeSettings,
    judge_criteria,
    model_id,
)
from archbench.evalkit._judge import gather as gather_judgements
from archbench.evalkit._judge_rubrics import check_file as check_rubric_file
from archbench.evalkit._judge_rubrics import judge_calls, judge_keys, judge_rubrics
from archbench.evalkit._offline_model import OfflineModel
from archbench.evalkit._routing import build_routing_task
from archbench.evalkit._scorers import (
    code_task_grader,
    design_grader,
    grader_versions,
    review_grader,
)
from archbench.evalkit._solvers import control_agent, prompt_agent
from archbench.evalkit._task_params import reject_unknown
from archbench.evalkit._tasks import DEFAULT_AGENT, MissingModelError, build_task

__all__ = [
    "DEFAULT_AGENT",
    "GRADER_ROLE",
    "JudgeRequest",
    "JudgeSettings",
    "MissingModelError",
    "OfflineModel",
    "active_budget",
    "budget_guard",
    "build_routing_task",
    "build_task",
    "check_rubric_file",
    "code_task_grader",
    "control_agent",
    "design_grader",
    "gather_judgements",
    "grader_versions",
    "judge_calls",
    "judge_criteria",
    "judge_keys",
    "judge_rubrics",
    "model_id",
    "prompt_agent",
    "reject_unknown",
    "review_grader",
]

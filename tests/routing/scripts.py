"""Offline orchestrator scripts: which tool call (or none) the scripted model makes per request."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from archbench.core.routing import DIRECT_ROUTE, TASK_TOOL
from archbench.io.routing_data import RoutingRequest

# A planned answer: a route (`direct` or an agent name), or raw Task arguments for malformed calls.
Plan = str | dict[str, Any]


def delegation(agent: str) -> dict[str, Any]:
    return {"description": "Handle the request", "prompt": "see above", "subagent_type": agent}


def rule(request: RoutingRequest, plan: Plan) -> dict[str, Any]:
    """Match on the request text: samples run concurrently, so call order means nothing."""
    if plan == DIRECT_ROUTE:
        return {"when": request.request, "reply": "Here is the answer."}
    arguments = delegation(plan) if isinstance(plan, str) else plan
    return {
        "when": request.request,
        "tool_calls": [{"function": TASK_TOOL, "arguments": arguments}],
    }


def write_script(
    path: Path, requests: Mapping[str, RoutingRequest], plans: Mapping[str, Plan]
) -> Path:
    script = {"rules": [rule(requests[rid], plan) for rid, plan in plans.items()], "default": "ok"}
    path.write_text(yaml.safe_dump(script), encoding="utf-8")
    return path

"""Agentic mode's pure rules: which tools an agent gets, where they may act, what they return.

Claude Code runs a subagent with the tools its frontmatter lists, on the user's files. archbench
mirrors that: the tools keep Claude Code's names and parameters (so prompts that mention `Read`
or `Edit` by name still make sense), but every one acts on the sample's work directory only.
This package decides everything that needs no inspect and no I/O.

Modules: ``_grant`` (the tool grant and the model choice), ``_tool_rules`` (path confinement,
`Edit` on strings, `Read`'s numbered lines, `Bash` output, the `TodoWrite` list), ``_search``
(`Glob` and `Grep` matching), ``_messages`` (the user message and the environment note),
``_clarification`` (whether an answer is a clarifying question, and the reply), and
``_run_settings`` (mode, limits and the settings a task runs with).
"""

from archbench.core.agentic._clarification import (
    DEFAULT_CLARIFICATION_REPLY,
    DESIGN_WORK_WORDS,
    MAX_CLARIFICATION_TURNS,
    ClarificationPolicy,
    asks_for_clarification,
    delivered_work,
)
from archbench.core.agentic._grant import (
    DEFAULT_PROVIDER,
    INHERIT_MODEL,
    KNOWN_TOOLS,
    MODEL_ALIASES,
    UNAVAILABLE_MESSAGE,
    UNAVAILABLE_TOOLS,
    WORKING_TOOLS,
    ToolGrant,
    parse_model_aliases,
    resolve_model,
    resolve_tool_grant,
)
from archbench.core.agentic._messages import (
    AGENTIC_FILE_PROTOCOL,
    AGENTIC_FINDINGS_PROTOCOL,
    build_agentic_message,
    environment_note,
)
from archbench.core.agentic._run_settings import (
    AGENTIC_HARNESS_VERSION,
    AGENTIC_KINDS,
    MODES,
    AgenticLimits,
    Mode,
    RunSettings,
    TaskLimitName,
    validate_mode,
)
from archbench.core.agentic._search import GrepMode, glob_paths, glob_to_regex, grep_files
from archbench.core.agentic._tool_rules import (
    BASH_DEFAULT_TIMEOUT_MS,
    BASH_MAX_TIMEOUT_MS,
    READ_DEFAULT_LIMIT,
    READ_MAX_LINE_CHARS,
    TOOL_OUTPUT_MAX_CHARS,
    AgenticError,
    TodoItem,
    apply_edit,
    bash_timeout_seconds,
    confine_path,
    describe_command_result,
    number_lines,
    parse_todos,
    truncate_output,
)

__all__ = [
    "AGENTIC_FILE_PROTOCOL",
    "AGENTIC_FINDINGS_PROTOCOL",
    "AGENTIC_HARNESS_VERSION",
    "AGENTIC_KINDS",
    "BASH_DEFAULT_TIMEOUT_MS",
    "BASH_MAX_TIMEOUT_MS",
    "DEFAULT_CLARIFICATION_REPLY",
    "DEFAULT_PROVIDER",
    "DESIGN_WORK_WORDS",
    "INHERIT_MODEL",
    "KNOWN_TOOLS",
    "MAX_CLARIFICATION_TURNS",
    "MODEL_ALIASES",
    "MODES",
    "READ_DEFAULT_LIMIT",
    "READ_MAX_LINE_CHARS",
    "TOOL_OUTPUT_MAX_CHARS",
    "UNAVAILABLE_MESSAGE",
    "UNAVAILABLE_TOOLS",
    "WORKING_TOOLS",
    "AgenticError",
    "AgenticLimits",
    "ClarificationPolicy",
    "GrepMode",
    "Mode",
    "RunSettings",
    "TaskLimitName",
    "TodoItem",
    "ToolGrant",
    "apply_edit",
    "asks_for_clarification",
    "bash_timeout_seconds",
    "build_agentic_message",
    "confine_path",
    "delivered_work",
    "describe_command_result",
    "environment_note",
    "glob_paths",
    "glob_to_regex",
    "grep_files",
    "number_lines",
    "parse_model_aliases",
    "parse_todos",
    "resolve_model",
    "resolve_tool_grant",
    "truncate_output",
    "validate_mode",
]

"""`--model archbench/offline`: a model provider that answers from a script, fully offline.

inspect's `mockllm/model` counts tokens with tiktoken, which downloads its encoding on first use
and so fails on machines without internet; this provider counts characters instead.

Model args: `script` (path to a YAML or JSON script, see `archbench.core.script`) and `default`
(the reply when no rule matches).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
)
from inspect_ai.tool import ToolCall, ToolChoice, ToolInfo
from typing_extensions import override

from archbench.core.errors import ArchbenchError
from archbench.core.script import Script, ScriptRule, parse_script

CHARS_PER_TOKEN = 4


class OfflineModel(ModelAPI):
    """Replies chosen by `Script` rules from the conversation so far."""

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig | None = None,
        script: str | Script | None = None,
        default: str = "",
        **model_args: Any,
    ) -> None:
        del model_args  # required by inspect's interface; unused here
        super().__init__(model_name, base_url, api_key, [], config or GenerateConfig())
        self.script = _load_script(script, default)

    @override
    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        conversation = "\n".join(message.text for message in input)
        turn = 1 + sum(1 for message in input if message.role == "assistant")
        rule = self.script.choose(conversation, turn)
        if rule.error:
            raise RuntimeError(f"scripted model error: {rule.error}")
        return _output(self.model_name, rule, conversation)

    @override
    def connection_key(self) -> str:
        return "archbench-offline"

    @override
    async def count_text_tokens(self, text: str) -> int:
        return max(1, len(text) // CHARS_PER_TOKEN)


def _output(model_name: str, rule: ScriptRule, conversation: str) -> ModelOutput:
    if rule.tool_calls:
        calls = [
            ToolCall(id=f"call_{index}", function=call.function, arguments=call.arguments)
            for index, call in enumerate(rule.tool_calls)
        ]
        output = ModelOutput.for_tool_call(
            model_name, calls[0].function, calls[0].arguments, content=rule.reply
        )
        output.choices[0].message.tool_calls = calls
    else:
        output = ModelOutput.from_content(model_name, rule.reply)
    input_tokens = max(1, len(conversation) // CHARS_PER_TOKEN)
    output_tokens = max(1, len(rule.reply) // CHARS_PER_TOKEN)
    output.usage = ModelUsage(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        total_tokens=input_tokens + output_tokens,
    )
    return output


def _load_script(script: str | Script | None, default: str) -> Script:
    if isinstance(script, Script):
        return script
    if script is None:
        return Script(default=default)
    path = Path(script)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ArchbenchError(f"offline model script {path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ArchbenchError(f"offline model script {path}: not YAML or JSON: {error}") from error
    loaded = parse_script(data, f"offline model script {path}")
    return (
        loaded if loaded.default or not default else loaded.model_copy(update={"default": default})
    )

"""Reading a pipeline file's text into a validated `Pipeline`."""

from __future__ import annotations

import yaml

from pipelines.model import Pipeline, PipelineError
from pipelines.schema import build_pipeline
from pipelines.yaml_dialect import PipelineLoader

PIPELINE_PATH = ".ci/pipeline.yml"
MAX_PIPELINE_BYTES = 256 * 1024


def parse_pipeline(text: str) -> Pipeline:
    if len(text.encode("utf-8")) > MAX_PIPELINE_BYTES:
        raise PipelineError(f"{PIPELINE_PATH} is larger than {MAX_PIPELINE_BYTES} bytes")
    try:
        document = yaml.load(text, Loader=PipelineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise PipelineError(exc.problem or "invalid YAML", line) from exc
    except yaml.YAMLError as exc:
        raise PipelineError(f"invalid YAML: {exc}") from exc
    return build_pipeline(document)

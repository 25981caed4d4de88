"""How well inspect's `anthropic/` provider uses its connections (issue 10, "Concurrency").

The local Messages API server answers every request after a fixed latency; with N samples and
C connections the ideal evaluation spends ceil(N / C) x latency waiting on the model. This prints
the measured time against that ideal, both as the whole `eval()` call (startup and grading
included) and as the span the server saw from first request to last answer.

    .venv/bin/python benchmarks/provider_concurrency.py                  # 40 and 200 samples
    .venv/bin/python benchmarks/provider_concurrency.py --samples 40 --max-connections 10

Target (issue 10): wall time at most 1.5x the ideal for 40 samples at 10 connections.
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from inspect_ai import Task, eval
from inspect_ai.dataset import Sample
from inspect_ai.log import EvalLog
from inspect_ai.scorer import includes
from inspect_ai.solver import generate

from archbench.testing import MessagesAPIServer, RecordedRequest, Reply, Response

MODEL = "anthropic/claude-sonnet-4-5"
TARGET_RATIO = 1.5


@dataclass(frozen=True)
class Measurement:
    samples: int
    max_connections: int
    latency_seconds: float
    wall_seconds: float
    request_span_seconds: float
    peak_in_flight: int
    requests: int
    status: str

    @property
    def ideal_seconds(self) -> float:
        return math.ceil(self.samples / self.max_connections) * self.latency_seconds

    @property
    def wall_ratio(self) -> float:
        return self.wall_seconds / self.ideal_seconds

    @property
    def span_ratio(self) -> float:
        return self.request_span_seconds / self.ideal_seconds


def echo_task(samples: int) -> Task:
    dataset = [Sample(id=n, input=f"Echo the token T{n}.", target=f"T{n}") for n in range(samples)]
    return Task(dataset=dataset, solver=generate(), scorer=includes())


def echo_token(request: RecordedRequest) -> Response:
    """Answer each sample with its own token, so every sample scores correct."""
    return Reply(text=request.last_user_text.removeprefix("Echo the token ").rstrip("."))


def peak_in_flight(requests: list[RecordedRequest], latency_seconds: float) -> int:
    """Most requests held by the server at once (each is held for the fixed latency)."""
    events = [(r.received_at, 1) for r in requests]
    events += [(r.received_at + latency_seconds, -1) for r in requests]
    in_flight = peak = 0
    for _, change in sorted(events):
        in_flight += change
        peak = max(peak, in_flight)
    return peak


def measure(
    samples: int, max_connections: int, latency_seconds: float, work_dir: Path
) -> Measurement:
    with MessagesAPIServer(echo_token, latency_seconds=latency_seconds) as server:
        started = time.monotonic()
        log = run_eval(samples, max_connections, server.base_url, work_dir / f"logs-{samples}")
        wall_seconds = time.monotonic() - started
        requests = server.message_requests()
    arrivals = [request.received_at for request in requests]
    span = max(arrivals) + latency_seconds - min(arrivals) if arrivals else 0.0
    return Measurement(
        samples=samples,
        max_connections=max_connections,
        latency_seconds=latency_seconds,
        wall_seconds=wall_seconds,
        request_span_seconds=span,
        peak_in_flight=peak_in_flight(requests, latency_seconds),
        requests=len(requests),
        status=log.status,
    )


def run_eval(samples: int, max_connections: int, base_url: str, log_dir: Path) -> EvalLog:
    [log] = eval(
        echo_task(samples),
        model=MODEL,
        model_base_url=base_url,
        max_connections=max_connections,
        max_retries=0,  # a retry would hide a server problem inside the timing
        log_dir=str(log_dir),
        display="none",
    )
    return log


def isolate_inspect_state(work_dir: Path) -> None:
    """Never read or write the user's inspect cache, data or key."""
    os.environ["INSPECT_CACHE_DIR"] = str(work_dir / "inspect-cache")
    os.environ["XDG_DATA_HOME"] = str(work_dir / "xdg-data")
    os.environ["XDG_CACHE_HOME"] = str(work_dir / "xdg-cache")
    os.environ["ANTHROPIC_API_KEY"] = "dummy-key-for-benchmark"
    os.environ.pop("ANTHROPIC_BASE_URL", None)


def render(measurement: Measurement) -> str:
    m = measurement
    verdict = "ok" if m.wall_ratio <= TARGET_RATIO else f"over {TARGET_RATIO}x"
    return (
        f"{m.samples:>4} samples  {m.max_connections:>3} conn  ideal {m.ideal_seconds:5.1f} s  "
        f"wall {m.wall_seconds:5.1f} s ({m.wall_ratio:4.2f}x, {verdict})  "
        f"server span {m.request_span_seconds:5.1f} s ({m.span_ratio:4.2f}x)  "
        f"peak in flight {m.peak_in_flight:>3}  requests {m.requests:>4}  status {m.status}"
    )


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--samples", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--max-connections", type=int, default=10)
    parser.add_argument("--latency", type=float, default=1.0, help="server seconds per request")
    parser.add_argument(
        "--warmup",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run a 1-sample eval first so imports are not timed",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory(prefix="archbench-concurrency-") as temporary:
        work_dir = Path(temporary)
        isolate_inspect_state(work_dir)
        if arguments.warmup:
            measure(1, arguments.max_connections, 0.0, work_dir)
        for samples in arguments.samples:
            print(render(measure(samples, arguments.max_connections, arguments.latency, work_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

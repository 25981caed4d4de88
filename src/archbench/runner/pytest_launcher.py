"""Runs the hidden tests inside the sandbox and seals the JUnit report (stdlib + pytest only).

Copied into the work directory as `_harness/launch.py` and run as
`python -I _harness/launch.py SEAL_PATH PYTEST_ARGS...` with a one-time secret on stdin.

Model-written code runs in this process when the tests import it, so it could forge the report
(write a passing JUnit file, then `os._exit(0)`) or patch pytest so that failures pass. Hence:
- the secret is read from stdin before any solution code is imported, and never put in argv or
  the environment;
- the functions that decide and record outcomes are captured first and compared afterwards;
- the report is sealed with an HMAC over its bytes, the exit code and the tampering found.
A report without a valid seal is not trusted by the grader.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys

Watched = dict[str, tuple[object, str, object]]


def _watched() -> Watched:
    import unittest

    import _pytest.junitxml
    import _pytest.python
    import _pytest.reports
    import _pytest.runner
    import pytest

    targets = {
        "pytest.main": (pytest, "main"),
        "Function.runtest": (_pytest.python.Function, "runtest"),
        "pytest_pyfunc_call": (_pytest.python, "pytest_pyfunc_call"),
        "runner.call_and_report": (_pytest.runner, "call_and_report"),
        "runner.runtestprotocol": (_pytest.runner, "runtestprotocol"),
        "runner.pytest_runtest_makereport": (_pytest.runner, "pytest_runtest_makereport"),
        "TestReport.from_item_and_call": (_pytest.reports.TestReport, "from_item_and_call"),
        "LogXML.pytest_runtest_logreport": (_pytest.junitxml.LogXML, "pytest_runtest_logreport"),
        "LogXML.pytest_sessionfinish": (_pytest.junitxml.LogXML, "pytest_sessionfinish"),
        "unittest.TestCase.run": (unittest.TestCase, "run"),
        "unittest.TestCase.assertEqual": (unittest.TestCase, "assertEqual"),
        "unittest.TestResult.addFailure": (unittest.TestResult, "addFailure"),
        "hmac.new": (hmac, "new"),
        "hashlib.sha256": (hashlib, "sha256"),
        "json.dumps": (json, "dumps"),
    }
    return {name: (owner, attr, vars(owner).get(attr)) for name, (owner, attr) in targets.items()}


def _tampered(watched: Watched) -> list[str]:
    return sorted(
        name
        for name, (owner, attr, original) in watched.items()
        if vars(owner).get(attr) is not original
    )


def main() -> None:
    secret = sys.stdin.buffer.readline().strip()
    seal_path, report_path, pytest_args = sys.argv[1], sys.argv[2], sys.argv[3:]
    watched = _watched()
    new_mac, sha256, dumps = hmac.new, hashlib.sha256, json.dumps
    import pytest

    exit_code = int(pytest.main(pytest_args))
    tampered = _tampered(watched)
    try:
        with open(report_path, "rb") as handle:
            report = handle.read()
    except OSError:
        report = b""
    message = report + b"\n--archbench-seal--\n" + dumps([exit_code, tampered]).encode()
    seal = {
        "exit_code": exit_code,
        "tampered": tampered,
        "mac": new_mac(secret, message, sha256).hexdigest(),
    }
    with open(seal_path, "w") as handle:
        handle.write(dumps(seal))
    sys.stdout.flush()


if __name__ == "__main__":
    main()

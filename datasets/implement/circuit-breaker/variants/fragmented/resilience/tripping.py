"""Whether a failure opens the circuit."""


def should_open(trial: bool, failures: int, threshold: int) -> bool:
    return trial or failures >= threshold

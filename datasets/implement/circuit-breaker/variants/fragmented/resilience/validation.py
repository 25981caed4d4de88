"""Configuration checks."""


def validate_config(failure_threshold: int, reset_timeout: float) -> None:
    if failure_threshold < 1:
        raise ValueError(f"failure_threshold must be at least 1, got {failure_threshold}")
    if reset_timeout <= 0:
        raise ValueError(f"reset_timeout must be positive, got {reset_timeout}")

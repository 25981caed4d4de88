"""The one error that rejects a whole file."""


class MissingColumnsError(ValueError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"CSV header is missing required columns: {', '.join(missing)}")
        self.missing = missing

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Profile:
    user_id: int
    display_name: str
    bio: str = ""


class ProfileRepository(Protocol):
    def get(self, user_id: int) -> Profile | None: ...

    def save(self, profile: Profile) -> None: ...

    def delete(self, user_id: int) -> None: ...

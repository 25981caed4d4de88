"""Team membership rules. Roles: "owner" > "admin" > "member"."""

from __future__ import annotations

from dataclasses import dataclass, field

MANAGER_ROLES = frozenset({"owner", "admin"})


class MembershipError(Exception):
    pass


class NotAMember(MembershipError):
    pass


class Forbidden(MembershipError):
    pass


@dataclass
class Team:
    id: int
    name: str
    roles: dict[str, str] = field(default_factory=dict)
    """user id -> role"""


class TeamService:
    def __init__(self, teams: dict[int, Team]) -> None:
        self._teams = teams

    def _team_of_member(self, team_id: int, user_id: str) -> Team:
        team = self._teams.get(team_id)
        if team is None or user_id not in team.roles:
            raise NotAMember(f"{user_id} is not in team {team_id}")
        return team

    def members(self, team_id: int, acting_user: str) -> dict[str, str]:
        return dict(self._team_of_member(team_id, acting_user).roles)

    def invite(self, team_id: int, acting_user: str, new_user: str, role: str = "member") -> None:
        team = self._team_of_member(team_id, acting_user)
        if team.roles[acting_user] not in MANAGER_ROLES:
            raise Forbidden(f"{acting_user} cannot invite to team {team_id}")
        if role == "owner":
            raise Forbidden("ownership is transferred, not granted by invitation")
        team.roles[new_user] = role

    def remove(self, team_id: int, acting_user: str, member: str) -> None:
        """Managers remove others; anyone may leave. The owner can never be removed."""
        team = self._team_of_member(team_id, acting_user)
        if team.roles.get(member) is None:
            raise NotAMember(f"{member} is not in team {team_id}")
        if team.roles[member] == "owner":
            raise Forbidden("the owner cannot be removed")
        del team.roles[member]

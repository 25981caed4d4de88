"""Who may do what in which data room."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


class Permission(StrEnum):
    READ = "read"
    WRITE = "write"
    DELETE = "delete"
    MANAGE = "manage"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.EDITOR: frozenset({Permission.READ, Permission.WRITE}),
    Role.ADMIN: frozenset(Permission),
}


class AccessDenied(Exception):
    pass


class RoomAccess:
    """Room memberships. Production loads them from the deals database at startup."""

    def __init__(self) -> None:
        self._roles: dict[tuple[str, str], Role] = {}

    def grant(self, room_id: str, user: str, role: Role) -> None:
        self._roles[(room_id, user)] = role

    def revoke(self, room_id: str, user: str) -> None:
        self._roles.pop((room_id, user), None)

    def role_of(self, room_id: str, user: str) -> Role | None:
        return self._roles.get((room_id, user))

    def members(self, room_id: str) -> dict[str, Role]:
        return {user: role for (room, user), role in self._roles.items() if room == room_id}

    def require(self, room_id: str, user: str, permission: Permission) -> None:
        role = self.role_of(room_id, user)
        if role is None or permission not in GRANTS[role]:
            raise AccessDenied(f"{user} may not {permission.value} in room {room_id}")

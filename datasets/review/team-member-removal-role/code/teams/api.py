from fastapi import FastAPI, Header, HTTPException, Response

from teams.membership import Forbidden, NotAMember, Team, TeamService


def create_app(teams: dict[int, Team]) -> FastAPI:
    service = TeamService(teams)
    app = FastAPI()

    @app.get("/teams/{team_id}/members")
    def list_members(team_id: int, x_user: str = Header()) -> dict[str, str]:
        try:
            return service.members(team_id, x_user)
        except NotAMember as exc:
            raise HTTPException(404, str(exc)) from exc

    @app.delete("/teams/{team_id}/members/{member}", status_code=204)
    def remove_member(team_id: int, member: str, x_user: str = Header()) -> Response:
        try:
            service.remove(team_id, x_user, member)
        except NotAMember as exc:
            raise HTTPException(404, str(exc)) from exc
        except Forbidden as exc:
            raise HTTPException(403, str(exc)) from exc
        return Response(status_code=204)

    return app

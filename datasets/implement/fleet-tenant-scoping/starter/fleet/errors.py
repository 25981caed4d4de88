"""Domain errors; the API layer maps each to an HTTP status."""


class FleetError(Exception):
    """Base class of the errors the service raises on purpose."""


class VehicleNotFound(FleetError):
    def __init__(self, vehicle_id: int) -> None:
        super().__init__(f"vehicle {vehicle_id} not found")
        self.vehicle_id = vehicle_id


class DuplicateFleetNumber(FleetError):
    def __init__(self, fleet_number: str) -> None:
        super().__init__(f"fleet number {fleet_number} is already in use")
        self.fleet_number = fleet_number


class OdometerRollback(FleetError):
    """A reading lower than the last one: a typo or a tampered odometer, never accepted."""

    def __init__(self, current_km: int, reading_km: int) -> None:
        super().__init__(f"odometer reads {current_km} km, refusing {reading_km} km")


class VehicleRetired(FleetError):
    def __init__(self, vehicle_id: int) -> None:
        super().__init__(f"vehicle {vehicle_id} is retired")

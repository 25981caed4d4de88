"""Carrier endpoints and our rate card: the numbers ops changes live here."""

from decimal import Decimal

CARRIER_URLS = {
    "acme": "https://api.acme-freight.test/v2/rates",
    "bolt": "https://bolt-parcel.test/quote",
    "condor": "https://rates.condor.test/csv",
}
MAX_ATTEMPTS = 3
CACHE_TTL_SECONDS = 300

# Added to every quote; zone 1 is the same region, zone 5 coast to coast.
ZONE_SURCHARGES = {
    1: Decimal("0.00"),
    2: Decimal("1.50"),
    3: Decimal("2.75"),
    4: Decimal("4.00"),
    5: Decimal("6.25"),
}
RESIDENTIAL_FEES = {"acme": Decimal("3.95"), "bolt": Decimal("4.50"), "condor": Decimal("2.99")}
OVERSIZE_LONGEST_CM = 120
OVERSIZE_GIRTH_CM = 300
OVERSIZE_FEE = Decimal("18.00")
DIM_DIVISOR = 5000
MAX_WEIGHT_KG = Decimal("70")
MAX_FUEL_PERCENT = Decimal("50")

"""Shared test doubles: a scripted carrier transport, a manual clock, the original package."""

import importlib
import importlib.util
import json
import sys
from pathlib import Path

ACME = "https://api.acme-freight.test/v2/rates"
BOLT = "https://bolt-parcel.test/quote"
CONDOR = "https://rates.condor.test/csv"
ORIGINAL_NAME = "_archbench_original_shipping"


def load_original(module):
    """A module of the byte copy of the code before the refactor, under a private name.

    The copy uses relative imports, so it loads as its own package and never touches the
    answer's `shipping`.
    """
    if ORIGINAL_NAME not in sys.modules:
        root = Path(__file__).with_name("original") / "shipping"
        spec = importlib.util.spec_from_file_location(
            ORIGINAL_NAME, root / "__init__.py", submodule_search_locations=[str(root)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules[ORIGINAL_NAME] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{ORIGINAL_NAME}.{module}")


class ManualClock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


def acme_body(*rates):
    return json.dumps({"rates": [{"service": s, "amount": a, "days": d} for s, a, d in rates]})


def bolt_body(*quotes):
    return json.dumps({"quotes": [{"code": c, "price_cents": p, "transit_days": d}
                                  for c, p, d in quotes]})


def condor_body(*lines):
    return "\n".join(["# service;price;days", *(f"{s};{p};{d}" for s, p, d in lines)])


DEFAULT_BODIES = {
    ACME: acme_body(("ground", "10.00", 5), ("express", "24.50", 2)),
    BOLT: bolt_body(("STD", 1199, 4)),
    CONDOR: condor_body(("eco", "8.40", 7)),
}


class ScriptedTransport:
    """Answers each URL from its script (a Response, or an exception to raise) in order, then
    with the default answer; records every request as (url, params)."""

    def __init__(self, response_type, scripts=None, defaults=None):
        self._response_type = response_type
        self._scripts = {url: list(items) for url, items in (scripts or {}).items()}
        self._defaults = defaults or {}
        self.requests = []

    def get(self, url, params):
        self.requests.append((url, dict(params)))
        script = self._scripts.get(url)
        if script:
            item = script.pop(0)
            if isinstance(item, Exception):
                raise item
            return item
        default = self._defaults.get(url)
        if default is not None:
            return default
        return self._response_type(200, DEFAULT_BODIES[url], {})

    def requests_to(self, url):
        return [params for requested, params in self.requests if requested == url]

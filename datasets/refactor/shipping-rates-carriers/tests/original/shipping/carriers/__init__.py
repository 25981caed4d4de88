"""One adapter per carrier API."""

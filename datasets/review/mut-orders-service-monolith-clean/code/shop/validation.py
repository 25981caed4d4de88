"""Checks on caller input; pure functions, no database access."""

from collections.abc import Mapping, Sequence

from shop.errors import ValidationError


def normalise_email(email: object) -> str:
    if not isinstance(email, str):
        raise ValidationError("email must be a string")
    normalised = email.strip().lower()
    local, at, domain = normalised.partition("@")
    if not at or not local or not _is_valid_domain(domain):
        raise ValidationError(f"invalid email: {normalised}")
    return normalised


def _is_valid_domain(domain: str) -> bool:
    return "." in domain and not domain.startswith(".") and not domain.endswith(".")


def merge_quantities(items: Sequence[Mapping[str, object]]) -> dict[str, int]:
    """Sum the quantities per sku, keeping the order in which skus first appear."""
    if not items:
        raise ValidationError("an order needs at least one item")
    quantities: dict[str, int] = {}
    for item in items:
        sku, quantity = _parse_item(item)
        quantities[sku] = quantities.get(sku, 0) + quantity
    return quantities


def _parse_item(item: Mapping[str, object]) -> tuple[str, int]:
    if "sku" not in item or "quantity" not in item:
        raise ValidationError("each item needs a sku and a quantity")
    quantity = item["quantity"]
    # bool is a subclass of int, but True is not a quantity.
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        raise ValidationError("quantity must be an integer")
    if quantity <= 0:
        raise ValidationError("quantity must be positive")
    return str(item["sku"]), quantity


def validate_product(sku: object, price_cents: object, stock: object) -> None:
    if not isinstance(sku, str) or not sku.strip():
        raise ValidationError("sku must be a non-empty string")
    if not _is_non_negative_int(price_cents):
        raise ValidationError("price_cents must be a non-negative integer")
    if not _is_non_negative_int(stock):
        raise ValidationError("stock must be a non-negative integer")


def _is_non_negative_int(value: object) -> bool:
    return isinstance(value, int) and value >= 0

"""Which tax applies to a customer, decided from country, region, VAT id and exemption."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from billing.money import percent_of

SELLER_COUNTRY = "DE"
EU_VAT_RATES = {"DE": Decimal("19"), "FR": Decimal("20"), "NL": Decimal("21")}
US_STATE_RATES = {"CA": Decimal("7.25"), "NY": Decimal("4"), "TX": Decimal("6.25")}
REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the recipient"


@dataclass(frozen=True)
class TaxTreatment:
    currency: str
    rate: Decimal = Decimal("0")
    taxes_usage: bool = True
    note: str | None = None


def tax_for(
    customer: Mapping[str, Any],
    subscription_total: Decimal,
    usage_total: Decimal,
    discount: Decimal,
) -> dict[str, Any]:
    """The invoice's currency, tax rate, tax and notes for a customer and the invoice amounts."""
    treatment = _tax_treatment(customer)
    taxed_usage = usage_total if treatment.taxes_usage else Decimal("0")
    taxable = subscription_total + taxed_usage - discount
    return {
        "currency": treatment.currency,
        "tax_rate": treatment.rate,
        "tax": percent_of(taxable, treatment.rate),
        "notes": [treatment.note] if treatment.note else [],
    }


def _tax_treatment(customer: Mapping[str, Any]) -> TaxTreatment:
    country = customer["country"].upper()
    currency = "EUR" if country in EU_VAT_RATES else "USD"
    if customer.get("tax_exempt"):
        return TaxTreatment(currency, note="Tax exempt")
    if country in EU_VAT_RATES:
        return _eu_treatment(country, has_vat_id=bool(customer.get("vat_id")))
    if country == "US":
        return _us_treatment((customer.get("region") or "").upper())
    return TaxTreatment(currency, note="No tax collected")


def _eu_treatment(country: str, has_vat_id: bool) -> TaxTreatment:
    if has_vat_id and country != SELLER_COUNTRY:
        return TaxTreatment("EUR", note=REVERSE_CHARGE_NOTE)
    return TaxTreatment("EUR", EU_VAT_RATES[country])


def _us_treatment(state: str) -> TaxTreatment:
    if state not in US_STATE_RATES:
        return TaxTreatment("USD", note=f"No sales tax collected for state {state or 'unknown'}")
    # Usage fees are not taxed in the states we collect in.
    return TaxTreatment("USD", US_STATE_RATES[state], taxes_usage=False)

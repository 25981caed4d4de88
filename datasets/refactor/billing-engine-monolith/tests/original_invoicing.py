"""Monthly invoicing: subscriptions, usage, discounts, tax, and the text invoice."""
from datetime import timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

SELLER_COUNTRY = "DE"

PLAN_PRICES = {
    "basic": Decimal("9.00"),
    "pro": Decimal("29.00"),
    "enterprise": Decimal("199.00"),
}

EU_VAT_RATES = {"DE": Decimal("19"), "FR": Decimal("20"), "NL": Decimal("21")}
US_STATE_RATES = {"CA": Decimal("7.25"), "NY": Decimal("4"), "TX": Decimal("6.25")}


class BillingError(Exception):
    pass


def build_invoice(number, customer, subscriptions, usage, period_start, period_end):
    # --- customer checks
    for field in ("id", "country"):
        if field not in customer or not customer[field]:
            raise BillingError("customer is missing %r" % field)
    if period_end <= period_start:
        raise BillingError(
            "billing period end %s must be after start %s" % (period_end, period_start)
        )
    period_days = (period_end - period_start).days
    country = customer["country"].upper()
    try:
        discount_percent = Decimal(str(customer.get("discount_percent", 0)))
    except InvalidOperation:
        raise BillingError("invalid discount_percent %r" % customer.get("discount_percent"))
    if discount_percent < 0 or discount_percent > 100:
        raise BillingError("discount_percent must be between 0 and 100")
    lines = []
    subscription_total = Decimal("0.00")
    # --- subscriptions
    for sub in subscriptions:
        plan = sub.get("plan")
        if plan not in PLAN_PRICES:
            raise BillingError("unknown plan %r" % plan)
        seats = sub.get("seats", 1)
        if not isinstance(seats, int) or seats <= 0:
            raise BillingError("seats must be a positive integer, got %r" % seats)
        start = sub["start"]
        end = sub.get("end")
        if end is not None and end <= start:
            raise BillingError("subscription end %s must be after start %s" % (end, start))
        active_from = start if start > period_start else period_start
        if end is None or end > period_end:
            active_to = period_end
        else:
            active_to = end
        active_days = (active_to - active_from).days
        if active_days <= 0:
            continue
        full_price = PLAN_PRICES[plan] * seats
        if active_days == period_days:
            amount = full_price.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            description = "%s plan x%d (%s to %s)" % (
                plan.capitalize(),
                seats,
                active_from.isoformat(),
                (active_to - timedelta(days=1)).isoformat(),
            )
        else:
            amount = (full_price * active_days / period_days).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            description = "%s plan x%d (%s to %s, prorated %d/%d days)" % (
                plan.capitalize(),
                seats,
                active_from.isoformat(),
                (active_to - timedelta(days=1)).isoformat(),
                active_days,
                period_days,
            )
        lines.append(
            {
                "description": description,
                "quantity": seats,
                "unit_price": PLAN_PRICES[plan],
                "amount": amount,
                "kind": "subscription",
            }
        )
        subscription_total += amount
    # --- usage
    api_calls = 0
    storage = Decimal("0")
    for record in usage:
        metric = record.get("metric")
        if metric == "api_calls":
            qty = record.get("quantity")
            if not isinstance(qty, int) or qty < 0:
                raise BillingError("api_calls quantity must be a non-negative integer")
            api_calls += qty
        elif metric == "storage_gb":
            try:
                qty = Decimal(str(record.get("quantity")))
            except InvalidOperation:
                raise BillingError("storage_gb quantity must be a number")
            if not qty.is_finite() or qty < 0:
                raise BillingError("storage_gb quantity must be a non-negative number")
            storage += qty
        else:
            raise BillingError("unknown usage metric %r" % metric)
    usage_total = Decimal("0.00")
    if api_calls > 100000:
        blocks = (Decimal(api_calls - 100000) / 1000).to_integral_value(rounding=ROUND_CEILING)
        amount = (blocks * Decimal("0.50")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        lines.append(
            {
                "description": "API calls: {:,} (100,000 included)".format(api_calls),
                "quantity": int(blocks),
                "unit_price": Decimal("0.50"),
                "amount": amount,
                "kind": "usage",
            }
        )
        usage_total += amount
    if storage > 10:
        billable = storage - 10
        amount = (billable * Decimal("0.10")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if amount > 0:
            lines.append(
                {
                    "description": "Storage: %s GB (10 GB included)" % format(storage.normalize(), "f"),
                    "quantity": billable,
                    "unit_price": Decimal("0.10"),
                    "amount": amount,
                    "kind": "usage",
                }
            )
            usage_total += amount
    subtotal = subscription_total + usage_total
    discount = (subscription_total * discount_percent / 100).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    # --- tax
    notes = []
    if customer.get("tax_exempt"):
        rate = Decimal("0")
        taxable = Decimal("0.00")
        currency = "EUR" if country in EU_VAT_RATES else "USD"
        notes.append("Tax exempt")
    elif country in EU_VAT_RATES:
        currency = "EUR"
        if customer.get("vat_id") and country != SELLER_COUNTRY:
            rate = Decimal("0")
            taxable = Decimal("0.00")
            notes.append("Reverse charge: VAT to be accounted for by the recipient")
        else:
            rate = EU_VAT_RATES[country]
            taxable = subtotal - discount
    elif country == "US":
        currency = "USD"
        state = (customer.get("region") or "").upper()
        if state in US_STATE_RATES:
            rate = US_STATE_RATES[state]
            # usage fees are not taxed in the states we collect in
            taxable = subscription_total - discount
        else:
            rate = Decimal("0")
            taxable = Decimal("0.00")
            notes.append("No sales tax collected for state %s" % (state or "unknown"))
    else:
        currency = "USD"
        rate = Decimal("0")
        taxable = Decimal("0.00")
        notes.append("No tax collected")
    tax = (taxable * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    total = subtotal - discount + tax
    for line in lines:
        del line["kind"]
    return {
        "number": number,
        "customer_id": customer["id"],
        "currency": currency,
        "period_start": period_start,
        "period_end": period_end,
        "lines": lines,
        "subtotal": subtotal,
        "discount_percent": discount_percent,
        "discount": discount,
        "tax_rate": rate,
        "tax": tax,
        "total": total,
        "notes": notes,
    }


def render_invoice(invoice):
    width = 60
    out = []
    out.append("INVOICE %s" % invoice["number"])
    out.append("Customer: %s" % invoice["customer_id"])
    out.append(
        "Period: %s to %s"
        % (
            invoice["period_start"].isoformat(),
            (invoice["period_end"] - timedelta(days=1)).isoformat(),
        )
    )
    out.append("-" * width)
    for line in invoice["lines"]:
        description = line["description"]
        if len(description) > 46:
            description = description[:45] + "~"
        out.append("%-46s%14s" % (description, "%s" % line["amount"]))
    out.append("-" * width)
    out.append("%-46s%14s" % ("Subtotal", "%s" % invoice["subtotal"]))
    if invoice["discount"] > 0:
        out.append(
            "%-46s%14s"
            % (
                "Discount (%s%%)" % format(invoice["discount_percent"].normalize(), "f"),
                "-%s" % invoice["discount"],
            )
        )
    if invoice["tax_rate"] > 0:
        out.append(
            "%-46s%14s"
            % ("Tax (%s%%)" % format(invoice["tax_rate"].normalize(), "f"), "%s" % invoice["tax"])
        )
    out.append("%-46s%14s" % ("Total %s" % invoice["currency"], "%s" % invoice["total"]))
    for note in invoice["notes"]:
        out.append("Note: %s" % note)
    return "\n".join(out) + "\n"


def next_invoice_number(last_number, today):
    """INV-<year>-<4-digit sequence>; the sequence restarts every calendar year."""
    if last_number is None:
        return "INV-%d-0001" % today.year
    parts = last_number.split("-")
    if len(parts) != 3 or parts[0] != "INV" or not parts[1].isdigit() or not parts[2].isdigit():
        raise BillingError("malformed invoice number %r" % last_number)
    year = int(parts[1])
    sequence = int(parts[2])
    if year > today.year:
        raise BillingError("invoice number %s is from the future" % last_number)
    if year < today.year:
        return "INV-%d-0001" % today.year
    if sequence >= 9999:
        raise BillingError("invoice sequence for %d is exhausted" % year)
    return "INV-%d-%04d" % (year, sequence + 1)

"""Sales report generator.

Usage: python -m reports.sales_report sales.csv [--format text|json] [--group-by region|product|month]
       [--output report.txt]
"""
import argparse
import csv
import json
import sys
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

REQUIRED_COLUMNS = ["order_id", "date", "region", "product", "quantity", "unit_price"]


class ReportError(Exception):
    pass


def generate_report(path, fmt="text", group_by="region"):
    if fmt not in ("text", "json"):
        raise ReportError("unknown format %r, expected 'text' or 'json'" % fmt)
    if group_by not in ("region", "product", "month"):
        raise ReportError("cannot group by %r, expected region, product or month" % group_by)
    path = Path(path)
    if not path.exists():
        raise ReportError("input file not found: %s" % path)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None:
            raise ReportError("%s is empty" % path)
        header = [h.strip().lower() for h in reader.fieldnames]
        missing = []
        for col in REQUIRED_COLUMNS:
            if col not in header:
                missing.append(col)
        if missing:
            raise ReportError("%s is missing columns: %s" % (path, ", ".join(missing)))
        reader.fieldnames = header
        rows = []
        skipped = []
        seen_ids = set()
        for raw in reader:
            line = reader.line_num
            values = {}
            for k, v in raw.items():
                if k is None:
                    continue
                values[k] = (v or "").strip()
            if all(v == "" for v in values.values()):
                continue
            # status filter
            status = values.get("status", "").lower()
            if status in ("refunded", "cancelled"):
                skipped.append({"line": line, "reason": "status %s" % status})
                continue
            # order id
            order_id = values["order_id"]
            if order_id == "":
                skipped.append({"line": line, "reason": "missing order_id"})
                continue
            if order_id in seen_ids:
                skipped.append({"line": line, "reason": "duplicate order_id %s" % order_id})
                continue
            # date
            date = None
            for date_format in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    date = datetime.strptime(values["date"], date_format).date()
                    break
                except ValueError:
                    pass
            if date is None:
                skipped.append({"line": line, "reason": "invalid date %r" % values["date"]})
                continue
            # region and product
            region = " ".join(values["region"].split()).title()
            product = " ".join(values["product"].split()).lower()
            if region == "" or product == "":
                skipped.append({"line": line, "reason": "missing region or product"})
                continue
            # quantity
            try:
                quantity = int(values["quantity"])
            except ValueError:
                skipped.append(
                    {"line": line, "reason": "invalid quantity %r" % values["quantity"]}
                )
                continue
            if quantity <= 0:
                skipped.append(
                    {"line": line, "reason": "invalid quantity %r" % values["quantity"]}
                )
                continue
            # price
            price_text = values["unit_price"].replace("$", "").replace(",", "")
            try:
                unit_price = Decimal(price_text)
            except InvalidOperation:
                skipped.append(
                    {"line": line, "reason": "invalid unit_price %r" % values["unit_price"]}
                )
                continue
            if not unit_price.is_finite() or unit_price < 0:
                skipped.append(
                    {"line": line, "reason": "invalid unit_price %r" % values["unit_price"]}
                )
                continue
            seen_ids.add(order_id)
            rows.append(
                {
                    "order_id": order_id,
                    "date": date,
                    "region": region,
                    "product": product,
                    "quantity": quantity,
                    "unit_price": unit_price,
                }
            )
    if not rows:
        raise ReportError("no valid rows in %s" % path)
    # aggregate
    groups = {}
    for row in rows:
        if group_by == "month":
            key = row["date"].strftime("%Y-%m")
        else:
            key = row[group_by]
        if key not in groups:
            groups[key] = {"orders": 0, "units": 0, "revenue": Decimal("0")}
        groups[key]["orders"] += 1
        groups[key]["units"] += row["quantity"]
        groups[key]["revenue"] += row["quantity"] * row["unit_price"]
    total_orders = 0
    total_units = 0
    total_revenue = Decimal("0")
    for key in groups:
        total_orders += groups[key]["orders"]
        total_units += groups[key]["units"]
        total_revenue += groups[key]["revenue"]
    ordered = sorted(groups.items(), key=lambda kv: (-kv[1]["revenue"], kv[0]))
    start = min(r["date"] for r in rows)
    end = max(r["date"] for r in rows)
    if fmt == "json":
        out_groups = []
        for key, g in ordered:
            avg = (g["revenue"] / g["orders"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if total_revenue == 0:
                share = Decimal("0.0")
            else:
                share = (g["revenue"] * 100 / total_revenue).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                )
            out_groups.append(
                {
                    "name": key,
                    "orders": g["orders"],
                    "units": g["units"],
                    "revenue": str(g["revenue"].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
                    "average_order": str(avg),
                    "share_percent": str(share),
                }
            )
        total_avg = (total_revenue / total_orders).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        doc = {
            "group_by": group_by,
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "groups": out_groups,
            "totals": {
                "orders": total_orders,
                "units": total_units,
                "revenue": str(total_revenue.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
                "average_order": str(total_avg),
            },
            "skipped": skipped,
        }
        return json.dumps(doc, indent=2)
    else:
        lines = []
        lines.append("Sales report by %s (%d rows, %d skipped)" % (group_by, len(rows), len(skipped)))
        lines.append("Period: %s to %s" % (start.isoformat(), end.isoformat()))
        lines.append("")
        lines.append(
            "%-16s%8s%8s%12s%10s%8s" % (group_by, "orders", "units", "revenue", "avg", "share")
        )
        for key, g in ordered:
            avg = (g["revenue"] / g["orders"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if total_revenue == 0:
                share = Decimal("0.0")
            else:
                share = (g["revenue"] * 100 / total_revenue).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                )
            lines.append(
                "%-16s%8d%8d%12s%10s%8s"
                % (
                    key[:16],
                    g["orders"],
                    g["units"],
                    g["revenue"].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    avg,
                    str(share) + "%",
                )
            )
        total_avg = (total_revenue / total_orders).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        lines.append(
            "%-16s%8d%8d%12s%10s"
            % (
                "TOTAL",
                total_orders,
                total_units,
                total_revenue.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                total_avg,
            )
        )
        if skipped:
            lines.append("")
            lines.append("Skipped rows:")
            for s in skipped:
                lines.append("  line %d: %s" % (s["line"], s["reason"]))
        return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Summarise a sales CSV export.")
    parser.add_argument("input", help="CSV file with one order per row")
    parser.add_argument("--format", dest="fmt", default="text", help="text or json")
    parser.add_argument("--group-by", dest="group_by", default="region",
                        help="region, product or month")
    parser.add_argument("--output", default=None, help="write the report here instead of stdout")
    args = parser.parse_args(argv)
    try:
        report = generate_report(args.input, fmt=args.fmt, group_by=args.group_by)
    except ReportError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    if args.output:
        out_path = Path(args.output)
        try:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            out_path.write_text(report, encoding="utf-8")
        except OSError as e:
            print("error: cannot write %s: %s" % (out_path, e), file=sys.stderr)
            return 2
        print("wrote %s" % out_path)
    else:
        sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

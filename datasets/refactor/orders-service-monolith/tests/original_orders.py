"""Order service: everything about orders lives here for now."""
from datetime import datetime, timezone


class OrderError(Exception):
    pass


class ValidationError(OrderError):
    pass


class OutOfStockError(OrderError):
    pass


class OrderNotFoundError(OrderError):
    pass


COUPONS = {
    "SAVE10": {"kind": "percent", "value": 10, "min_subtotal": 0, "expires": "2099-12-31"},
    "FLAT500": {"kind": "flat", "value": 500, "min_subtotal": 2000, "expires": "2099-12-31"},
    "SUMMER15": {"kind": "percent", "value": 15, "min_subtotal": 0, "expires": "2026-08-31"},
}


def init_db(conn):
    conn.execute(
        "CREATE TABLE IF NOT EXISTS products ("
        "sku TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL, "
        "stock INTEGER NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS orders ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, coupon TEXT, "
        "subtotal_cents INTEGER NOT NULL, discount_cents INTEGER NOT NULL, "
        "shipping_cents INTEGER NOT NULL, total_cents INTEGER NOT NULL, "
        "status TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS order_lines ("
        "order_id INTEGER NOT NULL, sku TEXT NOT NULL, name TEXT NOT NULL, "
        "quantity INTEGER NOT NULL, unit_price_cents INTEGER NOT NULL, "
        "line_total_cents INTEGER NOT NULL)"
    )
    conn.commit()


def add_product(conn, sku, name, price_cents, stock):
    if not isinstance(sku, str) or sku.strip() == "":
        raise ValidationError("sku must be a non-empty string")
    if not isinstance(price_cents, int) or price_cents < 0:
        raise ValidationError("price_cents must be a non-negative integer")
    if not isinstance(stock, int) or stock < 0:
        raise ValidationError("stock must be a non-negative integer")
    row = conn.execute("SELECT sku FROM products WHERE sku = ?", (sku,)).fetchone()
    if row is not None:
        conn.execute(
            "UPDATE products SET name = ?, price_cents = ?, stock = ? WHERE sku = ?",
            (name, price_cents, stock, sku),
        )
    else:
        conn.execute(
            "INSERT INTO products (sku, name, price_cents, stock) VALUES (?, ?, ?, ?)",
            (sku, name, price_cents, stock),
        )
    conn.commit()


def get_stock(conn, sku):
    row = conn.execute("SELECT stock FROM products WHERE sku = ?", (sku,)).fetchone()
    if row is None:
        raise ValidationError("unknown sku: %s" % sku)
    return row[0]


def place_order(conn, email, items, coupon=None, now=None):
    # validate email
    if not isinstance(email, str):
        raise ValidationError("email must be a string")
    email = email.strip().lower()
    if "@" not in email:
        raise ValidationError("invalid email: %s" % email)
    else:
        local, _, domain = email.partition("@")
        if local == "" or "." not in domain or domain.startswith(".") or domain.endswith("."):
            raise ValidationError("invalid email: %s" % email)
    # validate items
    if not items:
        raise ValidationError("an order needs at least one item")
    quantities = {}
    for item in items:
        if "sku" not in item or "quantity" not in item:
            raise ValidationError("each item needs a sku and a quantity")
        else:
            qty = item["quantity"]
            if not isinstance(qty, int) or isinstance(qty, bool):
                raise ValidationError("quantity must be an integer")
            else:
                if qty <= 0:
                    raise ValidationError("quantity must be positive")
                else:
                    if item["sku"] in quantities:
                        quantities[item["sku"]] = quantities[item["sku"]] + qty
                    else:
                        quantities[item["sku"]] = qty
    if now is None:
        now = datetime.now(timezone.utc)
    # load products and compute lines
    lines = []
    subtotal = 0
    for sku in quantities:
        row = conn.execute(
            "SELECT sku, name, price_cents, stock FROM products WHERE sku = ?", (sku,)
        ).fetchone()
        if row is None:
            raise ValidationError("unknown sku: %s" % sku)
        qty = quantities[sku]
        if row[3] < qty:
            raise OutOfStockError("only %d of %s left, %d requested" % (row[3], sku, qty))
        line_total = row[2] * qty
        # bulk discount: 5% off a line with 10 or more units
        if qty >= 10:
            line_total = line_total - (line_total * 5) // 100
        lines.append(
            {
                "sku": row[0],
                "name": row[1],
                "quantity": qty,
                "unit_price_cents": row[2],
                "line_total_cents": line_total,
            }
        )
        subtotal = subtotal + line_total
    # coupon
    discount = 0
    if coupon is not None:
        code = coupon.strip().upper()
        if code not in COUPONS:
            raise ValidationError("unknown coupon: %s" % coupon)
        else:
            rule = COUPONS[code]
            expires = datetime.strptime(rule["expires"], "%Y-%m-%d").date()
            if now.date() > expires:
                raise ValidationError("coupon %s expired on %s" % (code, rule["expires"]))
            if subtotal < rule["min_subtotal"]:
                raise ValidationError(
                    "coupon %s needs a subtotal of at least %d.%02d"
                    % (code, rule["min_subtotal"] // 100, rule["min_subtotal"] % 100)
                )
            if rule["kind"] == "percent":
                discount = (subtotal * rule["value"]) // 100
            elif rule["kind"] == "flat":
                discount = rule["value"]
                if discount > subtotal:
                    discount = subtotal
        coupon = code
    # shipping: free from 50.00 after discount
    if subtotal - discount >= 5000:
        shipping = 0
    else:
        shipping = 499
    total = subtotal - discount + shipping
    # reserve stock and persist, all or nothing
    try:
        for line in lines:
            cur = conn.execute(
                "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?",
                (line["quantity"], line["sku"], line["quantity"]),
            )
            if cur.rowcount != 1:
                raise OutOfStockError("stock changed while ordering %s" % line["sku"])
        cur = conn.execute(
            "INSERT INTO orders (email, coupon, subtotal_cents, discount_cents, shipping_cents, "
            "total_cents, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (email, coupon, subtotal, discount, shipping, total, "placed", now.isoformat()),
        )
        order_id = cur.lastrowid
        for line in lines:
            conn.execute(
                "INSERT INTO order_lines (order_id, sku, name, quantity, unit_price_cents, "
                "line_total_cents) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    order_id,
                    line["sku"],
                    line["name"],
                    line["quantity"],
                    line["unit_price_cents"],
                    line["line_total_cents"],
                ),
            )
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    return {
        "order_id": order_id,
        "email": email,
        "status": "placed",
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "shipping_cents": shipping,
        "total_cents": total,
    }


def get_order(conn, order_id):
    row = conn.execute(
        "SELECT id, email, coupon, subtotal_cents, discount_cents, shipping_cents, total_cents, "
        "status, created_at FROM orders WHERE id = ?",
        (order_id,),
    ).fetchone()
    if row is None:
        raise OrderNotFoundError("order %s not found" % order_id)
    line_rows = conn.execute(
        "SELECT sku, name, quantity, unit_price_cents, line_total_cents FROM order_lines "
        "WHERE order_id = ? ORDER BY rowid",
        (order_id,),
    ).fetchall()
    lines = []
    for r in line_rows:
        lines.append(
            {
                "sku": r[0],
                "name": r[1],
                "quantity": r[2],
                "unit_price_cents": r[3],
                "line_total_cents": r[4],
            }
        )
    return {
        "order_id": row[0],
        "email": row[1],
        "coupon": row[2],
        "subtotal_cents": row[3],
        "discount_cents": row[4],
        "shipping_cents": row[5],
        "total_cents": row[6],
        "status": row[7],
        "created_at": row[8],
        "lines": lines,
    }


def cancel_order(conn, order_id):
    row = conn.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        raise OrderNotFoundError("order %s not found" % order_id)
    if row[0] == "cancelled":
        raise OrderError("order %s is already cancelled" % order_id)
    try:
        line_rows = conn.execute(
            "SELECT sku, quantity FROM order_lines WHERE order_id = ?", (order_id,)
        ).fetchall()
        for r in line_rows:
            conn.execute(
                "UPDATE products SET stock = stock + ? WHERE sku = ?", (r[1], r[0])
            )
        conn.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (order_id,))
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def format_receipt(conn, order_id):
    row = conn.execute(
        "SELECT id, email, coupon, subtotal_cents, discount_cents, shipping_cents, total_cents, "
        "status, created_at FROM orders WHERE id = ?",
        (order_id,),
    ).fetchone()
    if row is None:
        raise OrderNotFoundError("order %s not found" % order_id)
    line_rows = conn.execute(
        "SELECT sku, name, quantity, unit_price_cents, line_total_cents FROM order_lines "
        "WHERE order_id = ? ORDER BY rowid",
        (order_id,),
    ).fetchall()
    placed = datetime.fromisoformat(row[8])
    out = []
    out.append("Order #%d for %s" % (row[0], row[1]))
    out.append("Placed: %s" % placed.strftime("%Y-%m-%d %H:%M"))
    for r in line_rows:
        out.append(
            "  %d x %s (%s) @ %d.%02d = %d.%02d"
            % (r[2], r[1], r[0], r[3] // 100, r[3] % 100, r[4] // 100, r[4] % 100)
        )
    out.append("Subtotal: %d.%02d" % (row[3] // 100, row[3] % 100))
    if row[4] > 0:
        out.append("Discount (%s): -%d.%02d" % (row[2], row[4] // 100, row[4] % 100))
    if row[5] == 0:
        out.append("Shipping: free")
    else:
        out.append("Shipping: %d.%02d" % (row[5] // 100, row[5] % 100))
    out.append("Total: %d.%02d" % (row[6] // 100, row[6] % 100))
    if row[7] == "cancelled":
        out.append("Status: CANCELLED")
    return "\n".join(out)

"""Gold plating judges public surface the answer does not need, not names the reference lacks."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from archbench.core.shape.public_surface import needed_public_names
from archbench.core.static_metrics import ShapeTask, StaticGrade, grade_static
from archbench.runner._rubric import packaged_rubric

# A requested `shop.orders.total`, computed by helpers the reference keeps private.
REFERENCE = {
    "shop/orders.py": (
        "def total(prices):\n"
        "    return _rounded(sum(_taxed(price) for price in prices))\n"
        "def _taxed(price):\n"
        "    return price * 1.2\n"
        "def _rounded(amount):\n"
        "    return round(amount, 2)\n"
    ),
}
TASK = ShapeTask(requested=frozenset({"shop.orders.total", "orders.total", "total"}))
HELPERS = (
    "def with_tax(price):\n"
    "    return price * 1.2\n"
    "def to_cents(amount):\n"
    "    return round(amount, 2)\n"
    "def discount(price):\n"
    "    return price * 0.9\n"
    "def surcharge(price):\n"
    "    return price + 1\n"
)


def _split_answer(orders: str) -> dict[str, str]:
    """The same behaviour with its helpers public in a module of their own."""
    return {"shop/money.py": HELPERS, "shop/orders.py": orders}


def _grade(answer: Mapping[str, str]) -> StaticGrade:
    return grade_static(answer, REFERENCE, rubric=packaged_rubric(), task=TASK)


def _gold_plated_names(grade: StaticGrade) -> set[str]:
    (check,) = (check for check in grade.checks if check.name == "gold_plating")
    return {finding.symbol for finding in check.findings} if check.penalty else set()


def _needed(files: Mapping[str, str]) -> frozenset[str]:
    return needed_public_names({path: ast.parse(text) for path, text in files.items()})


def test_helpers_called_from_another_module_are_needed_whatever_their_names() -> None:
    answer = _split_answer(
        "from shop.money import discount, surcharge, to_cents, with_tax\n"
        "def total(prices):\n"
        "    return to_cents(sum(surcharge(discount(with_tax(p))) for p in prices))\n"
    )
    assert _needed(answer) == {"with_tax", "to_cents", "discount", "surcharge"}
    assert _gold_plated_names(_grade(answer)) == set()


def test_importing_helpers_without_using_them_whitelists_nothing() -> None:
    answer = _split_answer(
        "from shop.money import discount, surcharge, to_cents, with_tax\n"
        "__all__ = ['total', 'discount', 'surcharge', 'to_cents', 'with_tax']\n"
        "def total(prices):\n"
        "    return round(sum(p * 1.2 for p in prices), 2)\n"
    )
    assert _needed(answer) == set()
    assert _gold_plated_names(_grade(answer)) == {"with_tax", "to_cents", "discount", "surcharge"}


def test_a_bare_reference_on_a_line_of_its_own_is_not_a_use() -> None:
    answer = _split_answer(
        "import shop.money\n"
        "from shop.money import discount\n"
        "discount\n"
        "shop.money.surcharge\n"
        "def total(prices):\n"
        "    return shop.money.to_cents(sum(shop.money.with_tax(p) for p in prices))\n"
    )
    assert _needed(answer) == {"with_tax", "to_cents"}
    assert _gold_plated_names(_grade(answer)) == {"discount", "surcharge"}


def test_a_use_inside_the_defining_module_does_not_make_a_name_needed() -> None:
    answer = {
        "shop/orders.py": (
            "def total(prices):\n"
            "    return rounded(sum(taxed(p) for p in prices))\n"
            "def taxed(price):\n"
            "    return price * 1.2\n"
            "def rounded(amount):\n"
            "    return round(amount, 2)\n"
        )
    }
    assert _needed(answer) == set()
    # Two public helpers the reference keeps private: one is free, the second costs.
    assert _gold_plated_names(_grade(answer)) == {"taxed", "rounded"}


def test_an_aliased_import_counts_under_the_original_name() -> None:
    answer = _split_answer(
        "from shop.money import with_tax as taxed\n"
        "def total(prices):\n"
        "    return sum(taxed(p) for p in prices)\n"
    )
    assert _needed(answer) == {"with_tax"}


def test_a_method_read_from_another_module_is_needed() -> None:
    answer = {
        "shop/pricing.py": "class Pricer:\n    def price(self, item):\n        return item\n",
        "shop/orders.py": (
            "from shop.pricing import Pricer\n"
            "def total(items):\n"
            "    return sum(Pricer().price(item) for item in items)\n"
        ),
    }
    assert _needed(answer) == {"Pricer", "Pricer.price"}


def test_the_reference_unneeded_helpers_allow_as_many_differently_named_ones() -> None:
    reference = {"shop/orders.py": "def total(prices):\n    return rounded(taxed(sum(prices)))\n"
                 "def taxed(amount):\n    return amount * 1.2\n"
                 "def rounded(amount):\n    return round(amount, 2)\n"}  # fmt: skip
    answer = {"shop/orders.py": "def total(prices):\n    return to_cents(with_vat(sum(prices)))\n"
              "def with_vat(amount):\n    return amount * 1.2\n"
              "def to_cents(amount):\n    return round(amount, 2)\n"}  # fmt: skip
    grade = grade_static(answer, reference, rubric=packaged_rubric(), task=TASK)
    assert _gold_plated_names(grade) == set()
    assert grade.minimality == 1.0


def test_unrequested_methods_on_a_requested_class_are_still_gold_plating() -> None:
    task = ShapeTask(requested=frozenset({"Cart"}))
    reference = {"shop/cart.py": "class Cart:\n    def add(self, item):\n        return item\n"}
    extra = "".join(f"    def extra_{n}(self):\n        return {n}\n" for n in range(3))
    answer = {"shop/cart.py": reference["shop/cart.py"] + extra}
    grade = grade_static(answer, reference, rubric=packaged_rubric(), task=task)
    assert _gold_plated_names(grade) == {"Cart.extra_0", "Cart.extra_1", "Cart.extra_2"}
    assert "Cart.add" not in _gold_plated_names(grade)

"""A second language through the C ABI only: Python's stdlib ctypes loads liboms_c and runs an
order lifecycle. Proof that any FFI (Go, Rust, C#, Java) can drive liboms with nothing but the
shared library and a JSON parser.

    OMS_C_LIBRARY=build/capi/liboms_c.so python3 tests/c/ctypes_test.py
"""
import ctypes
import json
import os
import unittest
from decimal import Decimal


class OmsError(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("name", ctypes.c_char_p),
                ("message", ctypes.c_char_p), ("field", ctypes.c_char_p)]


def load(path):
    lib = ctypes.CDLL(path)
    lib.oms_error_last.restype = ctypes.POINTER(OmsError)
    lib.oms_free.argtypes = [ctypes.c_void_p]
    lib.oms_engine_open.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p, ctypes.c_char_p]
    lib.oms_engine_close.argtypes = [ctypes.c_void_p]
    lib.oms_version.restype = ctypes.c_char_p
    return lib


class Engine:
    """Just enough of a binding: every call passes and returns JSON, errors raise."""

    def __init__(self, lib, path=None, **options):
        self.lib = lib
        self.handle = ctypes.c_void_p()
        self._check(lib.oms_engine_open(ctypes.byref(self.handle), path, json.dumps(options).encode()))

    def close(self):
        self.lib.oms_engine_close(self.handle)
        self.handle = None

    def _check(self, rc):
        if rc != 0:
            e = self.lib.oms_error_last().contents
            raise RuntimeError(rc, e.name.decode(), e.message.decode(), e.field.decode())

    def call(self, name, *args):
        out = ctypes.c_void_p()
        fn = getattr(self.lib, name)
        converted = [json.dumps(a).encode() if isinstance(a, (dict, list)) else
                     a.encode() if isinstance(a, str) else a for a in args]
        self._check(fn(ctypes.byref(out), self.handle, *converted))
        try:
            text = ctypes.string_at(out.value).decode()
        finally:
            self.lib.oms_free(out)
        return json.loads(text, parse_float=Decimal)


def money(amount):
    return {"amount": str(amount), "currency": "CNY"}


class CtypesLifecycleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lib = load(os.environ.get("OMS_C_LIBRARY", "liboms_c.so"))

    def setUp(self):
        self.eng = Engine(self.lib, None, manual_clock="2026-11-23T08:00:00Z")
        self.addCleanup(self.eng.close)
        e = self.eng
        e.call("oms_product_create", {"sku": "TEA", "name": "龙井茶", "list_price": money("0.10")}, "py")
        e.call("oms_warehouse_create", {"code": "W1", "name": "Hangzhou"}, "py")
        e.call("oms_location_create", "W1", {"code": "A1"}, "py")
        e.call("oms_stock_receive", {"warehouse": "W1", "lines": [
            {"sku": "TEA", "location": "A1", "quantity": "100", "unit_cost": "0.04"}]}, "py")
        e.call("oms_customer_create", {"code": "C1", "name": "西湖茶社"}, "py")

    def test_version_is_the_headers(self):
        self.assertEqual(self.lib.oms_version().decode(), "0.1.0")

    def test_order_lifecycle_with_exact_money(self):
        e = self.eng
        intake = e.call("oms_order_create", {"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": "3"}]}, "py")
        number = intake["order"]["number"]
        # 3 x 0.10 is exactly 0.30: no binary floating point anywhere on the way.
        self.assertEqual(Decimal(intake["order"]["totals"]["total"]["amount"]), Decimal("0.30"))
        self.assertEqual(intake["order"]["totals"]["total"]["amount"], "0.30")
        self.assertEqual(e.call("oms_order_submit", number, "py")["order"]["state"], "submitted")
        self.assertEqual(e.call("oms_order_approve", number, "py")["order"]["state"], "confirmed")
        shipment = e.call("oms_shipment_create", {"orders": [number]}, "py")
        self.assertEqual(e.call("oms_shipment_ship", shipment["number"], "py")["state"], "shipped")
        invoice = e.call("oms_invoice_create", {"orders": [number]}, "py")
        self.assertEqual(invoice["total"], money("0.30"))
        payment = e.call("oms_payment_record", {"customer_code": "C1", "amount": "0.30"}, "py")
        self.assertEqual(payment["applications"][0]["invoice_number"], invoice["number"])
        order = e.call("oms_order_get", number)
        self.assertEqual((order["state"], order["payment_progress"]), ("shipped", "full"))
        self.assertEqual(e.call("oms_shipment_deliver", shipment["number"], "py")["state"], "delivered")
        self.assertEqual(e.call("oms_order_complete", number, "py")["state"], "completed")
        self.assertEqual(e.call("oms_customer_get", "C1")["name"], "西湖茶社")
        flow = e.call("oms_document_flow", "order", number)
        self.assertEqual({link["to"]["kind"] for link in flow["downstream"]} >= {"shipment", "invoice", "payment"}, True)

    def test_errors_carry_code_message_and_field(self):
        with self.assertRaises(RuntimeError) as ctx:
            self.eng.call("oms_order_create", {"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 0.1}]}, "py")
        rc, name, message, field = ctx.exception.args
        self.assertEqual((rc, name, field), (1, "invalid_argument", "lines[0].quantity"))
        self.assertIn("'0.1'", message)
        with self.assertRaises(RuntimeError) as ctx:
            self.eng.call("oms_order_get", "SO-NOPE")
        self.assertEqual(ctx.exception.args[:2], (2, "not_found"))

    def test_subscriber_callback_hears_committed_events(self):
        seen = []
        callback_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_void_p)
        callback = callback_type(lambda event, _payload: seen.append(json.loads(event)["type"]))
        sub = ctypes.c_uint64()
        self.assertEqual(self.lib.oms_event_subscribe(ctypes.byref(sub), self.eng.handle, callback, None), 0)
        self.eng.call("oms_customer_create", {"code": "C2", "name": "Two"}, "py")
        self.assertEqual(self.lib.oms_event_unsubscribe(self.eng.handle, sub), 0)
        self.eng.call("oms_customer_create", {"code": "C3", "name": "Three"}, "py")
        self.assertEqual(seen, ["customer.created"])


if __name__ == "__main__":
    unittest.main()

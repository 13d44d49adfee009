"""A second language through the C ABI only: Python's stdlib ctypes loads liboms_c and runs an
order lifecycle. Proof that any FFI (Go, Rust, C#, Java) can drive liboms with nothing but the
shared library and a JSON parser.

    OMS_C_LIBRARY=build/capi/liboms_c.so python3 tests/c/ctypes_test.py
"""
import ctypes
import json
import os
import re
import unittest
from decimal import Decimal

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "capi", "include", "oms", "c.h")


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
        self.assertLessEqual({"shipment", "invoice", "payment"}, {link["to"]["kind"] for link in flow["downstream"]})

    def test_errors_carry_code_message_and_field(self):
        with self.assertRaises(RuntimeError) as ctx:
            self.eng.call("oms_order_create", {"customer_code": "C1", "lines": [{"sku": "TEA", "quantity": 0.1}]}, "py")
        rc, name, message, field = ctx.exception.args
        self.assertEqual((rc, name, field), (1, "invalid_argument", "lines[0].quantity"))
        self.assertIn("'0.1'", message)
        with self.assertRaises(RuntimeError) as ctx:
            self.eng.call("oms_order_get", "SO-NOPE")
        self.assertEqual(ctx.exception.args[:2], (2, "not_found"))
        # A long value is shortened in the message at a character boundary: still valid UTF-8.
        with self.assertRaises(RuntimeError) as ctx:
            self.eng.call("oms_customer_create", {"code": "C9", "name": "n", "nmae": "龙井茶" * 30}, "py")
        self.assertIn("nmae '龙井茶", ctx.exception.args[2])
        self.assertIn("...", ctx.exception.args[2])

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

    def test_batch_work_in_a_second_language_commits_all_or_nothing(self):
        work_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)

        def make_work(skus):
            def work(_engine, _payload):
                try:
                    for sku in skus:
                        self.eng.call("oms_order_create", {"customer_code": "C1",
                                                           "lines": [{"sku": sku, "quantity": "1"}]}, "py")
                except RuntimeError as error:
                    return error.args[0]
                return 0
            return work_type(work)

        self.assertEqual(self.lib.oms_engine_batch(self.eng.handle, make_work(["TEA", "NOPE"]), None), 2)
        self.assertIn("NOPE", self.lib.oms_error_last().contents.message.decode())
        self.assertEqual(self.eng.call("oms_order_list", None), [])
        self.assertEqual(self.lib.oms_engine_batch(self.eng.handle, make_work(["TEA", "TEA"]), None), 0)
        self.assertEqual(len(self.eng.call("oms_order_list", None)), 2)


def declarations():
    """(name, [parameter declarations]) of every function in oms/c.h."""
    with open(HEADER, encoding="utf-8") as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    found = re.findall(r"OMS_C_API\s+[^;(]*?\b(oms_\w+)\(([^)]*)\);", text, flags=re.S)
    return [(name, [p.strip() for p in params.split(",")] if params.strip() != "void" else [])
            for name, params in found]


class NullArgumentsTest(unittest.TestCase):
    """Every function of the header, called with NULL for each pointer argument in turn: a status,
    never a crash. A NULL engine is refused naming "engine". New functions are covered as they
    are declared."""

    NOT_CALLED = {"oms_engine_close", "oms_free", "oms_error_last", "oms_error_clear"}

    @classmethod
    def setUpClass(cls):
        cls.lib = load(os.environ.get("OMS_C_LIBRARY", "liboms_c.so"))
        cls.functions = [d for d in declarations() if d[0] not in cls.NOT_CALLED]

    def arguments(self, params, engine, null_index):
        args = []
        for i, p in enumerate(params):
            if i == null_index:
                args.append(None)
            elif p.startswith("oms_engine **"):
                opened = ctypes.c_void_p()
                self.addCleanup(self.lib.oms_engine_close, opened)
                args.append(ctypes.byref(opened))
            elif p == "const char *path":  # never a file: the test must not litter
                args.append(b":memory:")
            elif p.startswith("char **"):
                args.append(ctypes.byref(ctypes.c_void_p()))
            elif p.startswith(("size_t *", "int64_t *", "uint64_t *", "int *")):
                args.append(ctypes.byref(ctypes.c_uint64()))
            elif p.startswith("oms_engine *"):
                args.append(engine)
            elif p.startswith("const char *"):
                args.append(b"x")
            elif p.startswith(("int64_t", "uint64_t", "size_t")):
                args.append(ctypes.c_uint64(0))
            elif p.startswith("int "):
                args.append(ctypes.c_int(0))
            elif p.startswith(("oms_event_callback", "oms_batch_work", "void *")):
                args.append(None)
            else:
                self.fail(f"no test argument for parameter '{p}'")
        return args

    def test_the_header_declares_the_whole_abi(self):
        self.assertGreater(len(self.functions), 95)

    def test_null_pointer_arguments_return_a_status_never_crash(self):
        engine = Engine(self.lib, None)
        self.addCleanup(engine.close)
        for name, params in self.functions:
            fn = getattr(self.lib, name)
            fn.restype = ctypes.c_int if not name.startswith(("oms_version", "oms_status_name")) else ctypes.c_void_p
            pointers = [i for i, p in enumerate(params) if "*" in p and not p.startswith("void *")]
            for null_index in [None] + pointers:
                with self.subTest(function=name, null=params[null_index] if null_index is not None else None):
                    rc = fn(*self.arguments(params, engine.handle, null_index))
                    if fn.restype is ctypes.c_int:
                        self.assertIn(rc, range(0, 11))
                    if null_index is not None and params[null_index] == "oms_engine *engine":
                        self.assertEqual(rc, 1)
                        self.assertEqual(self.lib.oms_error_last().contents.field, b"engine")


if __name__ == "__main__":
    unittest.main()

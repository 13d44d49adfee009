#!/usr/bin/env bash
# The `oms` tool end to end: init, import (with bad rows: exit 3), the lifecycle, reports to the
# terminal, CSV and xlsx, the document flow, errors with exit codes, and --help everywhere.
set -uo pipefail
OMS="$1"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export OMS_DB="$WORK/book.db"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect CODE DESCRIPTION -- command...: runs it, checks the exit code, keeps the output in $out.
expect() {
  local code="$1" what="$2"; shift 3
  out="$("$@" 2>&1)"; local got=$?
  [ "$got" -eq "$code" ] || fail "$what: exit $got, wanted $code; output: $out"
}
contains() { grep -qF -- "$2" <<<"$out" || fail "$1: output lacks '$2': $out"; }

expect 2 "no subcommand is a usage error" -- "$OMS"
expect 1 "a missing book is not created by accident" -- "$OMS" orders
contains "missing book" "not_found"
expect 0 "init" -- "$OMS" init
contains "init" "created the order book"
expect 1 "the demo never replaces a book by accident" -- "$OMS" demo
contains "demo refuses" "pass --replace"

cat > products.csv <<'CSV'
sku,name,unit,list_price,standard_cost,category
LJ,龙井 250g,pcs,88.00,40.00,Tea
PU,普洱 357g,pcs,120.50,60,Tea
CSV
cat > customers.csv <<'CSV'
code,name,grade,payment_terms_days
C1,西湖茶社,vip,30
CSV
cat > receipts.csv <<'CSV'
number,warehouse,sku,quantity,unit_cost
RC-1,MAIN,LJ,100,40.00
RC-1,MAIN,PU,50,60.00
CSV
cat > orders.csv <<'CSV'
external_id,customer_code,sku,quantity
W-1,C1,LJ,3
W-1,C1,PU,1
W-2,C1,NOPE,1
W-3,C1,LJ,x
CSV
"$OMS" --help >/dev/null || fail "--help"
for cmd in init warehouse import orders show flow submit approve hold resume cancel short-close complete allocate regrade ship deliver invoice pay return report demo; do
  "$OMS" "$cmd" --help >/dev/null || fail "$cmd --help"
done

expect 0 "import products" -- "$OMS" import products products.csv
contains "import products" "2 created"
expect 0 "import customers" -- "$OMS" import customers customers.csv
expect 3 "receipts need a warehouse" -- "$OMS" import receipts receipts.csv
contains "unknown warehouse" "row 2, column warehouse, value 'MAIN': warehouse 'MAIN' not found"
expect 0 "add a warehouse" -- "$OMS" warehouse MAIN "总仓" --region east --location A-01
expect 0 "receipts" -- "$OMS" import receipts receipts.csv
contains "receipts" "1 records: 1 created"
expect 3 "bad order rows: nothing imported" -- "$OMS" import orders orders.csv
contains "bad rows" "row 5, column quantity, value 'x'"
contains "bad rows" "nothing imported"
expect 3 "good rows" -- "$OMS" import orders orders.csv --good-rows
contains "good rows" "row 4, column sku, value 'NOPE'"
contains "good rows" "1 created"
expect 3 "re-import creates nothing" -- "$OMS" import orders orders.csv --good-rows
contains "re-import" "0 created, 1 already there, 2 rejected"
expect 2 "unknown import kind" -- "$OMS" import invoices orders.csv
contains "unknown import kind" "is not one of products|customers|receipts|orders"

order="$("$OMS" orders | awk 'NR==3 {print $1}')"
[ -n "$order" ] || fail "orders lists the imported order"
expect 0 "submit" -- "$OMS" submit "$order"
expect 0 "approve" -- "$OMS" approve "$order"
expect 0 "show" -- "$OMS" show "$order"
contains "show" "confirmed"
contains "show" "LJ"
expect 1 "hold needs a reason" -- "$OMS" hold "$order" --reason ""
expect 2 "hold without --reason" -- "$OMS" hold "$order"
expect 1 "an unknown order is not found" -- "$OMS" show SO-NOPE
contains "unknown order" "SO-NOPE"
expect 1 "a bad amount names the field" -- "$OMS" pay C1 12,50
contains "bad amount" "amount"
expect 0 "sales report" -- "$OMS" report sales --by product
contains "sales report" "LJ"
expect 0 "report to csv" -- "$OMS" report margin --by customer --csv margin.csv
head -1 margin.csv | grep -q "key,name,currency" || fail "csv header"
expect 0 "report to xlsx" -- "$OMS" report outstanding --xlsx out.xlsx
[ -s out.xlsx ] || fail "xlsx written"
expect 2 "unknown report" -- "$OMS" report profit
expect 2 "bad date" -- "$OMS" report sales --from 2026-13-01
contains "bad date" "is not a date"
expect 0 "ship" -- "$OMS" ship "$order"
shipment="$(awk '{print $2}' <<<"$out")"
expect 0 "invoice" -- "$OMS" invoice "$order"
contains "invoice" "384.50 CNY"
expect 0 "pay" -- "$OMS" pay C1 384.50
contains "pay" "unapplied 0.00 CNY"
expect 0 "deliver" -- "$OMS" deliver "$shipment"
expect 0 "return" -- "$OMS" return "$shipment" 1 1 --reason "broken"
contains "return" "credit note"
expect 0 "flow" -- "$OMS" flow "$order"
contains "flow" "-ships->  shipment $shipment"
contains "flow" "-pays->"
expect 0 "shipped report" -- "$OMS" report shipped --by product
contains "shipped report" "LJ"
expect 0 "stock" -- "$OMS" report stock
contains "stock" "PU"
expect 0 "statement" -- "$OMS" report statement --customer C1
expect 0 "ageing" -- "$OMS" report ageing
expect 0 "inventory" -- "$OMS" report inventory
contains "inventory" "LJ"
expect 0 "inventory workbook" -- "$OMS" report inventory --xlsx inventory.xlsx
contains "inventory workbook" "wrote 4 sheets"
expect 0 "expiring lots" -- "$OMS" report expiring --days 10
expect 0 "daily" -- "$OMS" report daily
contains "daily" "LJ"
expect 0 "customer value" -- "$OMS" report customers
contains "customer value" "C1"
expect 0 "regrade" -- "$OMS" regrade
contains "regrade" "customers changed grade"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all CLI checks passed"

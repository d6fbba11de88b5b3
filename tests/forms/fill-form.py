#!/usr/bin/env python3
"""Fills a Samordna status form as an agency would, with openpyxl: a
writer independent of Samordna's own.

    fill-form.py IN.xlsx OUT.xlsx [SHEET!]CELL=VALUE ...
    fill-form.py --new OUT.xlsx          (a workbook that is no form)

VALUE is typed by a prefix: s:TEXT, n:NUMBER, pct:NUMBER (a number shown
as percent), f:=FORMULA (no cached result, as openpyxl writes them),
none: (the cell emptied),
or "drop-sheet" with CELL a sheet name to remove that sheet.
The sheet defaults to Status."""
import sys

import openpyxl


def put(wb, target, value):
    sheet, _, cell = target.rpartition("!")
    ws = wb[sheet or "Status"]
    kind, _, text = value.partition(":")
    if kind == "s":
        ws[cell] = text
        ws[cell].data_type = "s"
    elif kind == "n":
        ws[cell] = float(text) if "." in text else int(text)
    elif kind == "pct":
        ws[cell] = float(text)
        ws[cell].number_format = "0%"
    elif kind == "f":
        ws[cell] = text
    elif kind == "none":
        ws[cell] = None
    else:
        raise SystemExit("bad value: " + value)


def main(argv):
    if argv[1] == "--new":
        wb = openpyxl.Workbook()
        wb.active["A1"] = "Status"
        wb.save(argv[2])
        return 0
    wb = openpyxl.load_workbook(argv[1])
    for arg in argv[3:]:
        target, _, value = arg.partition("=")
        if value == "drop-sheet":
            del wb[target]
        else:
            put(wb, target, value)
    wb.save(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

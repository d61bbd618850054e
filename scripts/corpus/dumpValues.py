"""Every cell value of every worksheet of the workbooks named, as openpyxl reads them
(data_only: a formula's stored result), one JSON file per workbook in OUT_DIR, for
scripts/corpus/sweep.ts to compare with the add-in's reader. A workbook openpyxl cannot read
gets {"error": "..."} instead.

    python3 scripts/corpus/dumpValues.py OUT_DIR FILE...
"""

import datetime
import hashlib
import json
import math
import os
import sys
import warnings

import openpyxl

warnings.simplefilter("ignore")


def plain(value):
    """A cell value as JSON: dates as {"date": ISO}, non-finite numbers as text, times as seconds."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, datetime.datetime):
        return {"date": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": datetime.datetime(value.year, value.month, value.day).isoformat()}
    if isinstance(value, datetime.time):
        return {"time": value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6}
    if isinstance(value, datetime.timedelta):
        return {"duration": value.total_seconds()}
    return str(value)


def dump(path):
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        cells = {}
        # The rows the sheet holds, not its declared dimension: a file may declare A1:XFD1048576.
        sheet.reset_dimensions()
        for row in sheet.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) is None:
                    continue
                cells[cell.coordinate] = plain(cell.value)
        sheets[sheet.title] = cells
    book.close()
    return {"sheets": sheets}


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for path in sys.argv[2:]:
        name = hashlib.sha1(os.path.abspath(path).encode()).hexdigest() + ".json"
        target = os.path.join(out_dir, name)
        if os.path.exists(target):
            continue
        try:
            result = dump(path)
        except Exception as error:  # noqa: BLE001 - any failure is recorded, not raised
            result = {"error": f"{type(error).__name__}: {error}"}
        with open(target, "w", encoding="utf-8") as out:
            json.dump(result, out)


if __name__ == "__main__":
    main()

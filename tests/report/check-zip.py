#!/usr/bin/python3
"""The workbook's parts compressed on every core (src/report/sam-zip.c).

Usage: check-zip.py SAM-ZIP-FIXTURE

Has the fixture write a workbook three times: as it is, where the parts
are deflated in blocks on all cores; leaving a core to other work, as
while a report's integrity check runs; and on one core (taskset), where
libxlsxwriter's minizip deflates them itself. All must be whole zip
files (every part's CRC and size right), hold every text in order, and
be within 1 % of each other's size; the first two must show the blocks'
sync flushes, the last none."""

import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile

BLOCK = 128 * 1024
SHEET = 'xl/worksheets/sheet1.xml'
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message)


def raw_part(path, name):
    """The compressed bytes of part @name of zip file @path."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    with open(path, 'rb') as f:
        f.seek(info.header_offset)
        header = f.read(30)
        name_length, extra_length = struct.unpack('<HH', header[26:30])
        f.seek(info.header_offset + 30 + name_length + extra_length)
        return f.read(info.compress_size)


def write(fixture, folder, label, prefix, suffix):
    path = os.path.join(folder, label + '.xlsx')
    texts = os.path.join(folder, label + '.txt')
    done = subprocess.run(prefix + [fixture, path, texts] + suffix, capture_output=True, text=True)
    check(done.returncode == 0, f'{label}: the fixture failed: {done.stderr}')
    return path, texts


def main():
    fixture = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        sizes = {}
        for label, prefix, suffix in (('all-cores', [], []), ('core-left', [], ['--leave-core']),
                                      ('one-core', ['taskset', '-c', '0'], [])):
            path, texts = write(fixture, folder, label, prefix, suffix)
            if failures:
                break
            with zipfile.ZipFile(path) as z:
                check(z.testzip() is None, f'{label}: a part has a wrong CRC')
                sheet = z.read(SHEET).decode('utf-8')
                sizes[label] = sum(i.compress_size for i in z.infolist())
            with open(texts, encoding='utf-8') as f:
                expected = f.read().splitlines()
            found = re.findall(r'<t>([^<]*)</t>', sheet)
            check(found == expected, f'{label}: the sheet holds {len(found)} texts, not the {len(expected)} written')
            flushes = raw_part(path, SHEET).count(b'\x00\x00\xff\xff')
            blocks = len(sheet.encode('utf-8')) // BLOCK
            if label != 'one-core':
                check(blocks >= 8, f'the sheet is too small to need blocks ({blocks})')
                check(flushes >= blocks, f'{label}: {flushes} sync flushes for {blocks} full blocks')
            else:
                check(flushes == 0, f'{label}: {flushes} sync flushes where minizip deflated alone')
        for label in ('all-cores', 'core-left'):
            if label in sizes and 'one-core' in sizes:
                ratio = sizes[label] / sizes['one-core']
                check(0.99 < ratio < 1.01, f'{label}: the parts in blocks come to {ratio:.3f} times the size minizip makes')
    if failures:
        sys.exit(1)
    print('ok: the workbook deflated in blocks on every core, and whole on one')


main()

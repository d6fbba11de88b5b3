#!/usr/bin/env python3
"""Writes files that are not usable status forms, for the import tests.

    make-bad-file.py encrypted OUT    an OLE2 compound file holding an
                                      EncryptedPackage stream, as Office
                                      writes a password-protected workbook
    make-bad-file.py zip OUT          a zip file that is no workbook
    make-bad-file.py bomb OUT         an .xlsx whose sheet unpacks to 250 MB
    make-bad-file.py cut IN OUT       the first half of IN
"""
import struct
import sys
import zipfile

ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def dir_entry(name, kind, child, start, size):
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    entry = encoded.ljust(64, b"\0")
    entry += struct.pack("<HBB", len(encoded), kind, 1 if kind else 0)
    entry += struct.pack("<III", NOSTREAM, NOSTREAM, child)
    entry += b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16
    entry += struct.pack("<IQ", start, size)
    return entry


def encrypted(out):
    payload = bytes((i * 7) & 0xFF for i in range(4096))   # 8 sectors, past the mini-stream cutoff
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108
    fat = [FATSECT, ENDOFCHAIN] + list(range(3, 10)) + [ENDOFCHAIN]
    fat += [FREESECT] * (128 - len(fat))
    directory = dir_entry("Root Entry", 5, 1, ENDOFCHAIN, 0)
    directory += dir_entry("EncryptedPackage", 2, NOSTREAM, 2, len(payload))
    directory += dir_entry("", 0, NOSTREAM, 0, 0) * 2
    with open(out, "wb") as f:
        f.write(header + struct.pack("<128I", *fat) + directory + payload)


def plain_zip(out):
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "not a workbook")


def bomb(out):
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="Status" sheetId="1" r:id="rId1"/></sheets></workbook>')
    sheet_rels = rels.replace("officeDocument\" Target=\"xl/workbook.xml", "worksheet\" Target=\"worksheets/sheet1.xml")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", sheet_rels)
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * (250 * 1000 * 1000) + "</worksheet>")


def cut(source, out):
    with open(source, "rb") as f:
        data = f.read()
    with open(out, "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "encrypted":
        encrypted(sys.argv[2])
    elif kind == "zip":
        plain_zip(sys.argv[2])
    elif kind == "bomb":
        bomb(sys.argv[2])
    elif kind == "cut":
        cut(sys.argv[2], sys.argv[3])
    else:
        sys.exit("unknown kind " + kind)

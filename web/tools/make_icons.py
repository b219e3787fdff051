#!/usr/bin/env python3
"""Draws the app's icons (icons/icon-192.png, icons/icon-512.png) with the standard library only.

A person on the theme colour, full bleed, with the figure inside the central 80% circle so the same files serve as
"maskable" icons. Run from anywhere: python3 web/tools/make_icons.py
"""
import math
import os
import struct
import zlib

BACKGROUND = (0x1F, 0x5F, 0x8B)  # the manifest's theme_color
FOREGROUND = (0xFF, 0xFF, 0xFF)
SIZES = (192, 512)
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "icons")


def signed_distance(x, y):
    """Distance to the figure in units of the icon's size (negative inside): a head and a pair of shoulders."""
    head = math.hypot(x - 0.5, y - 0.37) - 0.13
    shoulders = max(math.hypot(x - 0.5, y - 0.80) - 0.25, y - 0.72)
    return min(head, shoulders)


def pixels(size):
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # filter type: none
        for px in range(size):
            d = signed_distance((px + 0.5) / size, (py + 0.5) / size) * size
            cover = min(1.0, max(0.0, 0.5 - d))  # one pixel of anti-aliasing along the edge
            rows.extend(round(b + (f - b) * cover) for b, f in zip(BACKGROUND, FOREGROUND))
    return bytes(rows)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(size):
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(pixels(size), 9)) + chunk(b"IEND", b""))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for size in SIZES:
        path = os.path.normpath(os.path.join(OUT_DIR, "icon-%d.png" % size))
        with open(path, "wb") as out:
            out.write(png(size))
        print(path)


if __name__ == "__main__":
    main()

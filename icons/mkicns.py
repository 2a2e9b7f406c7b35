#!/usr/bin/env python3
"""Build an Apple .icns file from PNGs, with no tool beyond Python 3.

Usage: mkicns.py OUT.icns PNG...

Each PNG goes in whole (PNG payload, as Apple's iconutil writes it) under
every icns type whose pixel size matches its width:

    ic07 128   ic08 256   ic09 512   ic10 1024 (512@2x)
    ic11 32 (16@2x)   ic12 64 (32@2x)   ic13 256 (128@2x)   ic14 512 (256@2x)

These are the PNG types macOS has read since 10.7; 16 and 32 px at 1x are
drawn by macOS from ic11 and ic12. (The older icp4/icp5/icp6 types are left
out on purpose: not every macOS version reads PNG in them.)

File layout: b'icns' + total length (4 bytes, big-endian), then entries of
4-char type + entry length (4 bytes BE, including the 8-byte header) + data.
"""
import struct
import sys

TYPES = [
    (b"ic11", 32), (b"ic12", 64), (b"ic07", 128), (b"ic13", 256),
    (b"ic08", 256), (b"ic14", 512), (b"ic09", 512), (b"ic10", 1024),
]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data, name):
    if data[:8] != PNG_MAGIC or data[12:16] != b"IHDR":
        sys.exit(f"mkicns: {name} is not a PNG")
    return struct.unpack(">II", data[16:24])


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    out, pngs = argv[1], argv[2:]
    by_size = {}
    for name in pngs:
        with open(name, "rb") as f:
            data = f.read()
        w, h = png_size(data, name)
        if w != h:
            sys.exit(f"mkicns: {name} is {w}x{h}, not square")
        by_size[w] = data
    body = b""
    for code, size in TYPES:
        if size in by_size:
            data = by_size[size]
            body += code + struct.pack(">I", 8 + len(data)) + data
    if not body:
        sys.exit("mkicns: none of the PNGs has an icns size (32, 64, 128, 256, 512, 1024)")
    with open(out, "wb") as f:
        f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)


if __name__ == "__main__":
    main(sys.argv)

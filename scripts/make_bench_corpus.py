#!/usr/bin/env python3
"""Makes the benchmark corpus for scripts/bench.sh from the files in sample_data/.

Small files: copies of the sample files (header and pixel data, 0.7 to 39 KB each) whose
UIDs are changed so that every file is another instance: SOP Instance UID (0008,0018) and
(0002,0003), Study (0020,000D) and Series (0020,000E) Instance UID. A new UID has the SAME
length as the one it replaces, so no length field changes and the files stay valid; it keeps
the original's dots and writes the file's number in base 9 (digits 1-9, so no component gets
a leading zero) into the last digit positions. Only the first occurrence of each tag is
changed (the top-level one in these files; references inside sequences are left alone).
The deflated sample's data set is inflated, patched and deflated again.

Files are laid out like an Orthanc storage area: names without extension that look like
hashes, about 1,000 files per folder, folders `SMALL/<aa>/<bb>/` with 20 folders under each
`<aa>` (so `SMALL/00` is a natural 20,000-file subset for slow peers).

Large files: a real header (rtdose: 15 frames, implicit VR; CT_small: explicit VR, 179
private tags; CT_small with a 40 KB private element before the pixel data, so the header is
longer than 16 KiB) whose Rows/Columns are changed to make native pixel data of about 4 MB.
By default the pixel data is a hole (the file is sparse: written up to the pixel data
element, then extended with ftruncate); `--dense` writes it.

Only the standard library is used. Written with os.open/os.write, two processes.

    make_bench_corpus.py small ROOT --count N [--start K] [--exclude SAMPLE]... [--stamp F]
    make_bench_corpus.py large ROOT --count M [--dense] [--stamp F]
"""

import argparse
import hashlib
import json
import os
import struct
import sys
import time
import zlib
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
FILES_PER_DIR = 1000
DIRS_PER_GROUP = 20

# The UID tags varied, and which counter each takes its new value from.
INSTANCE, SERIES, STUDY = 0, 1, 2
UID_TAGS = [
    ((0x0002, 0x0003), INSTANCE),
    ((0x0008, 0x0018), INSTANCE),
    ((0x0020, 0x000D), STUDY),
    ((0x0020, 0x000E), SERIES),
]
UID_CHARS = set(b"0123456789.")
DEFLATED_TS = b"1.2.840.10008.1.2.1.99"
BIG_ENDIAN_TS = b"1.2.840.10008.1.2.2"


# ---------------------------------------------------------------------------------------
# Finding elements in raw bytes (no parser: the sample files are known and each match is
# checked: VR, length, value characters).


def find_uid(buf, tag, big_endian, start=0):
    """(offset, length) of the first value of `tag` that looks like a UI element, or None."""
    g, e = tag
    pattern = struct.pack(">HH" if big_endian else "<HH", g, e)
    pos = buf.find(pattern, start)
    while pos >= 0:
        hit = _uid_value_at(buf, pos + 4, big_endian)
        if hit:
            return hit
        pos = buf.find(pattern, pos + 1)
    return None


def _uid_value_at(buf, p, big_endian):
    candidates = []
    if buf[p : p + 2] == b"UI":  # explicit VR: VR, 2-byte length
        (n,) = struct.unpack(">H" if big_endian else "<H", buf[p + 2 : p + 4])
        candidates.append((p + 4, n))
    if len(buf) >= p + 4:  # implicit VR: 4-byte length
        (n,) = struct.unpack("<I", buf[p : p + 4])
        candidates.append((p + 4, n))
    for off, n in candidates:
        if n == 0 or n > 64 or n % 2 or off + n > len(buf):
            continue
        value = buf[off : off + n].rstrip(b"\0")
        if value and set(value) <= UID_CHARS and value[0:1] != b".":
            return off, len(value)
    return None


def meta_end(buf):
    """Offset where the file meta group ends (after 'DICM' and group 0002), or 0."""
    if buf[128:132] != b"DICM":
        return 0
    p = 132
    # (0002,0000) UL 4 <group length>
    if buf[p : p + 4] != b"\x02\x00\x00\x00" or buf[p + 4 : p + 6] != b"UL":
        return 0
    (glen,) = struct.unpack("<I", buf[p + 8 : p + 12])
    return p + 12 + glen


def transfer_syntax(buf, end):
    hit = find_uid(buf[:end], (0x0002, 0x0010), False)
    if not hit:
        return b""
    off, n = hit
    return bytes(buf[off : off + n])


def find_us(buf, tag, big_endian=False):
    """Offset of the 2-byte value of a US element `tag` (explicit or implicit VR)."""
    g, e = tag
    pattern = struct.pack("<HH", g, e)
    pos = buf.find(pattern)
    while pos >= 0:
        p = pos + 4
        if buf[p : p + 4] == b"US\x02\x00":
            return p + 4
        if buf[p : p + 4] == b"\x02\x00\x00\x00":
            return p + 4
        pos = buf.find(pattern, pos + 1)
    raise ValueError(f"no US element {g:04X},{e:04X}")


def find_pixel_data(buf):
    """(element offset, header length, explicit) of the top-level (7FE0,0010) element."""
    pos = buf.find(b"\xe0\x7f\x10\x00")
    while pos >= 0:
        vr = buf[pos + 4 : pos + 6]
        if vr in (b"OW", b"OB"):
            (n,) = struct.unpack("<I", buf[pos + 8 : pos + 12])
            if pos + 12 + n <= len(buf):
                return pos, 12, True
        (n,) = struct.unpack("<I", buf[pos + 4 : pos + 8])
        if pos + 8 + n <= len(buf):
            return pos, 8, False
        pos = buf.find(b"\xe0\x7f\x10\x00", pos + 1)
    raise ValueError("no pixel data element")


# ---------------------------------------------------------------------------------------
# Templates: a sample file with the places of its UIDs.


class Template:
    def __init__(self, name, data):
        self.name = name
        end = meta_end(data)
        ts = transfer_syntax(data, end) if end else b""
        self.deflated = ts == DEFLATED_TS
        big_endian = ts == BIG_ENDIAN_TS
        self.tail = b""
        if self.deflated:
            inflate = zlib.decompressobj(-15)
            body = inflate.decompress(data[end:]) + inflate.flush()
            self.tail = inflate.unused_data  # bytes after the deflate stream, kept
            self.meta, self.body = bytearray(data[:end]), bytearray(body)
        else:
            self.meta, self.body = bytearray(), bytearray(data)
        # (part, offset, length, counter kind)
        self.slots = []
        for tag, kind in UID_TAGS:
            if tag[0] == 0x0002:
                if end and self.meta:
                    hit = find_uid(self.meta, tag, False)
                    if hit:
                        self.slots.append(("meta", hit[0], hit[1], kind))
                elif end:
                    hit = find_uid(self.body[:end], tag, False)
                    if hit:
                        self.slots.append(("body", hit[0], hit[1], kind))
                continue
            start = 0 if self.deflated else end
            hit = find_uid(self.body, tag, big_endian and not self.deflated, start)
            if hit:
                self.slots.append(("body", hit[0], hit[1], kind))
        self.original = {
            (part, off): bytes((self.meta if part == "meta" else self.body)[off : off + n])
            for part, off, n, _ in self.slots
        }

    def instance(self, number, template_index, template_count):
        """The bytes of file `number` made from this template."""
        meta, body = bytearray(self.meta), bytearray(self.body)
        counters = {
            INSTANCE: number,
            SERIES: number // 20,
            STUDY: number // 100,
        }
        for part, off, n, kind in self.slots:
            code = (counters[kind] * template_count + template_index) * 4 + kind
            new = new_uid(self.original[(part, off)], code)
            target = meta if part == "meta" else body
            target[off : off + n] = new
        if self.deflated:
            deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
            return bytes(meta) + deflate.compress(bytes(body)) + deflate.flush() + self.tail
        return bytes(body)


def new_uid(original, code):
    """A UID of the same length as `original`: its dots kept, `code` written in base 9
    (digits 1-9) into the last digit positions."""
    out = bytearray(original)
    digits = []
    while code:
        code, r = divmod(code, 9)
        digits.append(ord("1") + r)
    positions = [i for i, c in enumerate(out) if c != ord(".")]
    # Keep the root (the first half of the digit positions) so the UID still looks like it
    # came from the same organisation; need enough positions for the code.
    room = max(len(digits), len(positions) // 2)
    room = min(room, len(positions))
    if len(digits) > room:
        raise ValueError(f"UID {original!r} too short for code")
    for k, i in enumerate(reversed(positions[-room:])):
        out[i] = digits[k] if k < len(digits) else ord("1")
    return bytes(out)


def load_templates(exclude=()):
    names = sorted(
        p.name
        for p in SAMPLES.iterdir()
        if p.is_file() and p.suffix not in (".md", ".csv") and p.name not in exclude
    )
    return [Template(n, (SAMPLES / n).read_bytes()) for n in names]


# ---------------------------------------------------------------------------------------
# Layout


def file_name(prefix, number):
    """An Orthanc-like name: a UUID-shaped hex digest, no extension."""
    h = hashlib.md5(f"{prefix}-{number}".encode()).hexdigest()
    return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def dir_of(folder_number):
    return f"{folder_number // DIRS_PER_GROUP:02x}/{folder_number % DIRS_PER_GROUP:02x}"


def write_file(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


_TEMPLATES = None


def _small_folder(args):
    root, folder, first, last, exclude = args
    global _TEMPLATES
    if _TEMPLATES is None:
        _TEMPLATES = load_templates(exclude)
    d = os.path.join(root, dir_of(folder))
    os.makedirs(d, exist_ok=True)
    count = len(_TEMPLATES)
    per_template = [0] * count
    size = 0
    for number in range(first, last):
        t = number % count
        data = _TEMPLATES[t].instance(number, t, count)
        write_file(os.path.join(d, file_name("s", number)), data)
        per_template[t] += 1
        size += len(data)
    return per_template, size


def make_small(root, start, count, exclude, processes):
    """Files numbered start .. start+count-1 under `root` (folders numbered from the
    first file's folder, so a second call continues the numbering in another root)."""
    jobs = []
    number = start
    end = start + count
    first_folder = start // FILES_PER_DIR
    while number < end:
        folder = number // FILES_PER_DIR
        last = min(end, (folder + 1) * FILES_PER_DIR)
        jobs.append((str(root), folder - first_folder, number, last, tuple(exclude)))
        number = last
    templates = load_templates(exclude)
    per_template = [0] * len(templates)
    size = 0
    with Pool(processes) as pool:
        for pt, s in pool.imap_unordered(_small_folder, jobs):
            per_template = [a + b for a, b in zip(per_template, pt)]
            size += s
    return {
        "files": count,
        "first_number": start,
        "bytes": size,
        "folders": len(jobs),
        "per_template": {t.name: n for t, n in zip(templates, per_template)},
    }


# ---------------------------------------------------------------------------------------
# Large files


class LargeTemplate:
    """A header made into a ~4 MB native image: Rows/Columns changed, the pixel data
    element's length set, optionally a private element that makes the header long."""

    def __init__(self, name, source, rows, columns, bytes_per_pixel, frames, pad=0):
        self.name = name
        data = bytearray((SAMPLES / source).read_bytes())
        px, px_hdr, explicit = find_pixel_data(data)
        header = data[:px]
        struct.pack_into("<H", header, find_us(header, (0x0028, 0x0010)), rows)
        struct.pack_into("<H", header, find_us(header, (0x0028, 0x0011)), columns)
        if pad:
            # Private block (7FD1,00xx): sorts just before (7FE0,0010), so the data set
            # stays in tag order. A creator (LO) then an OB value of `pad` bytes.
            creator = b"BENCH LONG HEADER "  # even length
            if explicit:
                header += struct.pack("<HH2sH", 0x7FD1, 0x0010, b"LO", len(creator))
                header += creator
                header += struct.pack("<HH2sHI", 0x7FD1, 0x1000, b"OB", 0, pad)
            else:
                header += struct.pack("<HHI", 0x7FD1, 0x0010, len(creator)) + creator
                header += struct.pack("<HHI", 0x7FD1, 0x1000, pad)
            header += bytes((i * 7 + 1) % 251 for i in range(pad))
        self.pixel_len = rows * columns * bytes_per_pixel * frames
        if explicit:
            header += struct.pack("<HH2sHI", 0x7FE0, 0x0010, bytes(data[px + 4 : px + 6]), 0, self.pixel_len)
        else:
            header += struct.pack("<HHI", 0x7FE0, 0x0010, self.pixel_len)
        self.header_len = len(header)
        self.template = Template(name, bytes(header))
        self.file_len = self.header_len + self.pixel_len


LARGE_TEMPLATES = [
    # rtdose: implicit VR LE, 15 frames of 32-bit dose.
    ("rtdose-15frames", "rtdose", 256, 256, 4, 15, 0),
    # CT_small: explicit VR LE, 179 private tags, one 2048 x 1024 16-bit frame.
    ("ct-1frame", "CT_small.dcm", 1024, 2048, 2, 1, 0),
    # The same with a 40,000-byte private element: a header longer than 16 KiB.
    ("ct-long-header", "CT_small.dcm", 1024, 2048, 2, 1, 40000),
]


def _large_folder(args):
    root, kind, folder, first, last, dense = args
    index = [x[0] for x in LARGE_TEMPLATES].index(kind)
    t = LargeTemplate(*LARGE_TEMPLATES[index])
    d = os.path.join(root, kind, f"{folder:02x}")
    os.makedirs(d, exist_ok=True)
    filler = bytes((i * 13 + 5) % 256 for i in range(1 << 20)) if dense else b""
    for number in range(first, last):
        head = t.template.instance(number, index, len(LARGE_TEMPLATES))
        path = os.path.join(d, file_name("l-" + kind, number))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, head)
            if dense:
                left = t.pixel_len
                while left:
                    left -= os.write(fd, filler[: min(left, len(filler))])
            else:
                os.ftruncate(fd, t.file_len)
        finally:
            os.close(fd)
    return last - first


def make_large(root, count, dense, processes):
    jobs = []
    info = {}
    kinds = [x[0] for x in LARGE_TEMPLATES]
    for i, kind in enumerate(kinds):
        n = count // len(kinds) + (1 if i < count % len(kinds) else 0)
        t = LargeTemplate(*LARGE_TEMPLATES[i])
        info[kind] = {
            "files": n,
            "file_bytes": t.file_len,
            "header_bytes": t.header_len,
            "header_rounded_16k": -(-t.header_len // 16384) * 16384,
        }
        for folder, first in enumerate(range(0, n, FILES_PER_DIR)):
            jobs.append((str(root), kind, folder, first, min(n, first + FILES_PER_DIR), dense))
    with Pool(processes) as pool:
        for _ in pool.imap_unordered(_large_folder, jobs):
            pass
    return {"files": count, "sparse": not dense, "per_template": info}


def expected_statuses():
    """expected_status of each sample file, from sample_data/manifest.csv."""
    import csv

    with open(SAMPLES / "manifest.csv", newline="", encoding="utf-8") as f:
        return {row["file"]: row["expected_status"] for row in csv.DictReader(f)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kind", choices=["small", "large"])
    ap.add_argument("root", type=Path, help="folder to write the files into")
    ap.add_argument("--count", type=int, required=True, help="how many files")
    ap.add_argument("--start", type=int, default=0, help="small: number of the first file")
    ap.add_argument("--exclude", action="append", default=[], help="small: sample file to leave out")
    ap.add_argument("--dense", action="store_true", help="large: write the pixel data")
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--stamp", type=Path, help="write what was made here (JSON)")
    args = ap.parse_args()

    if args.start % FILES_PER_DIR:
        sys.exit("--start must be a multiple of 1000")
    t0 = time.perf_counter()
    if args.kind == "small":
        made = make_small(args.root, args.start, args.count, args.exclude, args.processes)
        status = expected_statuses()
        made["expected_status"] = {}
        for name, n in made["per_template"].items():
            st = status.get(name, "ok")
            made["expected_status"][st] = made["expected_status"].get(st, 0) + n
    else:
        made = make_large(args.root, args.count, args.dense, args.processes)
    made["kind"] = args.kind
    made["seconds"] = round(time.perf_counter() - t0, 1)
    if args.stamp:
        args.stamp.write_text(json.dumps(made, indent=1) + "\n")
    print(json.dumps(made))


if __name__ == "__main__":
    main()

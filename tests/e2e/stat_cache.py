"""Read and write grille's stat cache (.git/grille/stat-cache, lib/stat_cache.c)
for the tests: the file as a dict shaped as the cache's entries, so that a test
can plant a lie in it or break it, then write it back with a valid checksum.

    c = load(path)   # {'format', 'key', 'time', 'files': {name: {'stat': [7 ints],
                     #   'racy': True} or {'stat': [...], 'scan': {...}}}}
    dump(c, path)    # a scan given as bytes is written as it is (to break it)
"""
import struct

MAGIC = b"grille stat cache\n"
MASK = (1 << 64) - 1
FNV_INIT, FNV_PRIME = 14695981039346656037, 1099511628211


def hash_words(data):
    """hash__words() of lib/hash.h."""
    h = FNV_INIT ^ len(data)
    n = len(data) // 8
    for (w,) in struct.iter_unpack("<Q", data[: n * 8]):
        h = ((h ^ w) * FNV_PRIME) & MASK
        h ^= h >> 29
    for b in data[n * 8:]:
        h = ((h ^ b) * FNV_PRIME) & MASK
    return h


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, n):
        if self.at + n > len(self.data):
            raise ValueError("cut short")
        piece = self.data[self.at: self.at + n]
        self.at += n
        return piece

    def u32(self):
        return struct.unpack("<I", self.take(4))[0]

    def u64(self):
        return struct.unpack("<Q", self.take(8))[0]

    def str(self):
        n = self.u32()
        return None if n == 0 else self.take(n - 1).decode()


def put_u32(out, v):
    out += struct.pack("<I", v)


def put_u64(out, v):
    out += struct.pack("<Q", v)


def put_str(out, s):
    if s is None:
        put_u32(out, 0)
    else:
        b = s.encode()
        put_u32(out, len(b) + 1)
        out += b


def read_mark(r):
    return {"kind": r.u32(), "lines": [r.u64(), r.u64()], "bytes": [r.u64(), r.u64()],
            "until": r.str(), "until_text": r.str(), "reason": r.str()}


def write_mark(out, m):
    put_u32(out, m["kind"])
    for v in m["lines"] + m["bytes"]:
        put_u64(out, v)
    for k in ("until", "until_text", "reason"):
        put_str(out, m[k])


def read_section(r):
    return {"name": r.str(), "values": [r.u64() for _ in range(8)], "written": r.u32()}


def write_section(out, s):
    put_str(out, s["name"])
    for v in s["values"]:
        put_u64(out, v)
    put_u32(out, s["written"])


def read_scan(data):
    r = Reader(data)
    scan = {"conflicts": r.u64(), "items": [], "questions": []}
    for _ in range(r.u32()):
        scan["items"].append({"id": r.str(), "title": r.str(), "place": [r.u64() for _ in range(6)],
                              "mark": read_mark(r)})
    for _ in range(r.u32()):
        q = {"id": r.str(), "text": r.str(), "place": [r.u64() for _ in range(6)], "mark": read_mark(r),
             "flags": r.u32(), "body_hash": r.u64(), "checked": r.u64()}
        q["positions"] = [read_section(r) for _ in range(r.u32())]
        q["synthesis"] = read_section(r)
        scan["questions"].append(q)
    if r.at != len(data):
        raise ValueError("bytes after the scan")
    return scan


def write_scan(scan):
    if isinstance(scan, (bytes, bytearray)):
        return bytes(scan)
    out = bytearray()
    put_u64(out, scan["conflicts"])
    put_u32(out, len(scan["items"]))
    for it in scan["items"]:
        put_str(out, it["id"])
        put_str(out, it["title"])
        for v in it["place"]:
            put_u64(out, v)
        write_mark(out, it["mark"])
    put_u32(out, len(scan["questions"]))
    for q in scan["questions"]:
        put_str(out, q["id"])
        put_str(out, q["text"])
        for v in q["place"]:
            put_u64(out, v)
        write_mark(out, q["mark"])
        put_u32(out, q["flags"])
        put_u64(out, q["body_hash"])
        put_u64(out, q["checked"])
        put_u32(out, len(q["positions"]))
        for s in q["positions"]:
            write_section(out, s)
        write_section(out, q["synthesis"])
    return bytes(out)


def load(path):
    data = open(path, "rb").read()
    if not data.startswith(MAGIC) or hash_words(data[:-8]) != struct.unpack("<Q", data[-8:])[0]:
        raise ValueError("not a stat cache, or damaged")
    r = Reader(data[len(MAGIC):-8])
    c = {"format": r.u32(), "key": r.str(), "time": r.u64(), "files": {}}
    for _ in range(r.u32()):
        name = r.str()
        entry = {"stat": [r.u64() for _ in range(7)]}
        racy, length = r.u32(), r.u64()
        scan = r.take(length)
        if racy:
            entry["racy"] = True
        else:
            entry["scan"] = read_scan(scan)
        c["files"][name] = entry
    return c


def dump(c, path):
    out = bytearray(MAGIC)
    put_u32(out, c["format"])
    put_str(out, c["key"])
    put_u64(out, c["time"])
    put_u32(out, len(c["files"]))
    for name, entry in c["files"].items():
        put_str(out, name)
        for v in entry["stat"]:
            put_u64(out, v)
        scan = b"" if entry.get("racy") else write_scan(entry["scan"])
        put_u32(out, 1 if entry.get("racy") else 0)
        put_u64(out, len(scan))
        out += scan
    put_u64(out, hash_words(bytes(out)))
    open(path, "wb").write(out)

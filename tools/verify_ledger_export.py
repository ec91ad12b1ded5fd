#!/usr/bin/env python3
"""Verifies a Souhra ledger export (GET /api/audit/export.jsonl) with nothing but Python 3.11's standard
library, written from docs/ledger.md alone: every hash is recomputed, every region's chain is walked anew,
the checkpoints the export recorded and the heads of head files are compared with the chain.

    python3 tools/verify_ledger_export.py EXPORT [--checkpoint [REGION:POSITION:]DIGEST] [--anchors DIR] [--json]
    python3 tools/verify_ledger_export.py --vectors docs/ledger-vectors.json

Exit code 0 verified, 1 broken or empty, 2 the file cannot be read. The first problem is named by the
export's own line number and a kind, as `java -jar souhra.jar --verify-export` names it.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import sys

GENESIS = "0" * 64
CHECKPOINT_TYPE = "cz.souhra.shared.events.meeting.LedgerCheckpointRecordedEvent"
HEADS_FORMAT = "souhra-ledger-heads-v1"
HEAD_FILE = re.compile(r"ledger-heads-\d{4}-\d{2}-\d{2}\.json")
STRING_FIELDS = ("region", "aggregateType", "aggregateId", "eventId", "payloadType", "payloadRevision", "timestamp",
                 "payload", "metadata", "payloadHash", "metadataHash", "eventHash", "previousChain", "chain")
INT_FIELDS = ("position", "sequence")
# Java's Character.isWhitespace: what String.isBlank() skips (docs/ledger.md, "Text").
JAVA_WHITESPACE = set(map(chr, [*range(0x09, 0x0E), *range(0x1C, 0x21), 0x1680, *range(0x2000, 0x2007),
                                *range(0x2008, 0x200B), 0x2028, 0x2029, 0x205F, 0x3000]))


def utf8(text):
    """UTF-8 bytes; a lone surrogate becomes '?' (0x3F), as Java encodes it."""
    return text.encode("utf-8", "replace")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def blank(text):
    return all(c in JAVA_WHITESPACE for c in text)


# ---------------------------------------------------------------- format 2

ABSENT_V2 = sha256(b"\xff")


def part_hash_v2(text):
    return ABSENT_V2 if text is None else sha256(utf8(text))


def event_input_v2(e, payload_hash, metadata_hash):
    out = bytearray(b"souhra-event-v2\n")
    for field in (e["aggregateType"], e["aggregateId"], str(e["sequence"]), e["eventId"], e["payloadType"],
                  e["payloadRevision"], e["timestamp"], payload_hash, metadata_hash):
        if field is None:
            out += b"-\n"
        else:
            data = utf8(field)
            out += str(len(data)).encode("ascii") + b":" + data + b"\n"
    return bytes(out)


# ---------------------------------------------------------------- format 1 (entries chained before format 2)

class NotJson(Exception):
    pass


def _no_constant(name):
    raise NotJson(name)


_DECODER = json.JSONDecoder(parse_constant=_no_constant)
_IDENTIFIER_PART = re.compile(r"[A-Za-z0-9_$]")


def parse_first_value(text):
    """The first JSON value of the text as format 1 read it (lenient: text after it is skipped), and where it ends."""
    start = len(text) - len(text.lstrip(" \t\r\n"))
    try:
        value, end = _DECODER.raw_decode(text, start)
    except (ValueError, NotJson) as e:
        raise NotJson(str(e))
    # A number or literal at the top must be followed by white space or nothing (Jackson's root-value rule).
    if not isinstance(value, (dict, list, str)) and end < len(text):
        nxt = text[end]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and nxt not in " \t\r\n":
            raise NotJson("no white space after a root number")
        if (value is None or isinstance(value, bool)) and _IDENTIFIER_PART.match(nxt):
            raise NotJson("unrecognized token")
    return value, end


def _reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise NotJson("duplicate key")
    return dict(pairs)


_STRICT = json.JSONDecoder(parse_constant=_no_constant, object_pairs_hook=_reject_duplicates)


def uncovered_by_v1(text):
    """Why a format-1 hash does not cover all of this text (text after the first value, a key given twice), or None."""
    if text is None or blank(text):
        return None
    try:
        _, end = parse_first_value(text)
    except NotJson:
        return None  # no JSON: hashed whole, as a string literal
    if text[end:].strip(" \t\r\n"):
        return "text after the first JSON value is not covered by a format-1 hash"
    try:
        _STRICT.decode(text)
    except (ValueError, NotJson):
        return "a key given twice is not covered by a format-1 hash"
    return None


def java_double(d):
    """Java 17's Double.toString for the shortest round-trip digits (docs/ledger.md, "Format 1")."""
    if d != d:
        return '"NaN"'
    if d in (float("inf"), float("-inf")):
        return '"Infinity"' if d > 0 else '"-Infinity"'
    if d == 0:
        return "-0.0" if str(d).startswith("-") else "0.0"
    sign = "-" if d < 0 else ""
    digits, exponent = _shortest(abs(d))  # value = 0.digits * 10^exponent
    if 1e-3 <= abs(d) < 1e7:
        if exponent <= 0:
            return sign + "0." + "0" * (-exponent) + digits
        whole = digits[:exponent].ljust(exponent, "0")
        frac = digits[exponent:] or "0"
        return sign + whole + "." + frac
    return sign + digits[0] + "." + (digits[1:] or "0") + "E" + str(exponent - 1)


def _shortest(a):
    mantissa, _, exp = repr(a).partition("e")
    whole, _, frac = mantissa.partition(".")
    s = whole + frac
    first = len(s) - len(s.lstrip("0"))  # index of the first significant digit
    return s[first:].rstrip("0") or "0", len(whole) + (int(exp) if exp else 0) - first


_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\f": "\\f", "\n": "\\n", "\r": "\\r"}


def java_string(s):
    out = ['"']
    for c in s:
        if c in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[c])
        elif ord(c) < 0x20:
            out.append("\\u%04X" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _utf16_key(k):
    return k.encode("utf-16-be", "surrogatepass")


def canonical_v1_value(v):
    if isinstance(v, dict):
        return "{" + ",".join(java_string(k) + ":" + canonical_v1_value(v[k]) for k in sorted(v, key=_utf16_key)) + "}"
    if isinstance(v, list):
        return "[" + ",".join(canonical_v1_value(x) for x in v) + "]"
    if isinstance(v, str):
        return java_string(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    return java_double(v)


def canonical_v1(text):
    if text is None or blank(text):
        return "null"
    try:
        value, _ = parse_first_value(text)
    except NotJson:
        return java_string(text)
    return canonical_v1_value(value)


_INSTANT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2}(?::\d{2})?)")


def canonical_timestamp_v1(stored):
    """Java 17's Instant.parse(text).toString(), or the text itself when it is no instant."""
    m = _INSTANT.fullmatch(stored) if stored is not None else None
    if m is None:
        return "null" if stored is None else stored
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    nanos = int((m.group(7) or "").ljust(9, "0") or 0)
    try:
        day = datetime.date(y, mo, d)
    except ValueError:
        return stored
    if h == 24 and mi == 0 and s == 0 and nanos == 0:
        h, day = 0, day + datetime.timedelta(days=1)
    if h > 23 or mi > 59 or s > 60 or s == 60 and (h, mi) != (23, 59):
        return stored
    s = min(s, 59)  # a leap second is read as the second before it
    offset = 0
    if m.group(8) not in ("Z", "z"):
        sign = -1 if m.group(8)[0] == "-" else 1
        parts = [int(p) for p in m.group(8)[1:].split(":")]
        if parts[0] > 18 or parts[1] > 59 or (len(parts) > 2 and parts[2] > 59):
            return stored
        offset = sign * (parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) > 2 else 0))
        if abs(offset) > 18 * 3600:
            return stored
    try:
        t = datetime.datetime(day.year, day.month, day.day, h, mi, s) - datetime.timedelta(seconds=offset)
    except OverflowError:
        return stored
    text = "%04d-%02d-%02dT%02d:%02d:%02d" % (t.year, t.month, t.day, t.hour, t.minute, t.second)
    if nanos:
        frac = "%09d" % nanos
        frac = frac[:3] if frac.endswith("000000") else frac[:6] if frac.endswith("000") else frac
        text += "." + frac
    return text + "Z"


def event_input_v1(e, payload_hash, metadata_hash):
    fields = ["souhra-event-v1", e["aggregateType"], e["aggregateId"], str(e["sequence"]), e["eventId"], e["payloadType"],
              e["payloadRevision"] or "", canonical_timestamp_v1(e["timestamp"]), payload_hash, metadata_hash]
    return utf8("".join(("null" if f is None else f) + "\n" for f in fields))


# ---------------------------------------------------------------- both formats

def payload_hash(e, fmt):
    return part_hash_v2(e["payload"]) if fmt == 2 else sha256(utf8(canonical_v1(e["payload"])))


def metadata_hash(e, fmt):
    return part_hash_v2(e["metadata"]) if fmt == 2 else sha256(utf8(canonical_v1(e["metadata"])))


def event_hash(e, fmt, ph=None, mh=None):
    ph = payload_hash(e, fmt) if ph is None else ph
    mh = metadata_hash(e, fmt) if mh is None else mh
    return sha256(event_input_v2(e, ph, mh) if fmt == 2 else event_input_v1(e, ph, mh))


def chain(previous, eh):
    return sha256((previous + ":" + eh).encode("ascii"))


def region_of(metadata):
    try:
        meta, _ = parse_first_value(metadata) if metadata is not None and not blank(metadata) else (None, 0)
    except NotJson:
        meta = None
    r = meta.get("region") if isinstance(meta, dict) else None
    return r if isinstance(r, str) and not blank(r) else "_global"


def checkpoint_of(payload):
    try:
        cp = json.loads(payload) if payload else None
    except ValueError:
        return None
    if not isinstance(cp, dict) or not isinstance(cp.get("region"), str) or not isinstance(cp.get("digest"), str):
        return None
    pos = cp.get("position")
    if isinstance(pos, bool) or not isinstance(pos, int) or not -2**63 <= pos < 2**63:
        return None
    return {"meetingId": str(cp.get("meetingId")), "region": cp["region"], "position": pos, "digest": cp["digest"]}


# ---------------------------------------------------------------- the export file

class Unreadable(Exception):
    pass


def read_line(text):
    try:
        x = json.loads(text, parse_constant=_no_constant)
    except (ValueError, NotJson) as e:
        raise Unreadable(str(e))
    if not isinstance(x, dict):
        raise Unreadable("not an object")
    for k, v in x.items():
        if k in STRING_FIELDS:
            if v is not None and not isinstance(v, str):
                raise Unreadable("%s is not text" % k)
        elif k in INT_FIELDS or k == "format":
            if v is None and k != "format" or v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise Unreadable("%s is not an integer" % k)
        else:
            raise Unreadable('unknown field "%s"' % k)
    line = {k: x.get(k) for k in STRING_FIELDS}
    for k in INT_FIELDS:
        line[k] = x.get(k, 0)
    line["format"] = 1 if x.get("format") is None else x["format"]
    for k in ("region", "previousChain", "chain", "payloadHash", "metadataHash", "eventHash"):
        if line[k] is None:
            raise Unreadable('no "%s"' % k)
    return line


def lines_of(path):
    with open(path, encoding="utf-8", newline=None) as f:
        for number, text in enumerate(f, 1):
            yield number, text.rstrip("\n")


def scan(path):
    for number, text in lines_of(path):
        if blank(text):
            continue
        try:
            yield number, read_line(text)
        except Unreadable:
            pass


def read_heads(directory):
    heads = []
    for name in sorted(n for n in os.listdir(directory) if HEAD_FILE.fullmatch(n)):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            root = json.load(f)
        if not isinstance(root, dict) or root.get("format") != HEADS_FORMAT or not isinstance(root.get("heads"), list):
            raise ValueError(name + " is not a ledger head file of format " + HEADS_FORMAT)
        for h in root["heads"]:
            heads.append({"region": h["region"], "position": int(h["position"]), "chain": h["chain"], "file": name})
    return heads


def verify(path, checkpoint=None, heads=()):
    expected = None
    if checkpoint is not None:
        parts = checkpoint.rsplit(":", 2)
        expected = (parts[0], int(parts[1]), parts[2]) if len(parts) == 3 and parts[0] else (None, None, checkpoint)
    chains, positions, kept = {}, {}, {}
    heads_at = {}
    for h in heads:
        heads_at.setdefault((h["region"], h["position"]), []).append(h)
    wanted = set(heads_at)
    for _, x in scan(path):
        cp = checkpoint_of(x["payload"]) if x["payloadType"] == CHECKPOINT_TYPE else None
        if cp:
            wanted.add((cp["region"], cp["position"]))
    entries = 0
    found = expected is None

    def broken(kind, number, region, position, problem):
        return {"ok": False, "kind": kind, "line": number, "region": region, "position": position, "problem": problem,
                "entries": entries, "heads": dict(chains)}

    for number, text in lines_of(path):
        if blank(text):
            continue
        entries += 1
        try:
            x = read_line(text)
        except Unreadable as e:
            return broken("EXPORT_UNREADABLE", number, None, None, "not an export entry (%s)" % e)
        region, position = x["region"], x["position"]
        previous = chains.get(region, GENESIS)
        expected_position = positions.get(region, 0) + 1

        def fail(kind, problem):
            return broken(kind, number, region, position, problem)

        if position != expected_position:
            moved = next((n for n, o in scan(path) if n > number and o["region"] == region and o["position"] == expected_position), None)
            if moved:
                return fail("EVENT_REORDERED", "expected position %d, which stands at line %d" % (expected_position, moved))
            return fail("LEDGER_GAP", "expected position %d" % expected_position)
        if x["previousChain"] != previous:
            return fail("LEDGER_ENTRY_ALTERED", "does not link to the line before it")
        fmt = x["format"]
        if fmt not in (1, 2):
            return fail("EXPORT_UNREADABLE", "unknown format %s" % fmt)
        ph, mh = payload_hash(x, fmt), metadata_hash(x, fmt)
        if ph != x["payloadHash"] or (fmt == 1 and uncovered_by_v1(x["payload"])):
            return fail("EVENT_PAYLOAD_EDITED", "payload was edited")
        if mh != x["metadataHash"] or (fmt == 1 and uncovered_by_v1(x["metadata"])):
            return fail("EVENT_METADATA_EDITED", "metadata was edited")
        if region_of(x["metadata"]) != region:
            return fail("EVENT_REGION_MISMATCH", "its metadata names region " + region_of(x["metadata"]))
        if event_hash(x, fmt, ph, mh) != x["eventHash"]:
            others = list(scan(path))
            for seq in dict.fromkeys(o["sequence"] for _, o in others if x["aggregateId"] is not None and o["aggregateId"] == x["aggregateId"]):
                if seq != x["sequence"] and event_hash(dict(x, sequence=seq), fmt, ph, mh) == x["eventHash"]:
                    return fail("EVENT_REORDERED", "the event was chained as sequence %d" % seq)
            for ts in dict.fromkeys(o["timestamp"] for _, o in others):
                if ts is not None and ts != x["timestamp"] and event_hash(dict(x, timestamp=ts), fmt, ph, mh) == x["eventHash"]:
                    return fail("EVENT_REORDERED", "the event was chained with timestamp " + ts)
            return fail("EVENT_ALTERED", "event fields (type, ids, sequence, timestamp) were edited")
        value = chain(previous, x["eventHash"])
        if value != x["chain"]:
            return fail("LEDGER_ENTRY_ALTERED", "chain value altered")
        chains[region], positions[region] = value, position
        if (region, position) in wanted:
            kept[(region, position)] = value
        for h in heads_at.get((region, position), ()):
            if h["chain"] != value:
                return fail("ANCHOR_MISMATCH", "head file %s says %s" % (h["file"], h["chain"]))
        if x["payloadType"] == CHECKPOINT_TYPE:
            cp = checkpoint_of(x["payload"])
            if cp and kept.get((cp["region"], cp["position"])) != cp["digest"]:
                return fail("CHECKPOINT_MISMATCH", "the checkpoint names position %d of %s with %s" % (cp["position"], cp["region"], cp["digest"]))
        if expected and expected[2] == value and (expected[0] is None or (expected[0], expected[1]) == (region, position)):
            found = True
    if entries == 0:
        return {"ok": False, "kind": "EXPORT_EMPTY", "line": None, "region": None, "position": None, "entries": 0, "heads": {},
                "problem": "the export holds no entries, so nothing was verified"}
    for h in heads:
        end = positions.get(h["region"], 0)
        if h["position"] > end:
            return broken("LEDGER_TRUNCATED", None, h["region"], end + 1,
                          "head file %s names position %d, but the export ends at %d" % (h["file"], h["position"], end))
    if not found:
        return broken("CHECKPOINT_NOT_FOUND", None, None, None, "checkpoint digest %s is not in this export where named" % expected[2])
    return {"ok": True, "kind": None, "line": None, "region": None, "position": None, "problem": None, "entries": entries,
            "heads": dict(sorted(chains.items(), key=lambda kv: [ord(c) for c in kv[0]])), "checkpointFound": expected is not None}


# ---------------------------------------------------------------- test vectors

def check_vectors(path):
    with open(path, encoding="utf-8") as f:
        vectors = json.load(f)["vectors"]
    failures = 0
    for v in vectors:
        kind, given, want = v["kind"], v["input"], v["output"]
        if kind == "event":
            fmt = given["format"]
            ph, mh = payload_hash(given, fmt), metadata_hash(given, fmt)
            got = {"payloadHash": ph, "metadataHash": mh, "eventHash": event_hash(given, fmt)}
            raw = event_input_v2(given, ph, mh) if fmt == 2 else event_input_v1(given, ph, mh)
            got["eventHashInput"] = raw.decode("utf-8")
            if fmt == 1:
                got["canonicalPayload"] = canonical_v1(given["payload"])
                got["canonicalMetadata"] = canonical_v1(given["metadata"])
                got["canonicalTimestamp"] = canonical_timestamp_v1(given["timestamp"])
                got["payloadCovered"] = uncovered_by_v1(given["payload"]) is None
        elif kind == "chain":
            got = {"chain": chain(given["previous"], given["eventHash"])}
        elif kind == "region":
            got = {"region": region_of(given["metadata"])}
        else:
            got = {"unknown kind": kind}
        for k, w in want.items():
            if got.get(k) != w:
                failures += 1
                print("FAIL %s %s: %s expected %r, got %r" % (kind, v.get("name"), k, w, got.get(k)))
    print("%d passed, %d failed" % (len(vectors) - min(failures, len(vectors)), failures))
    return 0 if failures == 0 else 1


def main(argv):
    p = argparse.ArgumentParser(description="Verify a Souhra ledger export (docs/ledger.md).")
    p.add_argument("export", nargs="?")
    p.add_argument("--checkpoint", help="[REGION:POSITION:]DIGEST printed on minutes")
    p.add_argument("--anchors", help="directory of head files (ledger-heads-YYYY-MM-DD.json)")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--vectors", help="check the test vectors of docs/ledger-vectors.json instead")
    a = p.parse_args(argv)
    if a.vectors:
        return check_vectors(a.vectors)
    if not a.export:
        p.error("EXPORT is required")
    try:
        heads = read_heads(a.anchors) if a.anchors else []
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("Cannot read head files in %s: %s" % (a.anchors, e))
        return 2
    try:
        r = verify(a.export, a.checkpoint, heads)
    except (OSError, ValueError) as e:
        print("Cannot read export %s: %s" % (a.export, e))
        return 2
    if a.json:
        print(json.dumps(r, ensure_ascii=False))
    elif r["ok"]:
        print("OK %d entries%s" % (r["entries"], ", checkpoint found" if r.get("checkpointFound") else ""))
        for region, head in r["heads"].items():
            print("  %s head %s" % (region, head))
    elif r["kind"] == "EXPORT_EMPTY":
        print("NOT VERIFIED EXPORT_EMPTY: " + r["problem"])
    else:
        where = "end of file" if r["line"] is None else "line %d" % r["line"]
        print("BROKEN %s at %s (region %s, position %s): %s" % (r["kind"], where, r["region"], r["position"], r["problem"]))
    return 0 if r["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

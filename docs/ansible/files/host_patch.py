#!/usr/bin/env python3
"""One host's part of a fleet's --diff, as hex for the host to decode with awk.

esxntp-lint --diff over a directory of hosts names each file a/HOST/etc/... (or /dev/null
for a file it creates) and b/HOST/etc/...; this keeps the files of HOST (argv[2]) from
PATCH (argv[1]) and writes them as lines of hex digits, which no shell, terminal or text
decoder on the way can change. Nothing for a host with no fix. Exits 1 on a file header
that names another directory, a path with '..', or a NUL byte (a heredoc cannot carry it)."""
import re
import sys


def host_of(path: bytes, prefix: bytes):
    """HOST of prefix/HOST/rest, or None; rest must not climb out of the root."""
    if not path.startswith(prefix):
        return None
    parts = path[len(prefix):].split(b"/")
    if len(parts) < 2 or b".." in parts or parts[0] in (b"", b".", b".."):
        raise ValueError("bad path in the patch: %r" % path)
    return parts[0]


HUNK = re.compile(rb"^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@")


def main() -> int:
    patch, host = sys.argv[1], sys.argv[2].encode()
    lines = open(patch, "rb").read().splitlines(keepends=True)
    out, keep, i = [], False, 0
    while i < len(lines):
        line = lines[i]
        m = HUNK.match(line)
        if m:
            # a hunk's lines are counted, so a removed "-- x" line is no file header
            old = int(m.group(1) or 1)
            new = int(m.group(2) or 1)
            j = i + 1
            while j < len(lines) and (old > 0 or new > 0):
                tag = lines[j][:1]
                if tag == b"\\":
                    pass
                elif tag == b"-":
                    old -= 1
                elif tag == b"+":
                    new -= 1
                else:
                    old -= 1
                    new -= 1
                j += 1
            while j < len(lines) and lines[j].startswith(b"\\"):
                j += 1
            if keep:
                out.extend(lines[i:j])
            i = j
            continue
        if line.startswith(b"--- ") and i + 1 < len(lines) and lines[i + 1].startswith(b"+++ "):
            old = line[4:].rstrip(b"\r\n").split(b"\t")[0]
            new = lines[i + 1][4:].rstrip(b"\r\n").split(b"\t")[0]
            who = host_of(new, b"b/")
            if who is None or (old != b"/dev/null" and host_of(old, b"a/") != who):
                raise ValueError("a file header esxntp-lint --diff does not write: %r" % line)
            keep = who == host
            if keep:
                out.extend(lines[i:i + 2])
            i += 2
            continue
        raise ValueError("not a line of a unified diff: %r" % line[:80])
    data = b"".join(out)
    if b"\0" in data:
        raise ValueError("a NUL byte in the patch")
    hexed = data.hex()
    for k in range(0, len(hexed), 76):
        print(hexed[k:k + 76])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, OSError) as e:
        sys.stderr.write("host_patch: %s\n" % e)
        sys.exit(1)

#!/usr/bin/env python3
"""The gather task's output (README.md here) back into bytes: notes to NOTES, the tar to stdout.

The host writes lines "esxntp-lint-gather: ..." (what it left out, and why), then the line
"esxntp-lint-gather: tar", then the tar of the files as od -An -v -tx1 prints it: hex digits
and blanks only, so nothing on the way (a terminal's CR LF, a decoder of text) can change a
byte. Exits 1 when a line after the marker is not hex, or the tar is missing."""
import re
import sys

HEX = re.compile(rb"^[0-9a-fA-F\s]*$")


def main() -> int:
    notes, data, seen = [], bytearray(), False
    for line in sys.stdin.buffer.read().splitlines():
        line = line.rstrip(b"\r")
        if line.startswith(b"esxntp-lint-gather: "):
            text = line[len(b"esxntp-lint-gather: "):]
            if text == b"tar":
                seen = True
            else:
                notes.append(text.decode("utf-8", "backslashreplace"))
            continue
        if not seen:
            if line.strip():
                notes.append("host said: " + line.decode("utf-8", "backslashreplace"))
            continue
        if not HEX.match(line):
            sys.stderr.write("unpack: not od's hex after the tar marker: %r\n" % line[:80])
            return 1
        data += bytes.fromhex(line.decode("ascii"))
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.writelines(n + "\n" for n in notes)
    if not seen:
        sys.stderr.write("unpack: the host sent no tar (%s)\n" % "; ".join(notes))
        return 1
    sys.stdout.buffer.write(bytes(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())

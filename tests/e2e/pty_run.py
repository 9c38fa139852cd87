#!/usr/bin/env python3
"""Run a command on a pseudo-terminal, as a person at a terminal would.

Usage: pty_run.py [--cols N] [--stdout FILE] [--stderr FILE] -- COMMAND [ARG...]

Standard input, output and error are the terminal (80 columns unless --cols),
except those sent to a FILE. What the terminal showed is written to our
standard output, byte for byte; the exit code is the command's.
"""
import fcntl
import os
import struct
import subprocess
import sys
import termios


def main(argv):
    cols, files = 80, {}
    while argv and argv[0] != "--":
        option, value = argv[0], argv[1]
        if option == "--cols":
            cols = int(value)
        else:
            files[option[2:]] = open(value, "wb")
        argv = argv[2:]
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    child = subprocess.Popen(argv[1:], stdin=slave, stdout=files.get("stdout", slave),
                             stderr=files.get("stderr", slave), start_new_session=True)
    os.close(slave)
    shown = bytearray()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every end of the terminal is closed
            break
        if not data:
            break
        shown += data
    code = child.wait()
    sys.stdout.buffer.write(bytes(shown))
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Vouches for the log level of the Cassandra node that listens on HOST:PORT on this machine.

    python3 benchmarks/check-node-log-level.py HOST PORT

Finds the process listening on HOST:PORT (/proc/net/tcp and /proc/<pid>/fd), reads its command line for the logback
configuration (-Dlogback.configurationFile, else logback.groovy / logback-test.xml / logback.xml in a class-path
directory, in logback's own order) and checks that the root logger is at INFO or quieter and that no logger is at DEBUG,
TRACE or ALL. A node logging every request at DEBUG (the npm package's own logback.xml) spends most of its CPU logging
and makes every client's CPU per request look 2-3 times higher (WORKLOADS.md), so no figure from it may be compared.

Prints one line and exits 0 when INFO is verified: `INFO verified: pid 123, /path/logback.xml (root INFO)`;
otherwise prints why and exits 1 (a DEBUG node) or 2 (the level cannot be checked: the node is not a process on this
machine, /proc is unreadable, the configuration is missing or inside a jar).
"""

import ipaddress
import os
import re
import socket
import sys
import xml.etree.ElementTree as ET

QUIET = {"INFO", "WARN", "ERROR", "OFF"}
LOUD = {"DEBUG", "TRACE", "ALL"}


def listening_inodes(host, port):
    """Inodes of LISTEN sockets bound to host:port or to the wildcard address on port."""
    try:
        wanted = {ipaddress.ip_address(socket.gethostbyname(host))}
    except (OSError, ValueError):
        return set()
    inodes = set()
    for table, wildcard in (("/proc/net/tcp", "0.0.0.0"), ("/proc/net/tcp6", "::")):
        try:
            lines = open(table, encoding="ascii").read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A":  # LISTEN
                continue
            addr_hex, port_hex = local.split(":")
            if int(port_hex, 16) != port:
                continue
            raw = bytes.fromhex(addr_hex)
            if len(raw) == 4:
                addr = ipaddress.IPv4Address(raw[::-1])
            else:
                addr = ipaddress.IPv6Address(b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4)))
                if addr.ipv4_mapped:
                    addr = addr.ipv4_mapped
            if addr in wanted or str(addr) == wildcard:
                inodes.add(inode)
    return inodes


def pid_of(inodes):
    targets = {f"socket:[{inode}]" for inode in inodes}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") in targets:
                    return int(pid)
        except OSError:
            continue
    return None


def logback_config(argv):
    """The configuration file logback uses for this JVM command line, or (None, reason)."""
    for arg in argv:
        if arg.startswith("-Dlogback.configurationFile="):
            path = arg.split("=", 1)[1]
            path = path[len("file:"):] if path.startswith("file:") else path
            return path, None
    classpath = None
    for i, arg in enumerate(argv):
        if arg in ("-cp", "-classpath", "--class-path") and i + 1 < len(argv):
            classpath = argv[i + 1]
    if classpath is None:
        return None, "no -Dlogback.configurationFile and no class path on the node's command line"
    for entry in classpath.split(":"):
        if os.path.isdir(entry):
            for name in ("logback.groovy", "logback-test.xml", "logback.xml"):
                candidate = os.path.join(entry, name)
                if os.path.isfile(candidate):
                    return candidate, None
    return None, "no logback configuration in a class-path directory (a jar's own cannot be checked)"


def check_config(path):
    """(level, detail): level is INFO when verified quiet, DEBUG when something logs at DEBUG or finer, else None."""
    if path.endswith(".groovy"):
        return None, f"{path} is a Groovy configuration"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return None, f"cannot read {path}: {e}"

    def level_of(element):
        level = element.get("level")
        if level is None:
            child = element.find("level")
            level = child.get("value") if child is not None else None
        return level.strip().upper() if level else None

    root_logger = root.find("root")
    root_level = level_of(root_logger) if root_logger is not None else "DEBUG"  # logback's default root level
    loud = [f"{lg.get('name')}={level_of(lg)}" for lg in root.iter("logger") if level_of(lg) in LOUD]
    unknown = [lvl for lvl in [root_level] + [level_of(lg) for lg in root.iter("logger")] if lvl and "${" in lvl]
    if unknown:
        return None, f"{path} sets a level from a variable ({unknown[0]})"
    if root_level in LOUD:
        return "DEBUG", f"{path}: root logger at {root_level}"
    if loud:
        return "DEBUG", f"{path}: root {root_level}, but loggers at DEBUG or finer: {', '.join(loud)}"
    if root_level not in QUIET:
        return None, f"{path}: root level '{root_level}' not understood"
    return "INFO", f"{path} (root {root_level}, no logger at DEBUG or finer)"


def main():
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    host, port = sys.argv[1], int(sys.argv[2])
    inodes = listening_inodes(host, port)
    if not inodes:
        print(f"UNVERIFIED: nothing on this machine listens on {host}:{port} (a remote node's log level cannot be read)")
        return 2
    pid = pid_of(inodes)
    if pid is None:
        print(f"UNVERIFIED: the process listening on {host}:{port} cannot be identified (/proc not readable)")
        return 2
    try:
        argv = open(f"/proc/{pid}/cmdline", "rb").read().decode("utf-8", "replace").split("\0")
    except OSError as e:
        print(f"UNVERIFIED: cannot read the command line of pid {pid}: {e}")
        return 2
    if not any("CassandraDaemon" in a for a in argv):
        print(f"UNVERIFIED: pid {pid} listening on {host}:{port} is not a CassandraDaemon")
        return 2
    path, reason = logback_config(argv)
    if path is None:
        print(f"UNVERIFIED: pid {pid}: {reason}")
        return 2
    level, detail = check_config(path)
    if level == "INFO":
        print(f"INFO verified: pid {pid}, {detail}")
        return 0
    if level == "DEBUG":
        print(f"DEBUG: pid {pid}, {detail}")
        return 1
    print(f"UNVERIFIED: pid {pid}, {detail}")
    return 2


if __name__ == "__main__":
    sys.exit(main())

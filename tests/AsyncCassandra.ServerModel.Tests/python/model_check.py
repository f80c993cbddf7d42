"""Connects the DataStax Python driver (Debian's python3-cassandra) to the server model and runs what every mode
must support: a prepared query, a request and a result larger than one v5 segment (128 KiB), the result read in one
page and in pages.
Prints one JSON line with what was negotiated; exits non-zero on any failure.

usage: model_check.py HOST PORT [--version N] [--lz4] [--user U --password P]
"""
import argparse
import json
import logging
import sys

from cassandra.cluster import Cluster
from cassandra.auth import PlainTextAuthProvider
from cassandra.policies import RoundRobinPolicy
from cassandra.query import SimpleStatement


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--version", type=int, default=None, help="protocol version; unset: the driver negotiates down from its highest")
    parser.add_argument("--lz4", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    if args.debug:
        logging.basicConfig(level=logging.DEBUG)

    kwargs = dict(
        contact_points=[args.host],
        port=args.port,
        compression="lz4" if args.lz4 else False,
        schema_metadata_enabled=False,
        token_metadata_enabled=False,
        load_balancing_policy=RoundRobinPolicy(),
        connect_timeout=10,
        control_connection_timeout=10,
    )
    if args.version is not None:
        kwargs["protocol_version"] = args.version
    if args.user:
        kwargs["auth_provider"] = PlainTextAuthProvider(username=args.user, password=args.password)

    cluster = Cluster(**kwargs)
    try:
        session = cluster.connect()

        prepared = session.prepare("SELECT name FROM ks.users WHERE id = ?")
        row = session.execute(prepared, [2]).one()
        assert row is not None and row.name == "grace", row

        inserted = session.prepare("INSERT INTO ks.users (id, name) VALUES (?, ?)")
        session.execute(inserted, [42, "python"])
        assert session.execute(prepared, [42]).one().name == "python"

        # A request over 128 KiB: the driver splits it across segments that are not self-contained (v5).
        big = "".join(chr(97 + (i * 7919) % 26) for i in range(200000))
        session.execute(session.prepare("INSERT INTO ks.texts (id, body) VALUES (?, ?)"), [1, big])
        assert session.execute("SELECT body FROM ks.texts WHERE id = 1").one().body == big, "200 KB text differs"

        # One page of ~300 KiB: one envelope split across several segments on v5.
        whole = list(session.execute(SimpleStatement("SELECT id, payload FROM ks.big", fetch_size=5000)))
        size = sum(len(r.payload) for r in whole)
        assert len(whole) == 300 and size > 128 * 1024, (len(whole), size)

        # The same rows in pages of 70 (paging state round trips).
        paged = list(session.execute(SimpleStatement("SELECT id, payload FROM ks.big", fetch_size=70)))
        assert [r.id for r in paged] == [r.id for r in whole], "paged rows differ"

        print(json.dumps({
            "protocol_version": cluster.protocol_version,
            "rows": len(whole),
            "bytes": size,
            "compression": args.lz4,
        }))
    finally:
        cluster.shutdown()


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # the test prints this
        print("FAILED: %r" % (exc,), file=sys.stderr)
        sys.exit(1)

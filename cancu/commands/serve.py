"""``cancu serve``: the web service (pages, REST API, SPARQL endpoint, explorer) under waitress."""

from __future__ import annotations

import argparse
import sys

from graph_api.store import StoreError

NAME = "serve"
HELP = "Serve the pages, the REST API and the read-only SPARQL endpoint over HTTP."
# a thread waiting for a query worker costs little; the soak (bench/soak.py: 16 clients, cross
# joins among their queries) found 8 too few: /sparql requests queued behind the costly ones
# held every thread and the pages waited 10 s
THREADS = 32


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", default=None,
                        help="store directory, :memory: or SPARQL endpoint URL "
                             "(default: $CANCU_STORE or var/store)")  # fmt: skip
    parser.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (this machine)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=THREADS,
                        help=f"waitress worker threads (default {THREADS}; /sparql may hold "
                             "half of them at most)")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from waitress import create_server

    from graph_api.app import create_app

    try:
        config = {"CANCU_STORE": args.store} if args.store else None
        app = create_app(config)
    except StoreError as exc:
        print(f"cancu serve: {exc}", file=sys.stderr)
        return 2
    # /sparql never holds more than half the threads: the pages keep the rest
    app.config["CANCU_SPARQL_REQUESTS"] = min(int(app.config["CANCU_SPARQL_REQUESTS"]),
                                              max(1, args.threads // 2))  # fmt: skip
    # waitress refuses a body over the cap before the app reads it (413)
    server = create_server(app, host=args.host, port=args.port, threads=args.threads,
                           max_request_body_size=int(app.config["CANCU_MAX_BODY"]))  # fmt: skip
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"cancu: serving on http://{host}:{server.effective_port}  (Ctrl+C to stop)",
          flush=True)  # fmt: skip
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.extensions["cancu_store"].close()  # ends the query workers
    return 0

"""The load balancer's health checker: `GET /` to every target, on a new connection each time, as
an ALB sends it (User-Agent ELB-HealthChecker/2.0, Connection: close). Bounded: it stops by itself
after --count rounds, so a lab whose owner died cannot probe forever.
"""

import argparse
import socket
import sys
import time

REQUEST = (
    "GET / HTTP/1.1\r\n"
    "Host: {host}\r\n"
    "Connection: close\r\n"
    "User-Agent: ELB-HealthChecker/2.0\r\n"
    "Accept-Encoding: gzip, compressed\r\n"
    "\r\n"
)


def check(host, port, timeout):
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(REQUEST.format(host=host).encode())
            status = sock.recv(64).split(b" ", 2)[1].decode()
            while sock.recv(65536):
                pass
            return status
    except (OSError, IndexError) as error:
        return f"error {error}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interval", type=float, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("targets", nargs="+", help="address:port")
    args = parser.parse_args()
    for round_number in range(args.count):
        for target in args.targets:
            host, port = target.rsplit(":", 1)
            status = check(host, int(port), timeout=min(args.interval, 5))
            print(f"{time.time():.3f} round {round_number} {target} {status}", flush=True)
        time.sleep(args.interval)
    sys.exit(0)


if __name__ == "__main__":
    main()

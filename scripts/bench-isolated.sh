#!/usr/bin/env bash
# Runs a benchmark command in a private mount namespace with its own tmpfs on /tmp/bench-target, so that
# benchmarks running at the same time on this machine (the reference playbooks all write there) cannot disturb it.
# Every process it starts (sshd, the remote contexts, the peers) inherits the namespace. Needs root.
set -euo pipefail
mkdir -p /tmp/bench-target
exec unshare --mount --propagation private bash -c 'mount -t tmpfs -o size=2g spindle-bench /tmp/bench-target && exec "$@"' bench "$@"

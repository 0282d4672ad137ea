#!/usr/bin/env bash
# Installs the native libraries Athar needs when a fresh machine lacks them (Debian packages).
# Safe to run repeatedly: it does nothing when everything is present.
set -euo pipefail
missing=()
# The cache is read whole before matching: `ldconfig -p | grep -q` under pipefail fails whenever grep's early exit
# kills ldconfig with SIGPIPE, and the library then looked missing (and apt-get ran) on most runs.
libraries="$(ldconfig -p 2>/dev/null || true)"
[[ "$libraries" == *libturbojpeg.so.0* ]] || missing+=(libturbojpeg0)
if [ "${ATHAR_NEED_BROWSER:-0}" = 1 ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

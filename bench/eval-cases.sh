#!/usr/bin/env bash
# Victim-case evaluation (issue 7): makes a fresh synthetic archive and measures, against its ground truth,
#   - digit accuracy on the held-out MNIST half (goal >= 98%)
#   - the exact-read rate per card number (detainee, branch, report; all digits right, nothing confirmed), twice:
#       per photo: each card photo's own reading (camera originals that show a card);
#       per case:  what an investigator is shown. The archive's photos are grouped as `athar cases read` groups
#                  them (the metadata, PDQ and card analyzers, PhotoFactsReader, CaseGrouper, NumberVote); each
#                  true case is matched with the proposed case holding most of its card photos, and a number is
#                  exact when that case's voted value equals the card's. Denominator: the true cases with a card
#                  photo (a case in no proposed case counts as wrong). Goal >= 90% each (docs/cards.md).
#     plus the per-case rate with the true grouping (the vote alone), to tell grouping errors from reading errors
#   - that grouping's pairwise precision and recall over camera originals (goal >= 0.95; docs/cases.md, "Evaluation")
#   - card reading time per photo
# Each measurement is one "name: value" line printed by bench/Athar.CaseEval.
#
#   bench/eval-cases.sh                          # 2,000 photos at 2048x1536, seed 11
#   EVAL_PHOTOS=3000 EVAL_SEED=5 bench/eval-cases.sh
#   EVAL_ARCHIVE=/tmp/synth bench/eval-cases.sh  # re-read an archive written earlier (made and kept there if absent)
#   EVAL_MISREADS=20 bench/eval-cases.sh         # also list the first misread photos and cases, and grouping errors
#   EVAL_SAVE_READINGS=r.json ...; EVAL_READINGS=r.json ...  # record the card findings; re-group and re-vote
#                                                # exactly those readings without running the reader (vote changes)
#   EVAL_WEIGHTS=a.bin.gz,b.bin.gz ...           # read with these trained weights files (averaged), not the committed ones
#   EVAL_CLEAN_READABLE=1 EVAL_ARCHIVE=DIR ...   # only the held-out accuracy and what the networks allow on DIR's cards
#                                                # (clean-readable numbers), reading no photo: seconds, to screen weights
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/ensure-native.sh"
dotnet build "$repo/bench/Athar.CaseEval/Athar.CaseEval.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
args=(--photos "${EVAL_PHOTOS:-2000}" --seed "${EVAL_SEED:-11}" --width "${EVAL_WIDTH:-2048}" --height "${EVAL_HEIGHT:-1536}" --misreads "${EVAL_MISREADS:-0}")
if [[ -n "${EVAL_ARCHIVE:-}" ]]; then args+=(--archive "$EVAL_ARCHIVE"); fi
if [[ -n "${EVAL_THREADS:-}" ]]; then args+=(--threads "$EVAL_THREADS"); fi
if [[ -n "${EVAL_SAVE_READINGS:-}" ]]; then args+=(--save-readings "$EVAL_SAVE_READINGS"); fi
if [[ -n "${EVAL_READINGS:-}" ]]; then args+=(--readings "$EVAL_READINGS"); fi
if [[ -n "${EVAL_WEIGHTS:-}" ]]; then args+=(--weights "$EVAL_WEIGHTS"); fi
if [[ -n "${EVAL_CLEAN_READABLE:-}" ]]; then args+=(--clean-readable); fi
exec dotnet "$repo/bench/Athar.CaseEval/bin/Release/net10.0/Athar.CaseEval.dll" "${args[@]}"

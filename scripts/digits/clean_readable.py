#!/usr/bin/env python3
"""How many of a synthetic archive's card numbers a set of digit networks reads right as clean MNIST images.

A number is clean-readable when no digit of it lies mostly under the case's cover and the networks, averaged,
read every one of its digits right as the clean 28x28 held-out sample the generator drew it from. The card
photos add blur, shadow and cuts, so the per-case exact-read rate of bench/eval-cases.sh comes out near or under
this count (docs/cards.md, "What the archive allows"; the same rule as bench/Athar.CaseEval/Legibility.cs).
It is a quick look, seconds per archive, at whether a candidate set of weights could lift the per-case rate at
all, before spending minutes per archive reading the photos with it (EVAL_WEIGHTS).

    python3 scripts/digits/clean_readable.py --weights a.bin.gz,b.bin.gz --archives /tmp/synth1,/tmp/synth2
    ... --turns 8    # also read each digit turned by -8 and +8 degrees and average (test-time rotation)

Each archive is a folder written by `athar synth` (or bench/eval-cases.sh with EVAL_ARCHIVE) with its
ground-truth.json. The held-out samples come from src/Athar.Synth/Resources/mnist-render.bin.gz.
"""
import argparse, gzip, json, math, os, struct, sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train  # noqa: E402  (read_weights, network_for)

ROLES = ("detainee", "branch", "report")
HIDDEN_SHARE = 0.5  # Legibility.HiddenShare


def held_out_samples(path):
    """The generator's rendering half ("ATMNIST1"): per digit, its first package index and its images."""
    raw = gzip.open(path, "rb").read()
    if raw[:8] != b"ATMNIST1":
        raise SystemExit(f"{path}: not an ATMNIST1 digit set")
    counts = struct.unpack("<10i", raw[8:48])
    firsts = struct.unpack("<10i", raw[48:88])
    images, offset = [], 88
    for d in range(10):
        n = counts[d] * 784
        images.append(torch.from_numpy(np.frombuffer(raw, np.uint8, n, offset).reshape(-1, 1, 28, 28).astype(np.float32) / 255))
        offset += n
    return firsts, images


def turned(x, degrees):
    a = math.radians(degrees)
    theta = torch.tensor([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0]], dtype=torch.float32)
    grid = F.affine_grid(theta.unsqueeze(0).repeat(x.shape[0], 1, 1), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


@torch.no_grad()
def read_right(networks, images, turns):
    """Per digit, a boolean array: is each held-out sample read as its own digit?"""
    looks = [0.0] + ([-turns, turns] if turns else [])
    right = []
    for d, x in enumerate(images):
        p = sum(F.softmax(net(turned(x, a) if a else x), 1) for net in networks for a in looks)
        right.append((p.argmax(1) == d).numpy())
    return right


def count(archive, firsts, right):
    truth = json.load(open(os.path.join(archive, "ground-truth.json")))
    readable, cases = [0, 0, 0], 0
    for case in truth["cases"]:
        cases += 1
        for line, role in enumerate(ROLES):
            number, digits = case["card"][role], case["cardDigits"][line]
            if len(digits) != len(number) or any(d["covered"] >= HIDDEN_SHARE for d in digits):
                continue
            if all(right[int(c)][d["sample"] - firsts[int(c)]] for c, d in zip(number, digits)):
                readable[line] += 1
    return readable, cases


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--weights", required=True, help="comma-separated weights files, averaged as the reader averages them")
    a.add_argument("--archives", required=True, help="comma-separated synthetic archive folders")
    a.add_argument("--turns", type=float, default=0, help="also read each digit turned by -/+ this many degrees")
    a.add_argument("--heldout", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src/Athar.Synth/Resources/mnist-render.bin.gz"))
    o = a.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    networks = []
    for path in o.weights.split(","):
        shape, values = train.read_weights(path)
        net = train.network_for(shape, 0.0)
        net.assign(values)
        networks.append(net.eval())
    firsts, images = held_out_samples(o.heldout)
    right = read_right(networks, images, o.turns)
    total = sum(len(r) for r in right)
    print(f"{len(networks)} networks{f', turned by +-{o.turns:g} degrees as well' if o.turns else ''}: "
          f"held-out {100 * sum(r.sum() for r in right) / total:.2f}% of {total}")
    for archive in o.archives.split(","):
        (detainee, branch, report), cases = count(archive, firsts, right)
        print(f"{archive}: clean-readable detainee {detainee}, branch {branch}, report {report} of {cases} cases "
              f"({100 * detainee / cases:.1f}% / {100 * branch / cases:.1f}% / {100 * report / cases:.1f}%)")


if __name__ == "__main__":
    main()

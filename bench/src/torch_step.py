"""The yardstick of `npm run bench`: one pix2pix training step of the official implementation
(pytorch-CycleGAN-and-pix2pix, models/pix2pix_model.py: optimize_parameters), timed like ours.

The networks are the official modules of shared/tools/official_nets.py (imported from --nets, not
copied): unet_<size> generator with batch norm and dropout, the n_layers PatchGAN, weights initialised
normal(0, 0.02) as the official init_weights('normal'). The step is the official order: G forward;
D update (fake detached, real; (D_fake + D_real) / 2; Adam); then the G update through the updated D
(GAN + 100 * L1; Adam). BCE-with-logits GAN loss (gan_mode 'vanilla'), Adam(lr 2e-4, betas (0.5, 0.999)),
batch 1, train mode. A step is timed until both losses are read back (.item()).

  python3 torch_step.py --nets /work/shared/tools --size 64 --depth 6 --ngf 16 --ndf 16 --n_layers 3 \
      --threads 1 --warmup 1 --runs 5

Prints one JSON object on stdout (the TypeScript runner decodes it):
  {"torch": "1.13.0", "threads": 1, "size": 64, "initMs": ..., "firstStepMs": ..., "samples": [ms, ...]}
Exit 1 with a one-line reason on stderr when anything fails.
"""
import argparse
import json
import sys
import time


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--nets', required=True, help='folder holding official_nets.py')
    p.add_argument('--size', type=int, required=True)
    p.add_argument('--depth', type=int, required=True, help='U-Net downsamplings (size = 2 ** depth)')
    p.add_argument('--ngf', type=int, required=True)
    p.add_argument('--ndf', type=int, required=True)
    p.add_argument('--n_layers', type=int, default=3)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--warmup', type=int, default=1)
    p.add_argument('--runs', type=int, default=5)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--profile', type=int, default=0, help='then profile this many steps: per-op self CPU ms per step')
    return p.parse_args(argv)


def profile_ops(torch, step, steps):
    """Self CPU ms per step by op name over `steps` profiled steps; everything under the 'adam'
    record_function scope (the optimiser steps) is summed as 'adam'."""
    with torch.autograd.profiler.profile() as prof:
        for _ in range(steps):
            step()
    totals = {}
    for e in prof.function_events:
        name, up = e.name, e.cpu_parent
        while up is not None:
            if up.name == 'adam':
                name = 'adam'
                break
            up = up.cpu_parent
        totals[name] = totals.get(name, 0.0) + e.self_cpu_time_total / 1000.0
    return sorted(({'name': k, 'ms': v / steps} for k, v in totals.items()), key=lambda o: -o['ms'])


def main(argv):
    a = parse(argv)
    sys.path.insert(0, a.nets)
    import torch
    import torch.nn as nn
    import official_nets as official

    if 2 ** a.depth != a.size:
        raise ValueError(f'--size {a.size} is not 2 ** --depth {a.depth}')
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    t0 = time.perf_counter()
    net_g = official.build(f'unet_{a.size}', 3, 3, ngf=a.ngf, norm='batch', use_dropout=True)
    net_d = official.build('n_layers', 6, ndf=a.ndf, n_layers_D=a.n_layers, norm='batch')

    def init_weights(m):  # the official init_weights, init_type 'normal', gain 0.02
        name = m.__class__.__name__
        if hasattr(m, 'weight') and ('Conv' in name or 'Linear' in name):
            nn.init.normal_(m.weight.data, 0.0, 0.02)
            if getattr(m, 'bias', None) is not None:
                nn.init.constant_(m.bias.data, 0.0)
        elif 'BatchNorm2d' in name:
            nn.init.normal_(m.weight.data, 1.0, 0.02)
            nn.init.constant_(m.bias.data, 0.0)

    net_g.apply(init_weights)
    net_d.apply(init_weights)
    net_g.train()
    net_d.train()
    opt_g = torch.optim.Adam(net_g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(net_d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    gan = nn.BCEWithLogitsLoss()
    l1 = nn.L1Loss()
    lambda_l1 = 100.0
    # The same deterministic pair as the TypeScript side (bench/src/measure.ts), NCHW here.
    n = a.size * a.size * 3
    flat = torch.sin(torch.arange(n, dtype=torch.float32) * 0.37)
    real_a = flat.reshape(1, a.size, a.size, 3).permute(0, 3, 1, 2).contiguous()
    real_b = torch.tanh(1.5 * real_a)
    init_ms = (time.perf_counter() - t0) * 1000

    def set_requires_grad(net, flag):
        for p in net.parameters():
            p.requires_grad = flag

    def step():
        fake_b = net_g(real_a)
        # D update
        set_requires_grad(net_d, True)
        opt_d.zero_grad()
        pred_fake = net_d(torch.cat((real_a, fake_b), 1).detach())
        loss_d_fake = gan(pred_fake, torch.zeros_like(pred_fake))
        pred_real = net_d(torch.cat((real_a, real_b), 1))
        loss_d_real = gan(pred_real, torch.ones_like(pred_real))
        loss_d = (loss_d_fake + loss_d_real) * 0.5
        loss_d.backward()
        with torch.autograd.profiler.record_function('adam'):
            opt_d.step()
        # G update through the updated D
        set_requires_grad(net_d, False)
        opt_g.zero_grad()
        pred_fake = net_d(torch.cat((real_a, fake_b), 1))
        loss_g = gan(pred_fake, torch.ones_like(pred_fake)) + l1(fake_b, real_b) * lambda_l1
        loss_g.backward()
        with torch.autograd.profiler.record_function('adam'):
            opt_g.step()
        return loss_d.item(), loss_g.item()

    def timed():
        t = time.perf_counter()
        step()
        return (time.perf_counter() - t) * 1000

    first = timed()
    for _ in range(1, a.warmup):
        step()
    samples = [timed() for _ in range(a.runs)]
    out = {
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'size': a.size,
        'initMs': init_ms,
        'firstStepMs': first,
        'samples': samples,
    }
    if a.profile > 0:
        out['ops'] = profile_ops(torch, step, a.profile)
    print(json.dumps(out))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception as e:  # one line for the runner's skip reason
        print(f'torch_step.py: {type(e).__name__}: {e}', file=sys.stderr)
        sys.exit(1)

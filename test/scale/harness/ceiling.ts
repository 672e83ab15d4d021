// The throughput ratio an ideal queue reaches for a batch's shape: a short batch of staggered arrivals leaves slots idle
// while its first runs arrive and while its last ones finish, and that costs two workers proportionally more than one.
// The scale results print it next to the measured ratio so a reader can tell the batch's shape from the workers. It is
// not a hard bound: overhead paid once per run (a poll before a queued job is noticed) costs one worker more.

/**
 * When the last of `arrivalsS` (seconds from the batch's start, in confirm order) would finish if `slots` runs of
 * `runS` seconds each execute in arrival order with no overhead at all: each run starts when it has arrived and a slot
 * is free.
 */
export function idealMakespanS(arrivalsS: number[], slots: number, runS: number): number {
  const freeAt = Array.from({ length: slots }, () => 0);
  let end = 0;
  for (const arrival of [...arrivalsS].sort((a, b) => a - b)) {
    const slot = freeAt.indexOf(Math.min(...freeAt));
    const start = Math.max(arrival, freeAt[slot]!);
    freeAt[slot] = start + runS;
    end = Math.max(end, freeAt[slot]!);
  }
  return end;
}

/** The ratio of `workers` workers over one for `runs` runs confirmed `gapS` apart, each worker running `concurrency`. */
export function ratioCeiling(runs: number, gapS: number, concurrency: number, workers: number, runS: number): number {
  const arrivals = Array.from({ length: runs }, (_, i) => i * gapS);
  const ratio = idealMakespanS(arrivals, concurrency, runS) / idealMakespanS(arrivals, concurrency * workers, runS);
  return Math.round(ratio * 100) / 100;
}

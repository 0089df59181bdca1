/**
 * Collects the client randoms whose secrets changed and hands them over once a burst is over: a browser
 * appends a key log line per secret (five for a TLS 1.3 connection), and each lane should be dissected
 * again once for them, not five times. Dissecting a lane again costs time in proportion to its size, so
 * while a browser keeps connecting the queue waits at least four times as long as the last pass took: the
 * engine spends at most a fifth of its time on it, however large the lane.
 */
const SETTLE_MS = 30;
const WAIT_PER_PASS = 4;

export class RedissectQueue {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private lastPassMs = 0;

  constructor(private readonly apply: (randoms: ReadonlySet<string>) => void) {}

  add(randoms: Iterable<string>): void {
    for (const random of randoms) this.pending.add(random);
    if (this.pending.size === 0 || this.timer) return;
    // Not unref'd: a host waiting only for the lane's progress must not exit before the pass (dispose cancels it).
    this.timer = setTimeout(() => this.flush(), Math.max(SETTLE_MS, WAIT_PER_PASS * this.lastPassMs));
  }

  /** Applies what is pending now (tests and the CLI do not wait for the timer). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const randoms = this.pending;
    this.pending = new Set();
    if (randoms.size === 0) return;
    const started = performance.now();
    try {
      this.apply(randoms);
    } finally {
      this.lastPassMs = performance.now() - started;
    }
  }

  /** Stops a pending pass (the engine is disposed). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}

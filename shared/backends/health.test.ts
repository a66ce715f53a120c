import { describe, expect, it } from "vitest";
import { BackendHealth, type BackendHealthOptions } from "./health.js";

const A = { id: "0021/weur-0" };
const B = { id: "0021/enam-0" };

function setup(options: BackendHealthOptions = {}) {
  const clock = { t: 1_000_000 };
  const health = new BackendHealth({ now: () => clock.t, ...options });
  const fail = (backend = A, times = 1) => {
    for (let i = 0; i < times; i++) health.recordFailure(backend);
  };
  return { clock, health, fail };
}

describe("hedgeDelay", () => {
  it("is the default until enough samples exist", () => {
    const { health } = setup();
    expect(health.hedgeDelay(A)).toBe(300);
    for (let i = 0; i < 7; i++) health.recordSuccess(A, 10);
    expect(health.hedgeDelay(A)).toBe(300);
    health.recordSuccess(A, 10);
    expect(health.hedgeDelay(A)).toBe(50); // p90 = 10, clamped up to the minimum
  });
  it("is the p90 of recent latencies, clamped", () => {
    const { health } = setup();
    for (let ms = 1; ms <= 100; ms++) health.recordSuccess(A, ms * 10); // ring keeps 370…1000
    expect(health.hedgeDelay(A)).toBe(940);
    for (let i = 0; i < 64; i++) health.recordSuccess(B, 60_000);
    expect(health.hedgeDelay(B)).toBe(2_000);
  });
  it("forgets old latencies (ring of 64)", () => {
    const { health } = setup();
    for (let i = 0; i < 64; i++) health.recordSuccess(A, 1_500);
    for (let i = 0; i < 64; i++) health.recordSuccess(A, 100);
    expect(health.hedgeDelay(A)).toBe(100);
    expect(health.snapshot()[0].samples).toBe(64);
  });
  it("honours its options", () => {
    const { health } = setup({ minSamples: 1, minHedgeMs: 5, maxHedgeMs: 20, defaultHedgeMs: 7 });
    expect(health.hedgeDelay(A)).toBe(7);
    health.recordSuccess(A, 12);
    expect(health.hedgeDelay(A)).toBe(12);
  });
});

describe("circuit breaker", () => {
  it("opens after 3 consecutive failures; a success in between resets the count", () => {
    const { health, fail } = setup();
    fail(A, 2);
    health.recordSuccess(A, 5);
    fail(A, 2);
    expect(health.state(A)).toBe("closed");
    expect(health.isAvailable(A)).toBe(true);
    fail(A);
    expect(health.state(A)).toBe("open");
    expect(health.isAvailable(A)).toBe(false);
    expect(health.tryAcquire(A)).toBeUndefined();
    expect(health.isAvailable(B)).toBe(true);
  });

  it("lets exactly one probe through after the cool-down; success closes it", () => {
    const { health, fail, clock } = setup();
    fail(A, 3);
    clock.t += 9_999;
    expect(health.state(A)).toBe("open");
    clock.t += 1;
    expect(health.state(A)).toBe("half-open");
    expect(health.isAvailable(A)).toBe(true);
    const probe = health.tryAcquire(A);
    expect(probe?.probe).toBeGreaterThan(0);
    expect(health.isAvailable(A)).toBe(false);
    expect(health.tryAcquire(A)).toBeUndefined();
    health.recordSuccess(A, 20, probe);
    expect(health.state(A)).toBe("closed");
    expect(health.tryAcquire(A)).toEqual({ probe: 0 });
    expect(health.tryAcquire(A)).toEqual({ probe: 0 });
  });

  it("re-opens on a failed probe with the cool-down doubled, up to 120 s, and resets it on success", () => {
    const { health, fail, clock } = setup();
    fail(A, 3);
    const coolDowns: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { openUntil } = health.snapshot()[0];
      coolDowns.push(openUntil! - clock.t);
      clock.t = openUntil!;
      const probe = health.tryAcquire(A);
      expect(probe).toBeDefined();
      health.recordFailure(A, probe);
      expect(health.state(A)).toBe("open");
    }
    expect(coolDowns).toEqual([10_000, 20_000, 40_000, 80_000, 120_000, 120_000]);
    clock.t = health.snapshot()[0].openUntil!;
    health.recordSuccess(A, 1, health.tryAcquire(A));
    fail(A, 3);
    expect(health.snapshot()[0].openUntil! - clock.t).toBe(10_000);
  });

  it("does not stretch the cool-down on late failures of requests sent before it opened", () => {
    const { health, fail, clock } = setup();
    fail(A, 3);
    const { openUntil } = health.snapshot()[0];
    clock.t += 5_000;
    fail(A, 2);
    expect(health.snapshot()[0].openUntil).toBe(openUntil);
  });

  it("frees the probe when it is cancelled, or when it never reports back", () => {
    const { health, fail, clock } = setup();
    fail(A, 3);
    clock.t += 10_000;
    health.recordCancelled(A, health.tryAcquire(A));
    expect(health.state(A)).toBe("half-open");
    expect(health.tryAcquire(A)).toBeDefined();
    clock.t += 119_999;
    expect(health.tryAcquire(A)).toBeUndefined();
    clock.t += 1;
    expect(health.tryAcquire(A)).toBeDefined();
  });

  it("tracks the probe by its token: other requests' failures and cancellations leave it alone", () => {
    const { health, fail, clock } = setup();
    fail(A, 3);
    clock.t += 10_000;
    const probe = health.tryAcquire(A)!;
    // A hedge loser sent before the breaker opened is cancelled: the probe keeps its slot.
    health.recordCancelled(A, { probe: 0 });
    expect(health.tryAcquire(A)).toBeUndefined();
    // A late failure of an older request does not re-open (or stretch) the breaker.
    const before = health.snapshot()[0];
    fail(A);
    expect(health.snapshot()[0]).toMatchObject({ state: "half-open", openUntil: before.openUntil, probeInFlight: true });
    // A stale probe token (an earlier probe that reported after a new one was handed out) is ignored too.
    health.recordFailure(A, { probe: probe.probe + 1000 });
    expect(health.state(A)).toBe("half-open");
    health.recordFailure(A, probe);
    expect(health.state(A)).toBe("open");
  });

  it("honours threshold and cool-down options", () => {
    const { health, fail, clock } = setup({ failureThreshold: 1, coolDownMs: 100, maxCoolDownMs: 150 });
    fail(A);
    expect(health.state(A)).toBe("open");
    clock.t += 100;
    health.recordFailure(A, health.tryAcquire(A));
    expect(health.snapshot()[0].openUntil! - clock.t).toBe(150);
  });
});

describe("snapshot", () => {
  it("lists every backend seen, sorted, without live references", () => {
    const { health, fail } = setup();
    expect(health.snapshot()).toEqual([]);
    health.recordSuccess(B, 100);
    health.recordSuccess(B, 300);
    fail(A, 3);
    const snapshot = health.snapshot();
    expect(snapshot).toEqual([
      { id: "0021/enam-0", state: "closed", consecutiveFailures: 0, coolDownMs: 10_000, probeInFlight: false, samples: 2, p50Ms: 100, p90Ms: 300, hedgeDelayMs: 300 },
      { id: "0021/weur-0", state: "open", consecutiveFailures: 3, openUntil: 1_010_000, coolDownMs: 10_000, probeInFlight: false, samples: 0, hedgeDelayMs: 300 },
    ]);
    health.recordSuccess(A, 1);
    expect(snapshot[1].state).toBe("open");
  });
});

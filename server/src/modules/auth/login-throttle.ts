import { rateLimited } from "../../errors.js";

interface Window {
  count: number;
  resetAt: number;
  lastAttemptAt: number;
}

/** Counts failures per key in fixed windows; forgets old keys so memory stays bounded. */
class FailureCounter {
  private readonly windows = new Map<string, Window>();
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  get(key: string, now: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  fail(key: string, now: number): void {
    const w = this.get(key, now);
    if (w) {
      w.count++;
      w.lastAttemptAt = now;
      return;
    }
    if (this.windows.size >= this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    this.windows.set(key, { count: 1, resetAt: now + this.windowMs, lastAttemptAt: now });
  }

  touch(key: string, now: number): void {
    const w = this.get(key, now);
    if (w) w.lastAttemptAt = now;
  }

  clear(key: string): void {
    this.windows.delete(key);
  }
}

export interface LoginThrottleOptions {
  windowMs: number;
  /** Failures allowed per (account, address) pair before it must wait for the window. */
  perPair: number;
  /** Failures allowed per address (any accounts) before it must wait for the window. */
  perAddress: number;
  /** Failures on one account (any address) after which it may be tried only once per `slowMs`. */
  perAccount: number;
  slowMs: number;
}

const DEFAULTS: LoginThrottleOptions = {
  windowMs: 15 * 60_000,
  perPair: 5,
  perAddress: 30,
  perAccount: 10,
  slowMs: 5_000,
};

/**
 * Slows password guessing per account and per address without letting an attacker lock a real
 * user out: the hard limits apply to the attacker's own address (and address+account pair);
 * an account attacked from many addresses is only slowed to one try every few seconds, which a
 * real user barely notices.
 */
export class LoginThrottle {
  private readonly pairs: FailureCounter;
  private readonly addresses: FailureCounter;
  private readonly accounts: FailureCounter;
  private readonly opts: LoginThrottleOptions;

  constructor(opts: Partial<LoginThrottleOptions> = {}) {
    this.opts = { ...DEFAULTS, ...opts };
    this.pairs = new FailureCounter(this.opts.windowMs);
    this.addresses = new FailureCounter(this.opts.windowMs);
    this.accounts = new FailureCounter(this.opts.windowMs);
  }

  /** Throw RATE_LIMITED (with the seconds to wait) if this attempt must not be tried now. */
  check(email: string, address: string, now = Date.now()): void {
    const pair = this.pairs.get(`${email}|${address}`, now);
    if (pair && pair.count >= this.opts.perPair)
      throw rateLimited((pair.resetAt - now) / 1000, "Too many failed logins; please wait");
    const addr = this.addresses.get(address, now);
    if (addr && addr.count >= this.opts.perAddress)
      throw rateLimited((addr.resetAt - now) / 1000, "Too many failed logins; please wait");
    const account = this.accounts.get(email, now);
    if (account && account.count >= this.opts.perAccount) {
      const wait = account.lastAttemptAt + this.opts.slowMs - now;
      if (wait > 0)
        throw rateLimited(wait / 1000, "Too many failed logins for this account; please wait a moment");
      this.accounts.touch(email, now);
    }
  }

  failed(email: string, address: string, now = Date.now()): void {
    this.pairs.fail(`${email}|${address}`, now);
    this.addresses.fail(address, now);
    this.accounts.fail(email, now);
  }

  succeeded(email: string, address: string): void {
    this.pairs.clear(`${email}|${address}`);
  }
}

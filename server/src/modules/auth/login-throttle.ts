import { rateLimited } from "../../errors.js";
import { addressKey } from "../../lib/address.js";
import { createMemoryFailureStore, type FailureStore } from "../../lib/failure-store.js";

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
  private readonly opts: LoginThrottleOptions;

  /**
   * `store` counts the failures (in-process, or in Redis so that every node counts the same);
   * `name` keeps this throttle's keys apart from other throttles sharing the store.
   */
  constructor(
    opts: Partial<LoginThrottleOptions> = {},
    private readonly store: FailureStore = createMemoryFailureStore(),
    private readonly name = "login",
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  private key(kind: "pair" | "addr" | "acct", id: string): string {
    return `${this.name}:${kind}:${id}`;
  }

  /** Throw RATE_LIMITED (with the seconds to wait) if this attempt must not be tried now. */
  async check(email: string, address: string, now = Date.now()): Promise<void> {
    const [pair, addr, account] = await Promise.all([
      this.store.get(this.key("pair", `${email}|${address}`), now),
      this.store.get(this.key("addr", address), now),
      this.store.get(this.key("acct", email), now),
    ]);
    if (pair && pair.count >= this.opts.perPair)
      throw rateLimited((pair.resetAt - now) / 1000, "Too many failed logins; please wait");
    if (addr && addr.count >= this.opts.perAddress)
      throw rateLimited((addr.resetAt - now) / 1000, "Too many failed logins; please wait");
    if (account && account.count >= this.opts.perAccount) {
      const wait = account.lastAttemptAt + this.opts.slowMs - now;
      if (wait > 0)
        throw rateLimited(wait / 1000, "Too many failed logins for this account; please wait a moment");
      await this.store.touch(this.key("acct", email), now);
    }
  }

  async failed(email: string, address: string, now = Date.now()): Promise<void> {
    const w = this.opts.windowMs;
    await Promise.all([
      this.store.fail(this.key("pair", `${email}|${address}`), now, w),
      this.store.fail(this.key("addr", address), now, w),
      this.store.fail(this.key("acct", email), now, w),
    ]);
  }

  async succeeded(email: string, address: string): Promise<void> {
    await this.store.clear(this.key("pair", `${email}|${address}`));
  }
}

/**
 * Self-registrations per network (IPv4 address or IPv6 /64) per hour, counted in the same store
 * as login failures (shared by every node with REDIS_URL).
 */
export class RegistrationLimit {
  constructor(
    private readonly store: FailureStore,
    private readonly perHour: number,
  ) {}

  /** Count one registration from `address`, or throw RATE_LIMITED if its network used them up. */
  async take(address: string, now = Date.now()): Promise<void> {
    const key = `register:addr:${addressKey(address)}`;
    const w = await this.store.get(key, now);
    if (w && w.count >= this.perHour)
      throw rateLimited((w.resetAt - now) / 1000, "Too many registrations from this network; please wait");
    await this.store.fail(key, now, 60 * 60_000);
  }
}

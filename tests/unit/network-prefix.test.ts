import { describe, expect, it } from "vitest";
import { networkPrefix } from "../../server/src/lib/network-prefix.js";

describe("networkPrefix", () => {
  it("keeps an IPv4 address (also IPv4-mapped IPv6) whole", () => {
    expect(networkPrefix("203.0.113.7")).toBe("203.0.113.7");
    expect(networkPrefix("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("gives every address of one IPv6 /64 the same key, however it is written", () => {
    const a = networkPrefix("2001:db8:1:2::1");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(networkPrefix("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe(a);
    expect(networkPrefix("2001:db8:1:2:0:0:0:9%eth0")).toBe(a);
    expect(networkPrefix("2001:db8:1:3::1")).not.toBe(a);
    expect(networkPrefix("::1")).toBe("0:0:0:0::/64");
  });

  it("has a key for a missing address", () => {
    expect(networkPrefix(undefined)).toBe("unknown");
  });
});

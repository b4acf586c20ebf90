import { isIPv4, isIPv6 } from "node:net";

/**
 * The network an address belongs to, for limits an attacker should not escape by changing
 * address: an IPv4 address itself, or the /64 of an IPv6 address (one home or phone usually
 * holds a whole /64, so counting full IPv6 addresses would be no limit at all).
 */
export function networkPrefix(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight hextets of an IPv6 address (zone id dropped, `::` filled in, lower case). */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("%")[0]!.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((h) => h.replace(/^0+(?=.)/, ""));
}

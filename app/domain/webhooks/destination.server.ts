/**
 * Where a webhook may be sent (decision 038): the SSRF guard. A subscription's address is resolved
 * and every address it resolves to is checked against the private, loopback, link-local and other
 * special-purpose ranges; the request then connects to the address that was checked (no second
 * lookup an attacker's DNS could answer differently). Private destinations only when an
 * administrator allowed them on the subscription; plain http only then too (data about suppliers
 * does not cross the internet unencrypted).
 */
import { BlockList, isIP } from "node:net";
import { lookup } from "node:dns/promises";
import { Invalid } from "../errors";

const special = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) special.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32], ["100::", 64]] as const) special.addSubnet(net, prefix, "ipv6");

/** Whether an address is private, loopback or otherwise not a public internet host. */
export function isSpecialAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return special.check(address, "ipv4");
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    return mapped ? special.check(mapped, "ipv4") : special.check(address, "ipv6");
  }
  return true;
}

/** The address to connect to for `url`, or a refusal naming the field "url". */
export async function checkedDestination(url: string, allowPrivate: boolean): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Invalid("url", "api:webhooks.errors.url");
  }
  if (parsed.protocol !== "https:" && !(allowPrivate && parsed.protocol === "http:")) throw new Invalid("url", "api:webhooks.errors.https");
  if (parsed.username || parsed.password) throw new Invalid("url", "api:webhooks.errors.credentials");
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
  } catch {
    throw new Invalid("url", "api:webhooks.errors.unresolved", { host });
  }
  if (addresses.length === 0) throw new Invalid("url", "api:webhooks.errors.unresolved", { host });
  // Every address must pass: a name that resolves to one public and one private address is refused.
  if (!allowPrivate && addresses.some((a) => isSpecialAddress(a.address))) throw new Invalid("url", "api:webhooks.errors.private", { host });
  const first = addresses[0]!;
  return { url: parsed, address: first.address, family: first.family === 6 ? 6 : 4 };
}

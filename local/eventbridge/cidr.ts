import { isIPv4, isIPv6 } from 'node:net';

/** An IP block as EventBridge's `cidr` operator understands it: IPv4 or IPv6, never mixed. */
export interface IpBlock {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly mask: bigint;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An IPv6 address may end in dotted IPv4 form (e.g. ::ffff:10.0.0.1): turn it into two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4ToBigInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - headParts.length - tailParts.length;
  const hextets = [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
  return hextets.reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part, 16)), 0n);
}

/** Parses a plain address (no prefix length); undefined when the text is not an IP address. */
export function parseIpAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIPv4(text)) return { family: 4, value: ipv4ToBigInt(text) };
  if (isIPv6(text) && !text.includes('%')) return { family: 6, value: ipv6ToBigInt(text) };
  return undefined;
}

/** Parses `10.0.0.0/24` or `2001:db8::/32`; undefined when the block is not valid CIDR notation. */
export function parseCidr(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpAddress(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(lengthText)) return undefined;
  const bits = address.family === 4 ? IPV4_BITS : IPV6_BITS;
  const prefixLength = Number(lengthText);
  if (prefixLength > bits) return undefined;
  const all = (1n << BigInt(bits)) - 1n;
  const mask = (all << BigInt(bits - prefixLength)) & all;
  return { family: address.family, network: address.value & mask, mask };
}

export function ipInBlock(text: string, block: IpBlock): boolean {
  const address = parseIpAddress(text);
  if (!address || address.family !== block.family) return false;
  return (address.value & block.mask) === block.network;
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Reply addresses and answer-link tokens. Both carry an opaque id (the DynamoDB key of the question)
 * and an HMAC over it, so a guessed or edited address never reaches the table. Task tokens never
 * appear here: they stay in DynamoDB.
 */

export type HmacKey = string | Uint8Array;
/** One key, or the keys a signature may verify against (current first, then a previous one in its grace). */
export type HmacKeys = HmacKey | readonly HmacKey[];

function keyList(keys: HmacKeys): readonly HmacKey[] {
  const list = typeof keys === 'string' || keys instanceof Uint8Array ? [keys] : keys;
  if (list.length === 0) throw new Error('There is no key to verify with: pass the current signing key.');
  for (const key of list) checkedKey(key);
  return list;
}

// RFC 4648 base32 in lower case: mail systems lowercase local parts, and these letters survive it.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const OPAQUE_ID_BYTES = 15; // 120 bits, exactly 24 base32 characters
const ADDRESS_MAC_BYTES = 10; // 80 bits: the local part must stay under 64 characters
const MIN_KEY_BYTES = 32;
const OPAQUE_ID = /^[a-z2-7]{24}$/;
const LOCAL_PART = /^reply\+([a-z2-7]{24})\.([a-z2-7]{16})$/;
// The unsubscribe and concern tokens: `<standing opaque id>.<base64url HMAC-SHA-256>`.
const STANDING_TOKEN = /^([a-z2-7]{24})\.([A-Za-z0-9_-]{43})$/;

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function checkedKey(key: HmacKey): Uint8Array {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (bytes.length < MIN_KEY_BYTES) {
    throw new Error(`The reply signing key is ${bytes.length} bytes long; use at least ${MIN_KEY_BYTES} random bytes (the secret in Secrets Manager).`);
  }
  return bytes;
}

// Each use gets its own label so an address MAC can never be replayed as a link MAC or vice versa.
function mac(key: HmacKey, label: string, data: string): Buffer {
  return createHmac('sha256', checkedKey(key)).update(`${label}\n${data}`).digest();
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh random opaque id: 24 lower-case base32 characters. */
export function newOpaqueId(): string {
  return base32(randomBytes(OPAQUE_ID_BYTES));
}

function addressMac(opaqueId: string, key: HmacKey): string {
  return base32(mac(key, 'crossgen-reply-address', opaqueId).subarray(0, ADDRESS_MAC_BYTES));
}

/** `reply+<opaqueId>.<hmac>@<inboundDomain>` */
export function replyAddress(opaqueId: string, key: HmacKey, inboundDomain: string): string {
  if (!OPAQUE_ID.test(opaqueId)) {
    throw new Error('The opaque id must be 24 lower-case base32 characters; create it with newOpaqueId().');
  }
  return `reply+${opaqueId}.${addressMac(opaqueId, key)}@${inboundDomain.toLowerCase()}`;
}

export type ReplyAddressError = 'not-a-reply-address' | 'wrong-domain' | 'bad-signature';

/**
 * Reads a recipient address ("reply+...@domain" or "Name <reply+...@domain>"). Case does not matter:
 * some mail systems lowercase or uppercase whole addresses on the way.
 */
export function parseReplyAddress(address: string, keys: HmacKeys, inboundDomain: string): { opaqueId: string } | { error: ReplyAddressError } {
  const list = keyList(keys);
  const read = readReplyAddress(address, inboundDomain);
  if ('error' in read) return read;
  const { opaqueId, given } = read;
  const signedWithOne = list.some((key) => sameBytes(Buffer.from(given), Buffer.from(addressMac(opaqueId, key))));
  return signedWithOne ? { opaqueId } : { error: 'bad-signature' };
}

/** The opaque id and signature of one of our reply addresses, nothing verified. */
function readReplyAddress(address: string, inboundDomain: string): { opaqueId: string; given: string } | { error: 'not-a-reply-address' | 'wrong-domain' } {
  const bracketed = /<([^<>]*)>\s*$/.exec(address);
  const bare = (bracketed?.[1] ?? address).trim().toLowerCase();
  const at = bare.lastIndexOf('@');
  if (at < 0) return { error: 'not-a-reply-address' };
  const match = LOCAL_PART.exec(bare.slice(0, at));
  if (!match) return { error: 'not-a-reply-address' };
  if (bare.slice(at + 1) !== inboundDomain.toLowerCase()) return { error: 'wrong-domain' };
  const [, opaqueId = '', given = ''] = match;
  return { opaqueId, given };
}

/**
 * The opaque id a well-formed reply address for our domain names, its signature unchecked: what a
 * standing address signed with a retired key is looked up by (domain/replies/standing-credential.ts).
 */
export function claimedReplyAddressId(address: string, inboundDomain: string): string | undefined {
  const read = readReplyAddress(address, inboundDomain);
  return 'error' in read ? undefined : read.opaqueId;
}

export interface AnswerTokenPayload {
  readonly opaqueId: string;
  /** What the link answers, e.g. "yes", "no", "4". */
  readonly choice: string;
  /** ISO-8601 instant after which the link no longer records anything. */
  readonly expiresAt: string;
}

/** A URL-safe token `<base64url payload>.<base64url hmac>` for the answer page `/r/{token}`. */
export function signAnswerToken(payload: AnswerTokenPayload, key: HmacKey): string {
  if (!OPAQUE_ID.test(payload.opaqueId)) {
    throw new Error('The opaque id must be 24 lower-case base32 characters; create it with newOpaqueId().');
  }
  if (!payload.choice || payload.choice.length > 64) {
    throw new Error('An answer link needs a choice of 1 to 64 characters, such as "yes" or "4".');
  }
  if (Number.isNaN(Date.parse(payload.expiresAt))) {
    throw new Error(`The expiry "${payload.expiresAt}" is not an ISO-8601 date; pass e.g. new Date().toISOString().`);
  }
  const body = Buffer.from(JSON.stringify({ o: payload.opaqueId, c: payload.choice, e: payload.expiresAt }), 'utf8').toString('base64url');
  return `${body}.${mac(key, 'crossgen-answer-link', body).toString('base64url')}`;
}

export function verifyAnswerToken(token: string, keys: HmacKeys, now: Date): AnswerTokenPayload | { error: 'expired' | 'invalid' } {
  const payload = readAnswerToken(token, keys);
  if ('error' in payload) return payload;
  return now.getTime() >= Date.parse(payload.expiresAt) ? { error: 'expired' } : payload;
}

/**
 * The payload of an answer link signed with one of the keys, expired or not: the answer page
 * decides what an expired link may still open (the reminder's question, domain/answer-link.ts).
 */
export function readAnswerToken(token: string, keys: HmacKeys): AnswerTokenPayload | { error: 'invalid' } {
  const list = keyList(keys);
  const parts = typeof token === 'string' ? token.split('.') : [];
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature || !/^[A-Za-z0-9_-]+$/.test(body + signature)) {
    return { error: 'invalid' };
  }
  const given = canonicalBase64url(signature);
  if (!list.some((key) => sameBytes(given, mac(key, 'crossgen-answer-link', body)))) {
    return { error: 'invalid' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { error: 'invalid' };
  }
  const { o, c, e } = (decoded ?? {}) as Record<string, unknown>;
  if (typeof o !== 'string' || typeof c !== 'string' || typeof e !== 'string') return { error: 'invalid' };
  if (Number.isNaN(Date.parse(e))) return { error: 'invalid' };
  return { opaqueId: o, choice: c, expiresAt: e };
}

/**
 * The one-click unsubscribe token of `/u/{token}` (RFC 8058): the person's standing opaque id and
 * an HMAC over it under its own label, so neither a reply address nor an answer link can be
 * turned into one. It has no expiry: it names the standing address, which lasts as long as the
 * person is enrolled, and it is checked against the current and previous signing keys (and, once
 * its key is retired, vouched for by the stored standing address: standing-credential.ts).
 */
export function signUnsubscribeToken(opaqueId: string, key: HmacKey): string {
  if (!OPAQUE_ID.test(opaqueId)) {
    throw new Error('The opaque id must be 24 lower-case base32 characters; create it with newOpaqueId().');
  }
  return `${opaqueId}.${mac(key, 'crossgen-unsubscribe', opaqueId).toString('base64url')}`;
}

/**
 * The bytes of a base64url text, or none when the text is not their one encoding: a signature whose
 * last character's unused bits were edited decodes to the same bytes, and must not verify.
 */
function canonicalBase64url(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : Buffer.alloc(0);
}

export function verifyUnsubscribeToken(token: string, keys: HmacKeys): { opaqueId: string } | { error: 'invalid' } {
  return verifyStandingToken(token, keys, 'crossgen-unsubscribe');
}

function verifyStandingToken(token: string, keys: HmacKeys, label: string): { opaqueId: string } | { error: 'invalid' } {
  const list = keyList(keys);
  const match = typeof token === 'string' ? STANDING_TOKEN.exec(token) : null;
  if (!match) return { error: 'invalid' };
  const [, opaqueId = '', signature = ''] = match;
  const given = canonicalBase64url(signature);
  return list.some((key) => sameBytes(given, mac(key, label, opaqueId))) ? { opaqueId } : { error: 'invalid' };
}

/**
 * The opaque id a well-formed unsubscribe or concern token names, its signature unchecked: what a
 * token signed with a retired key is looked up by (domain/replies/standing-credential.ts).
 */
export function claimedStandingTokenId(token: string): string | undefined {
  const match = typeof token === 'string' ? STANDING_TOKEN.exec(token) : null;
  return match?.[1];
}

/**
 * The private concern form's token (`/c/{token}`): the person's standing opaque id and an HMAC
 * under its own label, so that no other link or address can be turned into one. No expiry, like
 * the standing address it names.
 */
export function signConcernToken(opaqueId: string, key: HmacKey): string {
  if (!OPAQUE_ID.test(opaqueId)) {
    throw new Error('The opaque id must be 24 lower-case base32 characters; create it with newOpaqueId().');
  }
  return `${opaqueId}.${mac(key, 'crossgen-concern', opaqueId).toString('base64url')}`;
}

export function verifyConcernToken(token: string, keys: HmacKeys): { opaqueId: string } | { error: 'invalid' } {
  return verifyStandingToken(token, keys, 'crossgen-concern');
}

/** The RFC 2369 / RFC 8058 headers for a one-click unsubscribe link (an https URL in production). */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  if (!/^https?:\/\/[^\s<>]+$/.test(url)) throw new Error(`The unsubscribe link must be an http(s) URL without spaces or angle brackets, not "${url}".`);
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** What a data-rights confirm link (`/d/{token}`) asks for, for whom, until when. */
export interface DataRightsTokenPayload {
  readonly participantId: string;
  readonly request: 'data' | 'erase';
  /** ISO-8601 instant after which the link does nothing. */
  readonly expiresAt: string;
}

const PARTICIPANT_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The confirm link of a DATA or ERASE reply: `<base64url payload>.<base64url hmac>` under its own
 * label, so that no answer link or unsubscribe token can be turned into one.
 */
export function signDataRightsToken(payload: DataRightsTokenPayload, key: HmacKey): string {
  if (!PARTICIPANT_ID.test(payload.participantId)) throw new Error('A data-rights link needs a participant id such as pt_...');
  if (Number.isNaN(Date.parse(payload.expiresAt))) throw new Error(`The expiry "${payload.expiresAt}" is not an ISO-8601 date.`);
  const body = Buffer.from(JSON.stringify({ p: payload.participantId, r: payload.request, e: payload.expiresAt }), 'utf8').toString('base64url');
  return `${body}.${mac(key, 'crossgen-data-rights', body).toString('base64url')}`;
}

export function verifyDataRightsToken(token: string, keys: HmacKeys, now: Date): DataRightsTokenPayload | { error: 'expired' | 'invalid' } {
  const parts = typeof token === 'string' ? token.split('.') : [];
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature || !/^[A-Za-z0-9_-]+$/.test(body + signature)) return { error: 'invalid' };
  const given = canonicalBase64url(signature);
  if (!keyList(keys).some((key) => sameBytes(given, mac(key, 'crossgen-data-rights', body)))) return { error: 'invalid' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { error: 'invalid' };
  }
  const { p, r, e } = (decoded ?? {}) as Record<string, unknown>;
  if (typeof p !== 'string' || !PARTICIPANT_ID.test(p) || (r !== 'data' && r !== 'erase') || typeof e !== 'string') return { error: 'invalid' };
  const expires = Date.parse(e);
  if (Number.isNaN(expires)) return { error: 'invalid' };
  if (now.getTime() >= expires) return { error: 'expired' };
  return { participantId: p, request: r, expiresAt: e };
}

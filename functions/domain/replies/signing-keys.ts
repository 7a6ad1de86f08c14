/**
 * The reply signing secret holds two keys so that rotating it does not break what is in people's
 * mailboxes: new reply addresses and answer links are signed with `current`; addresses and links
 * signed with `previous` still verify until `previousValidUntil` (the grace period), then only
 * `current` does. Stored as JSON in Secrets Manager; a plain string (the secret as first
 * generated before rotation existed) is read as the current key alone.
 */
export interface SigningKeys {
  readonly current: string;
  readonly previous?: string;
  /** ISO-8601 instant after which `previous` no longer verifies. */
  readonly previousValidUntil?: string;
}

/**
 * Long enough for every open address and link signed before a rotation: answer links and
 * questions close within weeks (acceptance, check-in and final-review windows), and a question is
 * kept a week after it closes so that a late reply is told it closed. Standing addresses and their
 * links never close: past the grace period their stored item vouches for them (standing-credential.ts).
 */
export const DEFAULT_GRACE_DAYS = 60;

const MIN_KEY_CHARACTERS = 32;

export function parseSigningSecret(secretString: string): SigningKeys {
  const text = secretString.trim();
  if (!text.startsWith('{')) return { current: checked(text, 'current') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The reply signing secret is not valid JSON: store {"current": "<key>"} (see docs/security.md, Rotating the signing key).');
  }
  const { current, previous, previousValidUntil } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof current !== 'string') throw new Error('The reply signing secret has no "current" key: store {"current": "<key>"} (see docs/security.md).');
  if (previous !== undefined && (typeof previous !== 'string' || typeof previousValidUntil !== 'string' || Number.isNaN(Date.parse(previousValidUntil)))) {
    throw new Error('The reply signing secret has a "previous" key without a valid "previousValidUntil" date: rotate it with crossgen rotate-key.');
  }
  return {
    current: checked(current, 'current'),
    ...(typeof previous === 'string' ? { previous: checked(previous, 'previous'), previousValidUntil: previousValidUntil as string } : {}),
  };
}

function checked(key: string, name: string): string {
  if (key.length < MIN_KEY_CHARACTERS)
    throw new Error(`The reply signing secret's ${name} key is ${key.length} characters long; use at least ${MIN_KEY_CHARACTERS} random characters.`);
  return key;
}

/** The keys a signature may be checked against at `now`: current first, previous during its grace. */
export function verificationKeys(keys: SigningKeys, now: Date): readonly string[] {
  const previousValid = keys.previous !== undefined && keys.previousValidUntil !== undefined && now.getTime() < Date.parse(keys.previousValidUntil);
  return previousValid ? [keys.current, keys.previous!] : [keys.current];
}

export class RotationRefused extends Error {
  override readonly name = 'RotationRefused';
}

/**
 * The secret after a rotation: `newKey` signs from now on, the old current key verifies for
 * `graceDays`. A second rotation while the previous key is still in its grace would drop a key
 * that open addresses may still carry, so it is refused unless `force` says so.
 */
export function rotateSigningKeys(keys: SigningKeys, newKey: string, now: Date, opts: { graceDays?: number; force?: boolean } = {}): SigningKeys {
  const graceDays = opts.graceDays ?? DEFAULT_GRACE_DAYS;
  if (!Number.isFinite(graceDays) || graceDays < 0 || graceDays > 365) throw new RotationRefused(`The grace period must be 0 to 365 days, not ${graceDays}.`);
  checked(newKey, 'new');
  if (newKey === keys.current) throw new RotationRefused('The new key is the current key: generate a new random key.');
  if (!opts.force && verificationKeys(keys, now).length > 1) {
    throw new RotationRefused(
      `The previous key still verifies until ${keys.previousValidUntil}: rotating again now would break the addresses and links it signed. Wait until then, or force it (--force) and accept that those stop working.`,
    );
  }
  return { current: newKey, previous: keys.current, previousValidUntil: new Date(now.getTime() + graceDays * 86_400_000).toISOString() };
}

export function serializeSigningKeys(keys: SigningKeys): string {
  return JSON.stringify(keys);
}

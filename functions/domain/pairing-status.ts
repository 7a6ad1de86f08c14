/** Where a pairing is in its life; the last three are final. */
export const PAIRING_STATUSES = ['proposed', 'introduced', 'active', 'paused', 'completed', 'not-started', 'ended'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

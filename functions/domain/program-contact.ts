import type { ProgramContext } from './emails/types';
import { oneOfAddresses } from './participant';
import type { Program, RematchSettings } from './program';
import { programClosed, rematchSettingsOf } from './rematch-policy';

/**
 * The program as its emails name it to the people of a pairing: its name and whom to write to.
 * That is its first admin who is not one of the pair (`pair`: the reader's and their partners'
 * addresses): an admin who is the reader's partner is no private channel. When every admin is one
 * of them, the first admin is named with `inPair`, and emails do not offer that address for a
 * concern. With `now` (the moment the email is decided), a program that has closed by then is
 * `closed`: its emails then offer no new partner.
 */
export function programContact(
  program: Pick<Program, 'name' | 'admins' | 'endDate'> & { readonly timeZone?: string; readonly rematch?: RematchSettings },
  pair: readonly (string | undefined)[] = [],
  now?: Date,
): ProgramContext {
  const ofThePair = oneOfAddresses(pair);
  const outside = program.admins.find((a) => !ofThePair(a));
  const email = outside ?? program.admins[0] ?? '';
  return {
    name: program.name,
    admin: { name: 'the program team', email, ...(outside === undefined && email !== '' ? { inPair: true } : {}) },
    // What a REMATCH, a NO to the fit check or an exit does is said as the program's policy has it.
    automaticRematches: rematchSettingsOf(program).maxAttempts,
    ...(now !== undefined && programClosed({ endDate: program.endDate, timeZone: program.timeZone ?? 'UTC' }, now) ? { closed: true } : {}),
  };
}

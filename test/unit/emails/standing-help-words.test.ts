import { describe, expect, it } from 'vitest';
import { recipientNow, standingAddressHelp } from '../../../functions/domain/emails';
import { interpretReply, readDataRightsRequest } from '../../../functions/domain/replies';

/**
 * QA: the standing address's help says its address "only takes these words", and left out DATA and
 * ERASE, which every address of a participant takes (inbound-mail.ts reads them before anything
 * else). Each word it lists is one the reply reader acts on, and DATA and ERASE are always listed.
 */

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const ana = { name: 'Ana Souza', timeZone: 'Europe/London' };
const flat = (text: string) => text.replace(/\s+/g, ' ');
const listed = (subject: string) => subject.replace(/^.*this address takes /, '').split(/, | or /);

/** What the real reader makes of a word written alone at the start of a reply to a standing address. */
function taken(word: string): boolean {
  if (readDataRightsRequest(word)) return true;
  return ['stop', 'pause', 'end', 'rematch', 'concern'].includes(interpretReply(word, 'standing').intent);
}

const cases = [
  ['a running pairing', standingAddressHelp({ to: ana, program, reader: 'participant' })],
  ['an introduction', standingAddressHelp({ to: ana, program, reader: 'introduced' })],
  ['waiting to be matched', standingAddressHelp({ to: ana, program, reader: 'waiting' })],
  ['the program closed while waiting', standingAddressHelp({ to: ana, program, reader: 'waiting', standing: 'closed' })],
  ['pairings all completed', standingAddressHelp({ to: recipientNow(ana, 'completed'), program, reader: 'waiting', standing: 'gone' })],
  ['withdrawn', standingAddressHelp({ to: recipientNow(ana, 'withdrawn'), program, reader: 'waiting', standing: 'gone' })],
] as const;

describe('the standing address help names every word its address takes', () => {
  it.each(cases)('%s: DATA and ERASE are listed, in the subject and the body', (_, help) => {
    const words = listed(help.subject);
    expect(words.slice(-2)).toEqual(['DATA', 'ERASE']);
    const body = flat(help.text.split(/Nothing was recorded/)[0]!);
    expect(body).toContain('only takes these words');
    expect(body).toContain('DATA, for a copy of the data the program holds about you (we send you a link to confirm first).');
    expect(body).toContain('ERASE, to have your data erased (we send you a link to confirm first).');
  });

  it.each(cases)('%s: each word listed is one the reply reader acts on', (_, help) => {
    for (const word of listed(help.subject)) expect(taken(word), word).toBe(true);
  });

  it('a command not acted on lists them too, after its own words', () => {
    const help = standingAddressHelp({ to: ana, program, reader: 'participant', notActedOn: { command: 'pause', why: 'the date has passed' } });
    const body = flat(help.text.split(/Nothing was recorded/)[0]!);
    expect(body).toMatch(/CONCERN and what is on your mind[\s\S]*DATA, for a copy[\s\S]*ERASE, to have your data erased/);
  });
});

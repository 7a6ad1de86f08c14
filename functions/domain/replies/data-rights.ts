import { withoutGreeting } from './greeting';
/**
 * A participant's request about their data, written as a reply (docs/replies.md, Data rights):
 * DATA (a copy of everything held about them) or ERASE (erasure), or the same in a few words in
 * the languages of the lexicon. Read from the first line only, like STOP and PAUSE, and never from
 * a sentence that merely mentions data: the request is confirmed by a signed link before anything
 * happens, but a wrong reading would still send an unasked-for email.
 */

export type DataRightsRequest = 'data' | 'erase';

/** Whole first lines that ask for erasure, by language (lower case, without final punctuation). */
const ERASE_PHRASES = [
  // en
  'erase',
  'erase me',
  'erase my data',
  'delete my data',
  'delete me',
  'delete my account',
  'delete my personal data',
  'forget me',
  'remove my data',
  // de
  'löschen',
  'lösche meine daten',
  'löscht meine daten',
  'meine daten löschen',
  'bitte meine daten löschen',
  // fr
  'effacer',
  'effacer mes données',
  'supprimer mes données',
  'supprimez mes données',
  // es
  'borrar',
  'borrar mis datos',
  'eliminar mis datos',
  'borren mis datos',
  // it
  'cancellare',
  'cancella i miei dati',
  'cancellate i miei dati',
  'elimina i miei dati',
  // pt
  'apagar',
  'apagar meus dados',
  'apagar os meus dados',
  'excluir meus dados',
  // nl
  'wissen',
  'verwijder mijn gegevens',
  'wis mijn gegevens',
  // pl
  'usuń moje dane',
  'usuń',
  // sv, da, no
  'radera mina uppgifter',
  'slet mine data',
  'slett mine data',
] as const;

/** Whole first lines that ask for a copy of their data. */
const DATA_PHRASES = [
  // en
  'data',
  'my data',
  'send my data',
  'send me my data',
  'export my data',
  'copy of my data',
  'what data do you have',
  'what data do you hold about me',
  // de
  'daten',
  'meine daten',
  'auskunft',
  // fr
  'données',
  'mes données',
  // es
  'datos',
  'mis datos',
  // it
  'dati',
  'i miei dati',
  // pt
  'dados',
  'meus dados',
  'os meus dados',
  // nl
  'gegevens',
  'mijn gegevens',
  // pl
  'dane',
  'moje dane',
  // sv, da, no
  'mina uppgifter',
  'mine data',
] as const;

const erase = new Set<string>(ERASE_PHRASES);
const data = new Set<string>(DATA_PHRASES);

/** The request on the first line of a reply (quoted history already stripped), if it is one. */
export function readDataRightsRequest(text: string): DataRightsRequest | undefined {
  // After a greeting line, as every command ("Hi,\n\nERASE": greeting.ts).
  const first = withoutGreeting((typeof text === 'string' ? text : '').normalize('NFKC'))
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!first) return undefined;
  const line = first
    .toLowerCase()
    .replace(/^[\s*"'«»„“”>-]+/u, '')
    .replace(/[\s.!?]+$/u, '')
    .replace(/^(?:please|bitte|s'il vous plaît|por favor|per favore|alstublieft|proszę)[\s,]+/u, '')
    .replace(/[\s,]+(?:please|bitte|s'il vous plaît|por favor|per favore|alstublieft|proszę)$/u, '')
    .replace(/[\s.!?]+$/u, '')
    .replace(/\s+/g, ' ');
  if (erase.has(line)) return 'erase';
  if (data.has(line)) return 'data';
  return undefined;
}

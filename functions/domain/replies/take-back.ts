import type { Polarity } from './lexicon';

/**
 * A yes or a no that the rest of the reply takes back: "YES\n\nactually NO, sorry", "Yes! Wait, no.
 * I have to decline", "YES 4\nActually no, we had to cancel", "No... actually yes". Such a reply is
 * asked about again: a wrong yes costs more than one more question. Cues in English and, fewer and
 * plainer, in the other languages the lexicon answers in (German, French, Spanish, Italian,
 * Portuguese, Dutch, Polish), in the text after the answer (lower case); everyday uses of "no"
 * stay out ("no problem", "No notes from me", "No. 1 priority", "no need to reschedule", "Sí, no
 * hay problema").
 */

const START = "(?<![\\p{L}\\p{N}'])";
const END = '(?![\\p{L}\\p{N}])';
/** What may follow an answer word that stands for itself: its clause ends, or a sentence about the person starts. */
const STANDS_ALONE = `(?=[^\\S\\n]*(?:[,;:!?…)\\-–—]|\\.(?!\\s*\\d)|\\n|$)|\\s+(?:sorry|unfortunately|i|i'm|i am|i'll|i've|we|we're|it|that|this|can't|cannot|after all|let's|please)${END})`;
const NO_WORD = `(?:no|nope|nah|not)${STANDS_ALONE}`;
const YES_WORD = `(?:yes|yeah|yep|yup|sure)${STANDS_ALONE}`;
/** Words that turn to a correction: "actually no", "wait, no", "hmm, yes" (not "oh no", an exclamation). */
const TURN = `${START}(?:actually|(?<!(?:can't|cannot|can not|couldn't)\\s)wait|hold on|hang on|oops|hmm+|correction|um+|err?)${END}[\\s,.:;!…\\-–—]*`;
/** Words of a changed mind, which take back an answer only when the opposite answer follows in their sentence. */
const SECOND_THOUGHTS = `${START}(?:on second thoughts?|second thoughts|on (?:further )?reflection|thinking about it (?:again|more)|(?:i've |i have |i )?changed my mind|change of heart)${END}[^.!?\\n]{0,200}?`;
/** "I meant no", "make that a yes", "change my answer to no". */
const MEANT = `${START}(?:i mean|i meant|i meant to (?:say|write|reply)|make (?:that|it) an?|change (?:that|it|my answer|my reply) to(?: an?)?)\\s+["'“”]?`;
const MESSAGE = '(?:reply|email|e-mail|answer|message|mail)';

/** Where a word of another language ends its clause, or a sentence about the person begins ("finalement non, je ne peux pas"). */
const CLAUSE_END = `(?=[^\\S\\n]*(?:[,;:!?…)\\-–—]|\\.(?!\\s*\\d)|\\n|$)|\\s+(?:sorry|leider|ich|wir|désolée?|je|j'|nous|lo siento|perdón|yo|no puedo|mi dispiace|io|non posso|desculp[ae]|eu|não posso|ik|wij|helaas|przepraszam|nie mogę)${END})`;
/** A turn to a correction, as in "actually" or "wait": German, French, Spanish, Italian, Portuguese, Dutch, Polish. */
const TURN_OTHER = `${START}(?:eigentlich|moment mal|warte|aber|äh+m?|ehm|en fait|finalement|tout compte fait|attends|attendez|enfin|euh+|ou plutôt|plutôt|cioè|o meglio|o sea|quer dizer|ou melhor|of eigenlijk|a właściwie|en realidad|pensándolo bien|pensandolo bien|espera|mejor dicho|al final|anzi|in realtà|aspetta|alla fine|ripensandoci|na verdade|pensando bem|afinal|eigenlijk|wacht|właściwie|jednak|czekaj|chwila)${END}[\\s,.:;!…\\-–—]*`;

/** Other languages' takings-back of a yes: "Ja, aber eigentlich doch nicht", "Oui... en fait non", "Sí. Pensándolo bien, no". */
const YES_BACK_OTHER = [
  `${TURN_OTHER}(?:(?:doch\\s+)?(?:nein|nicht|non|no|não|nao|nee|niet|nie)${CLAUSE_END}|(?:ich kann (?:doch )?nicht|kann ich (?:doch )?nicht|je ne peux pas|no puedo|non posso|não posso|ik kan (?:toch )?niet|nie mogę)${END})`,
  `${START}(?:doch (?:lieber )?nicht|toch niet|jednak nie|mejor no|meglio di no|melhor não)${CLAUSE_END}`,
  `${START}(?:ich muss (?:leider )?(?:absagen|ablehnen)|ich nehme (?:das|es) zurück|je dois (?:malheureusement )?(?:décliner|refuser|annuler)|je retire (?:ma réponse|ce que j'ai dit)|tengo que (?:rechazar|cancelar|declinar)|retiro lo dicho|devo (?:purtroppo )?(?:rinunciare|declinare|annullare)|tenho (?:que|de) (?:recusar|cancelar|desistir)|ik moet (?:helaas )?(?:afzeggen|bedanken|annuleren)|muszę (?:jednak |niestety )?(?:odmówić|zrezygnować|odwołać))${END}`,
  `${START}(?:(?:wurde|ist) (?:leider )?(?:abgesagt|ausgefallen)|hat (?:leider )?nicht stattgefunden|(?:a été|est) annulée?|n'a pas eu lieu|(?:se canceló|fue cancelad[ao]|se suspendió)|no tuvo lugar|(?:è stat[ao]|fu) annullat[ao]|non (?:c'è|c'e|ce) stat[ao]|non si è tenut[ao]|foi cancelad[ao]|não aconteceu|nao aconteceu|(?:is|werd) (?:helaas )?(?:afgezegd|geannuleerd)|ging niet door|zostało odwołane|nie odbyło się|nie doszło do skutku)${END}`,
];
/** A no of another language that opens a later clause on its own, or with an apology: "Sì, no scusate, non posso", "Oui. Non, désolée". Not Polish "nie" ("Tak, nie mogę się doczekać"). */
const OWN_NO_OTHER = `(?:^|[.!?;:,…(\\n\\-–—])\\s*(?:nein|non|no|não|nao|nee)(?=[^\\S\\n]*(?:[.!?…](?!\\s*\\d)|\\n|$)|[\\s,.:;!\\-–—]+(?:sorry|leider|désolée?|pardon|lo siento|perdón|perdona|scusa(?:te|mi)?|mi dispiace|desculp[ae]|sinto muito|helaas)${END})`;
/** Other languages' takings-back of a no: "Nein... eigentlich doch ja", "Non, en fait oui", "Nee, wacht, toch wel". */
const NO_BACK_OTHER = [
  `${TURN_OTHER}(?:doch\\s+|toch\\s+)?(?:ja|doch|oui|sí|si|sì|sim|wel|tak)${CLAUSE_END}`,
  `${START}(?:doch ja|toch wel|jednak tak)${CLAUSE_END}`,
  `${START}(?:ich meinte ja|je voulais dire oui|quise decir sí|quería decir sí|intendevo sì|eu quis dizer sim|ik bedoelde ja|miałem na myśli tak|miałam na myśli tak)${END}`,
];

/** Takes back whatever answer came before it. */
const EITHER = [
  `${START}(?:scratch that|i take (?:it|that|this) back|(?:please )?(?:ignore|disregard) my (?:last|previous|earlier|first) ${MESSAGE}|disregard that)${END}`,
  `${START}(?:sent|said|replied|answered|pressed|clicked|hit|typed) (?:yes |no |that |this )?(?:by mistake|in error|too (?:soon|quickly|fast))${END}`,
];

const TAKES_BACK: Record<Polarity, RegExp> = {
  yes: new RegExp(
    [
      `${TURN}${NO_WORD}`,
      `${SECOND_THOUGHTS}${START}(?:${NO_WORD}|(?:can't|cannot|can not)(?!\\s+wait)|won't|will not|unable|not able|decline|pass${END})`,
      `${MEANT}(?:no|nope)["'“”]?${STANDS_ALONE}`,
      // A no that opens a later clause on its own: "Yes!\nNo.", "Yes - no, sorry" (not "Yes! No worries").
      `(?:^|[.!?;:,…(\\n\\-–—])\\s*(?:no|nope|nah)(?=[^\\S\\n]*(?:[.!?…](?!\\s*\\d)|\\n|$)|[\\s,.:;!\\-–—]+(?:sorry|unfortunately|i can't|i cannot|i can not|i won't|i'm not|i am not|i have to|i need to|i must|i'll have to|that won't|it didn't|it did not|we can't|we cannot)${END})`,
      `${START}(?:i|we)(?:'ll| will|'d| would|'m going to| am going to|'re going to| are going to)?\\s+(?:have|had|need|needed|must|got)\\s+(?:to\\s+)?(?:decline|say no|withdraw|back out|pull out|pass(?! on the))${END}`,
      // Cancelled in the past only: "we have to cancel next week's session" is news, not a take-back.
      `${START}(?:i|we)\\s+(?:had|needed)\\s+to\\s+(?:cancel|skip (?:it|this)|call (?:it|this|the \\p{L}+) off)${END}`,
      `${START}(?:i|we)\\s+(?:can't|cannot|can not|won't|will not|am not able to|'m not able to|am unable to|'m unable to)[^.!?\\n]{0,200}?${START}after all${END}`,
      // "Sorry, NO - I'm moving teams", "Update: I can no longer take part", "no can do after all".
      `(?:^|[.!?;:\\n])\\s*(?:sorry|apologies|unfortunately|update|correction)[\\s,:;!\\-–—]+(?:no|nope)${STANDS_ALONE}`,
      `${START}(?:i|we)\\s+(?:can|could) no longer${END}`,
      `${START}(?:i|we)(?:'m| am|'re| are) no longer (?:able|available|free|taking part|joining|in)${END}`,
      `${START}no can do${END}`,
      `${START}(?:didn't|did not|never|hasn't|has not|haven't|have not|hadn't|had not)\\s+(?:happen|happened|take place|taken place|took place)${END}`,
      `${START}(?:it|the meeting|our meeting|the session|our session|the call|our call|the chat|our chat)\\s+(?:was|got|has been)\\s+(?:cancell?ed|called off)${END}`,
      `${START}(?:we\\s+(?:cancell?ed|called (?:it|the \\p{L}+) off)|(?:it|that|the \\p{L}+) fell through)${END}`,
      ...YES_BACK_OTHER,
      OWN_NO_OTHER,
      ...EITHER,
    ].join('|'),
    'u',
  ),
  no: new RegExp(
    [
      `${TURN}${YES_WORD}`,
      `${SECOND_THOUGHTS}${START}(?:${YES_WORD}|i'm in|i am in|count me in|let's do it|happy to|i'd love to|i would love to|i can (?:do|make) it)`,
      `${MEANT}(?:yes|yeah|yep)["'“”]?${STANDS_ALONE}`,
      ...NO_BACK_OTHER,
      ...EITHER,
    ].join('|'),
    'u',
  ),
};

const ALONE_AT_START = new RegExp(`^${STANDS_ALONE}`, 'u');

/** Whether the answer word that ends at `at` in `lower` stands for itself ("Yes and no -", "Yes / No"), not "no need", "No. 1". */
export function wordStandsAlone(lower: string, at: number): boolean {
  return ALONE_AT_START.test(lower.slice(at));
}

/** Where in `after` (the lower-case text after an answer) that answer is taken back, if it is. */
export function takeBack(after: string, answer: Polarity): { start: number; end: number } | undefined {
  const m = TAKES_BACK[answer].exec(after);
  if (!m) return undefined;
  // The clause-start alternative also matches the separator and spaces before the no: quote from the word.
  const lead = m[0].search(/[\p{L}]/u);
  const start = m.index + Math.max(lead, 0);
  return { start, end: m.index + m[0].length };
}

/**
 * A check-in's yes that speaks only of a meeting still to come: "Yes but next week", "Yes we will
 * meet next Tuesday", "Ja, aber erst nächste Woche", "Oui mais la semaine prochaine", "Sí, pero la
 * próxima semana". The check-in asks whether the pair met since a day; such a yes says they will,
 * not that they did, so the reply is asked about again (a question more is cheaper than a wrong
 * yes). Read in the sentence right after the yes, which is where a yes is qualified; a reply that
 * also tells of a meeting held ("we met on Tuesday and plan to meet again next week", "last
 * week", "hatten ein tolles Gespräch") stays a yes, and so does a later plan ("YES\nNext week we
 * will discuss budgets"). All text here is lower case (lowerSameLength).
 */

const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
const any = (parts: readonly string[]) => `${START}(?:${parts.join('|')})${END}`;

const EN_DAYS = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const DE_DAYS = '(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)';
const FR_DAYS = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const ES_DAYS = '(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)';
const IT_DAYS = '(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)';
const PT_DAYS = '(?:segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?|sábado|domingo';
const NL_DAYS = '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)';
const FEW = '(?:a|one|two|three|four|a few|a couple of|\\d+)';

/** A time still to come, in the lexicon's main languages. */
const FUTURE_TIME = new RegExp(
  any([
    `next (?:week|month|time|weekend|session|meeting|${EN_DAYS})`,
    'the (?:week|day) after(?: next)?',
    'tomorrow',
    'later (?:this|in the) (?:week|month)',
    `(?:this )?(?:coming|upcoming) (?:week|weekend|${EN_DAYS})`,
    `in ${FEW} (?:days?|weeks?)`,
    'soon',
    `(?:nächste|kommende)[nmrs]? (?:woche|monat|mal|wochenende|${DE_DAYS})`,
    '(?<!(?:heute|guten|am|jeden|diesen|den|dem|der|gestern|früh|vanochtend)\\s)morgen',
    'übermorgen',
    'in (?:einer|zwei|drei|\\d+) wochen?',
    'bald',
    '(?:la )?semaine prochaine',
    `(?:${FR_DAYS}|mois|week-end|weekend) prochain`,
    'la prochaine fois',
    'après-demain',
    'demain',
    'dans (?:une|deux|trois|\\d+) semaines?',
    'bientôt',
    '(?:la )?próxima (?:semana|vez)',
    `(?:el )?próximo (?:${ES_DAYS}|mes|fin de semana)`,
    `(?:la semana|el mes|el (?:${ES_DAYS})) que viene`,
    'pasado mañana',
    '(?<!(?:la|esta|por la|de la|en la|cada)\\s)mañana',
    'dentro de (?:una|dos|tres|\\d+) semanas?',
    'pronto',
    '(?:la )?(?:prossima settimana|settimana prossima|prossima volta)',
    `(?:${IT_DAYS}|mese) prossimo`,
    'dopodomani',
    'domani',
    'tra (?:una|due|tre|\\d+) settimane?',
    '(?:na )?próxima (?:semana|vez)',
    `(?:na |no )?próxim[ao] (?:${PT_DAYS}|mês)`,
    'semana que vem',
    'amanhã',
    'daqui a (?:uma|duas|\\d+) semanas?',
    'em breve',
    `volgende (?:week|maand|keer|${NL_DAYS})`,
    'overmorgen',
    'binnenkort',
    'over (?:een|twee|drie|\\d+) weken?',
    'w (?:przyszłym|następnym|kolejnym) tygodniu',
    'pojutrze',
    'jutro',
    'wkrótce',
    'nästa (?:vecka|månad|gång)',
    'næste (?:uge|uke|måned|gang)',
    'i ?morgon',
  ]),
  'u',
);

/** Words that make a yes wait for a time ("Yes, but next week", "Ja, aber erst ...", "Yes, only next week"). */
const CONTRAST = new RegExp(
  any([
    'but',
    'however',
    'only',
    'not until',
    'not before',
    'aber',
    'jedoch',
    'allerdings',
    'erst',
    'nur',
    'mais',
    'seulement',
    'pas avant',
    'pero',
    'sólo',
    'solo',
    'solamente',
    'ma',
    'però',
    'soltanto',
    'mas',
    'só',
    'somente',
    'apenas',
    'maar',
    'alleen',
    'ale',
    'dopiero',
    'men',
    'först',
    'først',
  ]),
  'u',
);

/** A meeting said in the future tense ("we will meet", "we're meeting", "werden uns treffen", "on se verra"). */
const FUTURE_MEETING = new RegExp(
  any([
    "(?:we|i)(?:'ll| will| shall|'re going to| are going to|'m going to| am going to| plan to|'re planning to| are planning to| hope to|'re hoping to| intend to|'d like to| would like to|'re due to| are due to)(?: \\p{L}+)?? (?:meet|see (?:each other|him|her|them)|catch up|get together|(?:talk|speak)(?! about)|have (?:a|an|our|the|another) (?:\\p{L}+ )?(?:meeting|session|call|chat|catch-?up|talk|coffee|lunch))",
    "(?:we're|we are|we'll be|we will be|i'm|i am) (?:meeting|seeing (?:each other|him|her|them)|catching up|getting together)",
    '(?:will|shall) (?:meet|see each other|catch up|get together)',
    '(?:meet|meeting|catch up|catching up)(?: again)? (?:next|tomorrow|later|soon|this coming)',
    "(?:it's|it is|it was|is|was|has been|got) (?:planned|scheduled|booked|arranged|set|moved|postponed|rescheduled|pushed)(?: back)? (?:for|to|until|till)",
    'werden uns(?: \\p{L}+){0,4}? (?:treffen|sehen|sprechen)',
    '(?:treffen|sehen|sprechen) uns (?:erst )?(?:nächste|kommende|morgen|übermorgen|bald|am)',
    '(?:nous nous|on se) (?:verra|verrons|rencontrera|rencontrerons|retrouvera|retrouverons|parlera|parlerons)',
    '(?:nous allons|on va) (?:nous |se )?(?:voir|rencontrer|retrouver|parler)',
    '(?:nos )?(?:veremos|reuniremos|encontraremos)',
    'vamos a (?:vernos|reunirnos|encontrarnos|quedar|hablar)',
    'ci (?:vedremo|incontreremo|sentiremo)',
    '(?:vamos nos|nos vamos) (?:ver|encontrar|reunir)',
    'nos (?:veremos|encontraremos|reuniremos)',
    '(?:we|wij) (?:gaan|zullen) (?:elkaar )?(?:\\p{L}+ ){0,3}?(?:zien|spreken|ontmoeten|afspreken)',
    'spotkamy się',
    'zobaczymy się',
  ]),
  'u',
);

/** Words that no negation comes just before ("we have not met", "nicht getroffen", "pas vus"). */
const NOT_NEGATED = "(?<!(?:not|n't|never|yet|nicht|pas|no|não|niet|nie|inte|ikke)\\s)";

/** A meeting held: a verb in the past, a past day, or how it went ("it was great"). */
const HELD = new RegExp(
  `${NOT_NEGATED}${any([
    'met',
    'talked',
    'spoke',
    'chatted',
    'caught up',
    'discussed',
    'got together',
    'saw each other',
    'went (?:through|over)',
    'worked on',
    'had (?:some |a little |only )?time (?:for|to)',
    'had (?:a|the) chance to',
    'had (?:a|an|our|the|another|two|three|\\d+) (?:\\p{L}+ ){0,2}?(?:meeting|session|call|chat|catch-?up|talk|conversation|coffee|lunch|discussion)s?',
    '(?:was|were|went) (?:really |very |so |super |quite )?(?:great|good|useful|helpful|nice|fun|productive|interesting|excellent|fantastic|insightful|valuable|well|fine|ok|okay)',
    'yesterday',
    `last (?:week|month|time|night|weekend|${EN_DAYS})`,
    `${FEW} (?:days?|weeks?) ago`,
    'earlier (?:this|today)',
    'this past',
    'getroffen',
    'trafen',
    'gesprochen',
    'gesehen',
    'ausgetauscht',
    'hatten (?:ein|eine|einen|unser|unsere)',
    'gestern',
    'vorgestern',
    `(?:letzte|vergangene)[nmrs]? (?:woche|monat|mal|wochenende|${DE_DAYS})`,
    'vor (?:einer|einem|zwei|drei|\\d+|ein paar) (?:tagen|wochen)',
    'vus',
    'vues',
    'rencontrés',
    'rencontrées',
    'retrouvés',
    'parlé',
    'échangé',
    'discuté',
    'derni(?:er|ère)',
    'il y a (?:une|deux|trois|\\d+|quelques) (?:jours?|semaines?)',
    'hier (?:soir|matin|après-midi)',
    'nos vimos',
    'tuvimos',
    'ayer',
    'anteayer',
    '(?:la semana|el mes|la vez) pasad[ao]',
    `(?:el )?${ES_DAYS} pasado`,
    'hace (?:una|dos|tres|\\d+|unos|unas) (?:días?|semanas?)',
    'ci siamo (?:visti|viste|incontrati|sentiti|parlati)',
    'abbiamo (?:parlato|discusso)',
    'ieri',
    'scors[ao]',
    '(?:giorni|settimane|settimana|giorno) fa',
    'tivemos',
    'ontem',
    'passad[ao]',
    'gezien',
    'gesproken',
    'gisteren',
    `(?:vorige|afgelopen) (?:week|maand|keer|${NL_DAYS})`,
    'spotkaliśmy',
    'spotkałyśmy',
    'widzieliśmy',
    'rozmawialiśmy',
    'wczoraj',
    '(?:zeszłym|ubiegłym|poprzednim) tygodniu',
    'temu',
    'träffades',
    'igår',
    'i går',
    'förra (?:veckan|gången)',
    'mødtes',
    'møttes',
    '(?:sidste|forrige) (?:uge|uke|gang)',
  ])}`,
  'u',
);

/** A time of day after the time still to come ("tomorrow at 10", "morgen um 9:30"): the time still stands alone. */
const AT_HOUR = '(?:[^\\S\\n]+(?:at|um|à|a las|alle|às|om|o|kl\\.?)[^\\S\\n]+\\d{1,2}(?:[:.h]\\d{2})?[^\\S\\n]*(?:am|pm|h|uhr)?)?';
const ALONE_AFTER = new RegExp(`^${AT_HOUR}[^\\S\\n]*(?:[,;:!?…)\\-–—.]|$)`, 'u');
const SENTENCE_END = /[.!?;\n。！？]/u;
const LEADING = /^[\s,.;:!?…\-–—)]*/u;

/**
 * Where in `after` (the lower-case text after a yes) that yes is given to a meeting still to come,
 * if it is, judged with `whole` (the lower-case reply): the future-tense meeting or the time still
 * to come ("next week") in the sentence after the yes, a time only when a "but" or "only" comes
 * before it there or it stands alone ("Yes, next week."), and nothing in the reply telling of a
 * meeting held.
 */
export function meetingToCome(after: string, whole: string): { start: number; end: number } | undefined {
  if (HELD.test(whole)) return undefined;
  const lead = LEADING.exec(after)?.[0].length ?? 0;
  const sentence = after.slice(lead).split(SENTENCE_END)[0] ?? '';
  const verb = FUTURE_MEETING.exec(sentence);
  if (verb) return { start: lead + verb.index, end: lead + verb.index + verb[0].length };
  const time = FUTURE_TIME.exec(sentence);
  if (!time) return undefined;
  const end = time.index + time[0].length;
  const waits = CONTRAST.test(sentence.slice(0, time.index));
  const alone = time.index === 0 && ALONE_AFTER.test(sentence.slice(end));
  return waits || alone ? { start: lead + time.index, end: lead + end } : undefined;
}

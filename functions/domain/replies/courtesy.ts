/**
 * A request put politely ("Please could you stop sending me reminders until the new year?",
 * "Could you please stop the check-ins", "Can you unsubscribe me?", "Would you mind stopping the
 * reminders until January?", "Kindly stop the emails for now"): the courtesy that opens it says
 * nothing about what is asked, so the request is read as "please <request>" would be. What follows
 * such an opening is a question or a favour asked, not the command itself, so the reader
 * (interpret.ts) lets it act on nothing: it is told apart only as a break or as leaving, and asked.
 */
const COURTESY_OPENING =
  /^[\s*"'«»„“”>-]*(?:(?:please|pls|kindly)[\s,]+)?(?:(?:could|can|would|will)\s+(?:you|u)(?:[\s,]+(?:please|pls|kindly|possibly|just|perhaps))*(?:\s+(?:mind|be so kind as to))?|kindly)[\s,]+/iu;

/** The request after a courtesy opening, as "please <request>" ("stopping" read as "stop", its question mark as a full stop), or undefined when the line opens with no courtesy. */
export function courteousRequest(line: string): string | undefined {
  const opening = COURTESY_OPENING.exec(line);
  if (!opening) return undefined;
  const request = line
    .slice(opening[0].length)
    .replace(/^(stop|unsubscrib)(?:ping|ing)(?![\p{L}])/iu, (_m, verb: string) => (verb.toLowerCase() === 'stop' ? 'stop' : 'unsubscribe'))
    .replace(/\?/gu, '.');
  return `please ${request}`;
}

import { html, raw, type Markup } from './emails/markup';
import { insteadOfNewPartner } from './emails/footer';
import type { ProgramContext } from './emails/types';
import { PAGE_STYLE } from './answer-page';

/**
 * The private concern form `/c/{token}` (signed with the person's standing address): a text box and
 * an optional "I want to leave this pairing". Pure HTML, the answer page's stylesheet, no script.
 */

function page(title: string, body: Markup): string {
  return html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title} - crossgen</title><style>${raw(PAGE_STYLE)}</style></head><body><main>${body}</main></body></html>`.toString();
}

export const CONCERN_TEXT_MAX = 4000;

/**
 * The program as the page speaks of it (program-contact.ts, from the moment the page is shown): its
 * name, and what leaving does besides ending the pairing: a new partner for both, the waitlist at
 * `rematch.maxAttempts` 0, or no new pairing once the program has closed (footer.ts, insteadOfNewPartner).
 */
type PageProgram = Pick<ProgramContext, 'name' | 'admin' | 'automaticRematches' | 'closed'>;

/** The reader's automatic rematches so far: past the program's cap, leaving offers them no new partner. */
type PageReader = { readonly rematchAttempts?: number };

/** Instead of a new partner, what leaving does for the reader, or undefined. */
const instead = (program: PageProgram | undefined, reader: PageReader = {}) => (program ? insteadOfNewPartner(reader, program) : undefined);

export function renderConcernForm(input: {
  readonly action: string;
  readonly program?: PageProgram;
  readonly reader?: PageReader;
  readonly problem?: string;
  /** What they wrote, shown again in the box when the form is sent back with a problem. */
  readonly text?: string;
}): string {
  const program = input.program ? html` of ${input.program.name}` : '';
  return page(
    'Raise a concern privately',
    html`<h1>Raise a concern privately</h1>
<p>Only the program admins${program} read what you write here. Your partner never sees it, and nothing in the emails your partner receives changes because of it.</p>
${input.problem ? html`<p role="alert"><strong>${input.problem}</strong></p>` : ''}
<form method="post" action="${input.action}">
<p><label for="text">What is on your mind? (at most 4,000 characters)</label><br><textarea id="text" name="text" rows="8" maxlength="${String(CONCERN_TEXT_MAX)}">${input.text ?? ''}</textarea></p>
<p><label><input type="checkbox" name="exit" value="yes"> I want to leave this pairing (it ends without blame on either of you; your partner is told only that the program is changing pairings, and ${instead(input.program, input.reader) ?? 'you are both offered a new partner'})</label></p>
<p><button type="submit">Send to the program admins</button></p>
</form>
<p>Nothing is sent until you press the button. You can also reply CONCERN to any email from the program.</p>`,
  );
}

export function renderConcernSent(input: {
  readonly workingDays: number;
  readonly exit: boolean;
  readonly program?: PageProgram;
  readonly reader?: PageReader;
  /** Every program admin is one of the pair: nobody was emailed; HR sees the case in the list (as the receipt says). */
  readonly unrouted?: boolean;
  /** They asked to leave, but have several pairings and none was told apart: none has ended. */
  readonly leaveUnclear?: boolean;
  /**
   * The same words were sent through the form earlier today and that case is still open (a double
   * click, a reload): nothing new was raised, so the page promises nothing new (concerns.ts, concernRaise).
   */
  readonly repeat?: boolean;
  /** Their address bounced or complained: no email goes to it, so the page promises none (docs/mail-feedback.md). */
  readonly noEmail?: boolean;
}): string {
  const days = `${input.workingDays} working day${input.workingDays === 1 ? '' : 's'}`;
  const after = instead(input.program, input.reader);
  // A repeat raised nothing new: the one case, its one receipt and its first deadline stand.
  const confirm = input.repeat
    ? html`<p>You had already sent us these same words today, so they are one concern, not two: the admins have it once${input.noEmail ? '' : ', and one email confirms it to you'}.</p>`
    : '';
  const email = input.repeat
    ? ''
    : input.noEmail
      ? ' We no longer send email to your address, so no email confirms it: this page is your receipt.'
      : ' An email confirms it.';
  const when = input.repeat ? `within ${days} of the first time you sent it` : `within ${days}`;
  const who = input.unrouted
    ? html`<p>Thank you. Every admin of the program is part of your pairing, so we have not emailed your concern to anyone. It is kept, private, in the program's list of concerns, where your HR team can see it and ask someone outside your pairing to get back to you.${email}</p>`
    : html`<p>Thank you. Only the program admins read it, and one of them will get back to you ${when}.${email}</p>`;
  return page(
    input.unrouted ? 'Your concern is kept for your HR team' : 'Your concern is with the program admins',
    html`<h1>${input.unrouted ? 'Your concern is kept for your HR team' : 'Your concern is with the program admins'}</h1>
${who}
${confirm}
${input.exit ? html`<p>Your pairing ends now, without blame on either of you. ${after ? `${after[0]!.toUpperCase()}${after.slice(1)}.` : 'We will look for a new partner for you.'}</p>` : ''}
${input.leaveUnclear ? html`<p>You also asked to leave a pairing. As you have more than one, none has ended yet: a program admin will confirm with you which one you meant before it does.</p>` : ''}
<p>You can close this page.</p>`,
  );
}

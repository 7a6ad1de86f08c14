import { html, raw, type Markup } from './emails/markup';
import { insteadOfNewPartner } from './emails/footer';
import { joinAnd } from './emails/format';
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

/**
 * The person who opened the form, as the page speaks to them (lifecycle/concern.ts,
 * concernFormReader: the audience their concern would have now).
 */
export interface PageReader {
  /** Their automatic rematches so far: past the program's cap, leaving offers them no new partner. */
  readonly rematchAttempts?: number;
  /** No pairing of theirs runs in the program: there is no partner to speak of and none to leave. */
  readonly noRunningPairing?: boolean;
  /** The admins their concern is kept from as their partners, now or before, by first name (concern-readers.ts, keptAdminNames). */
  readonly keptAdmins?: readonly string[];
  /** Every program admin is one of the pair: what they send is emailed to nobody (HR sees it in the list). */
  readonly unrouted?: boolean;
}

/** Every admin is one of the pair, as the page and the receipt say it: also a partner who was, when none runs. */
const ofThePair = (reader: PageReader) => (reader.noRunningPairing ? 'is, or was, part of a pairing of yours' : 'is part of your pairing');

/** "other than Mo", and "Mo never sees it": the admins the case is kept from, when there are any. */
function keptFrom(reader: PageReader): { readonly except: string; readonly never: string } | undefined {
  const kept = reader.keptAdmins ?? [];
  if (kept.length === 0) return undefined;
  const who = joinAnd(kept);
  return { except: `, other than ${who},`, never: `${who} never ${kept.length === 1 ? 'sees' : 'see'} it` };
}

/** What the page says when the form came back with nothing to send: the checkbox only when there is a pairing to leave. */
export function concernFormEmpty(reader: PageReader = {}): string {
  return reader.noRunningPairing
    ? 'Write what is on your mind, then press the button. No pairing of yours is running, so there is none to leave.'
    : 'Write what is on your mind, or tick "I want to leave this pairing", then press the button.';
}

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
  const reader = input.reader ?? {};
  const running = !reader.noRunningPairing;
  const kept = keptFrom(reader);
  // What a partner learns: nothing, unless the person asks here to leave, which ends the pairing in neutral words.
  const partner = running
    ? ' Your partner never sees it and is never told that you wrote it: unless you ask below to leave the pairing, nothing in the emails your partner receives changes because of it.'
    : '';
  const who = reader.unrouted
    ? html`<p>Every admin${program} ${ofThePair(reader)}, so what you send here is emailed to no program admin: it is kept, private, in the program's list of concerns, where your HR team can see it and ask someone outside your pairing to get back to you.${partner}</p>`
    : kept
      ? html`<p>Only the program admins${program}${kept.except} read what you write here: ${kept.never}.${partner}</p>`
      : html`<p>Only the program admins${program} read what you write here.${partner}</p>`;
  return page(
    'Raise a concern privately',
    html`<h1>Raise a concern privately</h1>
${who}
${input.problem ? html`<p role="alert"><strong>${input.problem}</strong></p>` : ''}
<form method="post" action="${input.action}">
<p><label for="text">What is on your mind? (at most 4,000 characters)</label><br><textarea id="text" name="text" rows="8" maxlength="${String(CONCERN_TEXT_MAX)}">${input.text ?? ''}</textarea></p>
${running ? html`<p><label><input type="checkbox" name="exit" value="yes"> I want to leave this pairing (it ends without blame on either of you; your partner is told only that your pairing has ended, as the program is changing pairings, and ${instead(input.program, reader) ?? 'you are both offered a new partner'})</label></p>` : ''}
<p><button type="submit">${reader.unrouted ? 'Send it privately' : 'Send to the program admins'}</button></p>
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
  /** They asked to leave, but no pairing of theirs runs: none was ended (concern-readers.ts, nothingToLeave). */
  readonly noPairingToLeave?: boolean;
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
  const kept = keptFrom(input.reader ?? {});
  const who = input.unrouted
    ? html`<p>Thank you. Every admin of the program ${ofThePair(input.reader ?? {})}, so we have not emailed your concern to anyone. It is kept, private, in the program's list of concerns, where your HR team can see it and ask someone outside your pairing to get back to you.${email}</p>`
    : kept
      ? html`<p>Thank you. Only the program admins${kept.except} read it (${kept.never}), and one of them will get back to you ${when}.${email}</p>`
      : html`<p>Thank you. Only the program admins read it, and one of them will get back to you ${when}.${email}</p>`;
  return page(
    input.unrouted ? 'Your concern is kept for your HR team' : 'Your concern is with the program admins',
    html`<h1>${input.unrouted ? 'Your concern is kept for your HR team' : 'Your concern is with the program admins'}</h1>
${who}
${confirm}
${input.exit ? html`<p>Your pairing ends now, without blame on either of you. ${after ? `${after[0]!.toUpperCase()}${after.slice(1)}.` : 'We will look for a new partner for you.'}</p>` : ''}
${input.leaveUnclear ? html`<p>You also asked to leave a pairing. As you have more than one, none has ended yet: a program admin will confirm with you which one you meant before it does.</p>` : ''}
${input.noPairingToLeave && !input.exit && !input.leaveUnclear ? html`<p>You also asked to leave your pairing, but no pairing of yours is running: there is none to leave, and nothing has ended.</p>` : ''}
<p>You can close this page.</p>`,
  );
}

import type { RawHeaders } from './headers';

/**
 * What the receiving server said about a message. SES writes X-SES-Spam-Verdict,
 * X-SES-Virus-Verdict, Received-SPF and Authentication-Results; a message without them reads as
 * 'none' (not checked), never as 'pass'. The local cloud stamps them as SES would (local/inbound.ts).
 */
export type Verdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'gray' | 'error' | 'none';

export interface Verdicts {
  readonly spf: Verdict;
  readonly dkim: Verdict;
  readonly dmarc: Verdict;
  readonly spam: Verdict;
  readonly virus: Verdict;
}

function normalise(value: string | undefined): Verdict {
  switch ((value ?? '').trim().toLowerCase()) {
    case 'pass':
      return 'pass';
    case 'fail':
    case 'hardfail':
      return 'fail';
    case 'softfail':
      return 'softfail';
    case 'neutral':
    case 'policy':
      return 'neutral';
    case 'gray':
    case 'grey':
      return 'gray';
    case 'temperror':
    case 'permerror':
    case 'processing_failed':
    case 'error':
      return 'error';
    default:
      return 'none';
  }
}

/** "spf=pass (...) smtp.mailfrom=x; dkim=pass ..." -> every value of one method, in order. */
function methodResults(authResults: string, method: string): string[] {
  const pattern = new RegExp(`(?:^|[;\\s])${method}\\s*=\\s*([a-z_]+)`, 'gi');
  return [...authResults.matchAll(pattern)].map((m) => m[1] ?? '');
}

export function readVerdicts(headers: RawHeaders): Verdicts {
  const auth = headers.first('authentication-results') ?? '';
  const spfHeader = headers.first('received-spf')?.split(/[\s(;]/)[0];
  const dkims = methodResults(auth, 'dkim').map(normalise);
  return {
    spf: normalise(spfHeader ?? methodResults(auth, 'spf')[0]),
    // A message may carry several signatures; one valid signature is what DKIM asks for.
    dkim: dkims.includes('pass') ? 'pass' : (dkims[0] ?? 'none'),
    dmarc: normalise(methodResults(auth, 'dmarc')[0]),
    spam: normalise(headers.first('x-ses-spam-verdict')),
    virus: normalise(headers.first('x-ses-virus-verdict')),
  };
}

export interface VerdictOptions {
  /**
   * Mail that arrives through SES receipt (on AWS, and locally where the SMTP listener and
   * `/local/inbound` stamp the same headers): a message without SES's spam and virus verdicts,
   * with a virus scan that did not pass, or with neither SPF nor DKIM passing was not vouched for
   * and is refused (fail closed). Off for reading a saved .eml offline (`crossgen reply`).
   */
  readonly requireSes?: boolean;
}

/**
 * Sentences naming each verdict that should stop a reply from being recorded: an outright fail of
 * SPF, DKIM or DMARC, or a spam or virus finding; with `requireSes`, also missing verdicts and a
 * sender nothing vouches for. Gray and soft verdicts are not failures; the caller decides whether
 * to log them.
 */
export function verdictProblems(v: Verdicts, opts: VerdictOptions = {}): string[] {
  const problems: string[] = [];
  if (opts.requireSes) {
    if (v.spam === 'none' || v.virus === 'none') {
      problems.push('The message carries no spam and virus verdicts from SES: it did not come through the receipt checks, so it is not trusted.');
    } else if (v.virus !== 'pass' && v.virus !== 'fail') {
      problems.push('The virus scan did not complete, so the message is not trusted.');
    }
    if (v.spf !== 'pass' && v.dkim !== 'pass' && v.spf !== 'fail' && v.dkim !== 'fail') {
      problems.push('Neither SPF nor DKIM vouches for the sender, so anyone could have written this From address.');
    }
  }
  if (v.spf === 'fail') problems.push('SPF failed: the sending server is not allowed to send for that domain.');
  if (v.dkim === 'fail') problems.push('The DKIM signature is invalid.');
  if (v.dmarc === 'fail') problems.push('DMARC failed: the sender domain does not vouch for this message.');
  if (v.spam === 'fail') problems.push('The message was classified as spam.');
  if (v.virus === 'fail') problems.push('The message carries a virus.');
  return problems;
}

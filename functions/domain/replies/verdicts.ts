import type { RawHeaders } from './headers';

/**
 * What the receiving server said about a message. SES writes X-SES-Spam-Verdict,
 * X-SES-Virus-Verdict, Received-SPF and Authentication-Results; mail received locally has none of
 * them, which reads as 'none' (not checked), never as 'pass'.
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

/**
 * Sentences naming each verdict that should stop a reply from being recorded: an outright fail of
 * SPF, DKIM or DMARC, or a spam or virus finding. Gray, soft and missing verdicts are not failures
 * (locally received mail has no verdicts at all); the caller decides whether to log them.
 */
export function verdictProblems(v: Verdicts): string[] {
  const problems: string[] = [];
  if (v.spf === 'fail') problems.push('SPF failed: the sending server is not allowed to send for that domain.');
  if (v.dkim === 'fail') problems.push('The DKIM signature is invalid.');
  if (v.dmarc === 'fail') problems.push('DMARC failed: the sender domain does not vouch for this message.');
  if (v.spam === 'fail') problems.push('The message was classified as spam.');
  if (v.virus === 'fail') problems.push('The message carries a virus.');
  return problems;
}

import type { HttpEvent } from './http';

/**
 * Who calls the admin API, as the audit records it: the signed-in person's email (Cognito), else
 * their user name or subject, else the IAM identity of a system caller. Only an email can be one of
 * the program's people (domain/approval-conflict.ts, ownPairs).
 */
export function requester(event: HttpEvent): string {
  const authorizer = (event.requestContext as { authorizer?: { iam?: { userArn?: string }; jwt?: { claims?: Record<string, unknown> } } }).authorizer;
  const claims = authorizer?.jwt?.claims;
  const who = claims?.email ?? claims?.['cognito:username'] ?? claims?.sub ?? authorizer?.iam?.userArn;
  return typeof who === 'string' && who !== '' ? who : 'unknown caller';
}

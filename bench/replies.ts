/**
 * Reply reading benchmark (`npm run bench:replies`): what the inbound handler does with the text
 * of a reply from the right sender (stripReply, then the reading: data rights, an answer outside
 * the reply, interpretReply, a concern below, the answer above it read again), and the whole of
 * `readReply` on a raw email (mailparser included), for plain-text replies of 64 KB to 9.5 MB:
 * "YES 4" over lines of prose, and over one line without a line break. Each size prints its time
 * and its ratio to the 64 KB reply's; the reading looks at a bounded head (read-head.ts), so the
 * reading's ratio stays near 1 and only mailparser grows with the size (QA: 9.5 MB took over 60 s).
 * Prints a table, then one JSON line.
 */
import { readReply } from '../functions/domain/replies';
import { concernBelow } from '../functions/domain/replies/concern-below';
import { readDataRightsRequest } from '../functions/domain/replies/data-rights';
import { interpretReply } from '../functions/domain/replies/interpret';
import { answerOutsideReply } from '../functions/domain/replies/outside-reply';
import { stripReply } from '../functions/domain/replies/strip';
import type { InboundMessage } from '../functions/domain/replies/inbound';

const PROSE = 'We met on Tuesday and talked about the project plan, the next steps, and how to share the work.\n';
const KB = 1024;
const SIZES = [64 * KB, 1024 * KB, 4096 * KB, 9728 * KB];
const RUNS = 3;
const NOW = new Date('2026-12-02T12:00:00Z');

const body = (bytes: number, unit: string) => `YES 4\n${unit.repeat(Math.ceil(bytes / unit.length))}`;
const raw = (text: string) =>
  `From: Jane Doe <jane.doe@example.com>\r\nTo: reply+abc@example.org\r\nSubject: Re: How did it go?\r\nMessage-ID: <bench@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text.replace(/\n/g, '\r\n')}`;

/** The inbound handler's reading of a reply's text (inbound-mail.ts, `answer`), without its I/O. */
function reading(text: string): void {
  const stripped = stripReply(text, { address: 'jane.doe@example.com', name: 'Jane Doe' });
  readDataRightsRequest(stripped);
  const message = { from: 'jane.doe@example.com', to: [], subject: 'Re: How did it go?', text, truncated: false } as unknown as InboundMessage;
  answerOutsideReply(message, stripped, 'check-in', { now: NOW }) ?? interpretReply(stripped, 'check-in', { now: NOW });
  const below = concernBelow(stripped, 'check-in');
  if (below) interpretReply(below.above, 'check-in', { now: NOW });
}

async function best(run: () => unknown): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

const results: Record<string, Record<string, { ms: number; ratio: number }>> = {};
const shapes = { lines: PROSE, 'one line': PROSE.replace('\n', ' ') };
// Warm the JIT on a small reply, so the first size is not charged for it.
reading(body(64 * KB, PROSE));
await readReply(raw(body(64 * KB, PROSE)), 'check-in', { now: NOW });
console.log(`${'reply'.padEnd(24)} ${'reading ms'.padStart(12)} ${'ratio'.padStart(7)} ${'readReply ms'.padStart(14)} ${'ratio'.padStart(7)}`);
for (const [shape, unit] of Object.entries(shapes)) {
  let base: { reading: number; whole: number } | undefined;
  for (const size of SIZES) {
    const text = body(size, unit);
    const email = raw(text);
    const timing = { reading: await best(() => reading(text)), whole: await best(() => readReply(email, 'check-in', { now: NOW })) };
    base ??= timing;
    const label = `${(size / KB).toLocaleString('en-GB')} KB, ${shape}`;
    results[label] = {
      reading: { ms: Math.round(timing.reading), ratio: Number((timing.reading / base.reading).toFixed(2)) },
      readReply: { ms: Math.round(timing.whole), ratio: Number((timing.whole / base.whole).toFixed(2)) },
    };
    const r = results[label];
    console.log(
      `${label.padEnd(24)} ${String(r.reading!.ms).padStart(12)} ${r.reading!.ratio.toFixed(2).padStart(7)} ${String(r.readReply!.ms).padStart(14)} ${r.readReply!.ratio.toFixed(2).padStart(7)}`,
    );
  }
}
console.log(JSON.stringify({ bench: 'replies', results }));

import { parseXML } from '@aws-sdk/xml-builder';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_FILENAME, certificateSvg, recognition } from '../../../functions/domain/emails';

// The SDK's own strict-tag XML parser (a dependency of every AWS SDK client): it throws on
// mismatched or unclosed tags, which is what a stray "<" from a name would cause.
type Node = Record<string, unknown>;

const journey = {
  startedOn: '2027-01-12T09:00:00Z',
  completedOn: '2027-07-13T09:00:00Z',
  checkInsHeld: 11,
  topics: ['ai-tools', 'inclusive-communication', 'strategy'],
  milestones: [
    { label: 'Day 30', progress: 3 },
    { label: 'Day 90', progress: 4 },
    { label: 'End', progress: 5 },
  ],
};

function certificate(name: string, partnerName = 'Sam Lee') {
  const svg = certificateSvg({ programName: 'Spring & Summer <2027>', name, role: 'mentee', partnerName, journey, timeZone: 'Europe/London' }).toString('utf8');
  return { svg, root: (parseXML(svg) as { svg: Node }).svg };
}

/** Every text node under the element, in document order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => (k === 'text' || k === '#text' ? texts(v) : []));
  return [];
}

describe('SVG certificate', () => {
  it('is well-formed XML with an accessible title and description', () => {
    const { svg, root } = certificate('Alex Morgan');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(root.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.role).toBe('img');
    expect(root['aria-labelledby']).toBe('certificate-title certificate-desc');
    expect((root.title as Node)['#text']).toBe('Certificate of reverse mentoring: Alex Morgan');
    const desc = (root.desc as Node)['#text'] as string;
    expect(desc).toContain('Alex Morgan took part in Spring & Summer <2027> as a mentee, with Sam Lee.');
    expect(desc).toContain('Check-ins held: 11.');
    expect(desc).toContain('Topics covered: AI tools, Inclusive communication and Strategy.');
    expect(desc).toContain('Day 30: 3; Day 90: 4; End: 5');
    expect(desc).toContain('Tuesday 12 January 2027 to Tuesday 13 July 2027');
  });

  it('writes the facts as real text elements inside the frame', () => {
    const { root } = certificate('Alex Morgan');
    const lines = texts(root.text);
    expect(lines).toContain('Alex Morgan');
    expect(lines).toContain('11');
    expect(lines).toContain('AI tools, Inclusive communication and Strategy');
    const ys = (root.text as Node[]).map((t) => Number(t.y));
    expect(Math.max(...ys)).toBeLessThan(794 - 32);
  });

  it('stays well-formed and shows hostile names as text', () => {
    const hostile = `</text><script>alert(1)</script><text>&`;
    const { svg, root } = certificate(hostile, `"/><rect onload="x`);
    expect(svg).not.toContain('<script');
    expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    expect(texts(root.text)).toContain(hostile);
    expect((root.title as Node)['#text']).toBe(`Certificate of reverse mentoring: ${hostile}`);
  });

  it('is attached to the recognition email, whose body carries the same facts', () => {
    const email = recognition({
      to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
      program: { name: 'Spring 2027', admin: { name: 'Priya', email: 'priya@example.org' } },
      role: 'mentor',
      partner: { name: 'Sam Lee' },
      journey,
    });
    expect(email.attachments).toHaveLength(1);
    const [attachment] = email.attachments!;
    expect(attachment).toMatchObject({ filename: CERTIFICATE_FILENAME, contentType: 'image/svg+xml' });
    expect(Buffer.isBuffer(attachment!.content)).toBe(true);
    const desc = ((parseXML(attachment!.content.toString('utf8')) as { svg: Node }).svg.desc as Node)['#text'] as string;
    const body = email.text.replace(/\s+/g, ' ');
    for (const fact of ['Check-ins held: 11', 'AI tools, Inclusive communication and Strategy', 'Day 30: 3; Day 90: 4; End: 5']) {
      expect(desc).toContain(fact);
      expect(body).toContain(fact);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { interpretReply, readReply, stripReply, type ReplyPurpose } from '../../../functions/domain/replies';

// QA: clients that put no "-- " above a signature (Outlook) left it in the note: a final review
// ending "Sofia Almeida | Finance Director / Acme Brasil" above a "From:/Sent:" block was stored as
// "LEARNED: … TAUGHT: strategy basics Sofia Almeida | Finance Director Acme Brasil" (admin API, her
// export), and `crossgen reply outlook.eml --purpose check-in` gave "we practised prompts Sofia
// Almeida | Finance Director Acme Brasil". A signature block that starts with the writer's own name
// is cut; their name in a sentence, or a partner's, stays.
const now = new Date('2027-03-01T10:00:00Z');
const sofia = 'sofia.almeida@acme.com.br';
const read = (text: string, purpose: ReplyPurpose, writer: Parameters<typeof stripReply>[1]) => interpretReply(stripReply(text, writer), purpose, { now });
const OUTLOOK_HEADER = [
  'From: Reverse Mentoring <reply+abc.sig@in.example.org>',
  'Sent: Monday, March 1, 2027 9:00 AM',
  `To: Sofia Almeida <${sofia}>`,
  'Subject: Your final review',
  '',
  'How did it go?',
].join('\n');

describe("a signature block that starts with the writer's own name is no part of the note", () => {
  it('a final review signed Outlook-style, the title on the name\'s line (QA: "TAUGHT: strategy basics Sofia Almeida | Finance Director Acme Brasil")', () => {
    const text = `PROGRESS 4, RECOMMEND 9\nLEARNED: how to use AI prompts\nTAUGHT: strategy basics\n\nSofia Almeida | Finance Director / Acme Brasil\n\n${OUTLOOK_HEADER}`;
    expect(read(text, 'milestone', sofia)).toMatchObject({ rating: 4, score: 9, note: 'LEARNED: how to use AI prompts TAUGHT: strategy basics' });
  });

  it('a raw Outlook check-in, read as `crossgen reply --purpose check-in` reads it (QA: "we practised prompts Sofia Almeida | …")', async () => {
    const raw = [
      `From: Sofia Almeida <${sofia}>`,
      'To: reply+abc.sig@in.example.org',
      'Subject: RE: Check-in',
      'Content-Type: text/plain; charset="utf-8"',
      '',
      'Yes 4, we practised prompts',
      '',
      'Sofia Almeida | Finance Director',
      'Acme Brasil',
      '',
      '________________________________',
      OUTLOOK_HEADER,
    ].join('\r\n');
    expect(await readReply(raw, 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 4, note: 'we practised prompts' });
  });

  it('the name alone on its line with title, company, phone, address and web site under it', () => {
    const text =
      'Yes 5 - we practised prompts\n\nSofia Almeida\nFinance Director\nAcme Brasil Ltda.\nAv. Paulista, 1000 – São Paulo\nTel: +55 (11) 5555-0100\nsofia.almeida@acme.com.br | www.acme.com.br';
    expect(read(text, 'check-in', sofia)).toMatchObject({ rating: 5, note: 'we practised prompts' });
    // "*Sofia Almeida*": Outlook's plain text of a bold name.
    expect(stripReply('Yes 5, good session\n\n*Sofia Almeida*\nHead of Finance & Strategy\nM. +55 11 99999-0000', sofia)).toBe('Yes 5, good session');
  });

  it('the title after " / ", " | " or ", " on the name\'s line', () => {
    for (const signature of [
      'Sofia Almeida / Finance Director',
      'Sofia Almeida, Finance Director, Acme Brasil',
      'Sofia | CFO | Acme Brasil',
      'SOFIA ALMEIDA | CFO',
    ])
      expect(stripReply(`Yes 4, we practised prompts\n${signature}`, sofia), signature).toBe('Yes 4, we practised prompts');
  });

  it('the name as their enrolment gives it, when their address does not ("salmeida@")', () => {
    const text = 'Yes 4, we practised prompts\n\nSofia Almeida | Finance Director / Acme Brasil';
    expect(stripReply(text, { address: 'salmeida@acme.com.br', name: 'Sofia Almeida' })).toBe('Yes 4, we practised prompts');
    expect(stripReply(text, { address: 'salmeida@acme.com.br', name: 'Sofia Almeida' })).toBe(stripReply(text, sofia));
    // The address alone does not give "Sofia": kept, as before.
    expect(stripReply(text, 'salmeida@acme.com.br')).toBe(text);
    // A particle of the enrolled name is no name: "De Nada" is words.
    expect(stripReply('Yes 4\n\nDe Nada', { name: 'Ana de Souza' })).toBe('Yes 4\n\nDe Nada');
  });
});

describe('what is not the writer’s signature stays (no false positives)', () => {
  it('the writer’s name in a sentence, mid-text or opening a sentence', () => {
    expect(read('Yes 4\nThe notes are filed under Sofia Almeida / Finance Director in the shared drive', 'check-in', sofia).note).toBe(
      'The notes are filed under Sofia Almeida / Finance Director in the shared drive',
    );
    expect(read('Yes 4\nSofia, Leo and I met twice', 'check-in', sofia).note).toBe('Sofia, Leo and I met twice');
    expect(read('Yes 4\nSofia Almeida, that is me, will host next time', 'check-in', sofia).note).toBe('Sofia Almeida, that is me, will host next time');
  });

  it("a partner's name with a title, alone or on its line", () => {
    expect(read('Yes 4, great chat\n\nLeo Grant\nVP Operations', 'check-in', sofia).note).toBe('great chat Leo Grant VP Operations');
    expect(read('REMATCH\n\nLeo Grant | VP Operations', 'standing', sofia)).toMatchObject({ intent: 'rematch', note: 'Leo Grant | VP Operations' });
  });

  it('words under the name that are no signature: a PS, a sentence, a question', () => {
    expect(stripReply('Yes 4\n\nSofia\nPS: I Will Send The Slides', sofia)).toBe('Yes 4\n\nSofia\nPS: I Will Send The Slides');
    expect(stripReply('Yes 5\n\nSofia Almeida\nwe practised prompts', sofia)).toBe('Yes 5\n\nSofia Almeida\nwe practised prompts');
    expect(stripReply('Yes 5\n\nSofia Almeida\nCan We Meet On Friday?', sofia)).toBe('Yes 5\n\nSofia Almeida\nCan We Meet On Friday?');
  });

  it('a name ending a wrapped sentence, a signature that is the whole reply, and no writer known', () => {
    const wrapped = 'Yes 4, next time I will bring it up with\nSofia Almeida\nFinance Director';
    expect(stripReply(wrapped, sofia)).toBe(wrapped);
    expect(stripReply('Sofia Almeida | Finance Director\nAcme Brasil', sofia)).toBe('Sofia Almeida | Finance Director\nAcme Brasil');
    expect(stripReply('Yes 4\n\nSofia Almeida | Finance Director')).toBe('Yes 4\n\nSofia Almeida | Finance Director');
  });

  it('more lines under the name than a signature holds', () => {
    const long = `Yes 4\n\nSofia Almeida\n${['Finance', 'Acme', 'Brasil', 'Sao Paulo', 'Office 12', 'Floor 3', 'Desk 4'].join('\n')}`;
    expect(stripReply(long, sofia)).toBe(long);
  });
});

import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpListener, type InboundEnvelope, type SmtpListener } from '../../../local/smtp';

let listener: SmtpListener | undefined;
afterEach(async () => {
  await listener?.stop();
  listener = undefined;
});

function transport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 5000 });
}

describe('local SMTP listener', () => {
  it('hands each message for the inbound domain to the callback with its envelope', async () => {
    const received: { raw: string; envelope: InboundEnvelope }[] = [];
    listener = await startSmtpListener({
      domains: ['reply.example.com'],
      onMessage: async (raw, envelope) => void received.push({ raw: raw.toString(), envelope }),
    });
    await transport(listener.port).sendMail({ from: 'jane.doe@example.com', to: 'reply+abc@reply.example.com', subject: 'Re: check-in', text: 'Yes, 4' });
    expect(received).toHaveLength(1);
    expect(received[0]!.envelope).toEqual({ mailFrom: 'jane.doe@example.com', rcptTo: ['reply+abc@reply.example.com'] });
    expect(received[0]!.raw).toMatch(/Subject: Re: check-in/);
    expect(received[0]!.raw).toContain('Yes, 4');
  });

  it('refuses recipients of other domains with 550 (no relaying)', async () => {
    const received: unknown[] = [];
    listener = await startSmtpListener({ domains: ['reply.example.com'], onMessage: async (raw) => void received.push(raw) });
    await expect(transport(listener.port).sendMail({ from: 'a@example.com', to: 'someone@elsewhere.example', text: 'hi' })).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(received).toEqual([]);
  });

  it('refuses a message over the size limit with 552 and one the callback cannot take with 451', async () => {
    let fail = false;
    listener = await startSmtpListener({
      domains: ['reply.example.com'],
      maxBytes: 10_000,
      onMessage: async () => {
        if (fail) throw new Error('bucket unavailable');
      },
    });
    const smtp = transport(listener.port);
    await expect(smtp.sendMail({ from: 'a@example.com', to: 'r@reply.example.com', text: 'x'.repeat(50_000) })).rejects.toMatchObject({ responseCode: 552 });
    fail = true;
    await expect(smtp.sendMail({ from: 'a@example.com', to: 'r@reply.example.com', text: 'Yes' })).rejects.toMatchObject({ responseCode: 451 });
  });

  it('offers neither AUTH nor STARTTLS on loopback', async () => {
    listener = await startSmtpListener({ domains: ['reply.example.com'], onMessage: async () => undefined });
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, requireTLS: true, connectionTimeout: 5000 });
    await expect(smtp.sendMail({ from: 'a@example.com', to: 'r@reply.example.com', text: 'Yes' })).rejects.toThrow(/STARTTLS/i);
    expect(listener.host).toBe('127.0.0.1');
  });
});

import type { MessageChannel, OutgoingMessage } from './mail.ts';

/**
 * SMS: every province has its own gateway, so the system knows only this interface (clients/mail.ts MessageChannel);
 * a province plugs in its gateway's client. The stand-in records what it was given to send.
 */
export function recordingSmsChannel(): MessageChannel & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m);
    },
  };
}

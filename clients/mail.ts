import nodemailer from 'nodemailer';

/** One message through a channel: to an address, with an id that names it (duplicates are recognisable by it). */
export interface OutgoingMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** A channel beyond the in-app list: sends one message or throws. */
export interface MessageChannel {
  send(message: OutgoingMessage): Promise<void>;
}

/** Email through an SMTP server (Mailpit in development and tests). */
export function smtpChannel(opts: { host: string; port: number; from: string }): MessageChannel & { close(): void } {
  const transport = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: false,
    // Mailpit and a province's relay inside its network speak plain SMTP; a relay that offers STARTTLS gets it.
    ignoreTLS: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(m) {
      await transport.sendMail({
        from: opts.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: `<${m.id}@notifications.local>`,
      });
    },
    close: () => transport.close(),
  };
}

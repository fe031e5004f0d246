import nodemailer, { type Transporter } from 'nodemailer';
import { renderMessage, type NotificationChannel, type NotificationPayload, type Template } from './templates.js';

/** One due row of the outbox, as a sender receives it. */
export interface OutgoingNotification {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  template: Template;
  payload: NotificationPayload;
}

/** Delivers one message; throws when it could not (the worker retries later). */
export interface NotificationSender {
  send(n: OutgoingNotification): Promise<void>;
}

export type Senders = Partial<Record<NotificationChannel, NotificationSender>>;

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…; SMTP_URL in the environment. */
  url: string;
  /** SMTP_FROM; the municipality's no-reply address. */
  from: string;
}

/** E-mail through nodemailer over SMTP. */
export class SmtpSender implements NotificationSender {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    this.transport = nodemailer.createTransport(options.url);
  }

  async send(n: OutgoingNotification): Promise<void> {
    const message = renderMessage(n.template, n.payload);
    await this.transport.sendMail({ from: this.options.from, to: n.recipient, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * Stand-in until an SMS gateway is contracted: logs that the message would go out, with the
 * notification id and template only — no phone number, no name (KVKK: logs hold no personal data).
 */
export class LogSmsSender implements NotificationSender {
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}

  send(n: OutgoingNotification): Promise<void> {
    this.log(`sms notification ${n.id} template ${n.template}`);
    return Promise.resolve();
  }
}

/** Senders from the environment: e-mail only when SMTP_URL is set; SMS is logged. */
export function sendersFromEnv(env: NodeJS.ProcessEnv, log?: (line: string) => void): Senders {
  const senders: Senders = { sms: new LogSmsSender(log) };
  if (env.SMTP_URL) senders.email = new SmtpSender({ url: env.SMTP_URL, from: env.SMTP_FROM ?? 'ALO 153 <noreply@alo153.invalid>' });
  return senders;
}

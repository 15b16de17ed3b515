export type { Mailer, MailMessage, MailAttachment, SentMail } from './mailer';
export { createMailer } from './create-mailer';
export { SmtpMailer, type SmtpMailerOptions } from './smtp-mailer';
export { FileMailer } from './file-mailer';

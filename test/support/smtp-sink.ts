import type net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  mail: ParsedMail;
  raw: Buffer;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Messages whose DATA arrived but were never accepted (held, then the sender went away). */
  held: number;
  /** From now on, hold every message's DATA without answering: the sender waits (to be killed mid-send). */
  holdFromNow(onHeld: () => void): void;
  /** Accept messages again (held ones stay unanswered). */
  acceptAgain(): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps what it accepts. A held message is never
 * answered: if its sender dies, the message was not delivered, as with any SMTP server.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let holding: (() => void) | null = null;
  const sink: SmtpSink = {
    url: '',
    received,
    held: 0,
    holdFromNow(onHeld) {
      holding = onHeld;
    },
    acceptAgain() {
      holding = null;
    },
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (holding) {
          sink.held++;
          const onHeld = holding;
          holding = () => {}; // hold any further message too, until acceptAgain()
          onHeld();
          return; // never answered
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, raw });
            cb();
          },
          (err: Error) => cb(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}

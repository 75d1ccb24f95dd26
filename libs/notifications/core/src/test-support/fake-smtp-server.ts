import { createServer, type AddressInfo, type Server } from 'node:net';

/** A minimal SMTP server on 127.0.0.1 that accepts every message and keeps its raw DATA. */
export class FakeSmtpServer {
  readonly messages: string[] = [];
  /**
   * Called with each message once it is stored, before the server tells the client so: a client
   * killed here has had its mail accepted without ever learning it.
   */
  onStored: ((message: string) => void) | undefined;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSmtpServer> {
    const fake: FakeSmtpServer = new FakeSmtpServer(createServer((socket) => fake.talk(socket)));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The messages that carry `messageId` (`<…@foodcourt.local>`): copies of one delivery. */
  copiesOf(messageId: string): string[] {
    return this.messages.filter((m) => m.includes(`Message-ID: ${messageId}`));
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private talk(socket: import('node:net').Socket): void {
    let buffer = '';
    let inData = false;
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const message = buffer.slice(0, end);
          this.messages.push(message);
          this.onStored?.(message);
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 OK queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const command = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (command.startsWith('EHLO') || command.startsWith('HELO')) socket.write('250 fake\r\n');
        else if (command === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => undefined);
  }
}

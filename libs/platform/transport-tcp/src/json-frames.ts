import { StringDecoder } from 'node:string_decoder';

/**
 * Nest's TCP framing (helpers/json-socket.js), so a lean client talks to an unchanged ServerTCP:
 * `<length>#<json>`, where length counts the JSON's UTF-16 code units (JavaScript's
 * `string.length`), not bytes: Nest writes the length of the string and reads it back from a
 * UTF-8-decoded string.
 */
export function jsonFrame(message: unknown): string {
  const json = JSON.stringify(message);
  return `${json.length}#${json}`;
}

/** Same cap as Nest's JsonSocket (maxBufferSize), in characters. */
const MAX_BUFFERED_CHARS = (512 * 1024 * 1024) / 4;

/** Reads `<length>#<json>` frames from socket chunks; throws on a corrupted length, bad JSON or an oversized frame. */
export class JsonFrameReader {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  /** Length of the frame being read, or -1 while its length prefix is not read yet. */
  private length = -1;

  /** Adds a chunk and hands every complete message to `onMessage`, in order. */
  push(chunk: Buffer, onMessage: (message: unknown) => void): void {
    const text = this.buffer + this.decoder.write(chunk);
    let at = 0;
    for (;;) {
      if (this.length < 0) {
        const hash = text.indexOf('#', at);
        if (hash < 0) break;
        const length = parseInt(text.slice(at, hash), 10);
        if (Number.isNaN(length)) throw new Error(`corrupted frame length "${text.slice(at, hash).slice(0, 20)}"`);
        this.length = length;
        at = hash + 1;
      }
      if (text.length - at < this.length) break;
      const json = text.slice(at, at + this.length);
      at += this.length;
      this.length = -1;
      onMessage(JSON.parse(json));
    }
    this.buffer = at === 0 ? text : text.slice(at);
    if (this.buffer.length > MAX_BUFFERED_CHARS) throw new Error(`frame larger than ${MAX_BUFFERED_CHARS} characters`);
  }
}

/**
 * Small text edits of the workspace's registration files. They anchor on the declaration a file
 * lists domains in and fail, naming the file and the anchor, rather than guess when it has moved.
 */

/** Inserts `statement` after the file's last import statement. */
export function addImport(file: string, text: string, statement: string): string {
  if (text.includes(statement)) return text;
  const imports = [...text.matchAll(/^import\s[^;]*;/gm)];
  const last = imports.at(-1);
  if (!last) throw new Error(`cannot register the domain in ${file}: it has no import statement to add to`);
  const end = last.index + last[0].length;
  return `${text.slice(0, end)}\n${statement}${text.slice(end)}`;
}

/**
 * Adds `entry` as the last element of the object or array literal whose opening bracket ends
 * `opener` (e.g. `DOMAIN_PORTS: Readonly<Record<string, PortDefinition>> = {`, `http: [`), keeping
 * its layout: one entry per line, or inline.
 */
export function addEntry(file: string, text: string, opener: string | RegExp, entry: string): string {
  const found = typeof opener === 'string' ? { index: text.indexOf(opener), length: opener.length } : matchOf(text, opener);
  if (found.index < 0) throw new Error(`cannot register the domain in ${file}: ${String(opener)} not found`);
  const open = found.index + found.length - 1;
  const close = matchingBracket(text, open);
  if (close < 0) throw new Error(`cannot register the domain in ${file}: the literal opened by ${String(opener)} is not closed`);
  const body = text.slice(open + 1, close);
  if (!body.includes('\n')) {
    // Inline: keep the padding inside the brackets (`{ a, b }` stays spaced, `[a, b]` tight).
    const [lead = '', trail = ''] = [/^\s*/.exec(body)?.[0], /\s*$/.exec(body)?.[0]];
    const items = body.trim().replace(/,$/, '');
    return `${text.slice(0, open + 1)}${lead}${items === '' ? entry : `${items}, ${entry}`}${trail}${text.slice(close)}`;
  }
  const lines = body.split('\n');
  const lastEntry = [...lines].reverse().find((line) => line.trim() !== '') ?? '';
  const indent = /^\s*/.exec(lastEntry)?.[0] ?? '  ';
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  // The entry before keeps (or gets) its trailing comma.
  const before = text.slice(0, lineStart).replace(/([^,\s{[])(\s*)$/, '$1,$2');
  return `${before}${indent}${entry},\n${text.slice(lineStart)}`;
}

function matchOf(text: string, pattern: RegExp): { index: number; length: number } {
  const match = pattern.exec(text);
  return match ? { index: match.index, length: match[0].length } : { index: -1, length: 0 };
}

/** Index of the bracket closing the one at `open`, skipping strings; -1 when there is none. */
function matchingBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"' || char === '`') {
      i = text.indexOf(char, i + 1);
      if (i < 0) return -1;
    } else if (pairs[char]) {
      stack.push(pairs[char]);
    } else if (char === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** An object key for a domain: bare when it is an identifier, quoted otherwise (`'gift-cards'`). */
export function objectKey(name: string): string {
  return /^[a-z][a-z0-9]*$/.test(name) ? name : `'${name}'`;
}

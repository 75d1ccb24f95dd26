#!/usr/bin/env node
// npm run identity:rotate-key -- --url http://127.0.0.1:3000
// Rotates identity's access-token signing key through the HTTP API, as the admin named by
// IDENTITY_ADMIN_EMAIL and IDENTITY_ADMIN_PASSWORD: logs in, reads the kid signing now from the
// fresh token, and asks for a rotation away from it (POST /admin/identity/rotate-signing-key).
// Sessions survive: the replaced key stays published until its last token has expired.
const USAGE = 'usage: npm run identity:rotate-key -- --url <base URL of the unit serving the API> (admin from IDENTITY_ADMIN_EMAIL, IDENTITY_ADMIN_PASSWORD)';

function fail(line, code = 1) {
  console.error(`identity:rotate-key: ${line}`);
  process.exit(code);
}

function argument(name) {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function call(url, method, path, body, token) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let response;
  try {
    response = await fetch(new URL(path, url), { method, headers, body: JSON.stringify(body) });
  } catch (error) {
    fail(`cannot reach ${url}: ${error.cause?.code ?? error.cause?.message ?? error.message}`);
  }
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { message: text.slice(0, 200) };
  }
  return { status: response.status, body: json };
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = args.filter((a) => a.startsWith('--') && !/^--url(=|$)/.test(a));
  if (unknown.length > 0) fail(`unknown option ${unknown[0]}\n${USAGE}`, 2);
  const url = argument('url');
  if (!url) fail(`--url is required\n${USAGE}`, 2);
  if (!/^https?:\/\/[^/]+/.test(url)) fail(`--url must be an http(s) URL, got "${url}"`, 2);
  const email = process.env.IDENTITY_ADMIN_EMAIL;
  const password = process.env.IDENTITY_ADMIN_PASSWORD;
  if (!email || !password) fail('IDENTITY_ADMIN_EMAIL and IDENTITY_ADMIN_PASSWORD must name an admin account', 2);

  const login = await call(url, 'POST', '/auth/login', { email, password });
  if (login.status !== 200) fail(`cannot log in as ${email}: ${login.status} ${login.body.code ?? ''} ${login.body.message ?? ''}`.trim());
  const token = login.body.accessToken;
  const currentKid = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;

  const rotation = await call(url, 'POST', '/admin/identity/rotate-signing-key', { currentKid }, token);
  if (rotation.status !== 200) fail(`rotation refused: ${rotation.status} ${rotation.body.code ?? ''} ${rotation.body.message ?? ''}`.trim());
  const { kid, previousKid, published, previousRetiresAt } = rotation.body;
  console.log(`rotated: ${kid} signs new tokens; ${previousKid} stays published until ${previousRetiresAt} (published now: ${published.join(', ')})`);
}

main().catch((error) => fail(error.message));

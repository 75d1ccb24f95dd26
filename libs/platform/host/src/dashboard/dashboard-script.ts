/** The dashboard's script: logs in through the API, then polls the admin endpoints every 2 s. */
export const DASHBOARD_JS = String.raw`
'use strict';
const $ = (selector) => document.querySelector(selector);
const POLL_MS = 2000;
let token = sessionStorage.getItem('foodcourt.token');
let previousCalls = new Map();
let previousAt = 0;
let openTrace = null;
let timer = null;

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '–' : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function fill(tableSelector, rows, render) {
  const body = $(tableSelector + ' tbody');
  body.replaceChildren(...rows.map((item) => { const tr = document.createElement('tr'); render(tr, item); return tr; }));
}

async function api(method, path) {
  const response = await fetch(path, { method, headers: { authorization: 'Bearer ' + token } });
  if (response.status === 401 || response.status === 403) { logout('Please log in as an administrator.'); throw new Error('not logged in'); }
  if (!response.ok) throw new Error(method + ' ' + path + ' answered ' + response.status);
  return response.json();
}

function setStatus(text) { $('#status').textContent = text; }
// What the last refresh found, apart from what an action said (a refresh right after a replay must not hide its result).
function setRefreshed(text) { $('#refreshed').textContent = text; }

function showBoard(visible) {
  $('#login').hidden = visible;
  $('#board').hidden = !visible;
  $('#logout').hidden = !visible;
}

function logout(message) {
  token = null;
  sessionStorage.removeItem('foodcourt.token');
  clearInterval(timer);
  showBoard(false);
  $('#login-error').textContent = message || '';
}

async function login(event) {
  event.preventDefault();
  $('#login-error').textContent = '';
  const response = await fetch('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: $('#login-email').value, password: $('#login-password').value }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { $('#login-error').textContent = body.message || 'Login refused (' + response.status + ')'; return; }
  if (!(body.user && body.user.roles && body.user.roles.includes('admin'))) { $('#login-error').textContent = 'This account is not an administrator.'; return; }
  token = body.accessToken;
  sessionStorage.setItem('foodcourt.token', token);
  start();
}

function renderOverview(overview) {
  $('#topology-name').textContent = 'topology ' + overview.topology;
  fill('#units', overview.units, (tr, unit) => {
    tr.dataset.unit = unit.name;
    cell(tr, unit.name); cell(tr, unit.domains.join(', ') || '(gateway)'); cell(tr, unit.transport); cell(tr, unit.http ? 'yes' : 'no');
    cell(tr, unit.up ? 'up' : 'down', unit.up ? 'up' : 'down');
  });
  const now = Date.now();
  const seconds = previousAt ? (now - previousAt) / 1000 : 0;
  const calls = new Map();
  fill('#calls', overview.calls, (tr, call) => {
    const key = call.unit + '|' + call.domain + '.' + call.method + '|' + call.binding;
    calls.set(key, call.calls);
    const before = previousCalls.get(key);
    const rate = seconds > 0 && before !== undefined ? ((call.calls - before) / seconds).toFixed(1) : null;
    tr.dataset.method = call.domain + '.' + call.method;
    cell(tr, call.domain + '.' + call.method); cell(tr, call.unit); cell(tr, call.binding); cell(tr, call.calls); cell(tr, rate);
    cell(tr, call.domainErrors); cell(tr, call.failures, call.failures > 0 ? 'error' : '');
    cell(tr, call.p50Ms === null ? null : call.p50Ms.toFixed(2)); cell(tr, call.p99Ms === null ? null : call.p99Ms.toFixed(2));
  });
  previousCalls = calls;
  previousAt = now;
  fill('#events', overview.events, (tr, row) => {
    cell(tr, row.domain); cell(tr, row.outboxWaiting); cell(tr, row.oldestWaitingSeconds.toFixed(1)); cell(tr, row.deadLetters, row.deadLetters > 0 ? 'error' : '');
  });
}

function renderDeadLetters(letters) {
  fill('#dead-letters', letters, (tr, letter) => {
    tr.dataset.deadLetter = letter.id;
    cell(tr, new Date(letter.failedAt).toLocaleTimeString()); cell(tr, letter.subscriber); cell(tr, letter.type); cell(tr, letter.attempts); cell(tr, letter.error, 'error');
    const button = document.createElement('button');
    button.textContent = 'Replay';
    button.dataset.replay = letter.id;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const result = await api('POST', '/admin/dead-letters/' + letter.id + '/replay');
        setStatus('replayed event ' + result.eventId);
      } catch (error) {
        setStatus('replay failed: ' + error.message);
      }
      refresh();
    });
    cell(tr, '').appendChild(button);
  });
}

function renderTraces(traces) {
  fill('#traces', traces.slice(0, 50), (tr, trace) => {
    tr.dataset.traceId = trace.traceId;
    tr.dataset.units = trace.units.length;
    cell(tr, new Date(trace.startMs).toLocaleTimeString()); cell(tr, trace.root); cell(tr, trace.units.join(', ')); cell(tr, trace.spans);
    cell(tr, trace.durationMs.toFixed(1)); cell(tr, trace.errors, trace.errors > 0 ? 'error' : '');
    tr.addEventListener('click', () => showTrace(trace.traceId));
  });
}

const COLOURS = ['#4c8bf5', '#e8710a', '#1a9e5c', '#a142f4', '#d93025', '#12939a', '#b8860b', '#5f6368'];

async function showTrace(traceId) {
  openTrace = traceId;
  const { spans } = await api('GET', '/admin/traces/' + traceId);
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const depth = (span) => { let d = 0; for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) d++; return d; };
  const units = [...new Set(spans.map((s) => s.unit))].sort();
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const total = Math.max(end - start, 0.001);
  // Parents before children, siblings in start order.
  const ordered = [];
  const visit = (parentId) => spans.filter((s) => (s.parentSpanId && byId.has(s.parentSpanId) ? s.parentSpanId : null) === parentId)
    .sort((a, b) => a.startMs - b.startMs).forEach((s) => { ordered.push(s); visit(s.spanId); });
  visit(null);
  $('#waterfall-title').textContent = 'Trace ' + traceId + ' — ' + total.toFixed(1) + ' ms across ' + units.join(', ');
  $('#waterfall-rows').replaceChildren(...ordered.map((span) => {
    const row = document.createElement('div');
    row.className = 'span-row';
    row.dataset.unit = span.unit;
    row.dataset.name = span.name;
    const label = document.createElement('div');
    label.className = 'span-label';
    label.style.paddingLeft = depth(span) * 12 + 'px';
    label.textContent = span.name + ' · ' + span.unit + ' · ' + span.kind + ' · ' + span.durationMs.toFixed(2) + ' ms';
    const track = document.createElement('div');
    track.className = 'span-track';
    const bar = document.createElement('div');
    bar.className = 'span-bar' + (span.status === 'error' ? ' failed' : '');
    bar.style.left = ((span.startMs - start) / total) * 100 + '%';
    bar.style.width = (span.durationMs / total) * 100 + '%';
    bar.style.background = COLOURS[units.indexOf(span.unit) % COLOURS.length];
    bar.title = JSON.stringify(span.attributes);
    track.appendChild(bar);
    row.append(label, track);
    return row;
  }));
  $('#waterfall').hidden = false;
}

async function refresh() {
  try {
    const [overview, letters, traces] = await Promise.all([api('GET', '/admin/overview'), api('GET', '/admin/dead-letters'), api('GET', '/admin/traces')]);
    renderOverview(overview);
    renderDeadLetters(letters);
    renderTraces(traces.traces);
    const missing = [...new Set([...overview.unreachable, ...traces.unreachable])];
    setRefreshed(missing.length ? 'not answering: ' + missing.join(', ') : 'updated ' + new Date().toLocaleTimeString());
  } catch (error) {
    if (token) setRefreshed(error.message);
  }
}

function start() {
  showBoard(true);
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, POLL_MS);
}

$('#login-form').addEventListener('submit', login);
$('#logout').addEventListener('click', () => logout());
if (token) start(); else showBoard(false);
`;

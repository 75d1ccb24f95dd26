/**
 * The dashboard's page, shipped as code so every build of every binary serves it (no asset
 * copying, nothing from a CDN). Its script (dashboard-script.ts) reads the admin API only.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Foodcourt dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/app.css">
</head>
<body>
<header><h1>Foodcourt</h1><span id="topology-name"></span><span id="refreshed"></span><span id="status" role="status"></span><button id="logout" hidden>Log out</button></header>
<main>
  <section id="login">
    <h2>Administrator login</h2>
    <form id="login-form">
      <label>E-mail <input id="login-email" type="email" autocomplete="username" required></label>
      <label>Password <input id="login-password" type="password" autocomplete="current-password" required></label>
      <button id="login-submit" type="submit">Log in</button>
      <p id="login-error" class="error" role="alert"></p>
    </form>
  </section>
  <div id="board" hidden>
    <section><h2>Units</h2><table id="units"><thead><tr><th>Unit</th><th>Domains</th><th>Transport</th><th>HTTP API</th><th>Health</th></tr></thead><tbody></tbody></table></section>
    <section><h2>Port calls</h2><table id="calls"><thead><tr><th>Method</th><th>Caller unit</th><th>Binding</th><th>Calls</th><th>Rate /s</th><th>Domain errors</th><th>Failures</th><th>p50 ms</th><th>p99 ms</th></tr></thead><tbody></tbody></table></section>
    <section><h2>Events</h2><table id="events"><thead><tr><th>Domain</th><th>Outbox waiting</th><th>Oldest waiting (s)</th><th>Dead letters</th></tr></thead><tbody></tbody></table>
      <h3>Dead letters</h3><table id="dead-letters"><thead><tr><th>Failed at</th><th>Subscriber</th><th>Event</th><th>Attempts</th><th>Error</th><th></th></tr></thead><tbody></tbody></table></section>
    <section><h2>Recent traces</h2><table id="traces"><thead><tr><th>Started</th><th>Root</th><th>Units</th><th>Spans</th><th>Duration ms</th><th>Errors</th></tr></thead><tbody></tbody></table>
      <div id="waterfall" hidden><h3 id="waterfall-title"></h3><div id="waterfall-rows"></div></div></section>
  </div>
</main>
<script src="/dashboard/app.js"></script>
</body>
</html>
`;

export const DASHBOARD_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f6f7f9; }
header { display: flex; gap: 1rem; align-items: baseline; padding: .6rem 1.2rem; background: #1d3b53; color: #fff; }
header h1 { font-size: 1.2rem; margin: 0; }
#refreshed { margin-left: auto; opacity: .6; }
#status { margin-left: 1em; opacity: .85; }
main { padding: 1rem 1.2rem; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: .6rem 1rem; margin-bottom: 1rem; }
h2 { font-size: 1rem; margin: .2rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eef0f3; font-variant-numeric: tabular-nums; }
tr[data-trace-id] { cursor: pointer; }
tr[data-trace-id]:hover { background: #eef5fb; }
.up { color: #1a7f37; } .down { color: #cf222e; font-weight: 600; } .error { color: #cf222e; }
form label { display: block; margin: .4rem 0; } input { margin-left: .5rem; }
.span-row { display: grid; grid-template-columns: 22rem 1fr; align-items: center; gap: .5rem; height: 1.4rem; }
.span-label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 12px; }
.span-track { position: relative; height: .9rem; background: #f0f2f4; }
.span-bar { position: absolute; top: 0; height: 100%; min-width: 2px; border-radius: 2px; }
.span-bar.failed { outline: 2px solid #cf222e; }
`;

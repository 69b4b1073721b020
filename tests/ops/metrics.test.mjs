// /metrics as Prometheus reads it: `promtool check metrics` (Debian's prometheus package) finds
// no problem in it, after the pages, the API and a refused request have all been counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

import { startServer, HttpClient } from '../integration/lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ seed: true }); });
after(async () => { await srv?.stop(); });

function promtool(text) {
  return new Promise((resolve, reject) => {
    const p = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code, out }));
    p.stdin.end(text);
  });
}

test('promtool check metrics finds nothing wrong with /metrics', async () => {
  const visitor = new HttpClient(srv.baseUrl);
  for (const path of ['/', '/organisations', '/requests', '/api/v1/organisations', '/no-such-page']) await visitor.get(path);
  await visitor.post('/login', { email: 'x@example.org', password: 'y' });
  const res = await fetch(`${srv.baseUrl}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /^synergeia_http_requests_total\{/m);
  assert.match(text, /^synergeia_cache_changes_heard_total /m);
  const { code, out } = await promtool(text);
  assert.equal(out.trim(), '', 'promtool has nothing to say');
  assert.equal(code, 0);
});

// /metrics as Prometheus reads it: `promtool check metrics` (Debian's prometheus package) finds
// no problem in it, after the pages, the API and a refused request have all been counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer, HttpClient, REPO_ROOT } from '../integration/lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ seed: true }); });
after(async () => { await srv?.stop(); });

function run(program, args, input = '') {
  return new Promise((resolve, reject) => {
    const p = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('exit', (code) => resolve({ code, out }));
    p.stdin.end(input);
  });
}
const promtool = (text) => run('promtool', ['check', 'metrics'], text);

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

test('the Grafana dashboard of deploy/ asks Prometheus only what promtool parses, of metrics the program has', async () => {
  const dashboard = JSON.parse(await readFile(join(REPO_ROOT, 'deploy/grafana/synergeia.json'), 'utf8'));
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
  assert.ok(exprs.length >= 5);
  // Each expression as a recording rule: `promtool check rules` parses PromQL.
  const rules = `groups:\n  - name: synergeia-dashboard\n    rules:\n${exprs.map((e, i) => `      - record: synergeia:dashboard_${i}\n        expr: ${JSON.stringify(e)}\n`).join('')}`;
  const dir = await mkdtemp(join(tmpdir(), 'synergeia-rules-'));
  try {
    await writeFile(join(dir, 'rules.yml'), rules);
    const { code, out } = await run('promtool', ['check', 'rules', join(dir, 'rules.yml')]);
    assert.equal(code, 0, out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const text = await (await fetch(`${srv.baseUrl}/metrics`)).text();
  for (const name of new Set(exprs.flatMap((e) => e.match(/synergeia_[a-z_]+/g)))) {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    const optional = /replica/.test(name);  // only with --db-read
    if (!optional) assert.match(text, new RegExp(`^# TYPE ${base} `, 'm'), `${name} is a metric of the program`);
  }
});

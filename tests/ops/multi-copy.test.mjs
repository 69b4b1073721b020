// Two copies of the program on one PostgreSQL, behind the real nginx site of deploy/: they behave
// as one. Background jobs run once per item whichever copy takes it, also when a copy is killed
// mid-job; a change made through one copy reaches the other's caches within a second; a session,
// a form's CSRF token and the log-in rate limit work whichever copy serves the next request; and
// copies restarted one at a time (SIGTERM, drain, start) while requests flow fail none of them.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';  // the test's self-signed certificate

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect as http2Connect } from 'node:http2';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { startServer, startSmtpSink, HttpClient, extractCsrf, demoDatabase, sleep, within } from '../integration/lib/server.mjs';
import { loginOk, login } from '../integration/lib/flows.mjs';
import { startNginx } from './lib/nginx.mjs';
import { sql, value } from './lib/pg.mjs';

const PASSWORD = 'multi copy test password';
const MAILS = 600;

let made;      // the demo database
let sink;
let first;     // copy A (killed in the mail test, then started again)
let second;    // copy B
let proxy;     // nginx
let reminded;  // the organisation whose reminder falls due when the copies start

const copyEnv = () => ({
  SYNERGEIA_DEMO: '1',
  SYNERGEIA_SMTP_URL: sink.url,
  // A mail claimed by a copy that dies is sent by another after this long (600 s in production).
  SYNERGEIA_JOB_LEASE_SECONDS: '3',
  SYNERGEIA_TRUSTED_PROXY: '127.0.0.1',
});
const startCopy = (port) => startServer({ db: made.db, migrate: false, env: copyEnv(), port });

before(async () => {
  sink = await startSmtpSink();
  made = await demoDatabase({ prefix: 'multi-copy', password: PASSWORD });
  // A reminder that is due when the copies start, so that both reach for it at once.
  reminded = await value(made.db.url, `UPDATE organisations SET expires_at = CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) + 10 * 86400, reminded_at = NULL
    WHERE id = (SELECT MIN(id) FROM organisations WHERE state = 'verified') RETURNING id`);
  assert.ok(reminded, 'the demo has a verified organisation');
  [first, second] = await Promise.all([startCopy(), startCopy()]);
});

after(async () => {
  await proxy?.stop();
  await first?.stop({ check: false });
  await second?.stop({ check: false });
  await sink?.stop();
  await made?.db.drop();
});

const opsMails = async () => (await sink.mails()).filter((m) => /^ops-mail \d+$/.test(m.subject));


describe('two copies on one PostgreSQL', () => {
  // SMTP cannot be exactly once: a copy killed between the mail server's "250 OK" and the
  // UPDATE that records it leaves a message the next copy must send again, or it could be lost.
  // So: every message arrives; a second copy of one can only be of a message that was in flight
  // when the copy died, and carries the same Message-ID (mail programs show it once).
  test(`${MAILS} queued mails all arrive while both copies send, though one is killed with kill -9 half-way; none twice but one in flight`, async () => {
    const arrived = async () => (await readdir(join(sink.dir, 'new'))).length;
    const before = await arrived();
    await sql(made.db.url, `INSERT INTO mail_outbox (municipality_id, to_addr, subject, body_text, status, attempts, next_attempt_at, created_at)
      SELECT NULL, 'person' || n || '@example.org', 'ops-mail ' || n, 'body ' || n, 'pending', 0, 0, 0 FROM generate_series(1, ${MAILS}) AS n`);
    // Both copies take batches within 2 s and keep going until none is due; kill one in the middle.
    await within(60_000, 'the copies start sending', async () => (await arrived()) - before >= MAILS * 0.4);
    first.proc.kill('SIGKILL');
    await first.exited;
    const inFlight = (await sql(made.db.url,
      "SELECT subject FROM mail_outbox WHERE subject LIKE 'ops-mail %' AND status = 'pending' AND attempts > 0")).map((r) => r[0]);
    await within(90_000, `all ${MAILS} mails arrive`, async () =>
      new Set((await opsMails()).map((m) => m.subject)).size === MAILS);
    await sleep(4000);  // past the lease: anything sent again has been by now
    const mails = await opsMails();
    const seen = new Map();
    const twice = [];
    for (const m of mails) {
      const id = m.headers.get('message-id')?.[0];
      if (seen.has(m.subject)) {
        twice.push(m.subject);
        assert.equal(id, seen.get(m.subject), `${m.subject} went twice under the same Message-ID`);
      }
      seen.set(m.subject, id);
    }
    for (const subject of twice) assert.ok(inFlight.includes(subject), `${subject} went twice, but was not in flight at the kill (${inFlight})`);
    assert.ok(twice.length <= 1, `sent twice: ${twice}`);
    assert.equal(seen.size, MAILS);
    assert.equal(await value(made.db.url, "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'ops-mail %' AND status = 'sent'"), String(MAILS));
    console.log(`in flight when the copy was killed: ${inFlight.length}; sent twice: ${twice.length}`);
    await first.stop({ check: false });
    first = await startCopy();
  });

  test('an expiry reminder due when both copies start is sent once', async () => {
    const rows = await sql(made.db.url, `SELECT action FROM organisation_history WHERE organisation_id = ${reminded} AND action = 'expiry.reminder'`);
    assert.equal(rows.length, 1);
    const queued = await value(made.db.url, `SELECT COUNT(*) FROM mail_outbox
      WHERE position((SELECT official_name FROM organisations WHERE id = ${reminded}) IN subject) > 0`);
    assert.ok(Number(queued) >= 1, 'its administrators were written to');
  });

  test('a change made through one copy shows through the other within one second, cache included', async () => {
    const anonymousThere = new HttpClient(second.baseUrl);
    const colourOf = async () => /theme\.css\?c=([0-9a-f]{6})/.exec((await anonymousThere.get('/')).body)?.[1];
    const before = await colourOf();  // the other copy has the municipality cached now
    const admin = new HttpClient(first.baseUrl);
    await loginOk(admin, made.demo.tenant_admin.email, made.demo.tenant_admin.password);
    const colour = before === '2a6f3c' ? '6b2a6f' : '2a6f3c';
    const res = await admin.submit('/admin/settings', { name_en: 'Kalamata', brand_colour: `#${colour}` });
    assert.equal(res.status, 303);
    const took = await within(1000, 'the other copy still shows the old colour', async () => (await colourOf()) === colour);
    assert.ok(took <= 1000, `${took} ms`);
  });

  test('a session, its form tokens and the log-in limit work whichever copy serves the next request', async () => {
    const here = new HttpClient(first.baseUrl);
    await loginOk(here, made.demo.tenant_admin.email, made.demo.tenant_admin.password);
    const there = new HttpClient(second.baseUrl);
    there.setCookie('sid', here.cookie('sid').value);
    assert.equal((await there.get('/account')).status, 200, 'the session made on A works on B');
    // A form shown by one copy is accepted by the other.
    const form = await here.get('/admin/settings');
    const res = await there.post('/admin/settings', { _csrf: extractCsrf(form.body), name_en: 'Kalamata', brand_colour: '#003476' });
    assert.equal(res.status, 303, 'the CSRF token of A is accepted by B');
    // Five wrong passwords, alternating copies; the sixth is refused on either.
    const target = made.demo.citizen.email;
    for (let i = 0; i < 5; i += 1) {
      const client = new HttpClient((i % 2 ? first : second).baseUrl);
      assert.equal((await login(client, target, 'wrong password')).status, 401);
    }
    for (const copy of [first, second]) {
      assert.equal((await login(new HttpClient(copy.baseUrl), target, 'wrong password')).status, 429);
    }
  });

  test('the nginx site: TLS with HTTP/2, gzip, static files from disk, HTTP sent to HTTPS', async () => {
    proxy = await startNginx({ upstreams: [first.port, second.port] });
    const session = http2Connect(proxy.httpsUrl, { rejectUnauthorized: false });
    const status = await new Promise((resolve, reject) => {
      const req = session.request({ ':path': '/', 'accept-language': 'el' });
      req.on('response', (h) => resolve(h[':status']));
      req.on('error', reject);
      req.resume();
    });
    session.close();
    assert.equal(status, 200, 'the home page over HTTP/2');

    const home = await (await fetch(`${proxy.httpsUrl}/`)).text();
    const css = /href="(\/static\/css\/app\.[0-9a-f]{10}\.css)"/.exec(home)?.[1];
    assert.ok(css, 'the page names its fingerprinted style sheet');
    const asset = await fetch(`${proxy.httpsUrl}${css}`, { headers: { 'accept-encoding': 'gzip' } });
    await asset.arrayBuffer();
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('content-encoding'), 'gzip');
    assert.match(asset.headers.get('cache-control'), /immutable/);
    assert.equal(asset.headers.get('content-security-policy'), null, 'nginx served it from disk, not the program');

    const plain = await fetch(`${proxy.httpUrl}/organisations`, { redirect: 'manual' });
    assert.equal(plain.status, 301);
    assert.match(plain.headers.get('location'), /^https:\/\//);

    const metrics = await fetch(`${proxy.httpsUrl}/metrics`);
    await metrics.arrayBuffer();
    assert.equal(metrics.status, 200, 'the metrics answer this host');

    // The rate limit: 20 a second with bursts of 60 per address; 150 at once go past it.
    const burst = await Promise.all(Array.from({ length: 150 }, async () => {
      const res = await fetch(`${proxy.httpsUrl}/healthz`);
      await res.arrayBuffer();
      return res.status;
    }));
    assert.ok(burst.filter((s) => s === 429).length >= 50, `refused: ${burst.filter((s) => s === 429).length} of 150`);
    assert.ok(burst.filter((s) => s === 200).length >= 60, 'the burst allowance passed');
    await proxy.stop();
    proxy = null;
  });

  test('copies restarted one at a time while requests flow: no request fails', async () => {
    // The same site with its rate limit lifted: the test sends far more than one visitor would.
    proxy = await startNginx({ upstreams: [first.port, second.port], rate: '100000r/s' });
    const failures = [];
    let done = 0;
    let flowing = true;
    const paths = ['/', '/organisations', '/requests', '/healthz'];
    const worker = async (n) => {
      for (let i = n; flowing; i += 1) {
        const path = paths[i % paths.length];
        try {
          const res = await fetch(`${proxy.httpsUrl}${path}`, { redirect: 'manual' });
          await res.arrayBuffer();
          if (res.status >= 400) failures.push(`${path}: ${res.status}`);
        } catch (err) {
          failures.push(`${path}: ${err.message}`);
        }
        done += 1;
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await sleep(500);
    for (const name of ['first', 'second']) {
      const copy = name === 'first' ? first : second;
      await copy.stop({ check: false });  // SIGTERM: drains, then exits
      const again = await startCopy(copy.port);
      assert.equal(again.port, copy.port, 'the copy is back where nginx expects it');
      if (name === 'first') first = again; else second = again;
      // Requests reach the restarted copy for a while before the next one goes.
      await sleep(2500);
    }
    flowing = false;
    await Promise.all(workers);
    assert.ok(done > 50, `requests flowed (${done})`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failed requests among ${done}`);
  });
});

// Defences at the edge: log-in rate limits, session expiry, security headers, open redirects,
// malformed and oversize requests, unknown routes and methods, and a graceful SIGTERM.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';

import {
  startServer, createDatabase, runBinary, HttpClient, rawHttp, saveHtml, sleep,
} from './lib/server.mjs';
import { parseDemoLogins, writeConfig, login, loginOk, uniqueEmail } from './lib/flows.mjs';

// ------------------------------------------------------------------ raw sockets

function open(port) {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => resolve(sock));
    sock.once('error', reject);
  });
}

/** Everything the server sends on sock until it closes the connection (or timeoutMs). */
function readAll(sock, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const chunks = [];
    const timer = setTimeout(() => done(false), timeoutMs);
    function done(closed) {
      clearTimeout(timer);
      resolve({ data: Buffer.concat(chunks), closed });
    }
    sock.on('data', (d) => chunks.push(d));
    sock.once('close', () => done(true));
    sock.once('error', () => { /* a reset after the answer: 'close' follows */ });
  });
}

/** Parses one HTTP/1.1 response with a Content-Length body: {status, headers, body, complete}. */
function parseResponse(buf) {
  const text = buf.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { status: undefined, complete: false, headers: {} };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const body = buf.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  const length = Number(headers['content-length']);
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]),
    headers,
    body,
    complete: Number.isFinite(length) && body.length === length,
  };
}

async function stillServing(srv) {
  const res = await fetch(`${srv.baseUrl}/healthz`);
  assert.equal(res.status, 200, 'the server still answers after the bad request');
  assert.equal(srv.proc.exitCode, null);
  assert.equal(srv.proc.signalCode, null);
}

// ------------------------------------------------------------------ one server for most tests

describe('on a server with the default settings', () => {
  let srv;
  let logins;

  before(async () => {
    srv = await startServer({ seed: true });
    logins = parseDemoLogins(await srv.demoLogins());
  });
  after(() => srv?.stop());

  test('the sixth log-in for one account within the window gets 429, even with the right password', async () => {
    const { email, password } = logins.volunteer;
    const c = new HttpClient(srv.baseUrl);
    for (let i = 1; i <= 5; i += 1) {
      const res = await login(c, email, `λάθος κωδικός ${i}`);
      assert.equal(res.status, 401, `attempt ${i} is an ordinary wrong password`);
    }
    const sixth = await login(c, email, password);
    assert.equal(sixth.status, 429, 'the account is locked for the window');
    assert.equal(c.cookie('sid'), undefined, 'no session was made');
    assert.equal((await login(new HttpClient(srv.baseUrl), email.toUpperCase(), password)).status, 429,
      'the same account spelled differently is the same account');
    // The limit is per account: another account from the same address still logs in.
    await loginOk(new HttpClient(srv.baseUrl), logins.committee.email, logins.committee.password);
  });

  test('security headers are on every kind of response', async () => {
    const c = new HttpClient(srv.baseUrl);
    const responses = {
      'an HTML page': await c.get('/login'),
      'a 404 page': await c.get('/does-not-exist'),
      'an API error': await c.get('/api/v1/me'),
      '/healthz': await c.get('/healthz'),
    };
    for (const [what, res] of Object.entries(responses)) {
      const csp = res.headers.get('content-security-policy') || '';
      assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP forbids framing`);
      assert.match(csp, /default-src 'self'/, `${what}: CSP default-src`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: no unsafe CSP sources`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
      assert.ok(res.headers.get('referrer-policy'), `${what}: Referrer-Policy`);
      assert.doesNotMatch(res.headers.get('referrer-policy'), /unsafe-url|no-referrer-when-downgrade/, `${what}: a strict Referrer-Policy`);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
    }
    const csrf = c.cookie('csrf');
    assert.ok(csrf, 'the log-in page gives a visitor a csrf cookie');
    assert.equal(csrf.attributes.httponly, true);
    assert.match(String(csrf.attributes.samesite), /^lax$/i);

    await loginOk(c, logins.citizen.email, logins.citizen.password);
    const account = await c.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.headers.get('cache-control') || '', /no-store/, 'a personal page is never cached');
  });

  test('log-in never redirects to another site', async () => {
    const c = new HttpClient(srv.baseUrl);
    const res = await login(c, logins.org_member.email, logins.org_member.password, { next: '//evil.example/steal' });
    assert.equal(res.status, 303);
    assert.equal(res.location, `${srv.baseUrl}/`, 'next=//evil.example goes to the home page');
    // Logged in, GET /login?next=… redirects at once: try the other tricks without more log-ins.
    const where = async (next) => (await c.get(`/login?next=${encodeURIComponent(next)}`)).location;
    assert.equal(await where('https://evil.example/'), `${srv.baseUrl}/`);
    assert.equal(await where('/\\evil.example'), `${srv.baseUrl}/`);
    assert.equal(await where('//evil.example'), `${srv.baseUrl}/`);
    assert.equal(await where('evil.example'), `${srv.baseUrl}/`);
    // A path on this site is honoured (so the refusals above are the check, not a constant "/").
    assert.equal(await where('/account?x=1'), `${srv.baseUrl}/account?x=1`);
  });

  test('control characters and backslashes in next and return never reach a header nor leave the site', async () => {
    // What an attacker puts in a link: the decoded value the server receives.
    const attacks = [
      '/\r\nSet-Cookie: sid=attacker', '/\nSet-Cookie: sid=attacker', '/\rSet-Cookie: sid=attacker',
      '/\r\n\r\n<script>alert(1)</script>', '/\0Set-Cookie: sid=attacker', '/\t/evil.example', '/x\t/evil.example',
      '/\\evil.example', '/x\\..\\evil', '/\u0085Set-Cookie: sid=attacker', '\r\n/evil',
    ];
    // Their escaped forms as they travel in the address or the form body, once and twice.
    const encodings = {
      once: (v) => encodeURIComponent(v),
      'lower-case hex': (v) => encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
      twice: (v) => encodeURIComponent(encodeURIComponent(v)),
    };
    const { email, password } = logins.org_admin;
    const member = new HttpClient(srv.baseUrl);
    await loginOk(member, email, password);
    const sid = member.cookie('sid').value;
    const csrf = 'c'.repeat(43);   // a visitor's double-submit token: the cookie and the field agree

    // Sends raw bytes, so that what comes back is seen as the bytes it is.
    const raw = (request) => rawHttp(srv.port, request);
    const get = (query, cookie) => raw(`GET /login?next=${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
    const post = (path, body, cookie) => raw(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n`
      + `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);

    const check = (res, value, encoding, what) => {
      const label = `${what} with ${JSON.stringify(value)} escaped ${encoding}`;
      const head = res.data.split('\r\n\r\n')[0];
      const lines = head.split('\r\n');
      assert.ok([303, 400].includes(res.status), `${label}: a redirect or a refusal, got ${lines[0]}`);
      for (const line of lines.slice(1)) {
        assert.match(line, /^[!#$%&'*+.^_`|~0-9A-Za-z-]+: [^\x00-\x08\x0a-\x1f\x7f]*$/, `${label}: every line of the head is one header`);
      }
      assert.doesNotMatch(head, /sid=attacker/i, `${label}: no cookie of the attacker's`);
      assert.doesNotMatch(res.data, /<script>/, `${label}: nothing reaches the body either`);
      const location = lines.find((l) => /^location:/i.test(l))?.replace(/^location:\s*/i, '');
      if (res.status !== 303) return;
      assert.ok(location, `${label}: a Location`);
      assert.equal(new URL(location, srv.baseUrl).origin, srv.baseUrl, `${label}: stays on this site (${location})`);
      assert.match(location, /^\/(?![\/\\])/, `${label}: a plain path`);
      if (encoding !== 'twice') assert.equal(location, '/', `${label}: the home page`);
    };

    for (const value of attacks) {
      for (const [encoding, encode] of Object.entries(encodings)) {
        check(await get(encode(value), `sid=${sid}`), value, encoding, 'GET /login?next= (logged in)');
        check(await post('/login', `email=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}&next=${encode(value)}&_csrf=${csrf}`,
          `csrf=${csrf}`), value, encoding, 'POST /login next=');
        check(await post('/lang', `lang=en&return=${encode(value)}&_csrf=${csrf}`, `csrf=${csrf}`), value, encoding, 'POST /lang return=');
      }
    }
    // A path longer than any of ours is refused too: the header it would become must stay writable.
    const long = await post('/lang', `lang=el&return=/${'a'.repeat(70_000)}&_csrf=${csrf}`, `csrf=${csrf}`);
    assert.equal(long.status, 303);
    assert.match(long.data, /\r\nLocation: \/\r\n/i);
    // The same forms still take a path of this site back to it.
    const ok = await post('/lang', `lang=el&return=${encodeURIComponent('/organisations?q=σύλλογος')}&_csrf=${csrf}`, `csrf=${csrf}`);
    assert.equal(ok.status, 303);
    assert.match(Buffer.from(ok.data, 'latin1').toString('utf8'), /\r\nLocation: \/organisations\?q=σύλλογος\r\n/i);
  });

  test('a malformed request gets 400 and the connection is closed', async () => {
    const garbage = await rawHttp(srv.port, 'GARBAGE\r\n\r\n');
    assert.equal(garbage.status, 400, `garbage request line: ${garbage.data.slice(0, 100)}`);
    assert.equal(garbage.closed, true, 'the server closes the connection');
    await stillServing(srv);

    const badHeader = await rawHttp(srv.port, 'GET / HTTP/1.1\r\nHost: x\r\nthis header has no colon\r\n\r\n');
    assert.equal(badHeader.status, 400);
    assert.equal(badHeader.closed, true);
    await stillServing(srv);

    // Keep-alive would let a second request follow; a broken one must end the connection.
    const pipelined = await rawHttp(srv.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /%ZZ\x01 HTTP/9\r\n\r\n');
    assert.match(pipelined.data, /^HTTP\/1\.1 200/, 'the good request is answered');
    assert.match(pipelined.data, /HTTP\/1\.1 400/, 'the bad one gets 400');
    assert.equal(pipelined.closed, true);

    const encodedSlash = await rawHttp(srv.port, 'GET /account%2f..%2fadmin HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal(encodedSlash.status, 400, 'an encoded slash in the path is refused');
    assert.equal(encodedSlash.closed, true);

    const hugeHeader = await rawHttp(srv.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.equal(hugeHeader.status, 431, 'a header block over 16 KiB');
    assert.equal(hugeHeader.closed, true);
    await stillServing(srv);

    // RFC 9112 §3.2: HTTP/1.1 needs exactly one Host, and it must be a host.
    for (const [what, head] of [['no Host', ''], ['a space in Host', 'Host: evil example\r\n'],
      ['two Hosts', 'Host: a\r\nHost: b\r\n'], ['a path in Host', 'Host: a/b\r\n']]) {
      const res = await rawHttp(srv.port, `GET /login HTTP/1.1\r\n${head}\r\n`);
      assert.equal(res.status, 400, `${what}: ${res.data.slice(0, 80)}`);
      assert.equal(res.closed, true);
    }
    // The answers the HTTP layer gives itself carry the security headers too.
    for (const [what, res] of [['400', garbage], ['431', hugeHeader]]) {
      const head = res.data.split('\r\n\r\n')[0];
      assert.match(head, /\r\nContent-Security-Policy: default-src 'self'/i, `${what}: CSP`);
      assert.match(head, /\r\nX-Frame-Options: DENY/i, `${what}: X-Frame-Options`);
      assert.match(head, /\r\nX-Content-Type-Options: nosniff/i, `${what}: nosniff`);
    }
  });

  test('an oversize body gets 413', async () => {
    const form = await rawHttp(srv.port,
      'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n'
      + `Content-Length: ${2 * 1024 * 1024}\r\n\r\nemail=a%40b.gr&password=`);
    assert.equal(form.status, 413, `a 2 MiB form: ${form.data.slice(0, 120)}`);
    assert.equal(form.closed, true);
    await stillServing(srv);

    const upload = await rawHttp(srv.port,
      'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n'
      + `Content-Length: ${25 * 1024 * 1024}\r\n\r\n--XyZ\r\n`);
    assert.equal(upload.status, 413, `a 25 MiB upload: ${upload.data.slice(0, 120)}`);
    assert.equal(upload.closed, true);
    await stillServing(srv);

    // Without a Content-Length the limit holds while the body streams in.
    const sock = await open(srv.port);
    const answer = readAll(sock);
    sock.write('POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`;
    for (let i = 0; i < 40 && !sock.destroyed; i += 1) {   // up to 2.5 MiB, stopping when answered
      if (!sock.write(chunk)) await Promise.race([new Promise((r) => sock.once('drain', r)), sleep(200)]);
    }
    const streamed = await answer;
    assert.equal(parseResponse(streamed.data).status, 413, 'a chunked body over 1 MiB');
    assert.equal(streamed.closed, true);
    await stillServing(srv);
  });

  test('a multipart body over 1 MiB but under the upload limit reaches the application', async () => {
    // 30 parts of 50 KiB: each part is under the form limit, the whole is 1.5 MiB.
    const fd = new FormData();
    for (let i = 0; i < 30; i += 1) fd.append(`field${i}`, 'x'.repeat(50 * 1024));
    const res = await new HttpClient(srv.baseUrl).request('POST', '/login', { multipart: fd });
    // The application read it and refused it for having no CSRF token (not the transport, with 400 or 413).
    assert.equal(res.status, 403, `status ${res.status}: ${res.body.slice(0, 200)}`);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    await stillServing(srv);
  });

  test('unknown pages get 404 and wrong methods get 405 with Allow', async () => {
    const c = new HttpClient(srv.baseUrl);
    const page = await c.get('/no/such/page');
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    const api = await c.get('/api/v1/no-such-thing');
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type'), /^application\/problem\+json/);
    assert.equal(api.json().status, 404);

    const del = await c.request('DELETE', '/login');
    assert.equal(del.status, 405);
    const allow = (del.headers.get('allow') || '').split(/,\s*/);
    assert.ok(allow.includes('GET') && allow.includes('POST'), `Allow: ${del.headers.get('allow')}`);
    assert.ok(!allow.includes('DELETE'));
    const put = await c.request('PUT', '/account', { body: 'x' });
    assert.equal(put.status, 405);
    assert.match(put.headers.get('allow') || '', /GET/);
    const getOnPost = await c.get('/logout');
    assert.equal(getOnPost.status, 405, 'log-out only by POST');
    assert.match(getOnPost.headers.get('allow') || '', /POST/);
  });
});

// ------------------------------------------------------------------ limits that need waiting
// Each test has its own server with its own settings; they run side by side so their waits overlap.

describe('limits in time', { concurrency: true }, () => {
  test('failures on different accounts from one address lock that address until the window passes', async () => {
    const config = await writeConfig('login_limit_per_ip = 3\nlogin_window_seconds = 2\n');
    const srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config } });
    try {
      const logins = parseDemoLogins(await srv.demoLogins());
      for (let i = 0; i < 3; i += 1) {
        const res = await login(new HttpClient(srv.baseUrl), uniqueEmail(`spray${i}`), 'δοκιμή κωδικού 1');
        assert.equal(res.status, 401);
      }
      const blocked = await login(new HttpClient(srv.baseUrl), logins.staff.email, logins.staff.password);
      assert.equal(blocked.status, 429, 'the fourth attempt from this address is refused, right password or not');
      await saveHtml('integration-login-rate-limited', blocked.body);
      await sleep(3200);   // login_window_seconds = 2
      await loginOk(new HttpClient(srv.baseUrl), logins.staff.email, logins.staff.password);
    } finally {
      await srv.stop();
    }
  });

  test('a session unused for longer than SYNERGEIA_SESSION_IDLE no longer works', async () => {
    const srv = await startServer({ seed: true, env: { SYNERGEIA_SESSION_IDLE: '2' } });
    try {
      const { email, password } = parseDemoLogins(await srv.demoLogins()).citizen;
      const c = new HttpClient(srv.baseUrl);
      await loginOk(c, email, password);
      const sid = c.cookie('sid').value;
      assert.equal((await c.get('/api/v1/me')).status, 200, 'the fresh session works');
      await sleep(3200);
      assert.equal((await c.get('/api/v1/me')).status, 401, 'after 3 s idle the session is gone');
      const page = await c.get('/account');
      assert.equal(page.status, 303);
      assert.equal(new URL(page.location).pathname, '/login');
      assert.equal(c.cookie('sid'), undefined, 'the dead cookie is cleared');
      const replay = new HttpClient(srv.baseUrl);
      replay.setCookie('sid', sid);
      assert.equal((await replay.get('/api/v1/me')).status, 401, 'and it stays dead');
    } finally {
      await srv.stop();
    }
  });

  test('a session in use still ends after SYNERGEIA_SESSION_ABSOLUTE', async () => {
    const srv = await startServer({ seed: true, env: { SYNERGEIA_SESSION_ABSOLUTE: '4', SYNERGEIA_SESSION_IDLE: '3600' } });
    try {
      const { email, password } = parseDemoLogins(await srv.demoLogins()).citizen;
      const c = new HttpClient(srv.baseUrl);
      await loginOk(c, email, password);
      const start = Date.now();
      assert.equal((await c.get('/api/v1/me')).status, 200);
      await sleep(1000);
      assert.equal((await c.get('/api/v1/me')).status, 200, 'still valid while in use');
      await sleep(Math.max(0, 5200 - (Date.now() - start)));
      assert.equal((await c.get('/api/v1/me')).status, 401, 'ended at the absolute limit despite the activity');
    } finally {
      await srv.stop();
    }
  });
});

// ------------------------------------------------------------------ descriptors

describe('when file descriptors run short', () => {
  test('under a hard limit of 256 descriptors, 300 idle connections do not keep a new client out', async () => {
    const srv = await startServer({ wrap: ['prlimit', '--nofile=256:256', '--'] });
    const idle = [];
    let closedByServer = 0;
    try {
      const started = JSON.parse(srv.output().stderr.split('\n').find((l) => l.includes('"listening"')));
      assert.equal(started.descriptors, 256, 'the limit the server runs under');
      // 256 less the reserve for the database, its files, uploads and the process itself.
      assert.ok(started.max_connections >= 16 && started.max_connections < 256, `max_connections ${started.max_connections}`);

      for (let i = 0; i < 300; i += 1) {
        const sock = await open(srv.port);
        sock.on('close', () => { closedByServer += 1; });
        sock.on('error', () => {});
        idle.push(sock);
      }
      await sleep(500);
      const res = await fetch(`${srv.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 200, 'a new client is served');
      await res.arrayBuffer();

      const metrics = await (await fetch(`${srv.baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
      const value = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
      const shed = value('synergeia_http_idle_connections_shed_total');
      const errors = value('synergeia_http_accept_errors_total');
      const open_ = value('synergeia_http_connections');
      assert.ok(shed >= 300 - started.max_connections, `the oldest idle connections made room: ${shed} shed`);
      assert.ok(closedByServer >= 300 - started.max_connections, `${closedByServer} idle sockets were closed by the server`);
      assert.ok(open_ <= started.max_connections, `${open_} open, at most ${started.max_connections}`);
      // Sized to the limit, the server never runs out of descriptors here (the unit tests make
      // it run out, and time the pauses); were it to, each failed accept pauses 10 ms or more.
      assert.ok(errors <= 300, `${errors} failed accepts`);
    } finally {
      for (const sock of idle) sock.destroy();
      await srv.stop();
    }
  });
});

// ------------------------------------------------------------------ graceful shutdown

describe('SIGTERM', () => {
  test('drains the request in flight, refuses new connections and exits 0', async () => {
    // No demo seed needed: one municipality made through the CLI is enough to serve /login.
    const db = await createDatabase();
    await runBinary(['migrate', '--db', db.url]);
    await runBinary(['tenant', 'add', '--elstat', '4401', '--name', 'Καλαμάτας', '--slug', 'kalamata', '--db', db.url]);
    const srv = await startServer({ db, migrate: false });
    try {
      const token = 'd'.repeat(43);
      const body = new URLSearchParams({ email: 'drain@example.gr', password: 'λάθος κωδικός 1', _csrf: token }).toString();
      const half = Math.floor(body.length / 2);

      const busy = await open(srv.port);
      const answer = readAll(busy);
      busy.write('POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n'
        + `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
        + `Cookie: csrf=${token}\r\n\r\n${body.slice(0, half)}`);
      const idle = await open(srv.port);   // a keep-alive connection with nothing to do
      const idleClosed = readAll(idle);
      await sleep(300);

      srv.proc.kill('SIGTERM');
      // The listener closes as soon as the signal is handled; give a slow (sanitizer) build time.
      let refused;
      for (let i = 0; i < 50 && !refused; i += 1) {
        await sleep(100);
        try {
          (await open(srv.port)).destroy();
        } catch (err) {
          refused = err;
        }
      }
      assert.equal(refused?.code, 'ECONNREFUSED', 'no new connection after SIGTERM');
      assert.equal(srv.proc.exitCode, null, 'still running while a request is in flight');

      busy.write(body.slice(half));
      const got = await answer;
      const res = parseResponse(got.data);
      assert.ok(res.status >= 200 && res.status < 600, `a response arrives: ${got.data.toString('latin1').slice(0, 120)}`);
      assert.equal(res.status, 401, 'the request was handled (a wrong password), not cut off');
      assert.ok(res.complete, 'the whole body arrived');
      assert.equal(res.headers.connection, 'close', 'the server says it will close');
      assert.equal((await idleClosed).closed, true, 'the idle connection is closed by the server');

      const exit = await srv.stop({ check: false });
      assert.deepEqual(exit, { code: 0, signal: null }, `exit after the drain\n${srv.output().stderr.slice(-800)}`);
    } finally {
      await srv.stop({ check: false });
      await db.drop();
    }
  });
});

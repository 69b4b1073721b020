// Staff search keys in the requests queue, over the demo municipality, on the engine the suite
// runs on: staff (and the auditor, who may read requesters) find a request by its number ("302",
// "#302") and by the requester's surname, in Greek, without accents or in Latin letters, on the
// queue page and in its JSON API; the public list finds it by its words but never by the
// requester's name or by its number alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient, extractCsrf } from './lib/server.mjs';
import { parseDemoLogins, loginOk, writeConfig } from './lib/flows.mjs';

const RUN = Date.now().toString(36);
let srv;
const people = {};

before(async () => {
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config } });
  const logins = parseDemoLogins(await srv.demoLogins());
  for (const role of ['citizen', 'staff', 'auditor']) {
    const c = new HttpClient(srv.baseUrl);
    await loginOk(c, logins[role].email, logins[role].password);
    people[role] = c;
  }
  people.visitor = new HttpClient(srv.baseUrl);
});

after(async () => {
  await srv?.stop();
});

const linked = (html) => [...html.matchAll(/href="[^"]*\/requests\/(\d+)"/g)].map((m) => Number(m[1]));

async function queue(who, q) {
  const res = await people[who].get(`/admin/requests?q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200, `${who} searches the queue for ${q}: ${res.status}`);
  return linked(res.body);
}

async function publicList(q) {
  const res = await people.visitor.get(`/requests?q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200);
  return linked(res.body);
}

test('staff find a request by its number and by the requester; the public by neither', async () => {
  // The demo citizen, «Μαρία Παπαδοπούλου», files a public request.
  const form = await people.citizen.get('/requests/new');
  const typeId = /<option value="(\d+)"[^>]*data-location="1"/.exec(form.body)?.[1];
  const data = new FormData();
  data.append('_csrf', extractCsrf(form.body));
  for (const [k, v] of Object.entries({
    type: typeId, title: `Λακκούβες στην οδό Ψαρών ${RUN}`,
    description: 'Δύο βαθιές λακκούβες μπροστά στην είσοδο της πολυκατοικίας.',
    address: 'Ψαρών, Καλαμάτα', postal_code: '24100', latitude: '37.0250', longitude: '22.1080', is_public: '1',
  })) data.append(k, v);
  const filed = await people.citizen.request('POST', '/requests/new', { multipart: data });
  assert.equal(filed.status, 303);
  const id = Number(/\/requests\/(\d+)$/.exec(new URL(filed.location).pathname)[1]);

  for (const who of ['staff', 'auditor']) {
    for (const q of [String(id), `#${id}`, ` # ${id} `]) {
      assert.equal((await queue(who, q))[0], id, `${who}: "${q}" puts request ${id} first`);
    }
    for (const q of ['Παπαδοπούλου', 'παπαδοπουλου', 'papadopoulou', 'Papadopulu', `Παπαδοπούλου ${RUN}`, `μαρια λακκουβα ${RUN}`]) {
      assert.ok((await queue(who, q)).includes(id), `${who}: "${q}" finds request ${id} by its requester`);
    }
  }
  const api = await people.staff.get(`/api/v1/requests?q=${encodeURIComponent('papadopoulou ' + RUN)}`);
  assert.equal(api.status, 200);
  assert.deepEqual(JSON.parse(api.body).items.map((r) => r.id), [id], 'the JSON queue finds it by its requester too');
  const byNumber = JSON.parse((await people.staff.get(`/api/v1/requests?q=%23${id}`)).body);
  assert.equal(byNumber.items[0].id, id, 'and by its number, first');

  // Words find it everywhere, inflected as people type them.
  assert.ok((await queue('staff', `λακκούβα ${RUN}`)).includes(id));
  assert.ok((await publicList(`λακκούβα ${RUN}`)).includes(id), 'the public list finds its words');
  assert.ok((await publicList(`lakouves psaron ${RUN}`)).includes(id), 'and Greeklish as typed');

  // The public never finds it by the requester's name, nor by its number alone.
  for (const q of [`Παπαδοπούλου ${RUN}`, `papadopoulou ${RUN}`, `μαρια ${RUN}`]) {
    assert.deepEqual(await publicList(q), [], `the public list finds nothing for "${q}"`);
  }
  // Typing the index's own marker for a requester's name is no way in: the word is ignored.
  assert.deepEqual(await publicList(`zzrwπαπαδοπουλου ${RUN}`), await publicList(RUN));
  assert.ok(!(await publicList(`#${id}`)).includes(id), 'a number is no search key in public');
});

test('odd searches get an ordinary page, never an error', async () => {
  const odd = ['!!!', '"', 'NEAR(a b', 'a:* & !b | (c', "'; DROP TABLE requests; --", 'zz', 'zzrw', 'σύλλογος sylogos 東京 مرحبا ✓',
    // As long as an address carries (a longer one is refused by the HTTP layer with 431 before any
    // search; the search itself takes 10,000 characters: tests/unit/platform/filter_test.cpp).
    'λ'.repeat(1000), 'σύλλογος '.repeat(110), 'x'.repeat(6000), '#', '#0', '#99999999999999999999', '-1'];
  for (const q of odd) {
    const label = q.length > 40 ? `${q.slice(0, 20)}… (${q.length} characters)` : q;
    for (const [who, path] of [['visitor', '/organisations'], ['visitor', '/requests'], ['staff', '/admin/requests']]) {
      const res = await people[who].get(`${path}?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, `${who} ${path} "${label}": ${res.status}`);
    }
  }
});

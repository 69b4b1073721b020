// The JSON API v1 of requests, through HTTP against the real binary (SQLite, or PostgreSQL with
// SYNERGEIA_TEST_DB_BACKEND=postgres), on the demo municipality:
//   - request types, submission (JSON body), reading a request redacted per viewer;
//   - refusals: a visitor writes (401), a session without the CSRF header (403), a citizen reads
//     another citizen's private request (404, as if it did not exist), an auditor acts (403),
//     a transition the workflow forbids (422, explained);
//   - staff move a request along and reply; the requester sees public replies, not internal
//     notes, gets a notification, and rates once it is resolved; others support it;
//   - statistics and notifications.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

import { HttpClient } from './lib/server.mjs';
import { useDemoServer } from './lib/demo.mjs';

const env = useDemoServer();

// ---------------------------------------------------------------- helpers

const as = (role) => env.as(role);

function api(c, method, path, json, { csrf = true } = {}) {
  const headers = {};
  if (csrf && c.csrfToken) headers['x-csrf-token'] = c.csrfToken;
  return c.request(method, path, { json, headers });
}

function assertProblem(res, status, what) {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.body.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, `${what}: problem+json`);
  assert.equal(res.json().status, status);
  return res.json();
}

function ok(res, status, what) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.body.slice(0, 400)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/json/);
  return res.json();
}

async function file(role, fields) {
  const c = await as(role);
  return ok(await api(c, 'POST', '/api/v1/requests', {
    type: 'local-problem', title: 'Σπασμένο παγκάκι', description: 'Στην πλατεία, δίπλα στη βρύση.',
    address: 'Πλατεία 23ης Μαρτίου, Καλαμάτα', postal_code: '24100', latitude: 37.0375, longitude: 22.1139, ...fields,
  }), 201, `${role} files a request`);
}

// ---------------------------------------------------------------- reading

describe('reading', () => {
  test('request types: the demo six, public, with their departments', async () => {
    const body = ok(await new HttpClient(env.srv.baseUrl).get('/api/v1/request-types'), 200, 'types');
    const codes = body.items.map((t) => t.code);
    for (const code of ['local-problem', 'secretarial-support', 'funding-application', 'municipal-space', 'promotion']) {
      assert.ok(codes.includes(code), `${code} in ${codes}`);
    }
    const problem = body.items.find((t) => t.code === 'local-problem');
    assert.equal(problem.takes_location, true);
    assert.ok(problem.department.id > 0 && problem.department.name);
    assert.ok(problem.deadline_days >= 1);
  });

  test('statistics are public', async () => {
    const body = ok(await new HttpClient(env.srv.baseUrl).get('/api/v1/requests/statistics'), 200, 'statistics');
    assert.ok(body.overall.requests > 0);
    assert.ok(body.by_department.length > 0 && body.by_type.length > 0);
    for (const g of [...body.by_department, ...body.by_type]) assert.equal(typeof g.key, 'string');
  });

  test('a visitor has no list of requests and cannot write', async () => {
    const visitor = new HttpClient(env.srv.baseUrl);
    assertProblem(await visitor.get('/api/v1/requests'), 401, 'visitor list');
    assertProblem(await visitor.get('/api/v1/notifications'), 401, 'visitor notifications');
    assertProblem(await api(visitor, 'POST', '/api/v1/requests', { type: 'local-problem' }), 401, 'visitor POST');
    assertProblem(await api(visitor, 'POST', '/api/v1/requests/1/support'), 401, 'visitor support');
    const forged = await visitor.request('POST', '/api/v1/requests', { json: {}, headers: { authorization: 'Bearer syn_not-a-real-token' } });
    assertProblem(forged, 401, 'a bad token');
  });
});

// ---------------------------------------------------------------- privacy

describe('privacy', () => {
  let privateOne;
  let publicOne;

  before(async () => {
    privateOne = await file('citizen', { title: 'Ιδιωτικό ζήτημα', is_public: false });
    publicOne = await file('citizen', { title: 'Δημόσιο ζήτημα', is_public: true });
  });

  test('the requester reads their request in full', async () => {
    const citizen = await as('citizen');
    assert.equal(privateOne.is_public, false);
    assert.equal(privateOne.state, 'submitted');
    assert.equal(privateOne.viewer.requester, true);
    assert.equal(privateOne.requester.email, env.demo.citizen.email);
    const again = ok(await citizen.get(`/api/v1/requests/${privateOne.id}`), 200, 'read back');
    assert.equal(again.title, 'Ιδιωτικό ζήτημα');
    assert.ok(again.history.length >= 1);
    const mine = ok(await citizen.get('/api/v1/requests'), 200, 'my requests');
    assert.ok(mine.items.some((r) => r.id === privateOne.id));
  });

  test("another citizen cannot see a citizen's private request: 404, as if it did not exist", async () => {
    const other = await as('volunteer');
    assertProblem(await other.get(`/api/v1/requests/${privateOne.id}`), 404, 'another citizen');
    assertProblem(await new HttpClient(env.srv.baseUrl).get(`/api/v1/requests/${privateOne.id}`), 404, 'a visitor');
    assertProblem(await new HttpClient(env.srv.baseUrl).get('/api/v1/requests/999999999'), 404, 'an unknown id');
    assertProblem(await new HttpClient(env.srv.baseUrl).get('/api/v1/requests/abc'), 404, 'not an id');
    const theirs = ok(await other.get('/api/v1/requests'), 200, 'their own list');
    assert.ok(!theirs.items.some((r) => r.id === privateOne.id || r.id === publicOne.id));
    // Nor may they act on it: the same 404, nothing changes.
    assertProblem(await api(other, 'POST', `/api/v1/requests/${privateOne.id}/support`), 404, 'support a private request');
    assertProblem(await api(other, 'POST', `/api/v1/requests/${privateOne.id}/rating`, { rating: 1 }), 404, 'rate it');
  });

  test('a public request shows no personal data to others', async () => {
    for (const c of [await as('volunteer'), new HttpClient(env.srv.baseUrl)]) {
      const res = await c.get(`/api/v1/requests/${publicOne.id}`);
      const body = ok(res, 200, 'public view');
      assert.equal(body.requester, undefined);
      assert.equal(body.assignee, undefined);
      assert.ok(!res.body.includes(env.demo.citizen.email), 'no e-mail address');
      assert.equal(body.viewer.requester, false);
    }
  });
});

// ---------------------------------------------------------------- writing

describe('writing', () => {
  test('a session needs the CSRF header; the body must be a JSON object with valid fields', async () => {
    const citizen = await as('citizen');
    assertProblem(await api(citizen, 'POST', '/api/v1/requests', { type: 'local-problem' }, { csrf: false }), 403, 'no CSRF header');
    const csrf = { 'x-csrf-token': citizen.csrfToken };
    assertProblem(await citizen.request('POST', '/api/v1/requests', { body: '{"type":', headers: { ...csrf, 'content-type': 'application/json' } }), 400, 'broken JSON');
    assertProblem(await citizen.request('POST', '/api/v1/requests', { form: { type: 'x' }, headers: csrf }), 415, 'a web form');
    const invalid = assertProblem(await api(citizen, 'POST', '/api/v1/requests', { type: 'no-such-type', title: '', description: '', is_public: 'maybe' }), 422, 'invalid');
    assert.deepEqual(invalid.errors.map((e) => e.field), ['is_public']);
    const bad = assertProblem(await api(citizen, 'POST', '/api/v1/requests', { type: 'local-problem', title: '', description: '' }), 422, 'empty fields');
    assert.ok(bad.errors.length >= 1 && bad.errors.every((e) => e.field && e.message));
  });

  test('staff move a request along; an auditor may read but not act', async () => {
    const request = await file('citizen', { title: 'Χαλασμένη λάμπα', is_public: true });
    const auditor = await as('auditor');
    const seen = ok(await auditor.get(`/api/v1/requests/${request.id}`), 200, 'the auditor reads it');
    assert.equal(seen.viewer.staff, true);
    assert.equal(seen.viewer.can_act, false);
    assert.equal(seen.requester.email, env.demo.citizen.email, 'staff see the personal data');
    const queue = ok(await auditor.get(`/api/v1/requests?state=submitted&per_page=100`), 200, 'the auditor reads the queue');
    assert.ok(queue.items.every((r) => r.state === 'submitted'));
    assertProblem(await api(auditor, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'acknowledge' }), 403, 'the auditor acts');
    assertProblem(await api(auditor, 'POST', `/api/v1/requests/${request.id}/replies`, { body: 'Σημείωση', public: false }), 403, 'the auditor replies');
    const citizen = await as('citizen');
    assertProblem(await api(citizen, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'acknowledge' }), 403, 'the requester acts as staff');

    const admin = await as('tenant_admin');
    const refused = assertProblem(await api(admin, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'close' }), 422, 'close a submitted request');
    assert.ok(refused.errors[0].message.length > 0, 'the refusal is explained');
    assertProblem(await api(admin, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'fly' }), 422, 'an unknown event');
    const noReason = assertProblem(await api(admin, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'reject' }), 422, 'reject without a reason');
    assert.ok(noReason.errors.length >= 1);

    let state = ok(await api(admin, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'acknowledge' }), 200, 'acknowledge');
    assert.equal(state.state, 'acknowledged');
    state = ok(await api(admin, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'assign', department_id: request.department.id }), 200, 'assign');
    assert.equal(state.state, 'assigned');
    state = ok(await api(admin, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'start' }), 200, 'start');
    assert.equal(state.state, 'in_progress');

    ok(await api(admin, 'POST', `/api/v1/requests/${request.id}/replies`, { body: 'Εσωτερική σημείωση για το συνεργείο.', public: false }), 201, 'a note');
    ok(await api(admin, 'POST', `/api/v1/requests/${request.id}/replies`, { body: 'Το συνεργείο θα περάσει αύριο.', public: true }), 201, 'a reply');
    assertProblem(await api(admin, 'POST', `/api/v1/requests/${request.id}/replies`, { body: '' }), 422, 'an empty reply');

    const mine = ok(await citizen.get(`/api/v1/requests/${request.id}`), 200, 'the requester reads it');
    const bodies = mine.history.map((h) => h.body);
    assert.ok(bodies.includes('Το συνεργείο θα περάσει αύριο.'), 'the public reply');
    assert.ok(!bodies.includes('Εσωτερική σημείωση για το συνεργείο.'), 'never the internal note');
    assert.ok(mine.history.every((h) => h.actor === undefined), 'staff are not named to the requester');
    assertProblem(await api(citizen, 'POST', `/api/v1/requests/${request.id}/rating`, { rating: 5 }), 422, 'rating before resolution');

    state = ok(await api(admin, 'POST', `/api/v1/requests/${request.id}/transitions`, { event: 'resolve' }), 200, 'resolve');
    assert.equal(state.state, 'resolved');
    assert.equal(state.open, false);

    assertProblem(await api(citizen, 'POST', `/api/v1/requests/${request.id}/rating`, { rating: 9 }), 422, 'a rating of 9');
    const rated = ok(await api(citizen, 'POST', `/api/v1/requests/${request.id}/rating`, { rating: 4, comment: 'Γρήγορα και σωστά.' }), 200, 'rate');
    assert.equal(rated.rating, 4);
    assert.equal(rated.rating_comment, 'Γρήγορα και σωστά.');

    const notes = ok(await citizen.get('/api/v1/notifications?limit=5'), 200, 'notifications');
    assert.ok(notes.unread >= 1, 'the requester was notified');
    assert.ok(notes.items.length >= 1 && notes.items.length <= 5);
    assert.ok(notes.items.some((n) => n.link && n.link.endsWith(`/requests/${request.id}`)), JSON.stringify(notes.items));
    assertProblem(await citizen.get('/api/v1/notifications?limit=500'), 422, 'a limit over 100');
  });

  test('others support a public request, once; not their own', async () => {
    const request = await file('citizen', { title: 'Σκουπίδια στο πεζοδρόμιο', is_public: true });
    const volunteer = await as('volunteer');
    let body = ok(await api(volunteer, 'POST', `/api/v1/requests/${request.id}/support`), 200, 'support');
    assert.equal(body.supporters, 1);
    assert.equal(body.viewer.supporter, true);
    body = ok(await api(volunteer, 'POST', `/api/v1/requests/${request.id}/support`), 200, 'support again');
    assert.equal(body.supporters, 1, 'counted once');
    const citizen = await as('citizen');
    const own = await api(citizen, 'POST', `/api/v1/requests/${request.id}/support`);
    assert.ok([403, 422].includes(own.status), `supporting one's own request: ${own.status}`);
    body = ok(await api(volunteer, 'DELETE', `/api/v1/requests/${request.id}/support`), 200, 'unsupport');
    assert.equal(body.supporters, 0);
  });

  test('staff read the queue with filters; bad filters are named', async () => {
    const staff = await as('staff');
    const page = ok(await staff.get('/api/v1/requests?state=open&per_page=10&page=1'), 200, 'the queue');
    assert.ok(page.items.length <= 10 && page.total >= page.items.length);
    assert.ok(page.items.every((r) => r.open));
    const overdue = ok(await staff.get('/api/v1/requests?overdue=true'), 200, 'overdue');
    assert.ok(overdue.items.every((r) => r.overdue));
    const types = ok(await staff.get('/api/v1/requests?type=local-problem'), 200, 'by type code');
    assert.ok(types.items.every((r) => r.type.code === 'local-problem'));
    const bad = assertProblem(await staff.get('/api/v1/requests?state=lost&per_page=1000&department=x&overdue=maybe'), 422, 'bad filters');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['department', 'overdue', 'per_page', 'state']);
    const mine = ok(await staff.get('/api/v1/requests?mine=true'), 200, 'their own requests');
    assert.ok(Array.isArray(mine.items));
  });

  test('a personal API token needs no CSRF header', async () => {
    const citizen = await as('citizen');
    const page = await citizen.request('POST', '/account/tokens', { form: { token_name: 'requests test', _csrf: citizen.csrfToken } });
    const token = /<code class="token">([^<]+)<\/code>/.exec(page.body)?.[1];
    assert.ok(token, `a token was shown: ${page.status}`);
    const bot = new HttpClient(env.srv.baseUrl, { headers: { authorization: `Bearer ${token}` } });
    const created = ok(await bot.request('POST', '/api/v1/requests', {
      json: { type: 'local-problem', title: 'Από εφαρμογή', description: 'Υποβλήθηκε με προσωπικό κλειδί.', address: 'Φαρών 1, Καλαμάτα' },
    }), 201, 'a token POST');
    assert.ok(created.id > 0);
  });
});

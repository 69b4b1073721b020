// A finished request (resolved, rejected, closed; and one merged into another) cannot be moved
// by a transition the workflow forbids, through the JSON API (POST /api/v1/requests/{id}/transitions)
// nor the staff page's form. Each refusal is a 422 problem+json naming the "event" field with the
// workflow's Greek explanation (or a 403 for someone who may not make that change at all), and
// afterwards the request reads back exactly as before: the same state, the same history, the same
// dates and status note, no audit entry and no notification to the requester. The workflow's
// table (src/modules/requests/rules/workflow.cpp, tests/unit/requests/workflow_test.cpp) allows from
// resolved and rejected only "close" (and the requester's "reopen"), from closed only "reopen".
// Runs on SQLite or PostgreSQL (SYNERGEIA_TEST_DB_BACKEND), on the demo municipality.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { HttpClient } from './lib/server.mjs';
import { useDemoServer } from './lib/demo.mjs';

const RUN = `${process.pid}${Date.now().toString(36)}`;

const env = useDemoServer();

// ---------------------------------------------------------------- helpers

const as = (role) => env.as(role);

function api(c, method, path, json) {
  return c.request(method, path, { json, headers: { 'x-csrf-token': c.csrfToken } });
}

function ok(res, status, what) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.body.slice(0, 400)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/json/);
  return res.json();
}

function assertProblem(res, status, what) {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.body.slice(0, 400)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, `${what}: problem+json`);
  const body = res.json();
  assert.equal(body.status, status, `${what}: the problem's status`);
  return body;
}

function errorSummary(html) {
  const m = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return m ? m[0] : '';
}

async function file(title) {
  const citizen = await as('citizen');
  return ok(await api(citizen, 'POST', '/api/v1/requests', {
    type: 'local-problem', title: `${title} (${RUN})`, description: 'Στην πλατεία, δίπλα στη βρύση.',
    address: 'Πλατεία 23ης Μαρτίου, Καλαμάτα', postal_code: '24100', latitude: 37.0375, longitude: 22.1139, is_public: true,
  }), 201, 'file a request');
}

async function move(id, body) {
  return ok(await api(await as('tenant_admin'), 'POST', `/api/v1/requests/${id}/transitions`, body), 200, `${body.event} of ${id}`);
}

/** A new request brought into `state` through allowed transitions. */
async function requestIn(state) {
  const r = await file(`Αίτημα σε κατάσταση ${state}`);
  await move(r.id, { event: 'acknowledge' });
  await move(r.id, { event: 'assign', department_id: r.department.id });
  await move(r.id, { event: 'start' });
  if (state === 'resolved' || state === 'closed') await move(r.id, { event: 'resolve', reason: 'Το πρόβλημα διορθώθηκε.' });
  if (state === 'rejected') await move(r.id, { event: 'reject', reason: 'Δεν είναι αρμοδιότητα του Δήμου.' });
  if (state === 'closed') await move(r.id, { event: 'close' });
  const body = await readBack(r.id);
  assert.equal(body.state, state);
  assert.equal(body.open, false);
  return body;
}

/** The request as the tenant admin reads it: every field, the whole history. */
async function readBack(id) {
  return ok(await (await as('tenant_admin')).get(`/api/v1/requests/${id}`), 200, `read ${id} back`);
}

/** The audit entries about a request, as the auditor reads them. */
async function auditAbout(id) {
  const auditor = await as('auditor');
  const out = [];
  let url = '/api/v1/audit?action=requests.&limit=200';
  for (let page = 0; page < 100; page += 1) {
    const body = ok(await auditor.get(url), 200, 'the audit log');
    out.push(...body.items.filter((e) => e.subject === `request:${id}`));
    if (!body.next) return out.map((e) => e.id).sort((a, b) => a - b);
    url = `/api/v1/audit?action=requests.&limit=200&cursor=${body.next}`;
  }
  throw new Error('audit paging did not end');
}

async function unread(role) {
  return ok(await (await as(role)).get('/api/v1/notifications?limit=1'), 200, 'notifications').unread;
}

/** What must not change when a transition is refused. */
async function snapshot(id) {
  return { request: await readBack(id), audit: await auditAbout(id), unread: await unread('citizen') };
}

async function assertUnchanged(id, before, what) {
  const after = await snapshot(id);
  assert.equal(after.request.state, before.request.state, `${what}: the state did not change`);
  assert.deepEqual(after.request.history.map((h) => h.id), before.request.history.map((h) => h.id), `${what}: no history entry was added`);
  assert.deepEqual(after.request, before.request, `${what}: the request reads back exactly as before`);
  assert.deepEqual(after.audit, before.audit, `${what}: no audit entry was written`);
  assert.equal(after.unread, before.unread, `${what}: the requester was not notified`);
}

// The workflow's refusals, in Greek (src/modules/requests/rules/workflow.cpp, locale/el.requests.po).
const REFUSAL = {
  acknowledge: 'Μόνο ένα αίτημα που μόλις υποβλήθηκε μπορεί να σημειωθεί ως παραληφθέν',
  assign: 'Ένα αίτημα που έχει ολοκληρωθεί δεν μπορεί να ανατεθεί',
  start: 'Αναθέστε το αίτημα πριν ξεκινήσει η εργασία σε αυτό',
  resolve: 'Αυτό το αίτημα έχει ήδη ολοκληρωθεί',
  reject: 'Αυτό το αίτημα έχει ήδη ολοκληρωθεί',
  close: 'Μόνο ένα αίτημα που επιλύθηκε ή απορρίφθηκε μπορεί να κλείσει',
};
const MERGED = 'Το αίτημα αυτό συγχωνεύθηκε με άλλο· ενεργήστε σε εκείνο';

/** The body of each staff event, with everything else it needs so that only the workflow can refuse it. */
function eventBody(event, r) {
  if (event === 'assign') return { event, department_id: r.department.id };
  if (event === 'reject' || event === 'resolve') return { event, reason: `Δοκιμή απαγορευμένης μετάβασης (${RUN}).` };
  return { event };
}

// From each finished state, every staff event the workflow forbids.
const FORBIDDEN = {
  resolved: ['acknowledge', 'assign', 'start', 'resolve', 'reject'],
  rejected: ['acknowledge', 'assign', 'start', 'resolve', 'reject'],
  closed: ['acknowledge', 'assign', 'start', 'resolve', 'reject', 'close'],
};

// ---------------------------------------------------------------- tests

describe('a forbidden transition of a finished request', () => {
  for (const [state, events] of Object.entries(FORBIDDEN)) {
    test(`${state}: the API refuses ${events.join(', ')} with 422, and nothing changes`, async () => {
      const admin = await as('tenant_admin');
      const r = await requestIn(state);
      const before = await snapshot(r.id);
      for (const event of events) {
        const res = await api(admin, 'POST', `/api/v1/requests/${r.id}/transitions`, eventBody(event, r));
        const problem = assertProblem(res, 422, `${state} → ${event}`);
        assert.equal(problem.title, 'Η κατάσταση δεν μπόρεσε να αλλάξει', `${state} → ${event}: the title`);
        assert.deepEqual(problem.errors, [{ field: 'event', message: REFUSAL[event] }], `${state} → ${event}: the workflow's explanation`);
        await assertUnchanged(r.id, before, `${state} → ${event}`);
      }

      // Staff cannot reopen (only the requester may), nor can the requester move it as staff.
      assertProblem(await api(admin, 'POST', `/api/v1/requests/${r.id}/transitions`, { event: 'reopen' }), 403, `${state} → reopen by staff`);
      await assertUnchanged(r.id, before, `${state} → reopen by staff`);
      const citizen = await as('citizen');
      for (const event of ['start', 'assign', 'resolve']) {
        assertProblem(await api(citizen, 'POST', `/api/v1/requests/${r.id}/transitions`, eventBody(event, r)), 403, `${state} → ${event} by the requester`);
      }
      await assertUnchanged(r.id, before, `${state}: the requester acting as staff`);
      // A personal API token is refused the same way.
      const page = await admin.request('POST', '/account/tokens', { form: { token_name: `transitions ${state} ${RUN}`, _csrf: admin.csrfToken } });
      const token = /<code class="token">([^<]+)<\/code>/.exec(page.body)?.[1];
      assert.ok(token, `a token was shown: ${page.status}`);
      const bot = new HttpClient(env.srv.baseUrl, { headers: { authorization: `Bearer ${token}` } });
      const viaToken = await bot.request('POST', `/api/v1/requests/${r.id}/transitions`, { json: eventBody('start', r) });
      assert.deepEqual(assertProblem(viaToken, 422, `${state} → start with a token`).errors, [{ field: 'event', message: REFUSAL.start }]);
      await assertUnchanged(r.id, before, `${state} → start with a token`);
    });
  }

  test('the staff form refuses a forbidden transition with 422 and the explanation, and nothing changes', async () => {
    const staff = await as('staff');   // in the technical department, which answers local problems
    for (const state of ['resolved', 'rejected', 'closed']) {
      const r = await requestIn(state);
      const before = await snapshot(r.id);
      const view = await staff.get(`/admin/requests/${r.id}`);
      assert.equal(view.status, 200);
      for (const event of ['start', 'resolve']) {
        const res = await staff.submit(`/admin/requests/${r.id}/transition`, eventBody(event, r), { formPath: `/admin/requests/${r.id}` });
        assert.equal(res.status, 422, `${state} → ${event} by the form: ${res.status}`);
        assert.ok(errorSummary(res.body).includes(REFUSAL[event]), `${state} → ${event}: the page explains «${REFUSAL[event]}»\n${errorSummary(res.body)}`);
        await assertUnchanged(r.id, before, `${state} → ${event} by the form`);
      }
      const reopen = await staff.submit(`/admin/requests/${r.id}/transition`, { event: 'reopen' }, { formPath: `/admin/requests/${r.id}` });
      assert.equal(reopen.status, 422, `${state} → reopen by the staff form`);
      await assertUnchanged(r.id, before, `${state} → reopen by the staff form`);
    }
  });

  test('a request merged into another (closed) refuses every transition, and nothing changes', async () => {
    const admin = await as('tenant_admin');
    const original = await file('Λακκούβα στη Φαρών');
    const duplicate = await file('Λακκούβα στην οδό Φαρών');
    const merged = await admin.submit(`/admin/requests/${duplicate.id}/merge`, { into: String(original.id) },
      { formPath: `/admin/requests/${duplicate.id}` });
    assert.equal(merged.status, 303, `merge: ${merged.status}\n${errorSummary(merged.body)}`);
    const before = await snapshot(duplicate.id);
    assert.equal(before.request.state, 'closed');
    assert.equal(before.request.merged_into_id, original.id);
    for (const event of ['acknowledge', 'assign', 'start', 'resolve', 'reject', 'close']) {
      const res = await api(admin, 'POST', `/api/v1/requests/${duplicate.id}/transitions`, eventBody(event, duplicate));
      assert.deepEqual(assertProblem(res, 422, `merged → ${event}`).errors, [{ field: 'event', message: MERGED }], `merged → ${event}`);
      await assertUnchanged(duplicate.id, before, `merged → ${event}`);
    }
  });

  test('the refusals leave the request usable: the allowed transitions still work afterwards', async () => {
    const admin = await as('tenant_admin');
    const r = await requestIn('resolved');
    assertProblem(await api(admin, 'POST', `/api/v1/requests/${r.id}/transitions`, { event: 'start' }), 422, 'resolved → start');
    const closed = await move(r.id, { event: 'close' });
    assert.equal(closed.state, 'closed');
    assert.equal(closed.history.length, r.history.length + 1, 'one history entry for the close');
    // Only the requester reopens, within the window: back to "in progress".
    const reopened = ok(await api(await as('citizen'), 'POST', `/api/v1/requests/${r.id}/transitions`, { event: 'reopen' }), 200, 'reopen');
    assert.equal(reopened.state, 'in_progress');
  });
});

// An organisation looked up by its slug is always looked up within the municipality of the
// address: through another municipality's address (path tenancy, /m/<slug>/…) its public
// profile, its logo and its JSON are 404, never the first municipality's data, whoever asks
// (a visitor, the organisation's own admin, staff or the operator). Within its own municipality
// the same requests succeed, so the refusals cannot pass by accident. Two organisations of the
// same name in two municipalities get the same slug, and each municipality shows its own.
// Runs on SQLite or PostgreSQL (SYNERGEIA_TEST_DB_BACKEND).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

import { startServer, HttpClient, demoDatabase } from './lib/server.mjs';
import { loginOk, writeConfig } from './lib/flows.mjs';

const PASSWORD = 'κωδικός δήμου 2024';
const RUN = `${process.pid}${Date.now().toString(36)}`;
const SPARTI_STAFF = `ypallilos.${RUN}@sparti.test`;

let db;
let dir;
let filesDir;
let srv;
let demo;   // role → {email, password} in kalamata

const at = (slug, path) => `/m/${slug}${path}`;

before(async () => {
  const made = await demoDatabase({ prefix: 'tenant-slug', password: PASSWORD });
  ({ db, dir, demo } = made);
  const { cli, pwFile } = made;
  await cli('tenant', 'add', '--elstat', '4501', '--name', 'Σπάρτης', '--name-en', 'Sparti', '--slug', 'sparti');
  await cli('user', 'add', '--email', SPARTI_STAFF, '--password-file', pwFile, '--role', 'staff', '--tenant', 'sparti',
    '--name', 'Υπάλληλος Σπάρτης');
  filesDir = await mkdtemp(join(tmpdir(), 'synergeia-tenant-slug-files-'));
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({
    db,
    migrate: false,
    env: { SYNERGEIA_TENANCY: 'path', SYNERGEIA_FILES_DIR: filesDir, SYNERGEIA_CONFIG: config },
  });
});

after(async () => {
  await srv?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

/** A client logged in as a demo role (or {email, password}) in `slug`. */
async function as(who, slug = 'kalamata') {
  const c = new HttpClient(srv.baseUrl);
  const { email, password } = typeof who === 'string' ? demo[who] : who;
  await loginOk(c, email, password, { prefix: `/m/${slug}` });
  return c;
}

/** A JSON write of the API with the session's CSRF token in its header. */
async function apiPost(c, slug, path, body) {
  const token = await c.csrf(at(slug, '/account'));
  return c.request('POST', at(slug, path), { json: body, headers: { 'x-csrf-token': token } });
}

// A small real PNG (one pixel of the given colour), so that the upload's content check accepts it.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function pixelPng([r, g, b]) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);   // width
  ihdr.writeUInt32BE(1, 4);   // height
  ihdr[8] = 8;                // bit depth
  ihdr[9] = 2;                // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, r, g, b]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Uploads a logo through the documents page's form (multipart, as the browser sends it). */
async function uploadLogo(c, slug, id, png) {
  const csrf = await c.csrf(at(slug, `/my/organisations/${id}/documents`));
  const form = new FormData();
  form.append('_csrf', csrf);
  form.append('logo', new Blob([png], { type: 'image/png' }), 'logo.png');
  const res = await c.request('POST', at(slug, `/my/organisations/${id}/logo`), { multipart: form });
  assert.equal(res.status, 303, `logo upload in ${slug}: ${res.status} ${res.body.slice(0, 400)}`);
}

/**
 * Creates an informal group (no ΑΦΜ or documents needed) as `c` in `slug`, gives it a logo and
 * submits it, so that it is listed in the public directory. Returns {id, slug, name, description}.
 */
async function listedOrganisation(c, slug, name, { description, png }) {
  const created = await apiPost(c, slug, '/api/v1/organisations', {
    official_name: name, kind: 'civil_society', subtype: 'informal_group', areas: ['culture'], description,
  });
  assert.equal(created.status, 201, `create in ${slug}: ${created.status} ${created.body.slice(0, 400)}`);
  const { id, slug: orgSlug } = created.json();
  await uploadLogo(c, slug, id, png);
  const submitted = await apiPost(c, slug, `/api/v1/organisations/${id}/submit`, {});
  assert.equal(submitted.status, 200, `submit: ${submitted.status} ${submitted.body.slice(0, 400)}`);
  assert.equal(submitted.json().state, 'submitted');
  return { id, slug: orgSlug, name, description };
}

function assertProblem(res, status, what) {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.body.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, `${what}: problem+json`);
}

/** Bytes of a GET, for the logo (HttpClient reads bodies as text). */
async function bytesOf(c, path) {
  const res = await fetch(c.absolute(path), { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

// ---------------------------------------------------------------- the tests

const RED = pixelPng([200, 30, 30]);
const BLUE = pixelPng([30, 30, 200]);
const GREEN = pixelPng([30, 200, 30]);

describe('an organisation looked up by slug across municipalities', () => {
  let orgAdmin;
  let kalOnly;     // only in kalamata
  let twinKal;     // same name (so the same slug) in kalamata …
  let twinSpa;     // … and in sparti

  before(async () => {
    orgAdmin = await as('org_admin');
    kalOnly = await listedOrganisation(orgAdmin, 'kalamata', `Φίλοι του Κάστρου Καλαμάτας ${RUN}`,
      { description: `Περιγραφή μόνο της Καλαμάτας ${RUN}`, png: RED });
    const twinName = `Όμιλος Περιπάτου ${RUN}`;
    twinKal = await listedOrganisation(orgAdmin, 'kalamata', twinName, { description: `Ο όμιλος της Καλαμάτας ${RUN}`, png: BLUE });
    // The same person registers a group of the same name in sparti (any account may).
    const orgAdminSparti = await as('org_admin', 'sparti');
    twinSpa = await listedOrganisation(orgAdminSparti, 'sparti', twinName, { description: `Ο όμιλος της Σπάρτης ${RUN}`, png: GREEN });
  });

  test('within its own municipality the profile, the logo and the JSON are served', async () => {
    const visitor = new HttpClient(srv.baseUrl);
    const page = await visitor.get(at('kalamata', `/organisations/${kalOnly.slug}`));
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(kalOnly.name), 'the profile names the organisation');
    assert.ok(page.body.includes(kalOnly.description), 'and shows its description');
    assert.ok(page.body.includes(at('kalamata', `/organisations/${kalOnly.slug}/logo`)), 'and its logo');

    const logo = await bytesOf(visitor, at('kalamata', `/organisations/${kalOnly.slug}/logo`));
    assert.equal(logo.status, 200);
    assert.equal(logo.type, 'image/png');
    assert.deepEqual(logo.body, RED, 'the uploaded logo, byte for byte');

    const json = await visitor.get(at('kalamata', `/api/v1/organisations/${kalOnly.slug}`));
    assert.equal(json.status, 200, json.body.slice(0, 300));
    assert.equal(json.json().id, kalOnly.id);
    assert.equal(json.json().official_name, kalOnly.name);
    assert.equal(json.json().description, kalOnly.description);
    assert.ok(json.json().logo_url.endsWith(at('kalamata', `/organisations/${kalOnly.slug}/logo`)), json.json().logo_url);
  });

  test("through another municipality's address: 404 for the profile, the logo and the JSON", async () => {
    const who = {
      visitor: new HttpClient(srv.baseUrl),
      'its own admin, logged in there': await as('org_admin', 'sparti'),
      "sparti's staff": await as({ email: SPARTI_STAFF, password: PASSWORD }, 'sparti'),
      'the operator': await as('operator', 'sparti'),
      "kalamata's staff": await as('staff'),
    };
    for (const [label, c] of Object.entries(who)) {
      const page = await c.get(at('sparti', `/organisations/${kalOnly.slug}`));
      assert.equal(page.status, 404, `${label}: the profile through sparti`);
      assert.ok(!page.body.includes(kalOnly.name) && !page.body.includes(kalOnly.description), `${label}: nothing of it on the 404 page`);

      const logo = await bytesOf(c, at('sparti', `/organisations/${kalOnly.slug}/logo`));
      assert.equal(logo.status, 404, `${label}: the logo through sparti`);
      assert.notDeepEqual(logo.body, RED, `${label}: not the logo's bytes`);
      assert.notEqual(logo.type, 'image/png', `${label}: not an image`);

      const json = await c.get(at('sparti', `/api/v1/organisations/${kalOnly.slug}`));
      assertProblem(json, 404, `${label}: the JSON through sparti`);
      assert.ok(!json.body.includes(kalOnly.name), `${label}: nothing of it in the problem`);

      // The API also reads a whole number as an id (for a new draft's Location): not across municipalities either.
      const byId = await c.get(at('sparti', `/api/v1/organisations/${kalOnly.id}`));
      assertProblem(byId, 404, `${label}: the JSON by id through sparti`);
      assert.ok(!byId.body.includes(kalOnly.name), `${label}: nothing of it by id`);
    }

    // The directory of sparti neither lists nor finds it.
    const visitor = new HttpClient(srv.baseUrl);
    const listed = await visitor.get(at('sparti', `/api/v1/organisations?per_page=100&q=${encodeURIComponent(kalOnly.name)}`));
    assert.equal(listed.status, 200);
    assert.ok(!listed.json().items.some((o) => o.id === kalOnly.id || o.slug === kalOnly.slug), "not in sparti's directory");
    const directory = await visitor.get(at('sparti', `/organisations?q=${encodeURIComponent(kalOnly.name)}`));
    assert.equal(directory.status, 200);
    // (The search box repeats the words searched for, so look for a link to it.)
    assert.ok(!directory.body.includes(`/organisations/${kalOnly.slug}"`), "no link to it on sparti's directory page");
    assert.ok(!directory.body.includes(`>${kalOnly.name}</a>`), "not listed on sparti's directory page");
    const kalDirectory = await visitor.get(at('kalamata', `/organisations?q=${encodeURIComponent(kalOnly.name)}`));
    assert.ok(kalDirectory.body.includes(`${at('kalamata', `/organisations/${kalOnly.slug}`)}"`), "kalamata's directory page links to it");

    // …and it is still there, untouched, in kalamata.
    assert.equal((await visitor.get(at('kalamata', `/organisations/${kalOnly.slug}`))).status, 200);
    assert.equal((await visitor.get(at('kalamata', `/api/v1/organisations/${kalOnly.slug}`))).status, 200);
  });

  test('two organisations may share a slug in two municipalities; each municipality shows its own', async () => {
    assert.notEqual(twinKal.id, twinSpa.id, 'two organisations');
    assert.equal(twinKal.slug, twinSpa.slug, 'the same name gives the same slug in each municipality');
    const slug = twinKal.slug;
    const visitor = new HttpClient(srv.baseUrl);
    for (const [muni, own, other, png] of [['kalamata', twinKal, twinSpa, BLUE], ['sparti', twinSpa, twinKal, GREEN]]) {
      const page = await visitor.get(at(muni, `/organisations/${slug}`));
      assert.equal(page.status, 200, `${muni}: the profile`);
      assert.ok(page.body.includes(own.description), `${muni}: its own organisation's description`);
      assert.ok(!page.body.includes(other.description), `${muni}: not the other municipality's`);

      const logo = await bytesOf(visitor, at(muni, `/organisations/${slug}/logo`));
      assert.equal(logo.status, 200, `${muni}: the logo`);
      assert.deepEqual(logo.body, png, `${muni}: its own organisation's logo`);

      const json = await visitor.get(at(muni, `/api/v1/organisations/${slug}`));
      assert.equal(json.status, 200, `${muni}: the JSON`);
      assert.equal(json.json().id, own.id, `${muni}: its own organisation's id`);
      assert.equal(json.json().description, own.description, `${muni}: its own organisation's description`);
      assert.ok(json.json().url.includes(at(muni, `/organisations/${slug}`)), `${muni}: the profile link stays in ${muni}: ${json.json().url}`);
    }

    // Suspending kalamata's one (it leaves kalamata's directory) does not bring sparti's into kalamata.
    const staff = await as('staff');
    const review = at('kalamata', `/admin/organisations/${twinKal.id}`);
    const verified = await staff.submit(`${review}/decision`,
      { decision: 'verify', documents_present: '1', afm_valid: '1', seat_in_municipality: '1', no_duplicate: '1' }, { formPath: review });
    assert.equal(verified.status, 303, `verify: ${verified.status} ${verified.body.slice(0, 300)}`);
    const suspended = await staff.submit(`${review}/decision`, { decision: 'suspend', reasons: 'Δοκιμή απομόνωσης' }, { formPath: review });
    assert.equal(suspended.status, 303, `suspend: ${suspended.status} ${suspended.body.slice(0, 300)}`);

    assert.equal((await visitor.get(at('kalamata', `/organisations/${slug}`))).status, 404, 'kalamata: its own is no longer listed');
    assert.equal((await bytesOf(visitor, at('kalamata', `/organisations/${slug}/logo`))).status, 404, 'kalamata: no logo');
    assertProblem(await visitor.get(at('kalamata', `/api/v1/organisations/${slug}`)), 404, 'kalamata: no JSON');
    const spa = await visitor.get(at('sparti', `/api/v1/organisations/${slug}`));
    assert.equal(spa.status, 200, 'sparti: its own is still listed');
    assert.equal(spa.json().id, twinSpa.id);
    assert.equal(spa.json().state, 'submitted', "sparti's was not touched by kalamata's decisions");
  });
});

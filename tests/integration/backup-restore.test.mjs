// synergeia backup / restore on the engine under test: the database and the uploaded files
// together, taken while the program runs; restored into an empty database they serve the same
// site, and the audit chain verifies. A restore into a database that holds data is refused unless
// forced, and a backup does not write into a folder that holds something.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer, HttpClient, runBinary, createDatabase } from './lib/server.mjs';
import { parseDemoLogins, loginOk, writeConfig } from './lib/flows.mjs';

let srv;
let demo;
let work;
let filesDir;
let logoPath;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'synergeia-backup-'));
  filesDir = join(work, 'files');
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config, SYNERGEIA_FILES_DIR: filesDir } });
  demo = parseDemoLogins(await srv.demoLogins());
  const admin = new HttpClient(srv.baseUrl);
  await loginOk(admin, demo.tenant_admin.email, demo.tenant_admin.password);
  const form = new FormData();
  form.append('_csrf', await admin.csrf('/admin/settings'));
  form.append('logo', new Blob([PNG], { type: 'image/png' }), 'logo.png');
  assert.equal((await admin.request('POST', '/admin/settings/logo', { multipart: form })).status, 303);
  logoPath = /<img class="site-header__logo" src="([^"]+)"/.exec((await new HttpClient(srv.baseUrl).get('/')).body)[1];
});

after(async () => {
  await srv?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const cli = (args, { files = filesDir, check = true } = {}) =>
  runBinary(args, { env: { SYNERGEIA_FILES_DIR: files }, check });

// The public directory as open data: the same rows on both sides.
// (Its links name the server answering, so they are left out.)
const organisations = async (baseUrl) =>
  (await new HttpClient(baseUrl).get('/api/v1/organisations/export.csv')).body.replace(/http:\/\/127\.0\.0\.1:\d+/g, '');

describe('backup and restore', () => {
  test('a backup taken while the program runs comes back into an empty database with its files, and the audit chain verifies', async () => {
    const dir = join(work, 'backup');
    const made = await cli(['backup', dir, '--db', srv.dbUrl]);
    assert.match(made.stdout, /backed up the (SQLite|PostgreSQL) database .* and 1 file\(s\)/);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    assert.equal((await stat(dir)).mode & 0o777, 0o700, 'personal data: for the program\'s user alone');
    assert.equal(manifest.engine, srv.db.backend === 'postgres' ? 'postgresql' : 'sqlite');
    assert.match(manifest.schema, /^\d{4}_/);

    const target = await createDatabase();
    const restoredFiles = join(work, 'restored-files');
    try {
      const restored = await cli(['restore', dir, '--db', target.url], { files: restoredFiles });
      assert.match(restored.stdout, /restored the database .* and 1 file\(s\)/);
      assert.match(restored.stdout, /audit log intact/);
      assert.match((await cli(['audit', 'verify', '--db', target.url])).stdout, /audit log intact/);

      const again = await startServer({ db: target, migrate: false, env: { SYNERGEIA_FILES_DIR: restoredFiles } });
      try {
        const logo = await fetch(`${again.baseUrl}${logoPath}`);
        assert.equal(logo.status, 200, 'the uploaded logo came back with the database');
        assert.deepEqual(Buffer.from(await logo.arrayBuffer()), PNG);
        const directory = await organisations(again.baseUrl);
        assert.ok(directory.split('\n').length > 100, 'the demo directory');
        assert.equal(directory, await organisations(srv.baseUrl), 'the same directory');
        const login = new HttpClient(again.baseUrl);
        await loginOk(login, demo.citizen.email, demo.citizen.password);
      } finally {
        await again.stop();
      }
    } finally {
      await target.drop();
    }
  });

  test('a restore into a database that holds data is refused and changes nothing, unless forced', async () => {
    const dir = join(work, 'backup-2');
    await cli(['backup', dir, '--db', srv.dbUrl]);
    const target = await createDatabase();
    try {
      await cli(['migrate', '--db', target.url]);
      const refused = await cli(['restore', dir, '--db', target.url], { check: false });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /already holds data.*--force/s);
      const still = await cli(['audit', 'verify', '--db', target.url]);
      assert.match(still.stdout, /audit log intact/);
      // A backup whose database file is damaged: the forced restore fails and changes nothing.
      const damaged = join(work, 'damaged');
      await cp(dir, damaged, { recursive: true });
      const dbFile = join(damaged, (await readdir(damaged)).find((f) => f.startsWith('database.')));
      await writeFile(dbFile, 'not a database');
      const failed = await cli(['restore', damaged, '--db', target.url, '--force'], { files: join(work, 'damaged-files'), check: false });
      assert.notEqual(failed.code, 0);
      assert.match((await cli(['migrate', '--db', target.url])).stdout, /up to date/, 'the database is as it was');
      assert.match((await cli(['audit', 'verify', '--db', target.url])).stdout, /audit log intact/);

      const forced = await cli(['restore', dir, '--db', target.url, '--force'], { files: join(work, 'forced-files') });
      assert.match(forced.stdout, /audit log intact/);
      assert.match((await cli(['migrate', '--db', target.url])).stdout, /up to date/, 'the replaced database migrates as its version did');
      assert.ok((await readdir(join(work, 'forced-files'), { recursive: true })).length > 0);
    } finally {
      await target.drop();
    }
  });

  test('a backup refuses a folder that holds something, and restore refuses what is not a backup', async () => {
    const dir = join(work, 'not-empty');
    await cli(['backup', dir, '--db', srv.dbUrl]);
    const again = await cli(['backup', dir, '--db', srv.dbUrl], { check: false });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /not empty/);

    const junk = join(work, 'junk');
    await rm(junk, { recursive: true, force: true });
    await cli(['static', 'export', junk]);
    await writeFile(join(junk, 'manifest.json'), '{"format": 99}');
    const target = await createDatabase();
    try {
      const res = await cli(['restore', junk, '--db', target.url], { check: false });
      assert.equal(res.code, 2);
      assert.match(res.stderr, /format/);
    } finally {
      await target.drop();
    }
  });
});

// The Debian package built from the tree (scripts/package): what it holds, its systemd unit as
// systemd-analyze judges it, and the program started as the unit starts it — installed for real
// with dpkg when the test runs as root on a machine without Synergeia installed (CI), from the
// unpacked package otherwise.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, readFile, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT, binaryPath, freePort, sleep, trackChild } from '../integration/lib/server.mjs';

const execFileP = promisify(execFile);
const run = (cmd, args, opts = {}) => execFileP(cmd, args, { cwd: REPO_ROOT, timeout: 300_000, maxBuffer: 64 << 20, ...opts });

let deb;
let work;
let realInstall = false;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'synergeia-package-'));
  const { stdout } = await run('scripts/package', ['--binary', binaryPath(), '--fast']);
  deb = join(REPO_ROOT, stdout.trim().split('\n').pop());
  if (process.getuid?.() === 0) {
    realInstall = await run('dpkg', ['-s', 'synergeia']).then(() => false, () => true);
  }
});

after(async () => {
  if (realInstall) {
    // What an operator would delete by hand after a purge.
    await run('dpkg', ['--purge', 'synergeia']).catch(() => {});
    await rm('/var/lib/synergeia', { recursive: true, force: true });
    await rm('/etc/synergeia', { recursive: true, force: true });
    await run('userdel', ['synergeia']).catch(() => {});
    await run('groupdel', ['synergeia']).catch(() => {});
  }
  if (work) await rm(work, { recursive: true, force: true });
});

// Starts `synergeia serve` as ExecStart= does (the unit's own command line, user and working
// directory), on a free port; resolves when /healthz answers.
async function startAsTheUnit({ binary, config, user, cwd, env = {} }) {
  const unit = await readFile(join(REPO_ROOT, 'deploy/systemd/synergeia@.service'), 'utf8');
  const port = await freePort();
  const line = (key) => /^(\S+)=(.*)$/m.exec(unit.split('\n').filter((l) => l.startsWith(`${key}=`)).join('\n'))[2];
  const substitute = (cmd) => cmd.replace('/usr/bin/synergeia', binary).replace('/etc/synergeia/config.toml', config).replace('%i', String(port)).split(' ');
  const asUser = user ? ['runuser', '-u', user, '--'] : [];
  const pre = substitute(line('ExecStartPre'));
  await run(asUser[0] || pre[0], [...asUser.slice(1), ...(asUser.length ? pre : pre.slice(1))], { cwd, env: { ...process.env, ...env } });
  const start = substitute(line('ExecStart'));
  const argv = [...asUser, ...start];
  const proc = trackChild(spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) break;
    } catch { /* starting */ }
    if (i > 300 || proc.exitCode !== null) throw new Error(`the unit's command did not start:\n${stderr}`);
    await sleep(100);
  }
  return { base, stop: async () => { proc.kill('SIGTERM'); await new Promise((r) => proc.once('exit', r)); } };
}

describe('the Debian package', () => {
  test('holds the program, its assets for nginx, the unit, the settings and the nginx site', async () => {
    const { stdout: files } = await run('dpkg-deb', ['-c', deb]);
    for (const path of ['./usr/bin/synergeia', './lib/systemd/system/synergeia@.service', './etc/synergeia/config.toml',
      './usr/share/synergeia/nginx/synergeia.conf', './usr/share/synergeia/static/css/app.css', './usr/share/doc/synergeia/operator-guide.md']) {
      assert.ok(files.includes(` ${path}\n`), `${path} is in the package`);
    }
    assert.match(files, /\.\/usr\/share\/synergeia\/static\/css\/app\.[0-9a-f]{10}\.css/);
    const { stdout: info } = await run('dpkg-deb', ['-f', deb, 'Package', 'Depends']);
    assert.match(info, /Package: synergeia/);
    assert.match(info, /Depends: adduser, .*libc6/);
    const { stdout: conffiles } = await run('sh', ['-c', `dpkg-deb --ctrl-tarfile "${deb}" | tar -xO ./conffiles`]);
    assert.equal(conffiles.trim(), '/etc/synergeia/config.toml');
  });

  test('its unit passes systemd-analyze verify, hardened', async () => {
    const dir = join(work, 'unit');
    await run('dpkg-deb', ['-x', deb, dir]);
    const unit = (await readFile(join(dir, 'lib/systemd/system/synergeia@.service'), 'utf8')).replaceAll('/usr/bin/synergeia', join(dir, 'usr/bin/synergeia'));
    const file = join(work, 'synergeia@8081.service');
    await writeFile(file, unit);
    const { stdout, stderr } = await run('systemd-analyze', ['verify', file]);
    assert.equal(`${stdout}${stderr}`.trim(), '', 'no complaint about the unit');
    for (const setting of ['NoNewPrivileges=yes', 'PrivateTmp=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/synergeia', 'User=synergeia']) {
      assert.ok(unit.includes(`\n${setting}\n`), setting);
    }
    const { stdout: exposure } = await run('systemd-analyze', ['security', '--offline=yes', file]);
    const level = Number(/Overall exposure level for \S+: ([0-9.]+)/.exec(exposure)[1]);
    assert.ok(level <= 2, `exposure ${level} (0 is best, 10 worst)`);
  });

  test('installs, and the program starts as its unit starts it', async () => {
    if (realInstall) {
      await run('dpkg', ['-i', deb]);
      const { stdout: user } = await run('id', ['synergeia']);
      assert.match(user, /synergeia/);
      const keys = await readFile('/etc/synergeia/sealed.keys', 'utf8');
      assert.match(keys, /^1:/, 'a key for sealed fields was made');
      const copy = await startAsTheUnit({ binary: '/usr/bin/synergeia', config: '/etc/synergeia/config.toml', user: 'synergeia', cwd: '/var/lib/synergeia' });
      try {
        assert.equal((await fetch(`${copy.base}/static/css/app.css`)).status, 200);
        // The operator guide's next step: the municipality, added by the service's user.
        await run('runuser', ['-u', 'synergeia', '--', '/usr/bin/synergeia', 'tenant', 'add', '--config', '/etc/synergeia/config.toml',
          '--elstat', '4401', '--name', 'Καλαμάτας', '--name-en', 'Kalamata'], { cwd: '/var/lib/synergeia' });
        const home = await fetch(`${copy.base}/`, { headers: { 'accept-language': 'el' } });
        assert.equal(home.status, 200);
        assert.match(await home.text(), /Δήμος Καλαμάτας/);
      } finally {
        await copy.stop();
      }
      const { stdout: owner } = await run('stat', ['-c', '%U', '/var/lib/synergeia/synergeia.db']);
      assert.equal(owner.trim(), 'synergeia', 'the database belongs to the service user');
      // Purging removes the program and leaves the data, the key of sealed fields and their owner.
      await run('dpkg', ['--purge', 'synergeia']);
      await assert.rejects(run('test', ['-e', '/usr/bin/synergeia']));
      for (const kept of ['/var/lib/synergeia/synergeia.db', '/etc/synergeia/sealed.keys']) await run('test', ['-e', kept]);
      await run('id', ['synergeia']);
    } else {
      // Not root (or Synergeia is installed here): the unpacked package, with its state in a temporary folder.
      const dir = join(work, 'unpacked');
      await run('dpkg-deb', ['-x', deb, dir]);
      const state = join(work, 'state');
      const config = join(work, 'config.toml');
      const toml = (await readFile(join(dir, 'etc/synergeia/config.toml'), 'utf8')).replaceAll('/var/lib/synergeia', state)
        .replace(/^sealed_keys_file = .*$/m, '');
      await writeFile(config, toml);
      const { stdout: key } = await run(join(dir, 'usr/bin/synergeia'), ['keys', 'new']);
      const copy = await startAsTheUnit({ binary: join(dir, 'usr/bin/synergeia'), config, cwd: work, env: { SYNERGEIA_SEALED_KEYS: key.trim() } });
      try {
        assert.equal((await fetch(`${copy.base}/`)).status, 200);
      } finally {
        await copy.stop();
      }
    }
  });
});

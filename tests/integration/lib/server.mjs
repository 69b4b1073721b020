// Starts the real synergeia binary for a test, on a fresh database and a free port.
//
//   import { startServer } from './lib/server.mjs';
//   const srv = await startServer({ seed: true });        // backend from SYNERGEIA_TEST_DB_BACKEND
//   const res = await fetch(`${srv.baseUrl}/healthz`);
//   await srv.stop();                                      // SIGTERM, wait, drop the database
//
// Environment (set by scripts/test):
//   SYNERGEIA_BIN              the binary (default build/test/synergeia)
//   SYNERGEIA_TEST_DB_BACKEND  sqlite (default) | postgres
//   SYNERGEIA_TEST_PG_URL      postgresql://user@127.0.0.1:PORT/postgres, for the postgres backend
//   SYNERGEIA_TEST_VERBOSE=1   copy the server's output to the test's stderr as it comes
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, readFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

import { freePort, sleep, trackChild } from './proc.mjs';
import { parseDemoLogins } from './flows.mjs';

export { freePort, sleep, trackChild, within } from './proc.mjs';
export { startSmtpSink, parseMail } from './smtp.mjs';
export { HttpClient, extractCsrf, rawHttp, saveHtml } from './http.mjs';

const execFileP = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function binaryPath() {
  return resolve(REPO_ROOT, process.env.SYNERGEIA_BIN || 'build/test/synergeia');
}

export function backendFromEnv() {
  return process.env.SYNERGEIA_TEST_DB_BACKEND || 'sqlite';
}

function uniqueName(prefix) {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

// ---------------------------------------------------------------- databases

/**
 * Runs SQL with psql on a PostgreSQL URL, for what a test arranges or checks behind the
 * program's back; resolves to the rows as arrays of strings (psql -At, '|' between columns).
 */
export async function psql(url, sql) {
  try {
    const { stdout } = await execFileP('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], {
      env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
      timeout: 60_000,
    });
    return stdout.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
  } catch (err) {
    throw new Error(`psql failed (${sql}): ${err.stderr || err.message}`);
  }
}

/**
 * A fresh database, migrated and seeded with the demo through the CLI, and a working folder
 * (`synergeia-<prefix>-…`) holding the demo's log-ins and a file with `password` for
 * `user add --password-file`. Returns {db, dir, pwFile, demo, cli}: demo is role → {email,
 * password}; cli(...args) runs the binary on the database with SYNERGEIA_DEMO=1 and `env`.
 * The caller drops db and removes dir.
 */
export async function demoDatabase({ prefix, password, env = {} }) {
  const db = await createDatabase();
  const dir = await mkdtemp(join(tmpdir(), `synergeia-${prefix}-`));
  const logins = join(dir, 'logins.txt');
  const pwFile = join(dir, 'password');
  await writeFile(pwFile, `${password}\n`);
  const cli = (...args) => runBinary([...args, '--db', db.url], { env: { SYNERGEIA_DEMO: '1', ...env } });
  await cli('migrate');
  await cli('seed', '--demo', '--logins-file', logins);
  return { db, dir, pwFile, demo: parseDemoLogins(await readFile(logins, 'utf8')), cli };
}

/**
 * Creates an empty database and returns {url, drop()}.
 * sqlite: a file in a new temporary folder; postgres: CREATE DATABASE with a random name
 * on the cluster at SYNERGEIA_TEST_PG_URL.
 */
export async function createDatabase(backend = backendFromEnv()) {
  if (backend === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'synergeia-db-'));
    return {
      backend,
      url: `sqlite:${join(dir, 'synergeia.db')}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  if (backend === 'postgres' || backend === 'postgresql') {
    const admin = process.env.SYNERGEIA_TEST_PG_URL;
    if (!admin) {
      throw new Error('SYNERGEIA_TEST_DB_BACKEND=postgres needs SYNERGEIA_TEST_PG_URL (scripts/pg-test-cluster start)');
    }
    const name = uniqueName('syn_test');
    await psql(admin, `CREATE DATABASE "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      backend: 'postgres',
      url: url.toString(),
      name,
      drop: () => psql(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  throw new Error(`unknown database backend: ${backend}`);
}

// ---------------------------------------------------------------- running the binary

function childEnv(extra) {
  const env = { ...process.env };
  // The flags we pass win anyway; dropping these keeps a developer's shell from leaking in.
  delete env.SYNERGEIA_DB;
  delete env.SYNERGEIA_LISTEN;
  return { ...env, ...extra };
}

/**
 * Runs `synergeia ARGS…` to completion. Resolves {code, stdout, stderr};
 * rejects when it exits non-zero unless {check: false}.
 */
export function runBinary(args, { env = {}, cwd, timeoutMs = 120_000, check = true, input, binary = binaryPath() } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = trackChild(spawn(binary, args, {
      cwd: cwd || REPO_ROOT,
      env: childEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    }));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const result = { code, signal, stdout, stderr };
      if (check && code !== 0) {
        reject(new Error(`synergeia ${args.join(' ')} exited with ${code ?? signal}\n${stderr}${stdout}`));
      } else {
        resolveRun(result);
      }
    });
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}

async function waitForHealthy(baseUrl, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`synergeia serve exited early (${child.exitCode ?? child.signalCode})\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await sleep(50);
  }
  throw new Error(`synergeia serve did not answer /healthz with 200 within ${timeoutMs} ms\n${output()}`);
}

function tail(text, lines = 60) {
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Migrates a fresh database (optionally seeds the demo) and serves it on a free port.
 *
 * options:
 *   backend    'sqlite' | 'postgres'          (default SYNERGEIA_TEST_DB_BACKEND or sqlite)
 *   env        extra environment for migrate, seed and serve (e.g. SYNERGEIA_SMTP_URL)
 *   seed       true: run `seed --demo` with SYNERGEIA_DEMO=1 (serve gets it too)
 *   args       extra arguments for `serve`
 *   db         an existing {url, drop} from createDatabase(), to restart on the same data
 *   migrate    false: skip `migrate`
 *   keepDb     true: stop() leaves the database in place (drop it with srv.db.drop())
 *   binary     another build of the program (the previous release, for the upgrade check)
 *   port       listen here (a copy restarted where nginx expects it); a free port otherwise
 *   wrap       a command to start `serve` under, e.g. ['prlimit', '--nofile=256:256', '--']; it must
 *              exec the binary (so that signals reach the server itself)
 *
 * Returns {baseUrl, dbUrl, port, proc, workDir, stop(), output(), demoLogins()}.
 * Each child runs in its own temporary workDir, so files the binary writes relative to
 * its working directory (var/demo-logins.txt) never touch the developer's var/.
 */
export async function startServer(options = {}) {
  const { backend = backendFromEnv(), seed = false, args = [], migrate = true, wrap = [] } = options;
  // The tests log in as the demo's staff with a password alone; the second factor's own test
  // turns it on (SYNERGEIA_SECOND_FACTOR: '1').
  const env = { SYNERGEIA_SECOND_FACTOR: '0', ...(seed ? { SYNERGEIA_DEMO: '1' } : {}), ...(options.env || {}) };
  const db = options.db || await createDatabase(backend);
  // keepDb: the caller drops it (srv.db.drop()) after restarting a server on the same data.
  const ownsDb = !options.db && !options.keepDb;
  const workDir = await mkdtemp(join(tmpdir(), 'synergeia-work-'));
  await mkdir(join(workDir, 'var'), { recursive: true });

  const cleanup = async () => {
    await rm(workDir, { recursive: true, force: true });
    if (ownsDb) await db.drop();
  };

  try {
    const binary = options.binary || binaryPath();
    if (migrate) await runBinary(['migrate', '--db', db.url], { env, cwd: workDir, binary });
    if (seed) await runBinary(['seed', '--demo', '--db', db.url], { env, cwd: workDir, binary });

    let lastError;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = attempt === 0 && options.port ? options.port : await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const serveEnv = { SYNERGEIA_BASE_URL: baseUrl, ...env };
      const command = [binary, 'serve', '--listen', `127.0.0.1:${port}`, '--db', db.url, ...args];
      const [program, ...programArgs] = [...wrap, ...command];
      const proc = trackChild(spawn(program, programArgs,
        { cwd: workDir, env: childEnv(serveEnv), stdio: ['ignore', 'pipe', 'pipe'] }));
      let stdout = '';
      let stderr = '';
      const verbose = process.env.SYNERGEIA_TEST_VERBOSE === '1';
      proc.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; if (verbose) process.stderr.write(d); });
      proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; if (verbose) process.stderr.write(d); });
      const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
      const output = () => `--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout, 20)}`;

      try {
        await waitForHealthy(baseUrl, proc, output, 30_000);
      } catch (err) {
        lastError = err;
        proc.kill('SIGKILL');
        await exited;
        // Another test may have taken the port between freePort() and bind(); try another.
        if (/address already in use|EADDRINUSE|bind/i.test(stderr)) continue;
        break;
      }

      let stopped = null;
      const stop = async ({ check = true, signal = 'SIGTERM', timeoutMs = 20_000 } = {}) => {
        if (!stopped) {
          stopped = (async () => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
            const result = await exited;
            clearTimeout(timer);
            await cleanup();
            return result;
          })();
        }
        const result = await stopped;
        // A sanitizer report (leak, use-after-free, UB) makes the process exit non-zero.
        if (check && result.code !== 0) {
          throw new Error(`synergeia serve exited with ${result.code ?? result.signal} on ${signal}\n${output()}`);
        }
        return result;
      };

      return {
        baseUrl,
        dbUrl: db.url,
        db,
        port,
        proc,
        workDir,
        exited,
        stop,
        output: () => ({ stdout, stderr }),
        demoLogins: () => readFile(join(workDir, 'var', 'demo-logins.txt'), 'utf8'),
      };
    }
    throw lastError;
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
}

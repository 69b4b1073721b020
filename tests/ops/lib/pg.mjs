// psql against a test database, for what the tests arrange or check behind the program's back.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** Runs SQL; resolves to the rows as arrays of strings (psql -At, '|' between columns). */
export async function sql(url, text) {
  const { stdout } = await execFileP('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', text],
    { env: { ...process.env, PGCONNECT_TIMEOUT: '10' }, timeout: 60_000 });
  return stdout.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}

/** The one value of a one-row, one-column query. */
export async function value(url, text) {
  const rows = await sql(url, text);
  return rows[0]?.[0];
}


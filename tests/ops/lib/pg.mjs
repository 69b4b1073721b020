// The one value of a one-row, one-column query, with psql (tests/integration/lib/server.mjs).
import { psql } from '../../integration/lib/server.mjs';

export { psql as sql };

export async function value(url, text) {
  const rows = await psql(url, text);
  return rows[0]?.[0];
}

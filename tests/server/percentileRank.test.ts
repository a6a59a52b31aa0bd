import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearestRankPosition } from '../../shared/stats/percentile';
import { createPostgresDatabase, type TestDatabase } from '../support/databases';

/*
 * On PostgreSQL the statistics take the median and 90th percentile with percentile_disc, which
 * picks rank ceil(f × n) computed in float8. Nearest rank is exact integer arithmetic
 * (nearestRankPosition). Here both are compared for every set size up to 2,000.
 */

const MAX_N = 2_000;

describe('percentile_disc on PostgreSQL', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('takes the nearest-rank value for 0.5 and 0.9 at every n up to 2,000', async () => {
    // Values 1..n, so the value picked is its rank.
    const { rows } = await client.query<{ n: number; p50: number; p90: number }>(
      `select s.n, percentile_disc(0.5) within group (order by v.i) as p50, percentile_disc(0.9) within group (order by v.i) as p90
       from generate_series(1, $1::int) s(n), lateral generate_series(1, s.n) v(i)
       group by s.n order by s.n`,
      [MAX_N],
    );
    expect(rows).toHaveLength(MAX_N);
    const wrong = rows.filter((r) => r.p50 !== nearestRankPosition(r.n, 50) || r.p90 !== nearestRankPosition(r.n, 90));
    expect(wrong).toEqual([]);
  });
});

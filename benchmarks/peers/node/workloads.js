'use strict';
// The Node.js cassandra-driver (pinned in package.json / package-lock.json) on the workloads of
// ../shared/WORKLOADS.md, one workload per process, exactly as the AsyncCassandra load tool runs them:
//
//   node benchmarks/peers/node/workloads.js <TAG> [--requests N]
//   node benchmarks/peers/node/workloads.js supports <TAG>      (exit 0: implemented, 3: not)
//
// TAG: W1 | W2 | W3 | W2e (eachRow with autoPage instead of for await)
//      | W1c<N> / W3c<N> (N requests in flight instead of 128, e.g. W1c8)
//      | any of these with a trailing d (W1d, W1c8d, W3d, W2d): through the delay proxy at BENCH_PROXY=host:port.
// Node: CASSANDRA_CONTACT_POINTS (first entry, host or host:port) and CASSANDRA_PORT, default 127.0.0.1:9042.
// --requests N: timed requests of W1/W3 (default 100,000); development only, such a line is not comparable.
// Exit codes: 0 ok, 1 a check failed (wrong rows, checksum or values), 2 bad usage, 3 tag not implemented here.

const fs = require('fs');
const { performance } = require('perf_hooks');
const cassandra = require('cassandra-driver');

const KV_ROWS = 10000;
const TIMED_REQUESTS = 100000;
const WARMUP_REQUESTS = 5000;
const IN_FLIGHT = 128;
const PAGE_SIZE = 5000;
const EXPECTED_ROWS = 200000;
const EXPECTED_CHK = 2235993456;

const SELECT_KV = 'SELECT v FROM bench.kv WHERE id = ?';
const INSERT_KV2 = 'INSERT INTO bench.kv2 (id, v) VALUES (?, ?)';
const SCAN = 'SELECT * FROM bench.wide';
const SCAN_WARMUP = 'SELECT * FROM bench.wide LIMIT 5000';

function parseTag(tag) {
  const m = /^W([123])(e?)(?:c(\d+))?(d?)$/.exec(tag || '');
  if (!m) {
    return null;
  }
  const kind = Number(m[1]);
  const eachRow = m[2] === 'e';
  const inFlight = m[3] === undefined ? IN_FLIGHT : Number(m[3]);
  if ((eachRow && kind !== 2) || (m[3] !== undefined && (kind === 2 || inFlight < 1))) {
    return null;
  }
  return { tag, kind, eachRow, inFlight, viaProxy: m[4] === 'd' };
}

function parseArgs(argv) {
  if (argv[0] === 'supports') {
    // `supports TAG`: exit 0 when this harness implements TAG, 3 when not (the run script asks before running).
    process.exit(parseTag(argv[1]) ? 0 : 3);
  }
  const spec = parseTag(argv[0]);
  if (!spec) {
    console.error(`workloads.js: tag '${argv[0] || ''}' is not implemented by this harness ` +
      '(W1, W2, W3, W2e, W1c<N>, W3c<N>, each optionally followed by d)');
    process.exit(argv.length === 0 ? 2 : 3);
  }
  spec.requests = TIMED_REQUESTS;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--requests' && i + 1 < argv.length && /^\d+$/.test(argv[i + 1]) && Number(argv[i + 1]) > 0) {
      spec.requests = Number(argv[++i]);
    } else {
      console.error(`workloads.js: unknown option '${argv[i]}'`);
      process.exit(2);
    }
  }
  return spec;
}

/** host:port of the node, or of the delay proxy for a tag ending in d. */
function endpoint(spec) {
  if (spec.viaProxy) {
    const proxy = process.env.BENCH_PROXY;
    if (!proxy || !/^[^:]+:\d+$/.test(proxy)) {
      console.error(`${spec.tag} runs through the delay proxy: set BENCH_PROXY=host:port ` +
        '(benchmarks/run-workloads.sh starts the proxy and sets it)');
      process.exit(2);
    }
    return proxy;
  }
  const first = (process.env.CASSANDRA_CONTACT_POINTS || '127.0.0.1').split(',')[0].trim();
  return /:\d+$/.test(first) ? first : `${first}:${process.env.CASSANDRA_PORT || 9042}`;
}

function kvValue(id) {
  return String(id).padStart(10, '0').repeat(10);
}

/** VmHWM of /proc/self/status in MiB (0 where /proc is unavailable). */
function rssPeakMiB() {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch (e) {
    return 0;
  }
}

/** Wall clock and whole-process user+sys CPU (process.cpuUsage) of the timed phase. */
class Meter {
  start() {
    this.cpu0 = process.cpuUsage();
    this.t0 = performance.now();
  }

  stop() {
    const t1 = performance.now();
    const cpu = process.cpuUsage(this.cpu0);
    this.wallS = (t1 - this.t0) / 1000;
    this.cpuS = (cpu.user + cpu.system) / 1e6;
    this.rssMiB = rssPeakMiB();
  }
}

/** Nearest rank on a sorted array: the value at rank ceil(p * N). */
function nearestRank(sorted, p) {
  const rank = Math.min(Math.max(Math.ceil(p * sorted.length), 1), sorted.length);
  return sorted[rank - 1];
}

function line(tag, pairs) {
  return [tag, ...pairs.map(([k, v]) => `${k}=${v}`)].join(' ');
}

/**
 * count requests with exactly inFlight outstanding: inFlight async loops, each issuing its next request when its
 * previous one completed. execute(i) resolves to the value the check expects; latencies (ms) go to the array.
 */
async function runPhase(count, inFlight, execute, expected, latencies) {
  const state = { next: 0, errors: 0, sum: 0, firstError: null };
  async function worker() {
    for (;;) {
      const i = state.next++;
      if (i >= count) {
        return;
      }
      const start = performance.now();
      let value;
      try {
        value = await execute(i);
      } catch (err) {
        value = null;
        state.firstError = state.firstError || String(err && err.message ? err.message : err);
      }
      const end = performance.now();
      if (latencies) {
        latencies[i] = end - start;
      }
      if (value === expected) {
        state.sum += value;
      } else {
        if (value !== null) {
          state.firstError = state.firstError || `request ${i} returned ${value}, expected ${expected}`;
        }
        state.errors++;
      }
    }
  }
  const workers = [];
  for (let w = 0; w < Math.min(inFlight, count); w++) {
    workers.push(worker());
  }
  await Promise.all(workers);
  return state;
}

async function requestWorkload(client, spec) {
  let execute;
  let expected;
  let warmupKey;
  let timedKey;
  if (spec.kind === 1) {
    const draw = (n) => Int32Array.from({ length: n }, () => Math.floor(Math.random() * KV_ROWS));
    const warmupIds = draw(WARMUP_REQUESTS);
    const timedIds = draw(spec.requests);
    warmupKey = (i) => warmupIds[i];
    timedKey = (i) => timedIds[i];
    expected = 100;
    execute = async (id) => {
      const rs = await client.execute(SELECT_KV, [id], { prepare: true });
      const row = rs.first();
      return row && typeof row.v === 'string' ? row.v.length : -1;
    };
  } else {
    await client.execute('TRUNCATE bench.kv2', [], { readTimeout: 60000 });
    warmupKey = (i) => i;
    timedKey = (i) => i;
    expected = 0;
    execute = async (id) => {
      await client.execute(INSERT_KV2, [id, kvValue(id)], { prepare: true });
      return 0;
    };
  }

  const warm = await runPhase(WARMUP_REQUESTS, spec.inFlight, (i) => execute(warmupKey(i)), expected, null);
  if (warm.errors > 0) {
    console.error(`${spec.tag} warm-up: ${warm.errors} error(s); first: ${warm.firstError}`);
  }

  const latencies = new Float64Array(spec.requests);
  console.error(`[${spec.tag}] warm-up done; timed phase starts`);
  const meter = new Meter();
  meter.start();
  const res = await runPhase(spec.requests, spec.inFlight, (i) => execute(timedKey(i)), expected, latencies);
  meter.stop();
  latencies.sort();
  if (res.errors > 0) {
    console.error(`${spec.tag}: ${res.errors} error(s); first: ${res.firstError}`);
  }
  console.log(line(spec.tag, [
    ['ops_s', (spec.requests / meter.wallS).toFixed(1)],
    ['p50_ms', nearestRank(latencies, 0.5).toFixed(3)],
    ['p99_ms', nearestRank(latencies, 0.99).toFixed(3)],
    ['cpu_s', meter.cpuS.toFixed(3)],
    ['wall_s', meter.wallS.toFixed(3)],
    ['rss_peak_mb', meter.rssMiB.toFixed(1)],
    ['errors', res.errors],
    ['cpu_us_op', (meter.cpuS * 1e6 / spec.requests).toFixed(2)],
  ]));
  const expectedSum = (spec.requests - res.errors) * expected;
  return res.sum === expectedSum ? null : `value sum ${res.sum} != ${expectedSum}`;
}

/** One row's checksum term of WORKLOADS.md, every column read as its typed value. */
function fold(row) {
  return row.pk + row.ck + row.a.length + (row.b.toNumber() % 1000) + (Math.floor(row.c) % 1000) +
    row.d.getBuffer()[15] + row.e.getUTCSeconds();
}

async function scanForAwait(client, query) {
  let rows = 0;
  let chk = 0;
  const rs = await client.execute(query, [], { prepare: true, fetchSize: PAGE_SIZE });
  for await (const row of rs) {
    chk += fold(row);
    rows++;
  }
  return { rows, chk };
}

function scanEachRow(client, query) {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let chk = 0;
    client.eachRow(query, [], { prepare: true, fetchSize: PAGE_SIZE, autoPage: true }, (n, row) => {
      chk += fold(row);
      rows++;
    }, (err) => (err ? reject(err) : resolve({ rows, chk })));
  });
}

async function scanWorkload(client, spec) {
  const scan = spec.eachRow ? scanEachRow : scanForAwait;
  const warm = await scan(client, SCAN_WARMUP);
  if (warm.rows !== 5000) {
    console.error(`${spec.tag} warm-up read ${warm.rows} rows instead of 5000: is the data loaded?`);
  }
  console.error(`[${spec.tag}] warm-up done; timed phase starts`);
  const meter = new Meter();
  meter.start();
  const { rows, chk } = await scan(client, SCAN);
  meter.stop();
  console.log(line(spec.tag, [
    ['rows_s', (rows / meter.wallS).toFixed(1)],
    ['rows', rows],
    ['chk', chk],
    ['cpu_s', meter.cpuS.toFixed(3)],
    ['wall_s', meter.wallS.toFixed(3)],
    ['rss_peak_mb', meter.rssMiB.toFixed(1)],
    ['cpu_us_op', (rows === 0 ? 0 : meter.cpuS * 1e6 / rows).toFixed(3)],
  ]));
  return rows === EXPECTED_ROWS && chk === EXPECTED_CHK
    ? null
    : `expected rows=${EXPECTED_ROWS} chk=${EXPECTED_CHK}, got rows=${rows} chk=${chk}`;
}

async function main() {
  const spec = parseArgs(process.argv.slice(2));
  // WORKLOADS.md: protocol v3 forced, LOCAL_ONE, one connection, driver defaults otherwise.
  const client = new cassandra.Client({
    contactPoints: [endpoint(spec)],
    localDataCenter: 'datacenter1',
    protocolOptions: { maxVersion: 3 },
    queryOptions: { consistency: cassandra.types.consistencies.localOne },
    pooling: { coreConnectionsPerHost: { [cassandra.types.distance.local]: 1, [cassandra.types.distance.remote]: 1 } },
  });
  let failure;
  try {
    await client.connect();
    failure = spec.kind === 2 ? await scanWorkload(client, spec) : await requestWorkload(client, spec);
  } finally {
    await client.shutdown();
  }
  if (failure) {
    console.error(`${spec.tag} FAILED: ${failure}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exitCode = 1;
});

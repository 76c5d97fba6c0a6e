// Benchmark, run by hand (not a test): the embedded event runner (lib/engine) against pg-boss,
// side by side in one run, on the same PostgreSQL database, with no-op consumers.
//
//   npx tsx --conditions=react-server bench/event-runner.ts [--events N] [--keys K] ...
//
// Scenarios, for each system (see bench/README.md for every option):
//   throughput  N events are published first (transactions of --tx-size), then the consumers are
//               started; time from start until every event's handler ran and its completion is
//               committed → events/s consumed. The publish rate is reported too.
//   latency     consumers running and idle; one event per transaction at --rate events/s for
//               --seconds; latency = handler start − the moment just before the publishing
//               transaction's COMMIT was sent (wall clock, comparable across processes) → p50/p95/p99.
// Also measured: SQL statements per event (and their summed round-trip time), rows scanned by the
// server (pg_stat_database / pg_stat_user_tables), machine CPU; then a diagnosis of the runner's
// claim statement with a queued backlog of N/10 and N deliveries (timing and EXPLAIN ANALYZE).
//
// The database `intervue_bench_runner` is dropped and re-created on every run; pg-boss lives in
// its own schema (pgboss_bench) of the same database. Results are printed as markdown and
// written to docs/benchmarks.md ("## Event runner vs pg-boss") unless --no-docs.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import PgBoss from "pg-boss";
import type { EventRunner as EventRunnerType } from "@/lib/engine/runner";
import type { RunnerFunction } from "@/lib/engine/functions";
import type { getDbHandle } from "@/lib/db/client";

// ───────────── options ─────────────

const { values: opts } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    keys: { type: "string", default: "50" },
    "tx-size": { type: "string", default: "100" },
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "10" },
    repeat: { type: "string", default: "3" },
    // Seconds to wait for the machine to be idle (other processes under 20 % CPU) before starting.
    "wait-idle": { type: "string", default: "300" },
    concurrency: { type: "string", default: "10,20,50" },
    // workers × batchSize × pollingIntervalSeconds; "s" = worker starts staggered over one interval
    "boss-throughput": { type: "string", default: "1x100x0.5,10x100x0.5,10x500x0.5" },
    "boss-latency": { type: "string", default: "1x100x0.5,10x100x0.5s" },
    processes: { type: "string", default: "2" },
    "process-concurrency": { type: "string", default: "10" },
    server: { type: "string", default: "postgres://postgres@127.0.0.1:5432" },
    database: { type: "string", default: "intervue_bench_runner" },
    "no-docs": { type: "boolean", default: false },
    "no-diagnosis": { type: "boolean", default: false },
    // Another EventRunner implementation to measure (a modified copy); default: lib/engine/runner.ts.
    runner: { type: "string", default: "@/lib/engine/runner" },
    child: { type: "string" },
  },
});

const N = int(opts.events, "--events");
const KEYS = int(opts.keys, "--keys");
const TX_SIZE = int(opts["tx-size"], "--tx-size");
const RATE = int(opts.rate, "--rate");
const REPEAT = int(opts.repeat, "--repeat");
const SECONDS = Number(opts.seconds);
const CONCURRENCIES = opts.concurrency.split(",").filter(Boolean).map((c) => int(c, "--concurrency"));
const PROCESSES = int(opts.processes, "--processes");
const PROCESS_CONCURRENCY = int(opts["process-concurrency"], "--process-concurrency");
const BENCH_URL = `${opts.server.replace(/\/+$/, "")}/${opts.database}`;
const ADMIN_URL = `${opts.server.replace(/\/+$/, "")}/postgres`;
const BOSS_SCHEMA = "pgboss_bench";
const FUNCTION_ID = "bench-noop";

type BossConfig = { workers: number; batchSize: number; poll: number; staggered: boolean; label: string };

function bossConfigs(spec: string): BossConfig[] {
  return spec
    .split(",")
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d+)x(\d+)x([\d.]+)(s?)$/.exec(s.trim());
      if (!m) throw new Error(`pg-boss config "${s}": expected workers x batchSize x pollSeconds, e.g. 10x100x0.5`);
      const [workers, batchSize, poll, staggered] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === "s"];
      const label = `${workers} worker${workers > 1 ? "s" : ""} × batch ${batchSize}, poll ${poll} s${staggered ? ", starts staggered" : ""}`;
      return { workers, batchSize, poll, staggered, label };
    });
}

function int(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got ${value})`);
  return n;
}

// ───────────── small helpers ─────────────

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const wall = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function summarise(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");

function log(line: string) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

// Counts the SQL statements this process sends (every pg client: the app's pool, Prisma's
// adapter, pg-boss). Connections flagged with __benchIgnore (the bench's own monitor) are not counted.
type Counted = { __benchIgnore?: boolean };
// Also sums each statement's round trip (send → result), to see where a delivery's time goes.
const statementCounts = new Map<string, number>();
const statementMs = new Map<string, number>();
/** When set, every counted statement is also recorded with its parameters and round trip. */
let captured: { text: string; values: unknown[]; ms: number }[] | null = null;
{
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: Counted, ...args: unknown[]) {
    if (this.__benchIgnore) return original.apply(this, args);
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | null)?.text ?? "?");
    const label = text.replace(/\s+/g, " ").trim().slice(0, 90);
    statementCounts.set(label, (statementCounts.get(label) ?? 0) + 1);
    const t0 = performance.now();
    const values = (typeof first === "string" ? args[1] : (first as { values?: unknown[] } | null)?.values) as unknown[] | undefined;
    const record = captured;
    const done = () => {
      const ms = performance.now() - t0;
      statementMs.set(label, (statementMs.get(label) ?? 0) + ms);
      record?.push({ text, values: Array.isArray(values) ? values : [], ms });
    };
    // pg.Pool#query passes a callback; clients used directly return a promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (...cbArgs: unknown[]) => {
        done();
        return (callback as (...a: unknown[]) => unknown)(...cbArgs);
      };
    }
    const result = original.apply(this, args);
    if (typeof callback !== "function" && result && typeof (result as Promise<unknown>).then === "function") {
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
}
const resetStatements = () => {
  statementCounts.clear();
  statementMs.clear();
};
const totalStatements = () => [...statementCounts.values()].reduce((a, b) => a + b, 0);
/** [statement, per event, ms per event (summed round trips)] for the most frequent statements. */
const breakdown = (per: number): [string, number, number][] =>
  [...statementCounts.entries()]
    .sort((a, b) => (statementMs.get(b[0]) ?? 0) - (statementMs.get(a[0]) ?? 0))
    .slice(0, 14)
    .map(([sql, n]) => [sql, n / per, (statementMs.get(sql) ?? 0) / per]);

// ───────────── child process: one more runner instance ─────────────

type ChildMsg = { type: "ready" } | { type: "started" } | { type: "starts"; items: [string, number][] } | { type: "stopped" };
type ParentMsg = { type: "start" } | { type: "stop" };

async function child(config: { url: string; concurrency: number; runner: string }) {
  process.env.DATABASE_URL = config.url;
  opts.runner = config.runner;
  const { EventRunner } = await loadRunner();
  const { closeDb } = await import("@/lib/db/client");
  const buffer: [string, number][] = [];
  const fn = await noopFunction((eventId) => buffer.push([eventId, wall()]));
  const runner = new EventRunner({ functions: [fn], concurrency: config.concurrency, logger: quietLogger() });
  const send = (msg: ChildMsg) => process.send!(msg);
  const flush = () => {
    if (buffer.length > 0) send({ type: "starts", items: buffer.splice(0) });
  };
  const flusher = setInterval(flush, 20);
  process.on("message", async (msg: ParentMsg) => {
    if (msg.type === "start") {
      await runner.start();
      send({ type: "started" });
    } else if (msg.type === "stop") {
      await runner.stop();
      clearInterval(flusher);
      flush();
      await closeDb();
      send({ type: "stopped" });
      process.disconnect();
    }
  });
  send({ type: "ready" });
}

class Children {
  readonly starts = new Map<string, number>();
  private readonly procs: ChildProcess[] = [];
  private readonly waiting = new Map<string, { count: number; resolve: () => void }>();

  static async spawn(count: number, concurrency: number): Promise<Children> {
    const c = new Children();
    await Promise.all(Array.from({ length: count }, () => c.spawnOne(concurrency)));
    return c;
  }

  private spawnOne(concurrency: number): Promise<void> {
    const proc = fork(process.argv[1]!, ["--child", JSON.stringify({ url: BENCH_URL, concurrency, runner: opts.runner })], {
      execArgv: process.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.procs.push(proc);
    proc.on("message", (msg: ChildMsg) => {
      if (msg.type === "starts") for (const [id, t] of msg.items) this.starts.set(id, t);
      else this.arrived(msg.type);
    });
    return this.expect("ready", 1);
  }

  private arrived(type: string) {
    const w = this.waiting.get(type);
    if (w && --w.count === 0) {
      this.waiting.delete(type);
      w.resolve();
    }
  }

  private expect(type: string, count: number): Promise<void> {
    const existing = this.waiting.get(type);
    if (existing) {
      existing.count += count;
      return new Promise((resolve) => {
        const prev = existing.resolve;
        existing.resolve = () => {
          prev();
          resolve();
        };
      });
    }
    return new Promise((resolve) => this.waiting.set(type, { count, resolve }));
  }

  async start() {
    const started = this.expect("started", this.procs.length);
    for (const p of this.procs) p.send({ type: "start" } satisfies ParentMsg);
    await started;
  }

  async stop() {
    const stopped = this.expect("stopped", this.procs.length);
    for (const p of this.procs) p.send({ type: "stop" } satisfies ParentMsg);
    await stopped;
    await Promise.all(this.procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once("exit", r)) : null)));
  }
}

// ───────────── the app's side ─────────────

function quietLogger() {
  return {
    info() {},
    warn(msg: string) {
      console.error(`[runner warn] ${msg}`);
    },
    error(msg: string) {
      console.error(`[runner error] ${msg}`);
    },
  };
}

/** The no-op consumer: an ordinary Inngest function definition, turned into a runner function. */
async function noopFunction(onStart: (eventId: string) => void): Promise<RunnerFunction> {
  const { inngest, subscribe } = await import("@/lib/engine/inngest-client");
  const { describeFunction } = await import("@/lib/engine/functions");
  const fn = inngest.createFunction({ id: FUNCTION_ID, ...subscribe("interview.created") }, async ({ event }) => {
    onStart(event.data.eventId);
  });
  return describeFunction(fn);
}

type App = Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  const client = await import("@/lib/db/client");
  const { migrate } = await import("@/lib/db/migrate");
  const { publish } = await import("@/lib/events/publish");
  const { EventRunner, benchPrepare } = await loadRunner();
  return { ...client, migrate, publish, EventRunner, benchPrepare };
}

type RunnerModule = {
  EventRunner: typeof EventRunnerType;
  /** Optional, for a modified copy: schema it needs beyond the migrations. */
  benchPrepare?: (handle: Awaited<ReturnType<typeof getDbHandle>>) => Promise<void>;
};

async function loadRunner(): Promise<RunnerModule> {
  const spec = opts.runner.startsWith("@/") ? opts.runner : path.resolve(opts.runner);
  return (await import(spec)) as RunnerModule;
}

const keys = Array.from({ length: KEYS }, () => randomUUID());

function interviewCreated(i: number) {
  return {
    eventType: "interview.created" as const,
    userId: keys[i % KEYS]!,
    data: { interviewId: randomUUID(), title: `Bench interview ${i}`, questionsCount: 3, createdAt: new Date().toISOString() },
  };
}

function jobData(i: number) {
  return { userId: keys[i % KEYS]!, interviewId: randomUUID(), title: `Bench interview ${i}`, questionsCount: 3, createdAt: new Date().toISOString() };
}

/** Sends `total` items one after another, the i-th not before start + i / rate. */
async function steady(total: number, rate: number, sendOne: (i: number) => Promise<void>): Promise<{ seconds: number }> {
  const start = wall();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - wall();
    if (wait > 0.5) await sleep(wait);
    await sendOne(i);
  }
  return { seconds: (wall() - start) / 1000 };
}

type TableStats = Record<string, { seq_scan: number; seq_tup_read: number; idx_scan: number; idx_tup_fetch: number }>;
type DbStats = {
  xact_commit: number;
  tup_returned: number;
  tup_fetched: number;
  blks_hit: number;
  blks_read: number;
  tables: TableStats;
};

/** CPU use over a stretch of time: the whole machine's and this process's, in % of one core. */
function cpuMeter() {
  const machine0 = machineCpuBusySeconds();
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const self = process.cpuUsage(self0);
    return { machine: ((machineCpuBusySeconds() - machine0) / seconds) * 100, self: ((self.user + self.system) / 1e6 / seconds) * 100 };
  };
}

function machineCpuBusySeconds(): number {
  try {
    // user nice system idle iowait irq softirq steal …, in USER_HZ (100/s)
    const text = readFileSync("/proc/stat", "utf8");
    const f = text.split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = f.reduce((a, b) => a + b, 0) - (f[3] ?? 0) - (f[4] ?? 0);
    return busy / 100;
  } catch {
    return NaN;
  }
}

// PostgreSQL 15 backends report their counters at most once a second, and an idle one that has
// counters left over only after 10 s or when it exits: so the pools are closed at the edges of
// every measured window (the app's with closeDb(), pg-boss's with a fresh instance per scenario)
// and the counters read a moment later.
async function dbStats(monitor: pg.Client): Promise<DbStats> {
  await sleep(1_200);
  await monitor.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await monitor.query(
    `SELECT xact_commit::float8, tup_returned::float8, tup_fetched::float8, blks_hit::float8, blks_read::float8
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  const t = await monitor.query(
    `SELECT schemaname || '.' || relname AS name, coalesce(seq_scan, 0)::float8 AS seq_scan, coalesce(seq_tup_read, 0)::float8 AS seq_tup_read,
            coalesce(idx_scan, 0)::float8 AS idx_scan, coalesce(idx_tup_fetch, 0)::float8 AS idx_tup_fetch
     FROM pg_stat_user_tables`,
  );
  const tables: TableStats = {};
  for (const r of t.rows as ({ name: string } & TableStats[string])[]) tables[r.name] = r;
  return { ...(rows[0] as Omit<DbStats, "tables">), tables };
}

const diff = (a: DbStats, b: DbStats): DbStats => {
  const tables: TableStats = {};
  for (const [name, t] of Object.entries(b.tables)) {
    const o = a.tables[name] ?? { seq_scan: 0, seq_tup_read: 0, idx_scan: 0, idx_tup_fetch: 0 };
    const d = { seq_scan: t.seq_scan - o.seq_scan, seq_tup_read: t.seq_tup_read - o.seq_tup_read, idx_scan: t.idx_scan - o.idx_scan, idx_tup_fetch: t.idx_tup_fetch - o.idx_tup_fetch };
    if (d.seq_scan || d.idx_scan) tables[name] = d;
  }
  return {
    xact_commit: b.xact_commit - a.xact_commit,
    tup_returned: b.tup_returned - a.tup_returned,
    tup_fetched: b.tup_fetched - a.tup_fetched,
    blks_hit: b.blks_hit - a.blks_hit,
    blks_read: b.blks_read - a.blks_read,
    tables,
  };
};

/** Where the server read rows, per event, and CPU use while draining. */
function describeServer(t: ThroughputResult): string {
  const rows = Object.entries(t.server.tables)
    .sort((a, b) => b[1].seq_tup_read + b[1].idx_tup_fetch - (a[1].seq_tup_read + a[1].idx_tup_fetch))
    .map(([name, s]) => `  ${name.padEnd(34)} seq scans ${fmt(s.seq_scan / N, 2).padStart(6)}/event, rows ${fmt(s.seq_tup_read / N).padStart(7)}/event; index scans ${fmt(s.idx_scan / N, 2).padStart(6)}/event, rows ${fmt(s.idx_tup_fetch / N, 1).padStart(6)}/event`);
  return [
    `CPU while draining: machine ${fmt(t.cpu.machine)} % busy of ${os.availableParallelism() * 100} %, this process ${fmt(t.cpu.self)} %`,
    ...rows,
  ].join("\n");
}

type ThroughputResult = {
  system: string;
  settings: string;
  publishPerSec: number;
  consumedPerSec: number;
  seconds: number;
  statementsPerEvent: number | null;
  /** consumed/s of every repetition (the result itself is the median one). */
  runs?: number[];
  /** The most frequent statements during the drain, per event. */
  breakdown: [string, number, number][];
  server: DbStats;
  cpu: { machine: number; self: number };
};

function median(runs: ThroughputResult[]): ThroughputResult {
  const sorted = [...runs].sort((a, b) => a.consumedPerSec - b.consumedPerSec);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
  // CPU on its own median: with equal rates (pg-boss's are set by its polling) the median run
  // is an arbitrary pick, and one disturbed by unrelated load would misstate it.
  const cpu = { machine: summarise(runs.map((r) => r.cpu.machine)).p50, self: summarise(runs.map((r) => r.cpu.self)).p50 };
  return { ...mid, cpu, runs: runs.map((r) => r.consumedPerSec) };
}


type LatencyResult = {
  system: string;
  settings: string;
  sent: number;
  actualRate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

// ───────────── ours ─────────────

async function resetOurs(app: App) {
  const handle = await app.getDbHandle();
  await handle.exec(`TRUNCATE events, deliveries, delivery_steps, delivery_attempts RESTART IDENTITY CASCADE`);
}

async function publishBacklog(app: App, total: number): Promise<number> {
  const db = await app.getDb();
  const t0 = wall();
  for (let i = 0; i < total; i += TX_SIZE) {
    await db.$transaction(async (tx) => {
      for (let j = i; j < Math.min(total, i + TX_SIZE); j++) await app.publish(tx, interviewCreated(j));
    });
  }
  return (total / (wall() - t0)) * 1000;
}

async function checkOursComplete(monitor: pg.Client, total: number) {
  const { rows } = await monitor.query(
    `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*)::int AS all,
            (SELECT count(*)::int FROM delivery_attempts WHERE outcome = 'completed') AS attempts
     FROM deliveries`,
  );
  const r = rows[0] as { completed: number; all: number; attempts: number };
  if (r.completed !== total || r.all !== total || r.attempts !== total) {
    throw new Error(`runner: expected ${total} completed deliveries, found ${JSON.stringify(r)}`);
  }
}

/** Per-key order check: handler starts of one key must follow event order. */
function checkOrder(order: string[], keyOf: Map<string, { key: string; i: number }>) {
  const last = new Map<string, number>();
  for (const id of order) {
    const e = keyOf.get(id);
    if (!e) continue;
    if ((last.get(e.key) ?? -1) > e.i) throw new Error(`per-key order violated for key ${e.key}`);
    last.set(e.key, e.i);
  }
}

async function oursThroughput(app: App, monitor: pg.Client, concurrency: number, fn: RunnerFunction, hooks: Hooks): Promise<ThroughputResult> {
  await resetOurs(app);
  const publishPerSec = await publishBacklog(app, N);
  await app.closeDb(); // see dbStats
  const seen: string[] = [];
  hooks.onStart = (id) => seen.push(id);
  const runner = new app.EventRunner({ functions: [fn], concurrency, logger: quietLogger() });
  const before = await dbStats(monitor);
  resetStatements();
  const meter = cpuMeter();
  const t0 = wall();
  await runner.start();
  // Done = every handler ran and every completion is committed (the runner is idle again).
  await until(() => seen.length >= N && runner.busy === 0, 600_000, "runner backlog");
  const seconds = (wall() - t0) / 1000;
  const cpu = meter();
  const statements = totalStatements();
  const perStatement = breakdown(N);
  await runner.stop();
  await app.closeDb();
  const server = diff(before, await dbStats(monitor));
  await checkOursComplete(monitor, N);
  if (seen.length !== N) throw new Error(`runner: ${seen.length} handler runs for ${N} events`);
  return {
    system: "runner",
    settings: `1 process, concurrency ${concurrency}`,
    publishPerSec,
    consumedPerSec: N / seconds,
    seconds,
    statementsPerEvent: statements / N,
    breakdown: perStatement,
    server,
    cpu,
  };
}

async function oursThroughputProcesses(app: App, monitor: pg.Client): Promise<ThroughputResult> {
  await resetOurs(app);
  const children = await Children.spawn(PROCESSES, PROCESS_CONCURRENCY);
  const publishPerSec = await publishBacklog(app, N);
  await app.closeDb();
  const before = await dbStats(monitor);
  const meter = cpuMeter();
  const t0 = wall();
  await children.start();
  await until(() => children.starts.size >= N, 600_000, "runner processes' backlog");
  // Completions are committed just after the last handler runs.
  await until(async () => (await monitor.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'completed'`)).rows[0].n >= N, 60_000, "completions", 5);
  const seconds = (wall() - t0) / 1000;
  const cpu = meter();
  await children.stop();
  const server = diff(before, await dbStats(monitor));
  await checkOursComplete(monitor, N);
  return {
    system: "runner",
    settings: `${PROCESSES} processes × concurrency ${PROCESS_CONCURRENCY}`,
    publishPerSec,
    consumedPerSec: N / seconds,
    seconds,
    statementsPerEvent: null,
    breakdown: [],
    server,
    cpu,
  };
}

async function oursLatency(app: App, concurrency: number, fn: RunnerFunction, hooks: Hooks): Promise<LatencyResult> {
  await resetOurs(app);
  const starts = new Map<string, number>();
  hooks.onStart = (id) => starts.set(id, wall());
  const runner = new app.EventRunner({ functions: [fn], concurrency, logger: quietLogger() });
  await runner.start();
  await sleep(1_500);
  const { sent, seconds } = await publishSteady(app);
  await until(() => starts.size >= sent.size, 60_000, "runner latency events");
  await runner.stop();
  return latencyResult("runner", `1 process, concurrency ${concurrency}, pollMs 1000 (default) + LISTEN/NOTIFY`, sent, starts, seconds);
}

async function oursLatencyProcesses(app: App): Promise<LatencyResult> {
  await resetOurs(app);
  const children = await Children.spawn(PROCESSES, PROCESS_CONCURRENCY);
  await children.start();
  await sleep(1_500);
  const { sent, seconds } = await publishSteady(app);
  await until(() => children.starts.size >= sent.size, 60_000, "runner processes' latency events");
  await children.stop();
  return latencyResult("runner", `${PROCESSES} processes × concurrency ${PROCESS_CONCURRENCY}`, sent, children.starts, seconds);
}

async function publishSteady(app: App) {
  const db = await app.getDb();
  const sent = new Map<string, number>();
  const { seconds } = await steady(Math.round(RATE * SECONDS), RATE, async (i) => {
    await db.$transaction(async (tx) => {
      const e = await app.publish(tx, interviewCreated(i));
      sent.set(e.eventId, wall()); // just before COMMIT is sent
    });
  });
  return { sent, seconds };
}

function latencyResult(system: string, settings: string, sent: Map<string, number>, starts: Map<string, number>, seconds: number): LatencyResult {
  const latencies: number[] = [];
  for (const [id, t] of sent) {
    const s = starts.get(id);
    if (s === undefined) throw new Error(`${system}: no handler start for ${id}`);
    latencies.push(s - t);
  }
  const r = summarise(latencies);
  return { system, settings, sent: sent.size, actualRate: sent.size / seconds, p50: r.p50, p95: r.p95, p99: r.p99, max: r.max };
}

type Hooks = { onStart: (eventId: string) => void };

// ───────────── pg-boss ─────────────

let queueNo = 0;

async function bossWork(boss: PgBoss, queue: string, cfg: BossConfig, onJobs: (ids: string[]) => void): Promise<void> {
  for (let w = 0; w < cfg.workers; w++) {
    if (cfg.staggered && w > 0) await sleep((cfg.poll * 1000) / cfg.workers);
    await boss.work<Record<string, unknown>>(queue, { batchSize: cfg.batchSize, pollingIntervalSeconds: cfg.poll }, async (jobs) => {
      onJobs(jobs.map((j) => j.id));
    });
  }
}

async function bossCompleted(monitor: pg.Client, queue: string): Promise<number> {
  const { rows } = await monitor.query(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state = 'completed'`, [queue]);
  return rows[0].n as number;
}

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: BENCH_URL, schema: BOSS_SCHEMA, schedule: false });
  boss.on("error", (err) => console.error("[pg-boss]", err.message));
  await boss.start();
  return boss;
}

async function bossThroughput(monitor: pg.Client, cfg: BossConfig): Promise<ThroughputResult> {
  let boss = await startBoss();
  const queue = `bench-throughput-${++queueNo}`;
  await boss.createQueue(queue);
  const p0 = wall();
  for (let i = 0; i < N; i += TX_SIZE) {
    await boss.insert(Array.from({ length: Math.min(TX_SIZE, N - i) }, (_, k) => ({ name: queue, data: jobData(i + k) })));
  }
  const publishPerSec = (N / (wall() - p0)) * 1000;
  await boss.stop({ graceful: true, wait: true, close: true }); // see dbStats
  boss = await startBoss();
  let handled = 0;
  const before = await dbStats(monitor);
  resetStatements();
  const meter = cpuMeter();
  const t0 = wall();
  await bossWork(boss, queue, cfg, (ids) => (handled += ids.length));
  await until(() => handled >= N, 600_000, "pg-boss backlog");
  // pg-boss completes a batch without awaiting it: wait until the completions are committed.
  await until(async () => (await bossCompleted(monitor, queue)) >= N, 60_000, "pg-boss completions", 5);
  const seconds = (wall() - t0) / 1000;
  const cpu = meter();
  const statements = totalStatements();
  const perStatement = breakdown(N);
  await boss.stop({ graceful: true, wait: true, close: true });
  const server = diff(before, await dbStats(monitor));
  if (handled !== N) throw new Error(`pg-boss: ${handled} jobs handled for ${N}`);
  return {
    system: "pg-boss",
    settings: cfg.label,
    publishPerSec,
    consumedPerSec: N / seconds,
    seconds,
    statementsPerEvent: statements / N,
    breakdown: perStatement,
    server,
    cpu,
  };
}

async function bossLatency(cfg: BossConfig): Promise<LatencyResult> {
  const boss = await startBoss();
  const queue = `bench-latency-${++queueNo}`;
  await boss.createQueue(queue);
  const starts = new Map<string, number>();
  await bossWork(boss, queue, cfg, (ids) => {
    const t = wall();
    for (const id of ids) starts.set(id, t);
  });
  await sleep(1_500);
  // Same shape as the runner's publish: one job per transaction, timed just before COMMIT.
  const client = new pg.Client({ connectionString: BENCH_URL });
  await client.connect();
  const db = { executeSql: async (text: string, values: unknown[]) => client.query(text, values) };
  const sent = new Map<string, number>();
  const { seconds } = await steady(Math.round(RATE * SECONDS), RATE, async (i) => {
    await client.query("BEGIN");
    const id = await boss.send(queue, jobData(i), { db });
    sent.set(id!, wall());
    await client.query("COMMIT");
  });
  await client.end();
  await until(() => starts.size >= sent.size, 60_000, "pg-boss latency jobs");
  await boss.stop({ graceful: true, wait: true, close: true });
  return latencyResult("pg-boss", cfg.label, sent, starts, seconds);
}

// ───────────── diagnosis: the runner's claim under a backlog ─────────────

type Diagnosis = { backlog: number; claimMs: number; statementMs: number; plan: string }[];

// Times the engine's claim (lib/engine/claim.ts claimFree) with a queued backlog: one delivery
// per call, outside a running runner,
// the statements it sends are captured, and the slowest one is EXPLAIN ANALYZEd with the same
// parameters in a transaction that is rolled back.
async function diagnose(app: App, monitor: pg.Client, fn: RunnerFunction): Promise<Diagnosis> {
  const out: Diagnosis = [];
  for (const backlog of [...new Set([Math.max(100, Math.round(N / 10)), N])]) {
    await resetOurs(app);
    await publishBacklog(app, backlog);
    // The events become queued deliveries without being run (the engine's dispatch step).
    const { dispatchRound, registerFunctions } = await import("@/lib/engine/dispatch");
    const { claimFree } = await import("@/lib/engine/claim");
    const handle = await app.getDbHandle();
    await handle.transaction((conn) => registerFunctions(conn, [fn], "bench-diagnosis"));
    while (((await handle.transaction((conn) => dispatchRound(conn))) ?? 0) > 0);
    const claimOne = () =>
      handle.transaction((conn) =>
        claimFree(conn, { workerId: "bench-diagnosis", leaseMs: 30_000, held: [], functionIds: [fn.id], limit: 1, followers: 20 }),
      );
    await monitor.query("ANALYZE deliveries");
    await monitor.query("ANALYZE events");
    const times: number[] = [];
    let slowest: { text: string; values: unknown[]; ms: number } | null = null;
    const statementTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      captured = [];
      const t0 = performance.now();
      await claimOne();
      times.push(performance.now() - t0);
      const top = captured.filter((c) => !/^(BEGIN|COMMIT|ROLLBACK)\b/i.test(c.text.trim())).sort((x, y) => y.ms - x.ms)[0];
      captured = null;
      if (top) {
        statementTimes.push(top.ms);
        slowest = top;
      }
    }
    let plan = "(no statement captured)";
    if (slowest) {
      await monitor.query("BEGIN");
      try {
        const { rows } = await monitor.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${slowest.text}`, slowest.values);
        plan = rows.map((r) => r["QUERY PLAN"] as string).join("\n");
      } finally {
        await monitor.query("ROLLBACK");
      }
    }
    const claimMs = summarise(times).p50;
    const statementMs = summarise(statementTimes).p50;
    out.push({ backlog, claimMs, statementMs, plan });
    log(`claim(1) with ${backlog} queued deliveries: ${fmt(claimMs, 1)} ms for the whole claim, ${fmt(statementMs, 1)} ms its slowest statement (medians of 5)`);
  }
  return out;
}

// ───────────── the run ─────────────

function bossVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.resolve("node_modules/pg-boss/package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "(version unknown)";
  }
}

/** Which runner is measured: the git commit, uncommitted changes to it, and a hash of its source. */
function runnerVersion(): { label: string; hash: string } {
  const file = opts.runner.startsWith("@/") ? path.resolve(opts.runner.replace(/^@\//, "") + ".ts") : path.resolve(opts.runner);
  const dir = path.dirname(file);
  const hash = (() => {
    try {
      const h = createHash("sha256");
      for (const name of ["runner.ts", "step-tools.ts", "functions.ts", "wake.ts"]) {
        try {
          h.update(readFileSync(path.join(dir, name)));
        } catch {
          // a copy may leave some out
        }
      }
      return h.digest("hex").slice(0, 12);
    } catch {
      return "?";
    }
  })();
  if (!opts.runner.startsWith("@/")) return { label: `a modified copy, ${opts.runner} (source ${hash})`, hash };
  try {
    const git = (...a: string[]) => execFileSync("git", a, { encoding: "utf8" }).trim();
    const commit = git("rev-parse", "--short", "HEAD");
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "lib/engine", "prisma/migrations"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((l) => l.slice(3));
    return { label: `commit ${commit}${dirty.length ? ` + uncommitted changes to ${dirty.join(", ")}` : ""} (source ${hash})`, hash };
  } catch {
    return { label: `lib/engine (source ${hash})`, hash };
  }
}

// Held for the whole run: a second run on the same server would drop the database under this one.
const RUN_LOCK = 72_460_199;

async function recreateDatabase(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  (admin as Counted).__benchIgnore = true;
  await admin.connect();
  const [lock] = (await admin.query("SELECT pg_try_advisory_lock($1) AS ok", [RUN_LOCK])).rows as { ok: boolean }[];
  if (!lock?.ok) {
    await admin.end();
    throw new Error(`another bench/event-runner.ts run is using ${opts.server} (advisory lock ${RUN_LOCK} on the postgres database); wait for it to finish`);
  }
  await admin.query(`DROP DATABASE IF EXISTS "${opts.database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${opts.database}"`);
  return admin;
}

async function main() {
  if (opts.child) return child(JSON.parse(opts.child));
  const started = Date.now();
  log(`recreating ${opts.database}`);
  const version = runnerVersion();
  log(`runner: ${version.label}`);
  const admin = await recreateDatabase();
  // lib/env.ts reads process.env when first imported: set the URL before loading the app.
  process.env.DATABASE_URL = BENCH_URL;
  const app = await loadApp();
  const { applied } = await app.migrate();
  await app.benchPrepare?.(await app.getDbHandle());
  log(`migrated (${applied.length} migrations)${opts.runner === "@/lib/engine/runner" ? "" : `; runner from ${opts.runner}`}`);

  const monitor = new pg.Client({ connectionString: BENCH_URL });
  (monitor as Counted).__benchIgnore = true;
  await monitor.connect();
  const pgVersion = ((await monitor.query("SHOW server_version")).rows[0] as { server_version: string }).server_version;

  // Unrelated load on the machine skews everything: measure it before starting (after a pause
  // for the migrations' after-effects), leaving out this process's own CPU.
  await sleep(2_000);
  const idleDeadline = Date.now() + Number(opts["wait-idle"]) * 1000;
  let backgroundCpu = NaN;
  for (;;) {
    const idle = cpuMeter();
    await sleep(3_000);
    const idleCpu = idle();
    backgroundCpu = idleCpu.machine - idleCpu.self;
    log(`background CPU: ${fmt(backgroundCpu)} % (of ${os.availableParallelism() * 100} %)`);
    if (backgroundCpu <= 20) break;
    if (Date.now() > idleDeadline) {
      log("warning: the machine is not idle; results will be noisy");
      break;
    }
    log("waiting for the machine to be idle (--wait-idle)");
  }

  const hooks: Hooks = { onStart: () => {} };
  const fn = await noopFunction((id) => hooks.onStart(id));

  // pg-boss creates its schema on first start.
  await (await startBoss()).stop({ graceful: true, wait: true, close: true });

  const latency: LatencyResult[] = [];
  const keep = <T extends { system: string; settings: string }>(list: T[], r: T, line: string) => {
    list.push(r);
    log(`${r.system} (${r.settings}): ${line}`);
  };

  // Throughput: every scenario --repeat times, interleaved (runner, pg-boss, runner, …) so
  // that a burst of unrelated load on the machine hits both systems alike; the median counts.
  const scenarios: (() => Promise<ThroughputResult>)[] = [
    ...CONCURRENCIES.map((c) => () => oursThroughput(app, monitor, c, fn, hooks)),
    ...bossConfigs(opts["boss-throughput"]).map((cfg) => () => bossThroughput(monitor, cfg)),
    ...(PROCESSES > 1 ? [() => oursThroughputProcesses(app, monitor)] : []),
  ];
  const runs: ThroughputResult[][] = scenarios.map(() => []);
  for (let rep = 1; rep <= REPEAT; rep++) {
    for (const [i, scenario] of scenarios.entries()) {
      const r = await scenario();
      runs[i]!.push(r);
      log(
        `[${rep}/${REPEAT}] ${r.system} (${r.settings}): ${fmt(r.consumedPerSec)}/s consumed, ${fmt(r.publishPerSec)}/s published` +
          (r.statementsPerEvent == null ? "" : `, ${fmt(r.statementsPerEvent, 2)} statements/event`) +
          `, machine CPU ${fmt(r.cpu.machine)} %`,
      );
    }
  }
  const throughput = runs.map(median);

  const lat = (r: LatencyResult) => `p50 ${fmt(r.p50, 1)} ms, p95 ${fmt(r.p95, 1)} ms, p99 ${fmt(r.p99, 1)} ms (${r.sent} at ${fmt(r.actualRate)}/s)`;
  const measured = [
    () => oursLatency(app, CONCURRENCIES[0] ?? 10, fn, hooks),
    ...bossConfigs(opts["boss-latency"]).map((cfg) => () => bossLatency(cfg)),
    ...(PROCESSES > 1 ? [() => oursLatencyProcesses(app)] : []),
  ];
  for (const scenario of measured) {
    const r = await scenario();
    keep(latency, r, lat(r));
  }

  // Per-key order, checked on a fresh small run: handler starts of one key follow event order.
  {
    await resetOurs(app);
    const order: string[] = [];
    hooks.onStart = (id) => order.push(id);
    const db = await app.getDb();
    const keyOf = new Map<string, { key: string; i: number }>();
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 500; i++) {
        const input = interviewCreated(i);
        const e = await app.publish(tx, input);
        keyOf.set(e.eventId, { key: input.userId, i });
      }
    });
    const runner = new app.EventRunner({ functions: [fn], concurrency: 20, logger: quietLogger() });
    await runner.start();
    await until(() => order.length >= 500 && runner.busy === 0, 60_000, "order check");
    await runner.stop();
    checkOrder(order, keyOf);
    log("per-key order kept (500 events, concurrency 20)");
  }

  const diagnosis = opts["no-diagnosis"] ? [] : await diagnose(app, monitor, fn);
  for (const t of throughput) {
    log(`${t.system} (${t.settings}): ${describeServer(t)}`);
    if (t.breakdown.length > 0) {
      log(`statements per event (count, summed round-trip ms; by time):\n${t.breakdown.map(([sql, n, ms]) => `  ${n.toFixed(2).padStart(6)} ${ms.toFixed(2).padStart(7)} ms  ${sql}`).join("\n")}`);
    }
  }
  for (const d of diagnosis) log(`claim plan with ${d.backlog} queued deliveries:\n${d.plan}`);

  await monitor.end();
  await app.closeDb();
  await admin.end(); // releases the run lock

  const after = runnerVersion();
  const changed = after.hash !== version.hash;
  if (changed) log("warning: the runner's source changed during the run");
  const runnerLabel = changed ? `${version.label}; **its source changed during the run**` : version.label;
  const report = markdown({ throughput, latency, diagnosis, pgVersion, backgroundCpu, runnerLabel, minutes: (Date.now() - started) / 60_000 });
  console.log(report);
  if (!opts["no-docs"]) await writeDocs(report);
  process.exit(0);
}

// ───────────── output ─────────────

function markdown(r: {
  throughput: ThroughputResult[];
  latency: LatencyResult[];
  diagnosis: Diagnosis;
  pgVersion: string;
  backgroundCpu: number;
  runnerLabel: string;
  minutes: number;
}): string {
  const mem = Math.round(os.totalmem() / 2 ** 30);
  const lines = [
    `Machine: ${os.availableParallelism()} cores, ${mem} GiB RAM, Node.js ${process.version}, PostgreSQL ${r.pgVersion} on 127.0.0.1 ` +
      `(default settings: shared_buffers 128 MB, synchronous_commit on), database and benchmark on the same machine. ` +
      `Date: ${new Date().toISOString().slice(0, 10)}. Run: \`npx tsx --conditions=react-server bench/event-runner.ts${process.argv.slice(2).length ? " " + process.argv.slice(2).join(" ") : ""}\` ` +
      `(${fmt(r.minutes, 1)} min; background CPU before the run ${fmt(r.backgroundCpu)} %). Runner measured: ${r.runnerLabel}; pg-boss ${bossVersion()}.`,
    "",
    `Workload: no-op consumers; ${fmt(N)} events for throughput, ${KEYS} partition keys (round robin); ` +
      `the runner's events are \`interview.created\` published with \`publish(tx, …)\` through Prisma, consumed by one Inngest function definition ` +
      `(\`subscribe("interview.created")\`, so one delivery per event); pg-boss jobs carry the same fields. ` +
      `Publishing: transactions of ${TX_SIZE} events (runner) / \`insert\` of ${TX_SIZE} jobs (pg-boss).`,
    "",
    `**Throughput** (backlog published first, then consumers started; consumed = handler ran and its completion is committed; ` +
      `median of ${REPEAT} interleaved runs, range in brackets; the other columns are from the median run, CPU is the median of the runs; ` +
      `statements = SQL statements the consumer side sent, BEGIN/COMMIT included; rows scanned and commits from pg_stat_database; CPU = whole machine, ${os.availableParallelism() * 100} % = all cores):`,
    "",
    "| system | settings | published/s | consumed/s | time to drain | statements / event | rows scanned / event | commits / event | CPU |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...r.throughput.map((t) => {
      const range = t.runs && t.runs.length > 1 ? ` (${fmt(Math.min(...t.runs))}–${fmt(Math.max(...t.runs))})` : "";
      const st = t.statementsPerEvent == null ? "–" : fmt(t.statementsPerEvent, t.statementsPerEvent < 1 ? 2 : 1);
      return `| ${t.system} | ${t.settings} | ${fmt(t.publishPerSec)} | **${fmt(t.consumedPerSec)}**${range} | ${fmt(t.seconds, 1)} s | ${st} | ${fmt(t.server.tup_returned / N)} | ${fmt(t.server.xact_commit / N, 2)} | ${fmt(t.cpu.machine)} % |`;
    }),
    "",
    `**Latency** (consumers idle, then ${fmt(RATE * SECONDS)} events published one per transaction at ${RATE}/s; publish COMMIT → handler start):`,
    "",
    "| system | settings | events | achieved rate | p50 | p95 | p99 | max |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...r.latency.map(
      (l) => `| ${l.system} | ${l.settings} | ${l.sent} | ${fmt(l.actualRate)}/s | **${fmt(l.p50, 1)} ms** | ${fmt(l.p95, 1)} ms | ${fmt(l.p99, 1)} ms | ${fmt(l.max, 1)} ms |`,
    ),
  ];
  if (r.diagnosis.length > 0) {
    lines.push(
      "",
      `**Runner claim** with a queued backlog (${KEYS} keys, tables analysed; the runner's claim of one delivery, whole round incl. its transaction / its slowest statement, medians of 5): ` +
        r.diagnosis.map((d) => `${fmt(d.backlog)} queued → ${fmt(d.claimMs, 1)} ms / ${fmt(d.statementMs, 1)} ms`).join(", ") +
        ".",
    );
  }
  return lines.join("\n");
}

const DOCS = path.resolve(process.cwd(), "docs", "benchmarks.md");
const SECTION = "## Event runner vs pg-boss";
const BEGIN = "<!-- bench/event-runner.ts: generated, replaced on every run -->";
const END = "<!-- end of generated part -->";

/** Appends the section, or replaces the generated part of it (text around it is kept). */
async function writeDocs(report: string) {
  const text = await readFile(DOCS, "utf8");
  const block = `${BEGIN}\n${report}\n${END}`;
  let next: string;
  if (text.includes(BEGIN) && text.includes(END)) {
    next = text.slice(0, text.indexOf(BEGIN)) + block + text.slice(text.indexOf(END) + END.length);
  } else {
    next = `${text.replace(/\s*$/, "")}\n\n${SECTION}\n\n${block}\n`;
  }
  await writeFile(DOCS, next);
  log(`wrote ${path.relative(process.cwd(), DOCS)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

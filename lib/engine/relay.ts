// The outbox relay: when Inngest is the delivery engine, hands every stored event to Inngest's
// Event API (`id` = eventId, so Inngest de-duplicates a re-sent event) and records the
// hand-over in events.relayed_at. The embedded runner's dispatcher marks the same column when
// it is the engine instead, so exactly one of the two may run against a database.
//
// One round: take the oldest unrelayed events (in seq order), send them in one request, mark
// exactly those rows. A failed send (network, 4xx, 5xx, time-out) marks nothing; the relay
// logs once per outage and retries with exponential back-off until Inngest accepts them.
// Several processes may relay at once on PostgreSQL: an advisory lock lets one of them work at a
// time, so events reach Inngest in outbox order (per partition key in particular).
// Wake-ups come from LISTEN/NOTIFY (the events table's insert trigger), polling is the fallback.
import { getDbHandle, type RawConnection } from "@/lib/db/client";
import { inngest, toInngestEvent } from "./inngest-client";
import { WakeLoop } from "./loop";
import type { DomainEvent } from "@/lib/events/catalog";
import { fromEventSqlRow, selectUnrelayed, type EventSqlRow } from "@/lib/events/stored";

export type InngestEvent = ReturnType<typeof toInngestEvent>;

/** What the default send needs of an Inngest client (the app's `inngest`, or one in tests). */
export type EventSender = {
  send: (events: InngestEvent[]) => Promise<unknown>;
  /** Shown in log messages when Inngest cannot be reached. */
  readonly eventBaseUrl?: string;
};

export type RelayLogger = Pick<Console, "info" | "warn" | "error">;

export type OutboxRelayOptions = {
  /** Hands a batch to Inngest; must throw unless every event was accepted. Default: `client.send`. */
  send?: (events: DomainEvent[]) => Promise<void>;
  /** The Inngest client the default send uses. Default: the app's client (inngest/client.ts). */
  client?: EventSender;
  /** Events per round (one Event API request). */
  batchSize?: number;
  /** Fallback polling interval (LISTEN/NOTIFY normally wakes the relay at once). */
  pollMs?: number;
  /** Delay after the `failures`-th failed round in a row (1 = first). */
  backoffMs?: (failures: number) => number;
  /**
   * Longest wait for one send. The SDK retries a failed request itself (5 tries, ~1.5–2 s of
   * back-off, not configurable) and sets no time-out on a request; past this the round fails.
   */
  sendTimeoutMs?: number;
  logger?: RelayLogger;
};

export type RelayState = {
  running: boolean;
  /** Events this relay handed over since it was created. */
  relayed: number;
  lastRelayedAt: Date | null;
  /** Failed rounds in a row: 0 while healthy. */
  failures: number;
  failingSince: Date | null;
  lastError: string | null;
};

/** 500 ms doubling to 30 s, ±20 % jitter so that several relays spread out. */
export function relayBackoff(failures: number): number {
  const base = Math.min(500 * 2 ** Math.max(0, failures - 1), 30_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** A round that failed handing events to Inngest; `message` says why, for a person. */
export class RelaySendError extends Error {
  constructor(
    message: string,
    readonly events: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RelaySendError";
  }
}


type Round = { relayed: number; locked: boolean };

// Not the runner's dispatch lock: the relay and the dispatcher are alternative engines.
const RELAY_LOCK = 72_460_115;

// PGlite has one connection and a transaction holds it: a round there runs outside a
// transaction (so the database is not blocked while Inngest answers), one round per process
// at a time, which is enough because one process owns a PGlite directory.
const local = globalThis as unknown as { __outboxRelayTurn?: Promise<unknown> };

function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const previous = local.__outboxRelayTurn ?? Promise.resolve();
  const next = previous.catch(() => {}).then(fn);
  local.__outboxRelayTurn = next.catch(() => {});
  return next;
}

export class OutboxRelay {
  private readonly send: (events: DomainEvent[]) => Promise<void>;
  private readonly target: string | undefined;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly backoffMs: (failures: number) => number;
  private readonly sendTimeoutMs: number;
  private readonly log: RelayLogger;
  private readonly state: RelayState = {
    running: false,
    relayed: 0,
    lastRelayedAt: null,
    failures: 0,
    failingSince: null,
    lastError: null,
  };
  private loggedError: string | null = null;
  private readonly loop: WakeLoop;

  constructor(opts: OutboxRelayOptions = {}) {
    const client: EventSender = opts.client ?? inngest;
    this.send =
      opts.send ??
      (async (events) => {
        await client.send(events.map(toInngestEvent));
      });
    this.target = opts.send ? undefined : client.eventBaseUrl;
    this.batchSize = opts.batchSize ?? 100;
    this.pollMs = opts.pollMs ?? 1_000;
    this.backoffMs = opts.backoffMs ?? relayBackoff;
    this.sendTimeoutMs = opts.sendTimeoutMs ?? 10_000;
    this.log = opts.logger ?? console;
    this.loop = new WakeLoop({
      name: "relay",
      round: async () => {
        const round = await this.round();
        this.succeeded(round.relayed);
        return round.relayed < this.batchSize ? this.pollMs : 0;
      },
      backoffMs: (failures) => this.backoffMs(failures),
      // Not cut short by new events: during an outage they would turn back-off into a busy loop.
      wakeDuringBackoff: false,
      onError: (err) => this.failed(err),
      pollMs: this.pollMs,
      logger: this.log,
    });
  }

  /** A copy of the relay's health (for /api/health and logs). */
  get status(): RelayState {
    return { ...this.state };
  }

  async start(): Promise<void> {
    if (this.state.running) return;
    this.state.running = true;
    await this.loop.start();
  }

  /** Stops relaying; resolves once a batch in flight has been sent (or has failed). */
  async stop(): Promise<void> {
    if (!this.state.running) return;
    this.state.running = false;
    await this.loop.stop();
  }

  /**
   * Relays until a round finds nothing left (tests and scripts), retrying failures with the
   * back-off; throws once `timeoutMs` has passed. Resolves to the number of events relayed.
   */
  async drain({ timeoutMs = 30_000 } = {}): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let total = 0;
    for (;;) {
      let round: Round;
      try {
        round = await this.round();
      } catch (err) {
        this.failed(err);
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(`the outbox relay did not drain within ${timeoutMs} ms: ${this.state.lastError}`, { cause: err });
        }
        await delay(Math.min(this.backoffMs(this.state.failures), left));
        continue;
      }
      this.succeeded(round.relayed);
      total += round.relayed;
      if (round.locked && round.relayed === 0) return total;
      if (Date.now() > deadline) throw new Error(`the outbox relay did not drain within ${timeoutMs} ms`);
      // Another relay holds the lock: let it finish its batch.
      if (!round.locked) await delay(Math.min(this.pollMs, 50));
    }
  }

  /**
   * One round: relays up to batchSize events and resolves to how many (0 when there is nothing
   * to relay, or another relay is busy). Throws RelaySendError when Inngest did not accept them.
   */
  async relayOnce(): Promise<number> {
    return (await this.round()).relayed;
  }

  /** Makes a waiting relay look for events now (the LISTEN callback). */
  wake(): void {
    this.loop.wake();
  }

  // ───────────── rounds ─────────────

  private async round(): Promise<Round> {
    const handle = await getDbHandle();
    if (handle.kind === "pglite") {
      return oneAtATime(async () => {
        const rows = await selectUnrelayed(handle, this.batchSize);
        if (rows.length === 0) return { relayed: 0, locked: true };
        await this.deliver(rows);
        await markRelayed(handle, rows, true);
        return { relayed: rows.length, locked: true };
      });
    }
    return handle.transaction(async (conn) => {
      const [lock] = await conn.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [RELAY_LOCK]);
      if (!lock?.ok) return { relayed: 0, locked: false };
      const rows = await selectUnrelayed(conn, this.batchSize, { lock: true });
      if (rows.length === 0) return { relayed: 0, locked: true };
      // Throwing here rolls the transaction back: nothing is marked.
      await this.deliver(rows);
      await markRelayed(conn, rows, false);
      return { relayed: rows.length, locked: true };
    });
  }

  private async deliver(rows: EventSqlRow[]): Promise<void> {
    const events = rows.map(fromEventSqlRow);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Inngest did not answer within ${this.sendTimeoutMs} ms`)),
        this.sendTimeoutMs,
      );
    });
    try {
      // A send abandoned at the time-out may still get through (the SDK keeps retrying): the
      // events are sent again next round with the same ids, which Inngest de-duplicates.
      await Promise.race([this.send(events), timeout]);
    } catch (err) {
      throw new RelaySendError(describeSendFailure(err, this.target), events.length, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

    private failed(err: unknown): void {
    const message =
      err instanceof RelaySendError ? err.message : `the outbox could not be read or updated (${errorText(err)})`;
    const now = new Date();
    this.state.failures++;
    this.state.failingSince ??= now;
    this.state.lastError = message;
    // Once per outage, and again only if the reason changes.
    if (this.loggedError === message) return;
    this.loggedError = message;
    const batch = err instanceof RelaySendError ? `${err.events} event(s) stay in the outbox; ` : "";
    this.log.error(`[relay] ${message}. ${batch}retrying with back-off until it works (logged once per outage).`);
  }

  private succeeded(relayed: number): void {
    if (relayed > 0) {
      this.state.relayed += relayed;
      this.state.lastRelayedAt = new Date();
    }
    if (this.state.failures === 0) return;
    const seconds = ((Date.now() - (this.state.failingSince?.getTime() ?? Date.now())) / 1000).toFixed(1);
    this.log.info(
      `[relay] relaying again after ${this.state.failures} failed attempt(s) over ${seconds} s` +
        (relayed > 0 ? `; ${relayed} event(s) sent` : ""),
    );
    this.state.failures = 0;
    this.state.failingSince = null;
    this.state.lastError = null;
    this.loggedError = null;
  }
}

async function markRelayed(conn: RawConnection, rows: EventSqlRow[], onlyUnmarked: boolean): Promise<void> {
  await conn.query(
    `UPDATE events SET relayed_at = now() WHERE seq = ANY($1::bigint[])${onlyUnmarked ? " AND relayed_at IS NULL" : ""}`,
    [rows.map((r) => r.seq)],
  );
}

export type RelayStatus = {
  /** Events not yet handed to their engine (Inngest, or the embedded runner's deliveries). */
  unrelayed: number;
  /** Event time of the oldest of them. */
  oldestUnrelayedAt: Date | null;
};

/** The outbox backlog, whichever engine drains it (cheap: the partial index events_unrelayed_idx). */
export async function relayStatus(): Promise<RelayStatus> {
  const handle = await getDbHandle();
  const [row] = await handle.query<{ unrelayed: number | string; oldest: Date | string | null }>(
    `SELECT (SELECT count(*) FROM events WHERE relayed_at IS NULL)::int AS unrelayed,
            (SELECT timestamp FROM events WHERE relayed_at IS NULL ORDER BY seq LIMIT 1) AS oldest`,
  );
  return {
    unrelayed: Number(row?.unrelayed ?? 0),
    oldestUnrelayedAt: row?.oldest ? new Date(row.oldest) : null,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail && !err.message.includes(detail) ? `${err.message} (${detail})` : err.message;
}

/** Why Inngest did not take the events, in words an operator can act on. */
export function describeSendFailure(err: unknown, target?: string): string {
  const text = errorText(err);
  if (/\b401\b|event key not found/i.test(text)) {
    return `Inngest rejected the event key (${text}): check INNGEST_EVENT_KEY`;
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|ETIMEDOUT|socket/i.test(text)) {
    return `cannot reach Inngest${target ? ` at ${target}` : ""} (${text})`;
  }
  return `Inngest did not accept the events (${text})`;
}

// The channel that wakes runners and relays when there is new work: the events table's trigger
// sends a NOTIFY on every insert, and delivery-state.ts's notifyRunners sends one from a
// transaction (a re-queued delivery, a resolved wait). Every process LISTENs on it (loop.ts),
// on PostgreSQL and PGlite alike.
export const WAKE_CHANNEL = "intervue_events";

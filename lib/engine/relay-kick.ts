// On serverless hosts (Vercel) nothing runs between requests, so the relay's loop cannot be
// relied on: every request that may have published events also relays the outbox once after
// its response is sent (next/server `after`, which Vercel keeps alive through waitUntil). On a
// long-running server this only adds an early round to what LISTEN/NOTIFY triggers anyway.
import { after } from "next/server";
import { integrations } from "@/lib/env";

const state = globalThis as unknown as { __relayKick?: Promise<unknown>; __relayKickWarnedAt?: number };

export function relayAfterResponse(): void {
  if (integrations.events !== "inngest") return;
  try {
    after(async () => {
      // One round at a time per process; a round in progress already picks the new events up.
      state.__relayKick ??= (async () => {
        const { OutboxRelay } = await import("./relay");
        const relay = new OutboxRelay();
        for (let batch = 0; batch < 10; batch++) if ((await relay.relayOnce()) === 0) break;
      })()
        .catch((err) => {
          // During an outage every request fails the same way: say so once a minute.
          if (Date.now() - (state.__relayKickWarnedAt ?? 0) < 60_000) return;
          state.__relayKickWarnedAt = Date.now();
          console.warn(`[relay] after-response round failed (the relay keeps retrying): ${(err as Error).message}`);
        })
        .finally(() => (state.__relayKick = undefined));
      await state.__relayKick;
    });
  } catch {
    // Outside a request scope (scripts, tests): the relay loop will pick the events up.
  }
}

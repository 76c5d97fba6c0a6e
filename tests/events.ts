// Events stored through the real outbox path (publish in a transaction), for tests.
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { DomainEvent, EventType } from "@/lib/events/catalog";
import { publish, type PublishInput } from "@/lib/events/publish";

export async function storeEvent<T extends EventType>(input: PublishInput<T>): Promise<DomainEvent<T>> {
  const db = await getDb();
  return db.$transaction((tx) => publish(tx, input));
}

/** An interview.created of `userId` (its partition key), with the given title and correlation id. */
export const interviewCreated = (userId: string, title = "Backend engineer", correlationId = "req-test") =>
  storeEvent({
    eventType: "interview.created",
    userId,
    data: { interviewId: randomUUID(), title, questionsCount: 3, createdAt: new Date().toISOString() },
    correlationId,
  });

// The seed catalog shows the auth events in an older envelope:
//   { eventId, eventType, timestamp: <epoch ms>, version, source, payload }
// Such events are still accepted, and normalised to the standard envelope before validation.
import type { PartitionKey } from "./envelope";

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `payload` without `data` is what tells the old envelope apart. */
export function isLegacyEvent(input: unknown): input is Fields {
  return isFields(input) && "payload" in input && !("data" in input);
}

function isoFromEpochMs(timestamp: unknown): unknown {
  if (typeof timestamp !== "number") return timestamp;
  const date = new Date(timestamp);
  // Left as it was, so that validation reports the bad timestamp instead of this throwing.
  return Number.isNaN(date.getTime()) ? timestamp : date.toISOString();
}

/**
 * The standard form of a legacy event; anything else is returned unchanged. The result is
 * not validated: unexpected fields are carried over so that validation can reject them.
 *
 * The partition key is copied from the payload (the auth events' `payload.userId`), which
 * keeps it in `data` as well. From a Keycloak gateway that is the identity's subject id
 * ("kc-123"): the gateway does not know the account, and auth-events accept a subject id as
 * their key for that reason. Without `partitionKey`, `userId` is preferred over `sessionId`.
 */
export function normalizeLegacy(input: unknown, partitionKey?: PartitionKey): unknown {
  if (!isLegacyEvent(input)) return input;
  const { eventId, eventType, timestamp, payload, source, version, metadata, ...rest } = input;
  const fromPayload = isFields(payload) ? payload : {};
  const key = partitionKey ?? ("userId" in fromPayload || !("sessionId" in fromPayload) ? "userId" : "sessionId");
  return {
    eventId,
    eventType,
    timestamp: isoFromEpochMs(timestamp),
    [key]: fromPayload[key],
    ...rest,
    data: payload,
    metadata: metadata ?? { service: source, version },
  };
}

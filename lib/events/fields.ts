// Building blocks shared by the envelope and the payload schemas. They check and never
// transform, so a parsed event is byte-for-byte the event that was published.
import { z } from "zod";

export const uuid = () => z.uuid();

/** ISO-8601 with an explicit zone (Z or ±hh:mm): a timestamp without one is ambiguous. */
export const isoDateTime = () => z.iso.datetime({ offset: true });

/** Absolute http(s) URL; localhost and IPs stay allowed for the embedded media store. */
export const httpUrl = () => z.url({ protocol: /^https?$/ });

export const email = () => z.email();

/** Sizes in bytes, counts and durations in seconds. */
export const count = () => z.number().int().nonnegative();

export const text = () => z.string().min(1);

/**
 * `type/subtype`, optionally with parameters: browsers' MediaRecorder reports types such as
 * `video/webm;codecs=vp9,opus`.
 */
export const mimeType = () =>
  z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.+)?$/, "Expected a MIME type such as video/mp4")
    .describe("MIME type: type/subtype, optionally with parameters");

/**
 * An identity's id as its issuer gives it: the Keycloak subject ("kc-123" in the seed catalog,
 * usually a UUID) or, for password sign-ins, the account id. Any non-empty id up to 255
 * characters (OpenID Connect's limit on `sub`), without control characters: it is shown in
 * logs and the events explorer.
 */
export const subjectId = () =>
  z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, "Expected an id without control characters")
    .refine((v) => v.isWellFormed(), "Expected an id without broken characters");

// The Inngest client and the catalog's typed events, as the function definitions use them. They
// are built in the engine (lib/engine/inngest-client.ts), which also sends through the client.
export { events, inngest, subscribe, toInngestEvent, type TypedEvents } from "@/lib/engine/inngest-client";

// An UploadThing token: base64 of the JSON `{apiKey, appId, regions}` (the dashboard's
// UPLOADTHING_TOKEN). Read without loading the SDK (the env check and mediaOrigin use it).
export type UploadThingToken = { apiKey: string; appId: string; regions: string[] };

export function parseUploadThingToken(token: string): UploadThingToken | null {
  try {
    const v = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as Record<string, unknown>;
    if (typeof v.apiKey !== "string" || typeof v.appId !== "string" || !Array.isArray(v.regions)) return null;
    if (v.apiKey === "" || v.appId === "") return null;
    return { apiKey: v.apiKey, appId: v.appId, regions: v.regions.map(String) };
  } catch {
    return null;
  }
}

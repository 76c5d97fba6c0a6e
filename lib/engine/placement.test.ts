import { describe, expect, it } from "vitest";
import { inngest, subscribe } from "./inngest-client";
import { allFunctions, selectFunctions } from "./placement";

const fn = (id: string) => inngest.createFunction({ id, ...subscribe("interview.created") }, async () => null);
const groups = { light: [fn("audit"), fn("counts")], media: [fn("transcode")], ai: [fn("transcribe"), fn("score")] };
const ids = (spec: string) => selectFunctions(groups, spec).functions.map((f) => f.opts.id);

describe("function placement (EVENT_RUNNER_FUNCTIONS)", () => {
  it("`all` is every function of every group", () => {
    expect(ids("all")).toEqual(["audit", "counts", "transcode", "transcribe", "score"]);
  });

  it("takes groups and function ids, without duplicates", () => {
    expect(ids("light")).toEqual(["audit", "counts"]);
    expect(ids("media, ai")).toEqual(["transcode", "transcribe", "score"]);
    expect(ids("score,ai")).toEqual(["score", "transcribe"]);
  });

  it("reads a per-process limit for a group or a function", () => {
    const placed = selectFunctions(groups, "media:2,score:1,light");
    expect(Object.fromEntries(placed.processLimits)).toEqual({ transcode: 2, score: 1 });
    expect(placed.functions.map((f) => f.opts.id)).toEqual(["transcode", "score", "audit", "counts"]);
  });

  it("refuses unknown names, bad limits and an empty list, naming the entry", () => {
    expect(() => ids("light,videos")).toThrow(/"videos" is neither a function group nor a function id \(known: all, light, media, ai, audit/);
    expect(() => ids("media:0")).toThrow(/"media:0" needs a limit of at least 1/);
    expect(() => ids("media:x")).toThrow(/"media:x" is not a name or name:N/);
    expect(() => ids(" , ")).toThrow(/EVENT_RUNNER_FUNCTIONS is empty/);
  });

  it("refuses a registry that lists a function twice", () => {
    const twice = fn("twice");
    expect(() => allFunctions({ a: [twice], b: [twice] })).toThrow(/function twice is listed twice in the registry \(group b\)/);
  });
});

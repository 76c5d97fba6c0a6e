// The WebVTT builder: timestamps, one cue per segment in time order, and cue text that a
// transcript cannot break out of (tags, "-->", blank lines, control characters).
import { describe, expect, it } from "vitest";
import { buildWebVtt, vttCueText, vttTimestamp } from "./webvtt";

describe("vttTimestamp", () => {
  it("is hh:mm:ss.ttt, rounded to the millisecond, never negative", () => {
    expect([0, 4.79, 59.9995, 72.4, 3725.25, -3].map(vttTimestamp)).toEqual([
      "00:00:00.000",
      "00:00:04.790",
      "00:01:00.000",
      "00:01:12.400",
      "01:02:05.250",
      "00:00:00.000",
    ]);
  });
});

describe("vttCueText", () => {
  it("escapes markup and the timing arrow, so a quote cannot become a tag or a cue boundary", () => {
    expect(vttCueText("a <b>bold</b> & fast --> slow")).toBe("a &lt;b&gt;bold&lt;/b&gt; &amp; fast --&gt; slow");
    expect(vttCueText("already &amp; escaped")).toBe("already &amp;amp; escaped");
    expect(vttCueText("x-->y")).not.toContain("-->");
  });

  it("makes one line of the text: blank lines, breaks and control characters cannot end the cue", () => {
    expect(vttCueText("  first\n\nsecond\r\n\tthird \u0000\u001b[31m ")).toBe("first second third [31m");
    expect(vttCueText(" \n ")).toBe("");
    expect(vttCueText("Привет, мир")).toBe("Привет, мир");
  });
});

describe("buildWebVtt", () => {
  it("writes the header and one numbered cue per segment, in time order", () => {
    const vtt = buildWebVtt([
      { start: 4.79, end: 9.5, text: " We cut the monthly close." },
      { start: 0, end: 4.79, text: " I led the <migration>." },
    ]);
    expect(vtt).toBe(
      "WEBVTT\n\n" +
        "1\n00:00:00.000 --> 00:00:04.790\nI led the &lt;migration&gt;.\n\n" +
        "2\n00:00:04.790 --> 00:00:09.500\nWe cut the monthly close.\n",
    );
  });

  it("leaves out empty and untimed segments, and gives a cue that ends too early half a second", () => {
    const vtt = buildWebVtt([
      { start: 1, end: 1, text: "Yes." },
      { start: 2, end: 3, text: "   " },
      { start: Number.NaN, end: 4, text: "lost" },
      { start: 5, end: Number.POSITIVE_INFINITY, text: "lost too" },
      { start: -1, end: 0.2, text: "Um." },
    ]);
    expect(vtt).toBe("WEBVTT\n\n1\n00:00:00.000 --> 00:00:00.500\nUm.\n\n2\n00:00:01.000 --> 00:00:01.500\nYes.\n");
  });

  it("without segments is a valid file with no cues", () => {
    expect(buildWebVtt([])).toBe("WEBVTT\n");
  });

  it("every cue is a block of id, timing and one text line: no blank line or arrow inside", () => {
    const vtt = buildWebVtt([{ start: 0, end: 2, text: "a\n\n-->\n00:00:00.000 --> 00:00:09.000\nb" }]);
    const blocks = vtt.trimEnd().split("\n\n");
    expect(blocks).toHaveLength(2);
    expect(blocks[1]!.split("\n")).toEqual(["1", "00:00:00.000 --> 00:00:02.000", "a --&gt; 00:00:00.000 --&gt; 00:00:09.000 b"]);
  });
});

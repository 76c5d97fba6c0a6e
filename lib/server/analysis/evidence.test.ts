import { describe, expect, it } from "vitest";
import { locateEvidence } from "./evidence";

const segments = [
  { start: 0, end: 4.2, text: "At my last job I led a team of five engineers." },
  { start: 4.2, end: 9.8, text: "We moved the billing system to Kubernetes in three months," },
  { start: 9.8, end: 14, text: "and nobody was paged at night after that." },
];
const transcript = { text: segments.map((s) => s.text).join(" "), segments };

describe("locateEvidence", () => {
  it("finds a quote inside one segment and gives that segment's times", () => {
    const { evidence, dropped } = locateEvidence(["I led a team of five engineers"], transcript);
    expect(dropped).toEqual([]);
    expect(evidence).toEqual([{ quote: "I led a team of five engineers", start: 0, end: 4.2 }]);
  });

  it("gives a quote across two segments the first one's start and the last one's end", () => {
    const { evidence } = locateEvidence(["to Kubernetes in three months, and nobody was paged"], transcript);
    expect(evidence).toEqual([{ quote: "to Kubernetes in three months, and nobody was paged", start: 4.2, end: 14 }]);
  });

  it("ignores case, punctuation, spacing and the kind of quote marks, and returns the transcript's spelling", () => {
    const source = { text: "I don't give up: I’d rather ask for help.", segments: [{ start: 1, end: 3, text: "I don't give up: I’d rather ask for help." }] };
    const { evidence, dropped } = locateEvidence(["“i DON’T give   up — i'd rather ask”"], source);
    expect(dropped).toEqual([]);
    expect(evidence).toEqual([{ quote: "I don't give up: I’d rather ask", start: 1, end: 3 }]);
  });

  it("matches Russian whatever the case, punctuation and ё", () => {
    const ru = [
      { start: 0, end: 5, text: "Я всё проверил сам, прежде чем отдавать заказчику." },
      { start: 5, end: 9.5, text: "Ошибок в релизе не было." },
    ];
    const { evidence, dropped } = locateEvidence(["«Все проверил сам — прежде чем отдавать заказчику. Ошибок»"], { text: "", segments: ru });
    expect(dropped).toEqual([]);
    expect(evidence).toEqual([{ quote: "всё проверил сам, прежде чем отдавать заказчику. Ошибок", start: 0, end: 9.5 }]);
  });

  it("drops a quote that is not in the transcript, and a paraphrase", () => {
    const { evidence, dropped } = locateEvidence(
      ["I led a team of five engineers", "I have ten years of Rust experience", "I managed five engineers at my last job"],
      transcript,
    );
    expect(evidence.map((e) => e.quote)).toEqual(["I led a team of five engineers"]);
    expect(dropped).toEqual([
      { quote: "I have ten years of Rust experience", reason: "not_in_transcript" },
      { quote: "I managed five engineers at my last job", reason: "not_in_transcript" },
    ]);
  });

  it("does not match a quote whose words are not next to each other", () => {
    const { dropped } = locateEvidence(["I led five engineers"], transcript);
    expect(dropped).toEqual([{ quote: "I led five engineers", reason: "not_in_transcript" }]);
  });

  it("drops empty and too short quotes with the reason", () => {
    const { evidence, dropped } = locateEvidence(["", " … ", "led a team", "Kubernetes", "I led a"], transcript);
    expect(evidence).toEqual([]);
    expect(dropped).toEqual([
      { quote: "", reason: "empty" },
      { quote: " … ", reason: "empty" },
      // Three words but under 12 characters, then one word, then three short words.
      { quote: "led a team", reason: "too_short" },
      { quote: "Kubernetes", reason: "too_short" },
      { quote: "I led a", reason: "too_short" },
    ]);
  });

  it("finds quotes in a written answer, without times", () => {
    const text = "Я бы сначала поговорил с клиентом.\nПотом — составил план из трёх шагов.";
    const { evidence, dropped } = locateEvidence(["поговорил с клиентом. Потом составил план", "составил план из пяти шагов"], { text });
    expect(evidence).toEqual([{ quote: "поговорил с клиентом.\nПотом — составил план" }]);
    expect(evidence[0]).not.toHaveProperty("start");
    expect(dropped).toEqual([{ quote: "составил план из пяти шагов", reason: "not_in_transcript" }]);
  });

  it("keeps the same passage once when it is quoted twice", () => {
    const { evidence } = locateEvidence(["nobody was paged at night", "Nobody was paged at night."], transcript);
    expect(evidence).toEqual([{ quote: "nobody was paged at night", start: 9.8, end: 14 }]);
  });
});

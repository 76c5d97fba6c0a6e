import { describe, expect, it } from "vitest";
import { answerAnalysisView } from "@/lib/schemas/analysis";
import { analyseWithoutModel, criterionKeywords, NO_LEXICON_REASON, NO_MODEL_VERSION } from "./no-model";

const rubricEn = [
  { name: "Communication", description: "Explains decisions clearly to stakeholders." },
  { name: "Testing", description: "Writes automated tests." },
];

describe("analyseWithoutModel", () => {
  it("English: sentiment from AFINN, rubric keywords quoted as the text spells them, no scores", async () => {
    const text = "I loved explaining our decisions to the stakeholders; the team was great and communicated openly.";
    const result = await analyseWithoutModel({ text, language: "en", rubric: rubricEn });
    expect(answerAnalysisView.parse(result)).toEqual(result);
    expect(result).toMatchObject({ status: "completed", kind: "no-model", sentiment: "positive", summary: null, model: null, promptVersion: NO_MODEL_VERSION });
    expect(result.reason).toMatch(/without an AI model/);
    expect(result.criteria).toEqual([
      { name: "Communication", score: null, evidence: [{ quote: "explaining" }, { quote: "decisions" }, { quote: "stakeholders" }, { quote: "communicated" }] },
      { name: "Testing", score: null, evidence: [] },
    ]);
  });

  it("English: negative wording is negative, plain facts neutral", async () => {
    expect((await analyseWithoutModel({ text: "The project was a terrible failure and I hated the chaos.", language: "en", rubric: [] })).sentiment).toBe("negative");
    expect((await analyseWithoutModel({ text: "I work as an engineer in Berlin.", language: "en", rubric: [] })).sentiment).toBe("neutral");
  });

  it("Russian: sentiment from nlp.js's Russian lexicon and keywords matched by stem across inflections", async () => {
    const rubric = [{ name: "Коммуникация", description: "Понятно объясняет решения команде." }];
    const text = "Мне очень понравилось работать с командой: я объяснял свои решения, отличный опыт и хорошие результаты. Коммуникации было много.";
    const result = await analyseWithoutModel({ text, language: "ru", rubric });
    expect(result.sentiment).toBe("positive");
    expect(result.criteria[0]?.evidence.map((e) => e.quote)).toEqual(["командой", "объяснял", "решения", "Коммуникации"]);
    expect((await analyseWithoutModel({ text: "Это был ужасный проект, всё было плохо и скучно.", language: "ru", rubric })).sentiment).toBe("negative");
  });

  it("a language without a lexicon: sentiment null with the reason, keywords still matched as words", async () => {
    const result = await analyseWithoutModel({ text: "Ich habe Tests geschrieben und das Team geführt.", language: "de", rubric: [{ name: "Team", description: "Führt das Team." }] });
    expect(result.sentiment).toBeNull();
    expect(result.reason).toContain(NO_LEXICON_REASON);
    // No stemmer for German: "geführt" does not match "Führt"; "das" is too short to count.
    expect(result.criteria[0]?.evidence).toEqual([{ quote: "Team" }]);
  });

  it("an empty answer is skipped with the reason", async () => {
    const result = await analyseWithoutModel({ text: "  \n ", language: "en", rubric: rubricEn });
    expect(result).toMatchObject({ status: "skipped", reason: "The answer is empty.", sentiment: null });
    expect(result.criteria.every((c) => c.score === null && c.evidence.length === 0)).toBe(true);
  });
});

describe("criterionKeywords", () => {
  it("drops stop words and short words, and stems", () => {
    expect(criterionKeywords({ name: "Testing", description: "Writes the automated tests of it" }, "en")).toEqual(["test", "write", "autom"]);
  });
});

// The analysis of a written answer when no AI provider is configured: labelled `no-model`, it
// scores nothing and summarises nothing. It gives
// - the answer's sentiment from a published word list in the answer's language: English with
//   `sentiment` (AFINN-165, with its negation of the next word), Russian with nlp.js
//   (`@nlpjs/lang-ru`'s stemmed lexicon of 6,434 stems, no negation list). The sign of the summed
//   word scores decides, as both libraries do. A language with no list gets sentiment null and
//   says so; none is made up here;
// - per rubric criterion, the criterion's keywords found in the text, as evidence quotes: the
//   words of its name and description less stop words and words under three letters, compared
//   by stem (the language's Snowball stemmer from nlp.js), quoted as the text spells them; in a
//   language without these tools, whole words of four letters or more.
// Criterion scores stay null: keyword hits say where to look, not how good the answer is, and
// the overall score (overall-score.ts) leaves such answers out.
import "server-only";
import { containerBootstrap } from "@nlpjs/core";
import { StemmerEn, StopwordsEn } from "@nlpjs/lang-en-min";
import { LangRu, StemmerRu, StopwordsRu } from "@nlpjs/lang-ru";
import { SentimentAnalyzer } from "@nlpjs/sentiment";
import Sentiment from "sentiment";
import type { AnswerAnalysisView, Sentiment as SentimentValue } from "@/lib/schemas/analysis";
import { words } from "./words";

/** Stored as the result's prompt version: bump it when the method or a library's list changes. */
export const NO_MODEL_VERSION = "no-model-v1";

export const NO_LEXICON_REASON = "no lexicon for this language";
const MAX_KEYWORD_EVIDENCE = 5;

type Language = { stem(word: string): string; isStopword(word: string): boolean; sentiment(text: string): Promise<number> };

let english: Language | undefined;
let russian: Language | undefined;

function languageTools(code: string): Language | null {
  const lang = code.trim().toLowerCase().slice(0, 2);
  if (lang === "en") {
    if (!english) {
      const stemmer = new StemmerEn();
      const stopwords = new StopwordsEn();
      const afinn = new Sentiment();
      english = {
        stem: (w) => stemmer.stem(w),
        isStopword: (w) => stopwords.isStopword(w),
        sentiment: async (text) => afinn.analyze(text).score,
      };
    }
    return english;
  }
  if (lang === "ru") {
    if (!russian) {
      const stemmer = new StemmerRu();
      const stopwords = new StopwordsRu();
      const container = containerBootstrap();
      container.use(LangRu);
      const analyzer = new SentimentAnalyzer({ container });
      russian = {
        stem: (w) => stemmer.stem(w),
        isStopword: (w) => stopwords.isStopword(w),
        sentiment: async (text) => (await analyzer.process({ locale: "ru", text })).sentiment.score,
      };
    }
    return russian;
  }
  return null;
}

function vote(score: number): SentimentValue {
  // The Russian list stores its scores as strings; a stray entry could make the sum NaN.
  if (!Number.isFinite(score) || score === 0) return "neutral";
  return score > 0 ? "positive" : "negative";
}

export type NoModelInput = {
  text: string;
  /** ISO-639-1 code of the answer's language (the interview's). */
  language: string;
  rubric: readonly { name: string; description?: string | null }[];
};

export type NoModelAnalysis = AnswerAnalysisView & { kind: "no-model" };

/** The stems a criterion is looked for by, from its name and description. */
export function criterionKeywords(criterion: { name: string; description?: string | null }, language: string): string[] {
  const tools = languageTools(language);
  const stems = new Set<string>();
  for (const w of words(`${criterion.name} ${criterion.description ?? ""}`)) {
    // Without a stop word list, short words are mostly articles and prepositions.
    if (w.key.length < (tools ? 3 : 4) || /^\p{N}+$/u.test(w.key)) continue;
    if (tools?.isStopword(w.key)) continue;
    stems.add(tools ? tools.stem(w.key) : w.key);
  }
  return [...stems];
}

export async function analyseWithoutModel(input: NoModelInput): Promise<NoModelAnalysis> {
  const base = { kind: "no-model" as const, summary: null, skills: [], model: null, promptVersion: NO_MODEL_VERSION };
  const text = input.text.trim();
  if (!text) {
    return {
      ...base,
      status: "skipped",
      reason: "The answer is empty.",
      sentiment: null,
      criteria: input.rubric.map((c) => ({ name: c.name, score: null, evidence: [] })),
    };
  }
  const tools = languageTools(input.language);
  const textWords = words(input.text).map((w) => ({ ...w, stem: tools ? tools.stem(w.key) : w.key }));
  const criteria = input.rubric.map((c) => {
    const keywords = new Set(criterionKeywords(c, input.language));
    const evidence: { quote: string }[] = [];
    const found = new Set<string>();
    for (const w of textWords) {
      if (evidence.length >= MAX_KEYWORD_EVIDENCE) break;
      if (!keywords.has(w.stem) || found.has(w.stem)) continue;
      found.add(w.stem);
      evidence.push({ quote: input.text.slice(w.start, w.end) });
    }
    return { name: c.name, score: null, evidence };
  });
  const sentiment = tools ? vote(await tools.sentiment(text)) : null;
  const method = "Analysed without an AI model: sentiment from a word list, the rubric's keywords found in the text; not scored.";
  return {
    ...base,
    status: "completed",
    reason: sentiment === null ? `${method} Sentiment: ${NO_LEXICON_REASON}.` : method,
    sentiment,
    criteria,
  };
}

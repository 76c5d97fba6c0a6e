// nlp.js ships no types; these cover only what lib/server/analysis/no-model.ts uses.
declare module "@nlpjs/core" {
  export type Container = { use(plugin: unknown): void };
  export function containerBootstrap(): Container;
}

declare module "@nlpjs/sentiment" {
  import type { Container } from "@nlpjs/core";
  export type SentimentResult = { score: number; numWords: number; numHits: number; average: number; vote: "positive" | "neutral" | "negative"; type?: string; locale: string };
  export class SentimentAnalyzer {
    constructor(settings: { container: Container });
    process(input: { locale: string; text: string }): Promise<{ sentiment: SentimentResult }>;
  }
}

declare module "@nlpjs/lang-ru" {
  export const LangRu: unknown;
  export class StemmerRu {
    stem(word: string): string;
  }
  export class StopwordsRu {
    isStopword(word: string): boolean;
  }
}

declare module "@nlpjs/lang-en-min" {
  export class StemmerEn {
    stem(word: string): string;
  }
  export class StopwordsEn {
    isStopword(word: string): boolean;
  }
}

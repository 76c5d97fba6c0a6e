// One truth for interview input: the dashboard's forms, the server actions, the REST API and
// the seed validate with these. Limits follow prisma/schema.prisma's Interview and Question;
// later issues (settings, rubric, expiry) extend them.
import { z } from "zod";
import { text } from "./text";

export const LANGUAGES = ["en", "ru"] as const;
export const QUESTION_TYPES = ["video", "text"] as const;

export const questionInputSchema = z.object({
  // Prompts and descriptions may span several lines; titles may not.
  prompt: text({ error: "Write the question.", multiline: true, trim: true })
    .min(1, "Write the question.")
    .max(2000, "Keep the question under 2,000 characters."),
  type: z.enum(QUESTION_TYPES, { error: "Choose video or text." }).default("video"),
  thinkSeconds: z
    .number({ error: "Enter the thinking time in seconds." })
    .int("Use whole seconds.")
    .min(0, "Thinking time cannot be negative.")
    .max(600, "Allow at most 10 minutes to think.")
    .default(30),
  maxSeconds: z
    .number({ error: "Enter the answer time in seconds." })
    .int("Use whole seconds.")
    .min(10, "Allow at least 10 seconds to answer.")
    .max(1800, "Allow at most 30 minutes per answer.")
    .default(120),
  retakes: z
    .number({ error: "Enter the number of retakes." })
    .int("Use a whole number.")
    .min(0, "Retakes cannot be negative.")
    .max(10, "Allow at most 10 retakes.")
    .default(1),
});
export type QuestionInput = z.input<typeof questionInputSchema>;

export const createInterviewSchema = z.object({
  title: text({ error: "Give the interview a title.", trim: true })
    .min(1, "Give the interview a title.")
    .max(200, "Keep the title under 200 characters."),
  description: text({ multiline: true, trim: true })
    .max(5000, "Keep the description under 5,000 characters.")
    .nullish()
    .transform((v) => v || null),
  language: z.enum(LANGUAGES, { error: "Choose English or Russian." }).default("en"),
  questions: z
    .array(questionInputSchema, { error: "Add at least one question." })
    .min(1, "Add at least one question.")
    .max(50, "An interview can have at most 50 questions."),
});
export type CreateInterviewInput = z.input<typeof createInterviewSchema>;

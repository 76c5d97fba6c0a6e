// An API key's input: the settings form, the server action and the use case validate with this.
import { z } from "zod";
import { text } from "./text";

export const API_KEY_NAME_MAX = 100;

export const createApiKeySchema = z.object({
  name: text({ error: "Name the key, e.g. after the tool that will use it.", trim: true })
    .min(1, "Name the key, e.g. after the tool that will use it.")
    .max(API_KEY_NAME_MAX, `Keep the name under ${API_KEY_NAME_MAX} characters.`),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/**
 * @module config/env-file
 * `.env` support as in OTAI: values from the environment win over values from `.env`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/** Reads `.env` from each directory (first wins) and overlays the real environment on top. */
export function loadEnv(
  dirs: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = {};
  for (const dir of [...new Set(dirs)].reverse()) {
    let text: string;
    try {
      text = readFileSync(join(dir, ".env"), "utf8");
    } catch {
      continue;
    }
    Object.assign(merged, parseEnv(text));
  }
  return { ...merged, ...environment };
}

/**
 * @module model/files
 * Saving and loading model files: atomic writes, and clear errors naming the file.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { OtaiError } from "@otai/core";
import { deserializeModel, serializeModel } from "./serialize.ts";
import type { LocalModel } from "./types.ts";

/**
 * Writes the model to a temporary file beside `path`, then renames it over `path`, so a reader never
 * sees half a file.
 *
 * @example
 * await saveModel(model, "models/tickets.otai");
 */
export async function saveModel(model: LocalModel, path: string): Promise<void> {
  const bytes = serializeModel(model);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * @example
 * const model = await loadModel("models/tickets.otai");
 */
export async function loadModel(path: string): Promise<LocalModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new OtaiError("OTAI_MODEL_INVALID", `model file ${path} cannot be read: ${(error as Error).message}`, {
      cause: error,
      details: { path },
    });
  }
  return deserializeModel(bytes, path);
}

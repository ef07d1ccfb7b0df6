/**
 * @module model/files
 * Saving and loading model files: atomic writes, and clear errors naming the file.
 */
import { readFile } from "node:fs/promises";
import { OtaiError, writeOutputFile } from "@otai/core";
import { deserializeModel, serializeModel } from "./serialize.ts";
import type { LocalModel } from "./types.ts";

/**
 * Writes the model atomically (a reader never sees half a file); a path that cannot be written is
 * `OTAI_OUTPUT_WRITE`.
 *
 * @example
 * await saveModel(model, "models/tickets.otai");
 */
export async function saveModel(model: LocalModel, path: string): Promise<void> {
  await writeOutputFile(path, serializeModel(model), "the model");
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

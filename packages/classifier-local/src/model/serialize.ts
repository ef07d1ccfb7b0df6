/**
 * @module model/serialize
 * The model file (format version 1):
 *
 * | bytes | content |
 * |---|---|
 * | 8 | magic `OTAILOCM` |
 * | 4 | header length H, uint32 little-endian |
 * | H | header: UTF-8 JSON `{ meta, layout, payload: { encoding: "deflate", bytes, sha256 } }` |
 * | rest | deflate of the payload |
 *
 * The payload, little-endian, F features and O outputs: n-gram hashes (int32 × F), idf (float32 × F),
 * row scales (float32 × F), biases (float32 × O), weights (int8 × F·O, feature-major).
 */
import { createHash } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { OtaiError } from "@otai/core";
import { Featurizer } from "../features/featurizer.ts";
import { featureConfig } from "./feature-config.ts";
import type { CompiledModel, HeadLayout, LanguageLayout, ModelParts, TagLayout } from "./local-model.ts";
import { createLocalModel } from "./local-model.ts";
import type { LocalModel, ModelMeta } from "./types.ts";

export const FORMAT_VERSION = 1;
const MAGIC = "OTAILOCM";

interface Layout {
  features: number;
  outputs: number;
  heads: HeadLayout[];
  tags: TagLayout | null;
  language: LanguageLayout | null;
}

interface Header {
  meta: ModelMeta;
  layout: Layout;
  payload: { encoding: "deflate"; bytes: number; sha256: string };
}

type PayloadParts = Pick<ModelParts, "featurizer" | "quantised" | "bias">;

function payloadBytes(parts: PayloadParts): Buffer {
  const { featurizer, quantised, bias } = parts;
  const view = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([
    view(featurizer.hashes),
    view(featurizer.idf),
    view(quantised.scales),
    view(bias),
    view(quantised.values),
  ]);
}

/** The SHA-256 (hex) of the uncompressed payload: part of the model id, and checked on load. */
export function payloadDigest(parts: PayloadParts): string {
  return createHash("sha256").update(payloadBytes(parts)).digest("hex");
}

function partsOf(model: LocalModel): ModelParts {
  const parts = (model as Partial<CompiledModel>).parts;
  if (!parts) throw new OtaiError("OTAI_MODEL_INVALID", "not a model made by trainModel or loadModel");
  return parts;
}

/**
 * @example
 * const bytes = serializeModel(model);
 * const same = deserializeModel(bytes);
 */
export function serializeModel(model: LocalModel): Uint8Array {
  const parts = partsOf(model);
  const raw = payloadBytes(parts);
  const compressed = deflateSync(raw, { level: 6 });
  const header: Header = {
    meta: parts.meta,
    layout: {
      features: parts.featurizer.size,
      outputs: parts.outputs,
      heads: parts.heads,
      tags: parts.tags ?? null,
      language: parts.language ?? null,
    },
    payload: { encoding: "deflate", bytes: raw.length, sha256: createHash("sha256").update(raw).digest("hex") },
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return new Uint8Array(Buffer.concat([Buffer.from(MAGIC, "latin1"), length, json, compressed]));
}

function invalid(source: string, why: string, cause?: unknown): OtaiError {
  return new OtaiError("OTAI_MODEL_INVALID", `model file ${source} ${why}`, {
    details: { path: source },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Reads a model file's bytes; `source` names it in errors.
 *
 * @example
 * const model = deserializeModel(readFileSync("model.otai"), "model.otai");
 */
export function deserializeModel(bytes: Uint8Array, source = "(bytes)"): LocalModel {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 12 || buffer.toString("latin1", 0, 8) !== MAGIC) {
    throw invalid(source, "is not an otai-local model (bad magic bytes)");
  }
  const headerLength = buffer.readUInt32LE(8);
  if (12 + headerLength > buffer.length) throw invalid(source, "is truncated (header)");
  let header: Header;
  try {
    header = JSON.parse(buffer.toString("utf8", 12, 12 + headerLength)) as Header;
  } catch (error) {
    throw invalid(source, "has a corrupt header", error);
  }
  const meta = header?.meta;
  if (meta?.format !== "otai-local-model") throw invalid(source, "is not an otai-local model");
  if (meta.formatVersion !== FORMAT_VERSION) {
    throw invalid(source, `has format version ${String(meta.formatVersion)}; this version reads ${FORMAT_VERSION}`);
  }
  let raw: Buffer;
  try {
    raw = inflateSync(buffer.subarray(12 + headerLength));
  } catch (error) {
    throw invalid(source, "has a corrupt payload", error);
  }
  const { features: F, outputs: O } = header.layout;
  if (raw.length !== header.payload.bytes || raw.length !== F * 12 + O * 4 + F * O) {
    throw invalid(source, "has a payload of the wrong size");
  }
  if (createHash("sha256").update(raw).digest("hex") !== header.payload.sha256) {
    throw invalid(source, "is corrupt (checksum mismatch)");
  }
  // Copy into fresh, aligned arrays (the buffer may sit at any offset).
  const copy = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  const hashes = new Int32Array(copy, 0, F);
  const idf = new Float32Array(copy, F * 4, F);
  const scales = new Float32Array(copy, F * 8, F);
  const bias = new Float32Array(copy, F * 12, O);
  const values = new Int8Array(copy, F * 12 + O * 4, F * O);
  const featurizer = new Featurizer(featureConfig(meta.hyper), hashes, idf);
  const quantised = { scales, values };
  return createLocalModel({
    meta,
    featurizer,
    outputs: O,
    quantised,
    bias,
    heads: header.layout.heads,
    tags: header.layout.tags ?? undefined,
    language: header.layout.language ?? undefined,
  });
}

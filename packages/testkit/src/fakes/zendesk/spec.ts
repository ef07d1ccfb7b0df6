/**
 * @module fakes/zendesk/spec
 * Where Zendesk's published OpenAPI file lives: `../shared/specs/zendesk/oas.yaml` beside the
 * project, as on every development machine and CI run (`OTAI_ZENDESK_OAS` overrides it). The file
 * is a test reference only and is never shipped.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadOpenApi } from "../../openapi/load.ts";
import type { OpenApiDocument } from "../../openapi/types.ts";

/** The default location, from this file up to the folder that holds the project and `shared/`. */
export const ZENDESK_OAS_PATH =
  process.env.OTAI_ZENDESK_OAS ??
  fileURLToPath(new URL("../../../../../../shared/specs/zendesk/oas.yaml", import.meta.url));

/**
 * Loads (once per process) Zendesk's OpenAPI document.
 *
 * @example
 * const zendesk = await startFakeZendesk({ openApi: loadZendeskOpenApi() });
 */
export function loadZendeskOpenApi(path: string = ZENDESK_OAS_PATH): OpenApiDocument {
  if (!existsSync(path)) {
    throw new Error(`Zendesk's OpenAPI file is not at ${path}; put shared/ beside the project or set OTAI_ZENDESK_OAS`);
  }
  return loadOpenApi(path);
}

/**
 * @module logging/secrets
 * Secret values known at run time (tokens, passwords from params and `get_env`). Every log line is
 * scrubbed of them, wherever in the line they appear, on top of pino's key-based redaction.
 */

/** Param and env names whose values are secrets. */
export const SECRET_NAME = /(pass(word)?|secret|token|api[_-]?key|authorization|credential|private[_-]?key)/i;

export interface SecretRegistry {
  add(value: unknown): void;
  scrub(text: string): string;
  /** Adds the values of secret-named keys anywhere in `params`. */
  addFromParams(params: unknown): void;
}

const AUTH_HEADER = /\b(Basic|Bearer|Token token=)\s*[A-Za-z0-9._~+/=-]{6,}/g;

/**
 * @example
 * const secrets = createSecretRegistry();
 * secrets.add("s3cr3t-token");
 * secrets.scrub("token is s3cr3t-token"); // "token is [REDACTED]"
 */
export function createSecretRegistry(): SecretRegistry {
  const values = new Set<string>();
  let pattern: RegExp | undefined;
  const registry: SecretRegistry = {
    add(value) {
      // Very short values would redact ordinary words; they are not credentials anyway.
      if (typeof value !== "string" || value.length < 4 || values.has(value)) return;
      values.add(value);
      const escaped = [...values]
        .sort((a, b) => b.length - a.length)
        .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      pattern = new RegExp(escaped.join("|"), "g");
    },
    scrub(text) {
      const out = pattern ? text.replace(pattern, "[REDACTED]") : text;
      return out.replace(AUTH_HEADER, "$1 [REDACTED]");
    },
    addFromParams(params) {
      const walk = (node: unknown, key: string) => {
        if (typeof node === "string" && SECRET_NAME.test(key)) registry.add(node);
        else if (Array.isArray(node)) for (const item of node) walk(item, key);
        else if (typeof node === "object" && node !== null) for (const [k, v] of Object.entries(node)) walk(v, k);
      };
      walk(params, "");
    },
  };
  return registry;
}

/**
 * @module directory
 * The account's groups and ticket fields, cached: every write checks against them and every read
 * names groups, so fetching them per ticket would double the requests. The cache is refreshed after
 * `ttlMs`, and at once when a ticket mentions a group it does not know.
 */
import type { ZendeskApi } from "./client.ts";
import type { ZendeskDirectory } from "./mapping.ts";

export interface DirectoryCache {
  get(options?: { needGroup?: number | null; needGroupName?: string }): Promise<ZendeskDirectory>;
}

export function createDirectoryCache(api: ZendeskApi, ttlMs = 300_000, now: () => number = Date.now): DirectoryCache {
  let cached: { at: number; directory: ZendeskDirectory } | undefined;
  let loading: Promise<ZendeskDirectory> | undefined;
  const load = () => {
    loading ??= Promise.all([api.groups(), api.ticketFields()])
      .then(([groups, fields]) => {
        const directory: ZendeskDirectory = { groups, fields };
        cached = { at: now(), directory };
        return directory;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  return {
    async get(options = {}) {
      if (!cached || now() - cached.at > ttlMs) return load();
      const { groups } = cached.directory;
      const missingId = options.needGroup != null && !groups.some((g) => g.id === options.needGroup);
      const missingName =
        options.needGroupName !== undefined &&
        !groups.some((g) => g.name.toLowerCase() === options.needGroupName?.toLowerCase());
      // A group created since the last load: look once more before calling it unknown.
      if ((missingId || missingName) && now() - cached.at > 1000) return load();
      return cached.directory;
    },
  };
}

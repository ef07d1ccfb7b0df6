/**
 * @module plugins/discover
 * Finds installed plugin packages: any package in `node_modules` whose `package.json` has an `otai`
 * field (`{ "plugin": "./src/plugin.ts", "apiVersion": "^1.0.0" }`). This is the counterpart of Python's
 * `otai.plugins` entry-point group.
 */
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export interface PluginCandidate {
  packageName: string;
  version: string;
  /** Absolute path of the plugin module. */
  entry: string;
  /** The API range the package declares, read before any of its code runs. */
  apiVersion: string | undefined;
  dir: string;
}

function readManifest(dir: string): PluginCandidate | undefined {
  let manifest: { name?: string; version?: string; otai?: { plugin?: string; apiVersion?: string } };
  try {
    manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (!manifest.otai?.plugin || !manifest.name) return undefined;
  return {
    packageName: manifest.name,
    version: manifest.version ?? "0.0.0",
    entry: resolve(dir, manifest.otai.plugin),
    apiVersion: manifest.otai.apiVersion,
    dir,
  };
}

function packageDirs(nodeModules: string): string[] {
  let names: string[];
  try {
    names = readdirSync(nodeModules);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name.startsWith(".")) return [];
    const full = join(nodeModules, name);
    if (!name.startsWith("@")) return [full];
    try {
      return readdirSync(full).map((sub) => join(full, sub));
    } catch {
      return [];
    }
  });
}

/** The `node_modules` folders from `start` up to the filesystem root. */
export function nodeModulesChain(start: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (;;) {
    out.push(join(dir, "node_modules"));
    const parent = dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}

/**
 * Lists plugin packages visible from the given directories, nearest first, each package once.
 *
 * @example
 * discoverPlugins([process.cwd()]).map((c) => c.packageName); // ["otai-zendesk", ...]
 */
export function discoverPlugins(fromDirs: readonly string[]): PluginCandidate[] {
  const seen = new Set<string>();
  const out: PluginCandidate[] = [];
  for (const start of fromDirs) {
    for (const nodeModules of nodeModulesChain(start)) {
      for (const dir of packageDirs(nodeModules)) {
        const candidate = readManifest(dir);
        if (!candidate || seen.has(candidate.packageName)) continue;
        seen.add(candidate.packageName);
        let real = dir;
        try {
          real = realpathSync(dir);
        } catch {}
        out.push({ ...candidate, dir: real, entry: resolve(real, candidate.entry.slice(dir.length + 1)) });
      }
    }
  }
  return out;
}

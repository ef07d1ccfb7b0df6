import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadOpenApi } from "./load.ts";

describe("loadOpenApi", () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "otai-openapi-"));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it("parses YAML once and hands out the same object on later calls", async () => {
    const path = join(directory, "spec.yaml");
    await writeFile(
      path,
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get: { operationId: GetA }\n",
    );
    const first = loadOpenApi(path);
    await writeFile(path, "openapi: 3.0.3\npaths: {}\n");
    const second = loadOpenApi(path);
    assert.equal(second, first);
    assert.deepEqual(Object.keys(second.paths), ["/a"]);
  });

  it("refuses a file that is not an OpenAPI 3 document", async () => {
    const path = join(directory, "swagger.yaml");
    await writeFile(path, "swagger: '2.0'\npaths: {}\n");
    assert.throws(() => loadOpenApi(path), /is not an OpenAPI 3.x document/);
  });
});

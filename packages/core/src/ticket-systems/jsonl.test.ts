import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pino from "pino";
import { type TicketSearchCriteriaInput, TicketSearchCriteriaSchema } from "../contracts/ticket.ts";
import { isOtaiError } from "../errors.ts";
import { createSecretRegistry } from "../logging/secrets.ts";
import { createJsonlTicketSystem } from "./jsonl.ts";
import { JsonlTicketSystemService } from "./services.ts";

const criteria = (input: TicketSearchCriteriaInput) => TicketSearchCriteriaSchema.parse(input);
const code = (expected: string, message?: RegExp) => (error: unknown) =>
  isOtaiError(error) && error.code === expected && (message === undefined || message.test(error.message));

// Odd spacing, a numeric id and fields the schema does not know: all must survive a rewrite.
const LINES = [
  '{"id": 1, "subject": "Login fails", "x_source": "mail", "tags": ["login"], "queue": {"name": "Support"}}',
  '{"queue":{"name":"Billing","x_team":7},"id":"2","subject":"Rechnung","status":"open","x_score":0.25}',
  '{ "id": "3", "subject": "VPN", "queue": { "name": "IT" }, "status": "new" }',
];

let root = "";
let counter = 0;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "otai-jsonl-test-"));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fileWith(content: string): Promise<string> {
  const directory = join(root, `case-${++counter}`);
  const path = join(directory, "tickets.jsonl");
  await mkdir(directory);
  await writeFile(path, content);
  return path;
}

describe("createJsonlTicketSystem: rewriting the file", () => {
  it("keeps unchanged lines byte for byte and the changed line's key order and unknown fields", async () => {
    const path = await fileWith(`${LINES.join("\n")}\n`);
    const system = createJsonlTicketSystem({ path });
    assert.equal(await system.update("1", { subject: "Login still fails", add_tags: ["urgent"] }), true);
    const lines = (await readFile(path, "utf8")).split("\n");
    assert.equal(lines.length, 4, "the trailing newline stays");
    assert.equal(lines[1], LINES[1]);
    assert.equal(lines[2], LINES[2]);
    assert.equal(lines[3], "");
    const changed = JSON.parse(lines[0] ?? "");
    assert.deepEqual(Object.keys(changed), ["id", "subject", "x_source", "tags", "queue", "updated_at"]);
    assert.equal(changed.id, 1, "the id keeps its JSON type");
    assert.equal(changed.x_source, "mail");
    assert.deepEqual(changed.tags, ["login", "urgent"]);
    const ticket = await system.get("1");
    assert.equal(ticket?.x_source, "mail");
    assert.equal(ticket?.subject, "Login still fails");
  });

  it("replaces the file by rename and leaves no temp files behind", async () => {
    const path = await fileWith(`${LINES.join("\n")}\n`);
    // Holding the old file open keeps its inode from being reused, and shows it was never written to.
    const original = await open(path, "r");
    try {
      const system = createJsonlTicketSystem({ path });
      await system.update("2", { status: "pending" });
      await system.addNote("3", { body: "checked" });
      assert.notEqual((await stat(path)).ino, (await original.stat()).ino, "a new file was renamed into place");
      assert.equal(await original.readFile("utf8"), `${LINES.join("\n")}\n`);
      assert.deepEqual(await readdir(join(path, "..")), ["tickets.jsonl"]);
    } finally {
      await original.close();
    }
  });

  it("keeps the file's permissions", async () => {
    const path = await fileWith(`${LINES.join("\n")}\n`);
    await chmod(path, 0o640);
    await createJsonlTicketSystem({ path }).update("2", { status: "pending" });
    assert.equal((await stat(path)).mode & 0o777, 0o640);
  });

  it("ignores blank lines but keeps them, and keeps CRLF line ends and a BOM", async () => {
    const path = await fileWith(`\uFEFF${LINES[0]}\r\n\r\n${LINES[1]}\r\n   \r\n`);
    const system = createJsonlTicketSystem({ path });
    assert.deepEqual(
      (await system.all()).map((t) => t.id),
      ["1", "2"],
    );
    await system.update("1", { status: "open" });
    await system.update("2", { status: "closed" });
    const text = await readFile(path, "utf8");
    assert.ok(text.startsWith("\uFEFF{"));
    assert.equal(text.split("\r\n").length, 5);
    assert.match(text, /\r\n\r\n.*"status":"closed".*\r\n {3}\r\n$/s);
  });

  it("lands every one of many concurrent updates", async () => {
    const path = await fileWith(`${LINES.join("\n")}\n`);
    const system = createJsonlTicketSystem({ path });
    const writes = Array.from({ length: 30 }, (_, index) =>
      index % 2 === 0
        ? system.update(String((index % 3) + 1), { add_tags: [`t${index}`] })
        : system.addNote(String((index % 3) + 1), { body: `note ${index}` }),
    );
    assert.deepEqual(await Promise.all(writes), Array(30).fill(true));
    const reread = await createJsonlTicketSystem({ path }).all();
    const tags = reread.flatMap((t) => t.tags).filter((tag) => /^t\d+$/.test(tag));
    const notes = reread.flatMap((t) => t.notes);
    assert.equal(tags.length, 15);
    assert.equal(notes.length, 15);
  });

  it("close() waits for pending writes", async () => {
    const path = await fileWith(`${LINES.join("\n")}\n`);
    const system = createJsonlTicketSystem({ path });
    const pending = system.update("3", { subject: "closing" });
    await system.close();
    assert.match(await readFile(path, "utf8"), /"subject":"closing"/);
    assert.equal(await pending, true);
  });
});

describe("createJsonlTicketSystem: reading the file", () => {
  it("names the file and line of a line that is not JSON", async () => {
    const path = await fileWith(`${LINES[0]}\n\n{"id": "2", oops}\n`);
    const error = await createJsonlTicketSystem({ path })
      .get("1")
      .then(
        () => assert.fail("expected an error"),
        (caught: unknown) => caught,
      );
    assert.ok(isOtaiError(error, "OTAI_TICKET_INVALID"));
    assert.ok(error.message.startsWith(`${path}:3: not valid JSON`), error.message);
    assert.equal(error.details.line, 3);
  });

  it("names the line of a ticket that does not fit the schema or is not an object", async () => {
    const noId = await fileWith(`${LINES[0]}\n{"subject": "no id"}\n`);
    await assert.rejects(
      createJsonlTicketSystem({ path: noId }).all(),
      code("OTAI_TICKET_INVALID", /tickets\.jsonl:2: id/),
    );
    const array = await fileWith("[1, 2]\n");
    await assert.rejects(
      createJsonlTicketSystem({ path: array }).all(),
      code("OTAI_TICKET_INVALID", /tickets\.jsonl:1: a ticket must be a JSON object/),
    );
  });

  it("rejects two lines with the same id, naming both", async () => {
    const path = await fileWith(`${LINES[0]}\n{"id": "1"}\n`);
    await assert.rejects(
      createJsonlTicketSystem({ path }).all(),
      code("OTAI_TICKET_INVALID", /tickets\.jsonl:2: ticket id 1 is already used at .*tickets\.jsonl:1/),
    );
  });

  it("sees an external edit, and a later update keeps it", async () => {
    const path = await fileWith(`${LINES.join("\n")}\n`);
    const system = createJsonlTicketSystem({ path });
    assert.equal((await system.get("3"))?.subject, "VPN");
    await writeFile(path, `${LINES.join("\n")}\n{"id": "4", "subject": "Added by hand"}\n`);
    assert.equal((await system.get("4"))?.subject, "Added by hand");
    await system.update("3", { status: "open" });
    const reread = await createJsonlTicketSystem({ path }).all();
    assert.deepEqual(
      reread.map((t) => [t.id, t.status]),
      [
        ["1", undefined],
        ["2", "open"],
        ["3", "open"],
        ["4", undefined],
      ],
    );
  });

  it("reports a missing file as OTAI_HELPDESK_UNAVAILABLE naming the path", async () => {
    const path = join(root, "missing", "tickets.jsonl");
    await assert.rejects(
      createJsonlTicketSystem({ path }).find(criteria({})),
      (error: unknown) => isOtaiError(error, "OTAI_HELPDESK_UNAVAILABLE") && error.message.includes(path),
    );
  });

  it("treats a missing file as empty and creates it with create_if_missing", async () => {
    const path = join(root, "created", "nested", "tickets.jsonl");
    const system = createJsonlTicketSystem({ path, create_if_missing: true });
    assert.deepEqual((await system.find(criteria({}))).tickets, []);
    assert.equal(await system.update("1", { subject: "x" }), false);
    assert.equal(await readFile(path, "utf8"), "");
  });
});

describe("JsonlTicketSystemService", () => {
  it("resolves a relative path against the config's directory", async () => {
    const path = await fileWith(`${LINES.join("\n")}\n`);
    const params = JsonlTicketSystemService.params.parse({ path: "tickets.jsonl", statuses: ["new", "open"] });
    const context = {
      id: "desk",
      logger: pino({ enabled: false }),
      services: {},
      baseDir: join(path, ".."),
      secrets: createSecretRegistry(),
    };
    const system = await JsonlTicketSystemService.create(params, context);
    assert.equal((await system.get("2"))?.subject, "Rechnung");
    await assert.rejects(system.update("2", { status: "closed" }), code("OTAI_HELPDESK_INVALID", /"closed"/));
  });

  it("rejects params it does not know", () => {
    assert.equal(JsonlTicketSystemService.params.safeParse({ path: "t.jsonl", file: "x" }).success, false);
    assert.equal(JsonlTicketSystemService.params.safeParse({ path: "" }).success, false);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatPosition, parseYamlWithSource, positionOf, positionOfKey, positionOfNode } from "./source.ts";

const TEXT = `open_ticket_ai:
  services:
    otobo_znuny:
      use: 'otobo-znuny:OTOBOZnunyTicketSystemService'
      params:
        base_url: 'http://host/znuny'
  orchestrator:
    params:
      steps:
        - id: fetch
          injects: { ticket_system: 'otobo_znuny' }
        - id: ticket
          params:
            list: [a, { b: 1 }]
            empty:
note: |
  multi
  line
`;

const parse = () => {
  const parsed = parseYamlWithSource(TEXT, "config.yml");
  assert.deepEqual(parsed.errors, []);
  return parsed.value;
};
const at = (line: number, col: number) => ({ file: "config.yml", line, col });

describe("parseYamlWithSource: values", () => {
  it("builds plain objects, arrays and scalars", () => {
    const value = parse() as {
      open_ticket_ai: { services: { otobo_znuny: { use: unknown } } };
      note: unknown;
    };
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal(value.open_ticket_ai.services.otobo_znuny.use, "otobo-znuny:OTOBOZnunyTicketSystemService");
    assert.equal(value.note, "multi\nline\n");
  });

  it("keeps a key named __proto__ as data instead of changing the prototype", () => {
    const { value, errors } = parseYamlWithSource("a:\n  __proto__: { polluted: true }\n", "x.yml");
    assert.deepEqual(errors, []);
    const a = (value as { a: Record<string, unknown> }).a;
    assert.equal(Object.getPrototypeOf(a), Object.prototype);
    assert.deepEqual(Object.keys(a), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("resolves aliases and stops on an alias cycle", () => {
    const { value, errors } = parseYamlWithSource("d: &x { e: 2 }\nf: *x\ncycle: &c [*c]\n", "x.yml");
    assert.deepEqual(errors, []);
    const v = value as { d: unknown; f: unknown; cycle: unknown };
    assert.deepEqual(v.f, { e: 2 });
    assert.deepEqual(v.cycle, [[null]]);
  });

  it("an empty file is null without errors", () => {
    assert.deepEqual(parseYamlWithSource("", "x.yml"), { value: null, errors: [] });
  });

  it("resolves YAML merge keys (<<: *anchor) as PyYAML, and so the Python OTAI, does", () => {
    const { value } = parseYamlWithSource("base: &b { x: 1 }\nm:\n  <<: *b\n  y: 2\n", "x.yml");
    assert.deepEqual((value as { m: unknown }).m, { x: 1, y: 2 });
  });
});

describe("positionOf", () => {
  it("points at nested values, 1-based", () => {
    const value = parse();
    assert.deepEqual(positionOf(value, ["open_ticket_ai", "services", "otobo_znuny", "use"]), at(4, 12));
    assert.deepEqual(positionOf(value, ["open_ticket_ai", "services", "otobo_znuny", "params", "base_url"]), at(6, 19));
  });

  it("points at the key with { key: true }", () => {
    const value = parse();
    assert.deepEqual(positionOf(value, ["open_ticket_ai", "services", "otobo_znuny"], { key: true }), at(3, 5));
    assert.deepEqual(positionOf(value, ["open_ticket_ai", "orchestrator"], { key: true }), at(7, 3));
    assert.deepEqual(positionOf(value, ["note"], { key: true }), at(16, 1));
  });

  it("points at list items and values inside flow collections", () => {
    const value = parse();
    const steps = ["open_ticket_ai", "orchestrator", "params", "steps"];
    assert.deepEqual(positionOf(value, [...steps, 0]), at(10, 11));
    assert.deepEqual(positionOf(value, [...steps, 1]), at(12, 11));
    assert.deepEqual(positionOf(value, [...steps, 0, "injects", "ticket_system"]), at(11, 37));
    assert.deepEqual(positionOf(value, [...steps, 0, "injects", "ticket_system"], { key: true }), at(11, 22));
    assert.deepEqual(positionOf(value, [...steps, 1, "params", "list", 0]), at(14, 20));
    assert.deepEqual(positionOf(value, [...steps, 1, "params", "list", 1, "b"]), at(14, 28));
  });

  it("an empty value is placed on its own line", () => {
    const value = parse();
    const position = positionOf(value, ["open_ticket_ai", "orchestrator", "params", "steps", 1, "params", "empty"]);
    assert.equal(position?.line, 15);
  });

  it("falls back to the nearest ancestor that exists", () => {
    const value = parse();
    assert.deepEqual(
      positionOf(value, ["open_ticket_ai", "services", "otobo_znuny", "nope", "deeper"]),
      positionOf(value, ["open_ticket_ai", "services", "otobo_znuny"]),
    );
    assert.deepEqual(positionOf(value, []), at(1, 1));
  });

  it("has no position for objects that did not come from YAML", () => {
    assert.equal(positionOf({ a: 1 }, ["a"]), undefined);
    assert.equal(positionOfNode({}), undefined);
    assert.equal(positionOfKey(null, "a"), undefined);
  });

  it("positionOfNode and positionOfKey work on sub-objects passed around on their own", () => {
    const value = parse() as { open_ticket_ai: { orchestrator: { params: { steps: unknown[] } } } };
    const steps = value.open_ticket_ai.orchestrator.params.steps;
    assert.deepEqual(positionOfNode(steps), at(10, 9));
    assert.deepEqual(positionOfKey(steps, 1), at(12, 11));
    assert.deepEqual(positionOf(steps[0], ["id"]), at(10, 15));
  });

  it("formatPosition prints file:line:col, or a placeholder", () => {
    assert.equal(formatPosition(at(3, 7)), "config.yml:3:7");
    assert.equal(formatPosition(undefined), "<unknown location>");
  });
});

describe("parseYamlWithSource: errors", () => {
  it("reports a syntax error with its line and column", () => {
    const { errors } = parseYamlWithSource("a:\n  b: [1, 2\nc: 3\n", "bad.yml");
    assert.ok(errors.length >= 1);
    assert.equal(errors[0]?.position.file, "bad.yml");
    assert.equal(errors[0]?.position.line, 3);
    assert.equal(errors[0]?.position.col, 1);
    assert.match(errors[0]?.message ?? "", /Flow sequence/);
  });

  it("reports an unclosed quote (the yaml library places it where the scalar runs out, here the end)", () => {
    const { errors } = parseYamlWithSource("a: 1\nb: 'open\n", "bad.yml");
    assert.equal(errors.length, 1);
    assert.deepEqual(errors[0]?.position, { file: "bad.yml", line: 3, col: 1 });
    assert.match(errors[0]?.message ?? "", /Missing closing 'quote/);
  });

  it("reports a duplicate key at the second occurrence", () => {
    const { errors } = parseYamlWithSource("a:\n  x: 1\n  y: 2\n  x: 3\n", "dup.yml");
    assert.equal(errors.length, 1);
    assert.deepEqual(errors[0]?.position, { file: "dup.yml", line: 4, col: 3 });
    assert.match(errors[0]?.message ?? "", /unique/);
  });

  it("reports tab indentation and multiple documents", () => {
    assert.match(parseYamlWithSource("a:\n\tb: 1\n", "t.yml").errors[0]?.message ?? "", /Tabs/);
    const multi = parseYamlWithSource("a: 1\n---\nb: 2\n", "m.yml").errors;
    assert.equal(multi[0]?.position.line, 2);
    assert.match(multi[0]?.message ?? "", /multiple documents/);
  });

  it("keeps only the first line of a message", () => {
    const { errors } = parseYamlWithSource("a: [1, 2\n", "bad.yml");
    for (const error of errors) assert.ok(!error.message.includes("\n"));
  });
});

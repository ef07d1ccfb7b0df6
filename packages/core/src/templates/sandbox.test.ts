import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYamlWithSource } from "../config/source.ts";
import type { PipeContext } from "../contracts/pipe-context.ts";
import { emptyContext, withParent, withPipeResult } from "../contracts/pipe-context.ts";
import { success } from "../contracts/pipe-result.ts";
import { UnifiedTicketSchema } from "../contracts/ticket.ts";
import { isOtaiError } from "../errors.ts";
import { createTemplateRenderer } from "./renderer.ts";

const SECRET = "s3cr3t-value-9f2c";

const isTemplateError = (error: unknown) => isOtaiError(error) && error.code === "OTAI_TEMPLATE_ERROR";

/** True if `value` is made only of JSON data (no functions, symbols, class instances or host objects). */
const isJsonData = (value: unknown): boolean => {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    return (proto === Object.prototype || proto === null) && Object.values(value).every(isJsonData);
  }
  return false;
};

describe("sandbox: no way out to the host", () => {
  const envSeen: string[] = [];
  const renderer = createTemplateRenderer({ env: { SECRET }, onEnvValue: (name) => envSeen.push(name) });
  const ctx: PipeContext = withPipeResult(
    { ...emptyContext(), params: { x: { a: 1 }, s: "str", xs: [1] } },
    "a",
    success({ value: { k: 1 } }),
  );

  const attempts = [
    "{{ params.x.__class__ }}",
    "{{ params.x.constructor }}",
    "{{ params.x.__proto__ }}",
    "{{ params.x['constructor'] }}",
    "{{ params.x['__proto__'] }}",
    "{{ params.x|attr('constructor') }}",
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ params.s.constructor }}",
    "{{ params.xs.constructor }}",
    "{{ params.xs.__proto__ }}",
    "{{ params.x.constructor.constructor('return process')() }}",
    "{{ ''.constructor.constructor('return process')() }}",
    "{{ get_env.constructor }}",
    "{{ get_env.constructor('return process')() }}",
    "{{ get_env.call }}",
    "{{ get_env.apply }}",
    "{{ get_env.bind }}",
    "{{ get_env.__proto__ }}",
    "{{ get_env.toString() }}",
    "{{ get_pipe_result('a').constructor }}",
    "{{ self }}",
    "{{ range.__globals__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ config }}",
    "{{ process }}",
    "{{ process.env }}",
    "{{ globalThis }}",
    "{{ global }}",
    "{{ window }}",
    "{{ require }}",
    "{{ require('fs') }}",
    "{{ import('fs') }}",
    "{{ lipsum }}",
    "{{ request }}",
    "x {{ params.x.constructor }} y",
    "{% for k in params.x.__proto__ %}{{ k }}{% endfor %}",
  ];

  for (const source of attempts) {
    it(`refuses ${source}`, () => {
      let outcome: unknown;
      let failed = false;
      try {
        outcome = renderer.render(source, ctx);
      } catch (error) {
        assert.ok(isTemplateError(error), `expected OTAI_TEMPLATE_ERROR, got ${String(error)}`);
        failed = true;
      }
      if (!failed) {
        // Anything that renders must be plain data that reveals nothing of the host.
        assert.ok(isJsonData(outcome), `rendered a non-data value: ${String(outcome)}`);
        const text = JSON.stringify(outcome);
        assert.doesNotMatch(text, /function|\[native code\]|process|node:|Object\]/);
        assert.ok(!text.includes(SECRET));
      }
    });
  }

  it("functions exposed to templates render only as an opaque name, never as JS source", () => {
    for (const source of ["{{ get_env }}", "{{ get_env|string }}", "{{ range }}", "{{ get_pipe_result }}"]) {
      const out = renderer.render(source, ctx);
      assert.equal(typeof out, "string");
      assert.doesNotMatch(out as string, /=>|\bfunction\s*\(|\breturn\b|options\.env|\[native code\]/);
    }
  });

  it("debug() shows no environment values", () => {
    const out = renderer.render("{{ debug() }}", ctx);
    assert.equal(typeof out, "string");
    assert.ok(!(out as string).includes(SECRET));
  });

  it("no attempt called get_env", () => {
    assert.deepEqual(envSeen, []);
  });

  it("the environment is only reachable through get_env, by name", () => {
    assert.equal(renderer.render("{{ get_env('SECRET') }}", ctx), SECRET);
    assert.deepEqual(envSeen, ["SECRET"]);
  });

  it("sets and namespaces cannot change scope data seen by the next render", () => {
    renderer.render("{% set params = {'x': 'overwritten'} %}{{ params.x }}", ctx);
    assert.deepEqual(renderer.render("{{ params.x }}", ctx), { a: 1 });
  });
});

describe("sandbox: get_env and inherited names", () => {
  it("get_env of an Object.prototype name is 'not set', never a host function", () => {
    const seen: unknown[] = [];
    const renderer = createTemplateRenderer({ env: { SECRET }, onEnvValue: (_name, value) => seen.push(value) });
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      assert.throws(
        () => renderer.render(`{{ get_env('${name}') }}`, emptyContext()),
        (error: unknown) => isTemplateError(error) && /is not set/.test((error as Error).message),
        name,
      );
    }
    assert.throws(() => renderer.render("{{ get_env('constructor')('x') }}", emptyContext()), isTemplateError);
    assert.deepEqual(seen, [], "onEnvValue only ever sees real variables");
  });

  it("calling a host function reached through get_env does not break the renderer for later renders", () => {
    const renderer = createTemplateRenderer({ env: {} });
    assert.equal(renderer.render("{{ 1 }}", emptyContext()), 1);
    assert.throws(() => renderer.render("{{ get_env('hasOwnProperty')('x') }}", emptyContext()), isTemplateError);
    let after: unknown;
    assert.doesNotThrow(() => {
      after = renderer.render("{{ 1 }}", emptyContext());
    }, "the renderer is broken after the panic");
    assert.equal(after, 1);
  });
});

describe("sandbox: context data", () => {
  const renderer = createTemplateRenderer({ env: {} });

  // Plain data plus an enumerable getter `trap` that counts how often it is read.
  function withTrap(fields: Record<string, unknown>) {
    const reads = { count: 0 };
    const data: Record<string, unknown> = { ...fields };
    Object.defineProperty(data, "trap", {
      enumerable: true,
      get() {
        reads.count++;
        return "from getter";
      },
    });
    return { data, reads };
  }

  it("getters in context data are never invoked", () => {
    const { data: params, reads } = withTrap({ plain: "p" });
    const ctx: PipeContext = { ...emptyContext(), params };
    assert.throws(() => renderer.render("{{ params.trap }}", ctx), isTemplateError);
    assert.equal(renderer.render("{{ params.trap is defined }}", ctx), false);
    assert.deepEqual(renderer.render("{{ params }}", ctx), { plain: "p" });
    assert.equal(renderer.render("{{ params|length }}", ctx), 1);
    assert.equal(reads.count, 0);
  });

  it("getters in pipe results are never invoked through pipe_results", () => {
    const { data, reads } = withTrap({ value: "v" });
    const ctx = withPipeResult(emptyContext(), "p", success(data));
    assert.throws(() => renderer.render("{{ pipe_results.p.data.trap }}", ctx), isTemplateError);
    assert.deepEqual(renderer.render("{{ pipe_results.p.data }}", ctx), { value: "v" });
    assert.equal(renderer.render("{{ get_pipe_result('p') }}", ctx), "v");
    assert.equal(reads.count, 0);
  });

  it("getters in pipe results are never invoked through get_pipe_result", () => {
    const { data, reads } = withTrap({ value: "v" });
    const ctx = withPipeResult(emptyContext(), "p", success(data));
    let out: unknown;
    try {
      out = renderer.render("{{ get_pipe_result('p', 'trap') }}", ctx);
    } catch (error) {
      assert.ok(isTemplateError(error));
    }
    assert.equal(reads.count, 0, "the getter ran");
    assert.notEqual(out, "from getter");
  });

  it("getters in parent params are never invoked through parent_params", () => {
    const { data: parent, reads } = withTrap({ plain: 1 });
    const ctx = withParent(emptyContext(), parent);
    assert.throws(() => renderer.render("{{ parent_params.trap }}", ctx), isTemplateError);
    assert.deepEqual(renderer.render("{{ parent_params }}", ctx), { plain: 1 });
    assert.equal(renderer.render("{{ get_parent_param('plain') }}", ctx), 1);
    assert.equal(reads.count, 0);
  });

  it("getters in parent params are never invoked through get_parent_param", () => {
    const { data: parent, reads } = withTrap({});
    const ctx = withParent(emptyContext(), parent);
    let out: unknown;
    try {
      out = renderer.render("{{ get_parent_param('trap') }}", ctx);
    } catch (error) {
      assert.ok(isTemplateError(error));
    }
    assert.equal(reads.count, 0, "the getter ran");
    assert.notEqual(out, "from getter");
  });

  it("functions in context data are never invoked and not visible", () => {
    let ran = 0;
    const params = {
      f: () => {
        ran++;
        return "called";
      },
      nested: {
        g() {
          ran++;
          return "called";
        },
      },
    };
    const ctx: PipeContext = { ...emptyContext(), params };
    assert.throws(() => renderer.render("{{ params.f() }}", ctx), isTemplateError);
    assert.throws(() => renderer.render("{{ params.nested.g() }}", ctx), isTemplateError);
    assert.throws(() => renderer.render("{{ params.f }}", ctx), isTemplateError);
    assert.deepEqual(renderer.render("{{ params }}", ctx), { nested: {} });
    assert.equal(ran, 0);
  });

  it("class instances are not visible", () => {
    let ran = 0;
    class TicketSystem {
      token = "secret-token";
      fetch() {
        ran++;
        return [];
      }
    }
    const ctx: PipeContext = { ...emptyContext(), params: { system: new TicketSystem(), ok: 1 } };
    assert.throws(() => renderer.render("{{ params.system }}", ctx), isTemplateError);
    assert.throws(() => renderer.render("{{ params.system.token }}", ctx), isTemplateError);
    assert.throws(() => renderer.render("{{ params.system.fetch() }}", ctx), isTemplateError);
    assert.equal(renderer.render("{{ params.system is defined }}", ctx), false);
    assert.deepEqual(renderer.render("{{ params }}", ctx), { ok: 1 });
    assert.ok(!JSON.stringify(renderer.render("{{ params|tojson }}", ctx)).includes("secret-token"));
    assert.equal(ran, 0);
  });

  it("Dates and Maps in context data become plain values", () => {
    const ctx: PipeContext = {
      ...emptyContext(),
      params: { when: new Date(0), map: new Map<string, unknown>([["k", { v: 1 }]]) },
    };
    assert.equal(renderer.render("{{ params.when }}", ctx), "1970-01-01T00:00:00.000Z");
    assert.equal(renderer.render("{{ params.map.k.v }}", ctx), 1);
  });

  it("cyclic context data does not hang or crash a render", () => {
    const cyclic: Record<string, unknown> = { name: "c" };
    cyclic.self = cyclic;
    const ctx: PipeContext = { ...emptyContext(), params: { cyclic } };
    assert.equal(renderer.render("{{ params.cyclic.name }}", ctx), "c");
    assert.equal(renderer.render("{{ params.cyclic.self is defined }}", ctx), false);
  });

  it("a __proto__ key in YAML data stays plain data inside templates", () => {
    const { value } = parseYamlWithSource("__proto__:\n  polluted: true\nname: x\n", "p.yml");
    const ctx: PipeContext = { ...emptyContext(), params: value as Record<string, unknown> };
    assert.equal(renderer.render("{{ params['__proto__'].polluted }}", ctx), true);
    assert.equal(renderer.render("{{ params.name }}", ctx), "x");
    assert.equal(renderer.render("{{ params.polluted is defined }}", ctx), false);
    const out = renderer.render("{{ params }}", ctx) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(Object.hasOwn(out, "__proto__"));
    assert.equal((out as { polluted?: unknown }).polluted, undefined);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });

  it("a dict literal with a __proto__ key evaluates to an own key, not a prototype", () => {
    const out = renderer.render("{{ {'__proto__': {'polluted': true}} }}", emptyContext()) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(Object.hasOwn(out, "__proto__"));
    assert.equal((out as { polluted?: unknown }).polluted, undefined);
  });
});

describe("sandbox: fuel", () => {
  const renderer = createTemplateRenderer({ env: {} });

  it("runaway loops end with an error instead of hanging, and the renderer keeps working", () => {
    const started = Date.now();
    for (const source of [
      "{% for i in range(10000000) %}x{% endfor %}",
      "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
      "{{ range(10000000)|list|length }}",
    ]) {
      assert.throws(() => renderer.render(source, emptyContext()), isTemplateError, source);
    }
    assert.ok(Date.now() - started < 5000, "limits stopped the work quickly");
    assert.equal(renderer.render("{{ 1 + 1 }}", emptyContext()), 2);
  });
});

describe("ticket text is data, never a template", () => {
  const injection = {
    subject: "{{ get_env('SECRET') }}",
    body: "{% for x in range(99999999) %}{% for y in range(99999999) %}x{% endfor %}{% endfor %}",
    looksNumeric: "1310",
    looksList: "[1, 2]",
  };
  const ticket = UnifiedTicketSchema.parse({ id: "42", subject: injection.subject, body: injection.body });

  const make = () => {
    const envSeen: string[] = [];
    const renderer = createTemplateRenderer({ env: { SECRET }, onEnvValue: (name) => envSeen.push(name) });
    const ctx = withPipeResult(
      { ...emptyContext(), ticket },
      "t",
      success({ value: { ...injection }, fetched_tickets: [ticket] }),
    );
    return { renderer, ctx, envSeen };
  };

  it("a ticket subject is returned verbatim through a single expression", () => {
    const { renderer, ctx, envSeen } = make();
    assert.equal(renderer.render("{{ get_pipe_result('t')['subject'] }}", ctx), injection.subject);
    assert.equal(renderer.render("{{ get_pipe_result('t', 'fetched_tickets')[0].subject }}", ctx), injection.subject);
    assert.equal(renderer.render("{{ ticket.subject }}", ctx), injection.subject);
    assert.deepEqual(envSeen, []);
  });

  it("a ticket body with a runaway loop is returned verbatim, quickly", () => {
    const { renderer, ctx } = make();
    const started = Date.now();
    assert.equal(renderer.render("{{ get_pipe_result('t')['body'] }}", ctx), injection.body);
    assert.equal(renderer.render("{{ ticket.body }}", ctx), injection.body);
    assert.ok(Date.now() - started < 2000);
  });

  it("inside text templates the ticket text is inserted verbatim", () => {
    const { renderer, ctx, envSeen } = make();
    const out = renderer.render(
      "Subject: {{ get_pipe_result('t')['subject'] }}\nBody: {{ ticket.body }}\n{% for t in get_pipe_result('t', 'fetched_tickets') %}{{ t.subject }}{% endfor %}",
      ctx,
    );
    assert.equal(out, `Subject: ${injection.subject}\nBody: ${injection.body}\n${injection.subject}`);
    assert.ok(!(out as string).includes(SECRET));
    assert.deepEqual(envSeen, []);
  });

  it("renderValue does not render what a template returned", () => {
    const { renderer, ctx, envSeen } = make();
    const out = renderer.renderValue(
      {
        note: { subject: "Re: {{ ticket.subject }}", body: "{{ get_pipe_result('t') }}" },
        tickets: "{{ get_pipe_result('t', 'fetched_tickets') }}",
      },
      ctx,
    ) as { note: { subject: string; body: Record<string, unknown> }; tickets: { subject: string }[] };
    assert.equal(out.note.subject, `Re: ${injection.subject}`);
    assert.deepEqual(out.note.body, injection);
    assert.equal(out.tickets[0]?.subject, injection.subject);
    assert.ok(!JSON.stringify(out).includes(SECRET));
    assert.deepEqual(envSeen, []);
  });

  it("ticket text that looks like a number or a list stays a string", () => {
    const { renderer, ctx } = make();
    assert.equal(renderer.render("{{ get_pipe_result('t')['looksNumeric'] }}", ctx), "1310");
    assert.equal(renderer.render("{{ get_pipe_result('t')['looksList'] }}", ctx), "[1, 2]");
  });

  it("ticket text with delimiters can be filtered and compared as plain text", () => {
    const { renderer, ctx } = make();
    assert.equal(renderer.render("{{ ticket.subject|length }}", ctx), injection.subject.length);
    assert.equal(renderer.render("{{ 'get_env' in ticket.subject }}", ctx), true);
    assert.equal(renderer.render("{{ ticket.subject|upper }}", ctx), injection.subject.toUpperCase());
  });
});

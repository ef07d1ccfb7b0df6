import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePrometheusText, sampleValue } from "./prometheus-text.ts";

const VALID = `# HELP http_requests_total Requests, with a \\\\ and a\\nsecond line.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400",} 3
# A plain comment.

# TYPE latency histogram
latency_bucket{le="0.1"} 2
latency_bucket{le="1"} 5
latency_bucket{le="+Inf"} 6
latency_sum 4.5e0
latency_count 6
# TYPE rpc summary
rpc{quantile="0.5"} 0.25
rpc_sum 17
rpc_count 40
msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
odd{x="1"} Nan
neg -Inf
`;

describe("parsePrometheusText", () => {
  it("reads samples with their family, type, labels (escapes undone), values and timestamps", () => {
    const samples = parsePrometheusText(VALID);
    assert.equal(samples.length, 13);
    assert.deepEqual(samples[0], {
      name: "http_requests_total",
      family: "http_requests_total",
      labels: { method: "post", code: "200" },
      value: 1027,
      type: "counter",
      timestamp: 1395066363000,
    });
    assert.deepEqual(samples[1]?.labels, { method: "post", code: "400" }, "a trailing comma is allowed");
    assert.deepEqual(
      samples.filter((s) => s.family === "latency").map((s) => [s.name, s.type, s.value]),
      [
        ["latency_bucket", "histogram", 2],
        ["latency_bucket", "histogram", 5],
        ["latency_bucket", "histogram", 6],
        ["latency_sum", "histogram", 4.5],
        ["latency_count", "histogram", 6],
      ],
    );
    assert.equal(samples.find((s) => s.name === "rpc")?.type, "summary");
    assert.equal(samples.find((s) => s.name === "rpc_count")?.family, "rpc");
    const msdos = samples.find((s) => s.name === "msdos_file_access_time_seconds");
    assert.deepEqual(msdos?.labels, { path: "C:\\DIR\\FILE.TXT", error: 'Cannot find file:\n"FILE.TXT"' });
    assert.equal(msdos?.type, "untyped");
    assert.ok(Number.isNaN(sampleValue(samples, "odd")));
    assert.equal(sampleValue(samples, "neg"), Number.NEGATIVE_INFINITY);
    assert.equal(sampleValue(samples, "latency_bucket", { le: "+Inf" }), 6);
  });

  it("rejects what a scraper would", () => {
    const cases: [string, string, RegExp][] = [
      ["no final line feed", "a 1", /end with a line feed/],
      ["bad metric name", "1a 1\n", /invalid metric name/],
      ["bad label name", 'a{1x="y"} 1\n', /invalid label name/],
      ["unquoted label value", "a{x=y} 1\n", /quoted value/],
      ["unterminated label value", 'a{x="y} 1\n', /unterminated/],
      ["bad escape", 'a{x="\\t"} 1\n', /invalid escape/],
      ["label twice", 'a{x="1",x="2"} 1\n', /twice/],
      ["missing value", "a\n", /whitespace before the value/],
      ["bad value", "a 1,5\n", /invalid value/],
      ["bad timestamp", "a 1 soon\n", /invalid timestamp/],
      ["extra field", "a 1 2 3\n", /too many fields/],
      ["unknown type", "# TYPE a meter\n", /unknown type/],
      ["second TYPE", "# TYPE a gauge\n# TYPE a gauge\n", /second TYPE/],
      ["TYPE after samples", "a 1\n# TYPE a gauge\n", /after its samples/],
      ["duplicate series", 'a{x="1"} 1\na{x="1"} 2\n', /duplicate series/],
      ["split family", 'a 1\nb 1\na{x="2"} 1\n', /more than one group/],
      ["bucket without le", "# TYPE h histogram\nh_bucket 1\nh_sum 1\nh_count 1\n", /without le/],
      ["no +Inf bucket", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n', /no \+Inf/],
      [
        "not cumulative",
        '# TYPE h histogram\nh_bucket{le="1"} 3\nh_bucket{le="2"} 2\nh_bucket{le="+Inf"} 3\nh_sum 1\nh_count 3\n',
        /not cumulative/,
      ],
      ["+Inf differs from count", '# TYPE h histogram\nh_bucket{le="+Inf"} 3\nh_sum 1\nh_count 4\n', /differs/],
      ["no sum", '# TYPE h histogram\nh_bucket{le="+Inf"} 3\nh_count 3\n', /_sum is missing/],
    ];
    for (const [what, text, error] of cases) {
      assert.throws(() => parsePrometheusText(text), error, what);
    }
  });

  it("sampleValue refuses an ambiguous match", () => {
    const samples = parsePrometheusText('a{x="1"} 1\na{x="2"} 2\n');
    assert.equal(sampleValue(samples, "a", { x: "2" }), 2);
    assert.equal(sampleValue(samples, "a", { x: "3" }), undefined);
    assert.throws(() => sampleValue(samples, "a"), /2 samples of a match/);
  });
});

/**
 * @module server/prometheus-text
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: it checks what a
 * scraper would choke on (names, label syntax and escapes, values, one TYPE per family and before its
 * samples, families in one group, no duplicate series) and that histograms are whole (`le` on every
 * bucket, cumulative counts, a `+Inf` bucket equal to `_count`, a `_sum`).
 */

export type PrometheusType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

/** One sample line. */
export interface PrometheusSample {
  /** The sample's own name (`otai_confidence_bucket`). */
  name: string;
  /** The family it belongs to, as named by its TYPE line (`otai_confidence`); the name when untyped. */
  family: string;
  labels: Record<string, string>;
  value: number;
  type: PrometheusType;
  timestamp?: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<string>(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Record<string, readonly string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["_sum", "_count"],
};

/**
 * Parses exposition text into samples, throwing an `Error` naming the line on anything malformed.
 *
 * @example
 * const samples = parsePrometheusText('# TYPE otai_tickets_total counter\notai_tickets_total{outcome="processed"} 3\n');
 * // [{ name: "otai_tickets_total", family: "otai_tickets_total", labels: { outcome: "processed" }, value: 3, type: "counter" }]
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const types = new Map<string, PrometheusType>();
  const helps = new Set<string>();
  const seenSeries = new Set<string>();
  const closedFamilies = new Set<string>();
  const samples: PrometheusSample[] = [];
  let currentFamily: string | undefined;
  const lines = text.split("\n");
  if (text.length > 0 && lines.at(-1) !== "") throw new Error("the text must end with a line feed");

  const enterFamily = (family: string, lineNo: number) => {
    if (family === currentFamily) return;
    if (closedFamilies.has(family)) throw new Error(`line ${lineNo}: ${family} is split into more than one group`);
    if (currentFamily !== undefined) closedFamilies.add(currentFamily);
    currentFamily = family;
  };

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!match) return; // an ordinary comment
      const [, keyword, name = "", rest = ""] = match;
      if (!METRIC_NAME.test(name)) throw new Error(`line ${lineNo}: invalid metric name ${JSON.stringify(name)}`);
      if (keyword === "HELP") {
        if (helps.has(name)) throw new Error(`line ${lineNo}: a second HELP for ${name}`);
        helps.add(name);
        unescapeHelp(rest, lineNo);
        return;
      }
      const type = rest.trim();
      if (!TYPES.has(type)) throw new Error(`line ${lineNo}: unknown type ${JSON.stringify(type)} for ${name}`);
      if (types.has(name)) throw new Error(`line ${lineNo}: a second TYPE for ${name}`);
      if (samples.some((s) => s.family === name)) throw new Error(`line ${lineNo}: TYPE for ${name} after its samples`);
      types.set(name, type as PrometheusType);
      enterFamily(name, lineNo);
      return;
    }
    const sample = parseSample(line, lineNo, types);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
    if (seenSeries.has(key)) throw new Error(`line ${lineNo}: duplicate series ${sample.name}`);
    seenSeries.add(key);
    enterFamily(sample.family, lineNo);
    samples.push(sample);
  });
  checkHistograms(samples);
  return samples;
}

/**
 * The value of the one sample with this name whose labels include `labels`; undefined when there is
 * none, an error when several match.
 *
 * @example
 * sampleValue(parsePrometheusText(body), "otai_tickets_total", { outcome: "processed" }); // 3
 */
export function sampleValue(
  samples: readonly PrometheusSample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

function familyOf(name: string, types: ReadonlyMap<string, PrometheusType>): [string, PrometheusType] {
  const own = types.get(name);
  if (own !== undefined) return [name, own];
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const type = types.get(base);
    if (type !== undefined && SUFFIXES[type]?.includes(suffix)) return [base, type];
  }
  return [name, "untyped"];
}

function parseSample(line: string, lineNo: number, types: ReadonlyMap<string, PrometheusType>): PrometheusSample {
  function fail(why: string): never {
    throw new Error(`line ${lineNo}: ${why}: ${JSON.stringify(line)}`);
  }
  const nameMatch = /^[^\s{]+/.exec(line);
  const name = nameMatch?.[0] ?? "";
  if (!METRIC_NAME.test(name)) fail("invalid metric name");
  let pos = name.length;
  const labels: Record<string, string> = {};
  if (line[pos] === "{") {
    pos += 1;
    for (;;) {
      if (line[pos] === "}") {
        pos += 1;
        break;
      }
      const labelMatch = /^[^=]*/.exec(line.slice(pos));
      const labelName = labelMatch?.[0] ?? "";
      if (!LABEL_NAME.test(labelName)) fail(`invalid label name ${JSON.stringify(labelName)}`);
      if (Object.hasOwn(labels, labelName)) fail(`label ${labelName} twice`);
      pos += labelName.length;
      if (line[pos] !== "=" || line[pos + 1] !== '"') fail(`label ${labelName} without a quoted value`);
      pos += 2;
      let value = "";
      for (;;) {
        const ch = line[pos];
        if (ch === undefined) fail("unterminated label value");
        if (ch === '"') break;
        if (ch === "\\") {
          const next = line[pos + 1];
          if (next === "\\") value += "\\";
          else if (next === '"') value += '"';
          else if (next === "n") value += "\n";
          else fail(`invalid escape \\${next ?? ""} in a label value`);
          pos += 2;
        } else {
          value += ch;
          pos += 1;
        }
      }
      pos += 1;
      labels[labelName] = value;
      if (line[pos] === ",") pos += 1;
      else if (line[pos] !== "}") fail("expected , or } after a label");
    }
  }
  const rest = line.slice(pos);
  if (!/^[ \t]/.test(rest)) fail("expected whitespace before the value");
  const fields = rest.trim().split(/[ \t]+/);
  if (fields.length > 2) fail("too many fields");
  const value = parseValue(fields[0] ?? "", fail);
  const [family, type] = familyOf(name, types);
  const sample: PrometheusSample = { name, family, labels, value, type };
  if (fields[1] !== undefined) {
    if (!/^-?\d+$/.test(fields[1])) fail("invalid timestamp");
    sample.timestamp = Number(fields[1]);
  }
  if (type === "histogram" && name.endsWith("_bucket") && labels.le === undefined) fail("a bucket without le");
  return sample;
}

function parseValue(text: string, fail: (why: string) => never): number {
  // Prometheus reads values with Go's ParseFloat, which takes these words in any case (prom-client writes "Nan").
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail(`invalid value ${JSON.stringify(text)}`);
  return Number(text);
}

function unescapeHelp(text: string, lineNo: number): string {
  return text.replace(/\\(.?)/g, (_, next: string) => {
    if (next === "\\") return "\\";
    if (next === "n") return "\n";
    throw new Error(`line ${lineNo}: invalid escape \\${next} in HELP`);
  });
}

/** Every histogram series: cumulative buckets ending in +Inf, which equals _count, and a _sum. */
function checkHistograms(samples: readonly PrometheusSample[]): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number; sum?: number; family: string }>();
  for (const s of samples) {
    if (s.type !== "histogram") continue;
    const { le, ...rest } = s.labels;
    const key = `${s.family}${JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
    let entry = series.get(key);
    if (!entry) {
      entry = { buckets: [], family: s.family };
      series.set(key, entry);
    }
    if (s.name.endsWith("_bucket")) entry.buckets.push([parseValue(le ?? "", badLe(s.family)), s.value]);
    else if (s.name.endsWith("_count")) entry.count = s.value;
    else if (s.name.endsWith("_sum")) entry.sum = s.value;
  }
  for (const { buckets, count, sum, family } of series.values()) {
    const sorted = [...buckets].sort(([a], [b]) => a - b);
    sorted.forEach(([, value], i) => {
      const previous = sorted[i - 1];
      if (previous && value < previous[1]) throw new Error(`${family}: bucket counts are not cumulative`);
    });
    const last = sorted.at(-1);
    if (!last || last[0] !== Number.POSITIVE_INFINITY) throw new Error(`${family}: no +Inf bucket`);
    if (count === undefined || sum === undefined) throw new Error(`${family}: _count or _sum is missing`);
    if (last[1] !== count) throw new Error(`${family}: the +Inf bucket (${last[1]}) differs from _count (${count})`);
  }
}

function badLe(family: string): (why: string) => never {
  return (why) => {
    throw new Error(`${family}: le ${why}`);
  };
}

/** One series of a Prometheus text exposition: `name{label="value",…} 42`. */
export interface PrometheusSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SERIES_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The series of a GET /metrics answer, comments and help lines left out. */
export function parsePrometheusText(text: string): PrometheusSeries[] {
  const series: PrometheusSeries[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = SERIES_LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(LABEL)) labels[name] = value.replace(/\\(.)/g, '$1');
    series.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return series;
}

/** The series named so whose labels include the given ones. */
export function seriesMatching(series: readonly PrometheusSeries[], name: string, labels: Record<string, string> = {}): PrometheusSeries[] {
  return series.filter((one) => one.name === name && Object.entries(labels).every(([label, value]) => one.labels[label] === value));
}

/** The sum of the matching series' values, or undefined when none matches. */
export function metricValue(series: readonly PrometheusSeries[], name: string, labels: Record<string, string> = {}): number | undefined {
  const matching = seriesMatching(series, name, labels);
  return matching.length === 0 ? undefined : matching.reduce((sum, one) => sum + one.value, 0);
}

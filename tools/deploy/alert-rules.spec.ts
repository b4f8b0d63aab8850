// The alert rules must load in Prometheus and every alert must be proven by a promtool unit test
// (deploy/prometheus/alerts.test.yml) to fire on its condition and to stay quiet without it, so
// that an alert added without a test, or a test that no longer matches its rule, fails here.
// promtool is Debian's `prometheus` package; bin/test installs it where missing.
import { execFileSync } from 'node:child_process';
import { readYaml, repositoryPath } from './deploy-files';

const RULES = 'deploy/prometheus/alerts.yml';
const RULE_TESTS = 'deploy/prometheus/alerts.test.yml';
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

interface RuleTestFile {
  rule_files: string[];
  tests: { name?: string; alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

function promtool(...args: string[]): string {
  try {
    return execFileSync(PROMTOOL, args, { cwd: repositoryPath('deploy/prometheus'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { code?: string; stdout?: string; stderr?: string; message: string };
    if (failure.code === 'ENOENT') throw new Error(`${PROMTOOL} is not installed (Debian/Ubuntu: apt-get install prometheus; bin/test installs it)`, { cause: error });
    throw new Error(`promtool ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`, { cause: error });
  }
}

describe('the alert rules', () => {
  const alerts = readYaml<RuleFile>(RULES).groups.flatMap((group) => group.rules.flatMap((rule) => (rule.alert ? [rule.alert] : [])));
  const checks = readYaml<RuleTestFile>(RULE_TESTS).tests.flatMap((test) => test.alert_rule_test ?? []);

  it('load in Prometheus', () => {
    // when promtool checks the rule file
    const output = promtool('check', 'rules', 'alerts.yml');
    // then it finds every alert and no error
    expect(output).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('pass their promtool unit tests', () => {
    // when promtool evaluates the rules over the tests' series
    const output = promtool('test', 'rules', 'alerts.test.yml');
    // then every expectation holds
    expect(output).toContain('SUCCESS');
    expect(readYaml<RuleTestFile>(RULE_TESTS).rule_files).toEqual(['alerts.yml']);
  });

  it('each have a test where they fire and one where they stay quiet', () => {
    // given the alerts of the rule file (more than the eight that came before issue 13)
    expect(alerts.length).toBeGreaterThanOrEqual(12);
    // then each is expected to fire at some instant and expected silent at another
    const firing = new Set(checks.filter((check) => (check.exp_alerts ?? []).length > 0).map((check) => check.alertname));
    const silent = new Set(checks.filter((check) => (check.exp_alerts ?? []).length === 0).map((check) => check.alertname));
    expect(alerts.filter((alert) => !firing.has(alert))).toEqual([]);
    expect(alerts.filter((alert) => !silent.has(alert))).toEqual([]);
    // and no test names an alert the rules no longer have
    expect(checks.map((check) => check.alertname).filter((name) => !alerts.includes(name))).toEqual([]);
  });
});

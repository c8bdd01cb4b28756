// `--explain RULE` and `--list-rules`: the rule catalogue from the terminal, without a scan.
import { CHECKERS } from '../checkers';
import { allRules } from '../engine/scan';
import type { RuleMeta } from '../engine/rule';
import { didYouMean } from '../engine/rule-ids';
import { VERSION } from '../action/version';
import { checkerOfRule, ruleDocsUrl } from '../report/common';
import { rulesDocsUrl } from '../report/docs-url';
import { EXIT_CLEAN, EXIT_USAGE, type CliIo, type RulesQuestion } from './run';

/** A rule as `--list-rules --format json` and `--explain --format json` print it. */
export interface RuleInfo {
  id: string;
  checker: string;
  severity: string;
  /** False for rules that report nothing until the config gives them a level. */
  enabledByDefault: boolean;
  title: string;
  help: string;
  docs?: string;
  example?: RuleMeta['example'];
}

export function answerRulesQuestion(question: RulesQuestion, io: CliIo): number {
  const rules = allRules(CHECKERS);
  const docsBaseUrl = rulesDocsUrl(io.env, VERSION);
  const info = (rule: RuleMeta): RuleInfo => {
    const docs = ruleDocsUrl(rule.id, docsBaseUrl);
    return {
      id: rule.id,
      checker: checkerOfRule(rule.id),
      severity: rule.severity,
      enabledByDefault: !rule.defaultOff,
      title: rule.title,
      help: rule.help.trim(),
      ...(docs && { docs }),
      ...(rule.example && { example: rule.example }),
    };
  };
  const json = question.format === 'json';
  if (question.kind === 'list-rules') {
    const list = [...rules].sort((a, b) => a.id.localeCompare(b.id)).map(info);
    if (json)
      io.stdout(
        `${JSON.stringify(
          list.map(({ example: _e, help: _h, ...rest }) => rest),
          null,
          2,
        )}\n`,
      );
    else io.stdout(ruleTable(list));
    return EXIT_CLEAN;
  }
  const rule = rules.find((r) => r.id === question.ruleId || r.aliases?.includes(question.ruleId));
  if (!rule) {
    const ids = rules.map((r) => r.id);
    io.stderr(
      `deploy-lint: --explain: there is no rule ${question.ruleId}.${didYouMean(question.ruleId, ids)} deploy-lint --list-rules lists them all.\n`,
    );
    return EXIT_USAGE;
  }
  io.stdout(json ? `${JSON.stringify(info(rule), null, 2)}\n` : explanation(info(rule)));
  return EXIT_CLEAN;
}

function ruleTable(list: readonly RuleInfo[]): string {
  const idWidth = Math.max(...list.map((r) => r.id.length));
  const lines = list.map(
    (r) =>
      `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${(r.enabledByDefault ? 'on' : 'off').padEnd(3)}  ${r.title}`,
  );
  const header = `${'rule'.padEnd(idWidth)}  severity  on?  title`;
  return `${[header, ...lines].join('\n')}\n\n${list.length} rules. deploy-lint --explain RULE prints one in full.\n`;
}

function explanation(rule: RuleInfo): string {
  const indent = (code: string) =>
    code
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => (line ? `    ${line}` : ''))
      .join('\n');
  const parts = [
    `${rule.id} (${rule.severity}${rule.enabledByDefault ? '' : ', off by default'})`,
    rule.title,
    '',
    rule.help,
  ];
  if (rule.example) {
    if (rule.example.config) parts.push('', 'With this .deploy-lint.yml:', '', indent(rule.example.config));
    for (const [file, text] of Object.entries(rule.example.files ?? {})) {
      parts.push('', `Beside ${file}:`, '', indent(text));
    }
    parts.push('', `Fails (${rule.example.file}):`, '', indent(rule.example.bad));
    parts.push('', 'Fixed:', '', indent(rule.example.good));
  }
  if (rule.docs) parts.push('', `Docs: ${rule.docs}`);
  return `${parts.join('\n')}\n`;
}

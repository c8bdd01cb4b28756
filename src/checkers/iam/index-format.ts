/** The shape of data/actions-index.json, shared by its generator and the loader. */

/** Bumped when the shape changes, so a stale index is noticed. */
export const INDEX_FORMAT = 2;

/** Access levels as one letter each; an action can have two ("Permissions management, Write"). */
export const ACCESS_LEVEL_CODES: Record<string, string> = {
  Read: 'R',
  List: 'L',
  Write: 'W',
  Tagging: 'T',
  'Permissions management': 'P',
};

/**
 * One service as stored: three flat strings, so loading the index parses no per-action objects;
 * a service is decoded (into a ServiceEntry) the first time a policy names it.
 *   a: `Action ACCESS i,j;...` (i, j index the resource types in r's order)
 *   r: `type\tARN template\n...`
 *   c: `key\ttype\n...`
 */
export interface StoredService {
  a: string;
  r: string;
  c: string;
}

export interface ServiceEntry {
  /** Action name (AWS's casing) -> [access level codes, ...resource type names]; no types = only `*`. */
  a: Record<string, string[]>;
  /** Resource type name -> ARN template (`arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}`). */
  r: Record<string, string>;
  /** Service condition key -> its type (String, ARN, Bool, Numeric, Date, IPAddress, ArrayOfString...). */
  c: Record<string, string>;
}

export interface IamIndexData {
  format: number;
  source: string;
  version: string;
  /** Day the data was last updated (YYYY-MM-DD): unknown actions may be newer than this. */
  dataDate: string;
  globalConditionKeys: Record<string, string>;
  services: Record<string, StoredService>;
}

export function encodeService(entry: ServiceEntry): StoredService {
  const types = Object.keys(entry.r);
  const a = Object.entries(entry.a)
    .map(
      ([name, [access, ...resourceTypes]]) =>
        `${name} ${access} ${resourceTypes.map((t) => types.indexOf(t)).join(',')}`,
    )
    .join(';');
  const r = Object.entries(entry.r)
    .map(([type, arn]) => `${type}\t${arn}`)
    .join('\n');
  const c = Object.entries(entry.c)
    .map(([key, type]) => `${key}\t${type}`)
    .join('\n');
  return { a, r, c };
}

export function decodeService(stored: StoredService): ServiceEntry {
  const r: Record<string, string> = {};
  const types: string[] = [];
  for (const line of stored.r ? stored.r.split('\n') : []) {
    const tab = line.indexOf('\t');
    types.push(line.slice(0, tab));
    r[line.slice(0, tab)] = line.slice(tab + 1);
  }
  const a: Record<string, string[]> = {};
  for (const item of stored.a ? stored.a.split(';') : []) {
    const [name, access, indexes] = item.split(' ');
    a[name] = [access, ...(indexes ? indexes.split(',').map((i) => types[Number(i)]) : [])];
  }
  const c: Record<string, string> = {};
  for (const line of stored.c ? stored.c.split('\n') : []) {
    const tab = line.indexOf('\t');
    c[line.slice(0, tab)] = line.slice(tab + 1);
  }
  return { a, r, c };
}

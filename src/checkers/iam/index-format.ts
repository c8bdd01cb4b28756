/** The shape of data/actions-index.json, shared by its generator and the loader. */

/** Bumped when the shape changes, so a stale index is noticed. */
export const INDEX_FORMAT = 1;

/** Access levels as one letter each; an action can have two ("Permissions management, Write"). */
export const ACCESS_LEVEL_CODES: Record<string, string> = {
  Read: 'R',
  List: 'L',
  Write: 'W',
  Tagging: 'T',
  'Permissions management': 'P',
};

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
  services: Record<string, ServiceEntry>;
}

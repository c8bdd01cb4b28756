import { describe, expect, it } from 'vitest';
import { s3BackendUnencrypted } from '../../../../src/checkers/terraform/rules/s3-backend-unencrypted';
import { applySuggestion, findingsOf } from '../helpers';

const example = s3BackendUnencrypted.example!;

describe('terraform/s3-backend-unencrypted', () => {
  it('fires on the example at the backend line, saying kms_key_id is not enough, with a suggestion', async () => {
    const findings = await findingsOf(s3BackendUnencrypted.id, { [example.file]: example.bad });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [
        4,
        'S3 backend for bucket `acme-terraform-state` does not set `encrypt = true`: `kms_key_id` alone does not turn encryption on.',
      ],
    ]);
    const fixed = applySuggestion(example.bad, findings[0].suggestion!);
    expect(fixed.split('\n')[4]).toBe('    encrypt = true');
    expect(await findingsOf(s3BackendUnencrypted.id, { 'main.tf': fixed })).toEqual([]);
  });

  it('is quiet on the fixed example', async () => {
    expect(await findingsOf(s3BackendUnencrypted.id, { [example.file]: example.good })).toEqual([]);
  });

  it('points at encrypt = false and suggests flipping it', async () => {
    const text = 'terraform {\n  backend "s3" {\n    bucket  = "b"\n    encrypt = false # for now\n  }\n}\n';
    const plain = text.replace(' # for now', '');
    const [withComment] = await findingsOf(s3BackendUnencrypted.id, { 'main.tf': text });
    expect(withComment).toMatchObject({ line: 4, column: 5 });
    expect(withComment.suggestion).toBeUndefined();
    const [finding] = await findingsOf(s3BackendUnencrypted.id, { 'main.tf': plain });
    expect(finding.suggestion).toEqual({ line: 4, endLine: 4, replacement: '    encrypt = true' });
  });

  it('reads JSON syntax too, and offers no HCL edit there', async () => {
    const json =
      '{\n  "terraform": {\n    "backend": {\n      "s3": {\n        "bucket": "b",\n        "encrypt": false\n      }\n    }\n  }\n}\n';
    const findings = await findingsOf(s3BackendUnencrypted.id, { 'main.tf.json': json });
    expect(findings.map((f) => [f.file, f.line, f.column, f.suggestion])).toEqual([
      ['main.tf.json', 6, 9, undefined],
    ]);
    const missing = json.replace(',\n        "encrypt": false', '');
    const [unset] = await findingsOf(s3BackendUnencrypted.id, { 'main.tf.json': missing });
    expect(unset).toMatchObject({ line: 4, suggestion: undefined });
  });

  it('offers no suggestion when settings share the opening line', async () => {
    const oneLine = 'terraform {\n  backend "s3" { bucket = "b" }\n}\n';
    const [cluttered] = await findingsOf(s3BackendUnencrypted.id, { 'main.tf': oneLine });
    expect(cluttered.suggestion).toBeUndefined();
  });

  it('is quiet for a partial configuration, gcs, and a computed encrypt', async () => {
    for (const text of [
      'terraform {\n  backend "s3" {}\n}\n',
      'terraform {\n  backend "gcs" {\n    bucket = "b"\n  }\n}\n',
      'terraform {\n  backend "s3" {\n    bucket = "b"\n    encrypt = var.encrypt\n  }\n}\n',
    ]) {
      expect(await findingsOf(s3BackendUnencrypted.id, { 'main.tf': text })).toEqual([]);
    }
  });

  it('judges a -backend-config file at its first line', async () => {
    const findings = await findingsOf(s3BackendUnencrypted.id, {
      'main.tf': 'terraform {\n  backend "s3" {\n    key = "k"\n  }\n}\n',
      'prod.s3.tfbackend': 'bucket = "prod-state"\n',
    });
    expect(findings.map((f) => [f.file, f.line, f.suggestion])).toEqual([
      ['prod.s3.tfbackend', 1, undefined],
    ]);
  });
});
